//! Telling the other desks which calendars changed, so that a sync with nothing new asks one
//! small calendar instead of every site's.
//!
//! The servers the field runs answer a sync-collection in a time that grows with the
//! calendar: Radicale reads the state of every event (about 0.1 ms each), so asking each
//! site's calendar at every sync would cost seconds on a year of a ten-site network. After
//! writing to a site's calendar, a desk rewrites its own mark of that calendar in
//! `permanences-changes/` (one small resource per calendar and desk: no two desks write the
//! same one); a sync asks that calendar only, then reads the calendars whose marks another
//! desk rewrote. A calendar client writes no mark: what a mediator changes from a phone is
//! read by the full check: at every sync while it is quick ([`FULL_CHECK_CHEAP`]), otherwise
//! every [`FULL_CHECK_EVERY`], and at « Synchroniser maintenant ».

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::account::Account;
use super::dav::{Dav, Put, Written};
use super::shared::desk_uid;
use crate::error::Result;
use crate::exchange::calendar::ics::{self, Ics};

/// The name of the changes calendar under the home.
pub(super) const CALENDAR: &str = "permanences-changes";

/// How often a sync reads every calendar anyway, for what calendar clients changed.
pub const FULL_CHECK_EVERY: chrono::Duration = chrono::Duration::minutes(10);

/// A full check that took less is made at every sync: a small network, or a server that
/// answers a sync-collection from its log of changes (Nextcloud's sabre/dav), shows what a
/// calendar client changed at the next sync.
pub const FULL_CHECK_CHEAP: std::time::Duration = std::time::Duration::from_millis(150);

/// The changes calendar of the network.
pub(super) fn calendar(home: &str) -> String {
    format!("{home}{CALENDAR}/")
}

/// The last segment of a collection's address (`permanences-<site uid>`).
pub(super) fn name_of(collection: &str) -> &str {
    collection
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
}

/// Notes that this desk is writing to `collection` (a site's calendar): its mark is rewritten
/// once the queue is sent. Noted before the write, so that a desk stopped in between still
/// rewrites it (its queued change is sent again too).
pub(super) fn note(conn: &Connection, collection: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO network_marks (calendar, pending) VALUES (?1, 1)
         ON CONFLICT (calendar) DO UPDATE SET pending = 1",
    )?
    .execute([collection])?;
    Ok(())
}

