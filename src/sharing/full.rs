//! The full check: every shared calendar read (the first sync after joining, « Synchroniser
//! maintenant », and every ten minutes, [`super::FULL_CHECK_EVERY`]).
//!
//! Each calendar is asked for while the one before is applied: the server prepares its answer
//! (on Radicale, most of a new desk's join: `benches/caldav.rs`) while this desk writes the
//! previous one into its database, both at once. A calendar read ahead is applied only if
//! no one read it meanwhile (a booking sent meanwhile reads its calendar back and keeps a new
//! token) and this desk wrote nothing to it meanwhile (its read-back may have failed, leaving
//! the token as it was): otherwise it is asked for again, so that an older answer never
//! overwrites a newer one.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::account::Account;
use super::dav::{Changes, Dav};
use super::{marks, places, pull};
use crate::error::Result;

/// A shared calendar as a sync reads it: the site it is of (`None`: shared by another desk
/// and not known here yet), its address, and the token of its last read.
pub(super) type Known = (Option<i64>, String, Option<String>);

/// Every shared calendar, as the full check reads them: those of the sites known here, and
/// those other desks began to share, found under the home (not the places' calendars nor the
/// changes calendar).
///
/// The listing also tells which places calendars of this desk's own sites are older than its
/// appointment retention period: they are deleted ([`places::forget_old`]), as are the
/// tombstones this desk wrote before that period ([`super::tombstone::forget_old`]).
pub(super) fn calendars(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    now: DateTime<Utc>,
) -> Result<Vec<Known>> {
    let mut known: Vec<Known> = conn
        .prepare("SELECT site_id, calendar, sync_token FROM network_sites ORDER BY site_id")?
        .query_map([], |r| Ok((Some(r.get(0)?), r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let collections = dav.collections(&account.home)?;
    places::forget_old(conn, dav, &collections, now)?;
    super::tombstone::forget_old(conn, dav, now)?;
    for c in collections {
        let name = marks::name_of(&c.href);
        let ours = name.starts_with("permanences-")
            && !name.starts_with(places::PREFIX)
            && name != marks::CALENDAR;
        if c.calendar && ours && !known.iter().any(|(_, cal, _)| *cal == c.href) {
            known.push((None, c.href, None));
        }
    }
    Ok(known)
}

/// Brings every calendar of [`calendars`] up to date, each applied talking alone
/// ([`super::alone`]: a booking made meanwhile waits for one calendar), the next one asked
/// for meanwhile. Returns how many resources were applied.
pub(super) fn read_all(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    calendars: &[Known],
    now: DateTime<Utc>,
) -> Result<usize> {
    type Read = Result<Option<(Changes, bool)>>;
    std::thread::scope(|scope| -> Result<usize> {
        // What this desk had written to the calendar when it was asked for, beside the read.
        let ask = |(_, calendar, token): &Known| -> Result<_> {
            let written = marks::written(conn, calendar)?;
            let (calendar, token) = (calendar.clone(), token.clone());
            let read =
                scope.spawn(move || -> Read { pull::listing(dav, &calendar, token.as_deref()) });
            Ok((written, read))
        };
        let mut ahead = calendars.first().map(ask).transpose()?;
        let mut received = 0;
        for (i, (site, calendar, token)) in calendars.iter().enumerate() {
            let read = ahead.take().map(|(w, h)| (w, h.join()));
            ahead = calendars.get(i + 1).map(ask).transpose()?;
            received += super::alone(conn, || {
                let kept = kept_token(conn, calendar)?;
                let now_written = marks::written(conn, calendar)?;
                let read = match read {
                    // Nobody read the calendar since it was asked for, and this desk wrote
                    // nothing to it since (nor is writing): the answer is current.
                    Some((asked_written, Ok(Ok(read))))
                        if kept == *token
                            && asked_written == now_written
                            && !now_written.is_some_and(|(_, pending)| pending) =>
                    {
                        read
                    }
                    // Read back meanwhile, written to meanwhile (its read-back may have failed:
                    // the token unchanged), or the read failed: asked again, from now.
                    _ => pull::listing(dav, calendar, kept.as_deref())?,
                };
                pull::apply(conn, account, dav, *site, calendar, read, now)
            })?;
        }
        Ok(received)
    })
}

/// The sync token this desk keeps for `calendar` (`None`: never read, or not a site's).
fn kept_token(conn: &Connection, calendar: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT sync_token FROM network_sites WHERE calendar = ?1",
            [calendar],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}