/// How far this desk has written to `calendar`: its mark's sequence (one more each time the
/// desk's writes there are all sent, [`send`]) and whether a write is under way or unsent
/// (the mark noted before each write, [`note`]). `None`: never written to.
pub(super) fn written(conn: &Connection, calendar: &str) -> Result<Option<(i64, bool)>> {
    Ok(conn
        .query_row(
            "SELECT sequence, pending FROM network_marks WHERE calendar = ?1",
            [calendar],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A mark: a journal entry that says which calendar a desk wrote to, and which time.
fn mark_ics(collection: &str, desk: &str, sequence: i64, now: DateTime<Utc>) -> String {
    let mut out = Ics::with_capacity(1);
    super::shared::begin(&mut out);
    out.raw("BEGIN", "VJOURNAL");
    out.raw("UID", &format!("{}.{desk}", name_of(collection)));
    out.raw("DTSTAMP", &ics::utc(now));
    out.raw("SEQUENCE", &sequence.to_string());
    out.text(
        "SUMMARY",
        "Permanences : changements envoyés par un poste (ne pas modifier)",
    );
    out.raw("CLASS", "PRIVATE");
    out.raw("END", "VJOURNAL");
    out.raw("END", "VCALENDAR");
    out.finish()
}

/// Rewrites the marks of the calendars this desk wrote to since its last ones; returns those
/// calendars.
pub(super) fn send(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let due: Vec<(String, i64)> = conn
        .prepare("SELECT calendar, sequence FROM network_marks WHERE pending = 1")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let desk = desk_uid(conn)?;
    let changes = calendar(&account.home);
    for (collection, sequence) in &due {
        let href = format!("{changes}{}.{desk}.ics", name_of(collection));
        let ics = mark_ics(collection, &desk, sequence + 1, now);
        // Ours when the server holds this sequence of the mark (marks are only this desk's).
        let sequence_line = format!("SEQUENCE:{}", sequence + 1);
        let ours = |text: &str| text.lines().any(|l| l.trim_end() == sequence_line);
        let mut written = dav.put_checked(&href, &ics, Put::Any, ours)?;
        if written == Written::NoCollection {
            // The network's first mark: its calendar is made (by whichever desk comes first).
            make(dav, &account.home)?;
            written = dav.put_checked(&href, &ics, Put::Any, ours)?;
        }
        match written {
            Written::Done { .. } => {
                conn.execute(
                    "UPDATE network_marks SET pending = 0, sequence = ?2 WHERE calendar = ?1",
                    params![collection, sequence + 1],
                )?;
            }
            Written::Precondition | Written::NoCollection | Written::Unsure(_) => {
                return Err(super::url::missing(&changes))
            }
        }
    }
    Ok(due.into_iter().map(|(calendar, _)| calendar).collect())
}

/// Makes the changes calendar (one already there is fine). It holds journal entries, which
/// the calendar views of phones and Thunderbird do not show.
pub(super) fn make(dav: &Dav, home: &str) -> Result<()> {
    dav.make_calendar_of(
        &calendar(home),
        "Permanences – suivi technique des changements (ne pas modifier)",
        "VJOURNAL",
    )
}

/// What the changes calendar says since the desk last read it.
pub(super) enum Since {
    /// Nothing to read but these calendars (their addresses), then keep the new token.
    Calendars(Vec<String>, String),
    /// Every calendar must be read: never read yet, the token refused, or a calendar this
    /// desk does not know (a site another desk began to share).
    Everything,
}

/// Reads the changes calendar from the desk's token: which calendars other desks wrote to.
pub(super) fn since(conn: &Connection, account: &Account, dav: &Dav) -> Result<Since> {
    let token: Option<String> =
        conn.query_row("SELECT changes_token FROM network_account", [], |r| {
            r.get(0)
        })?;
    let Some(token) = token else {
        return Ok(Since::Everything);
    };
    let Some(changes) = dav.changes(&calendar(&account.home), Some(&token))? else {
        return Ok(Since::Everything);
    };
    let mine = format!(".{}.ics", desk_uid(conn)?);
    // Matched by name: the addresses stored are spelled as the server wrote them.
    let shared: Vec<String> = conn
        .prepare("SELECT calendar FROM network_sites")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut calendars: Vec<String> = Vec::new();
    for item in &changes.changed {
        let name = name_of(&item.href);
        if name.ends_with(&mine) {
            continue;
        }
        // `permanences-<site uid>.<desk uid>.ics`: the site's calendar, by its name.
        let Some((collection, _desk)) = name.trim_end_matches(".ics").rsplit_once('.') else {
            continue;
        };
        let Some(address) = shared.iter().find(|c| name_of(c) == collection) else {
            return Ok(Since::Everything);
        };
        if !calendars.contains(address) {
            calendars.push(address.clone());
        }
    }
    Ok(Since::Calendars(calendars, changes.token))
}

/// The changes calendar's current token, read before a full check reads every calendar (a
/// mark rewritten meanwhile is then read again at the next sync: nothing is missed). Makes
/// the calendar if the network has none yet.
pub(super) fn token_now(account: &Account, dav: &Dav) -> Result<String> {
    let changes = calendar(&account.home);
    if let Ok(Some(c)) = dav.changes(&changes, None) {
        return Ok(c.token);
    }
    make(dav, &account.home)?;
    dav.changes(&changes, None)?
        .map(|c| c.token)
        .ok_or_else(|| super::url::missing(&changes))
}
