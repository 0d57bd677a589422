//! Sharing sites, permanences and appointments with the other desks of a network through a
//! CalDAV server the association already runs (Radicale, Nextcloud, Xandikos…): no server of
//! our own.
//!
//! - [`dav`] is the program's one network client; [`account`] joins, tells the status, leaves.
//! - On the server, each shared site is a calendar (`permanences-<site uid>/`) holding its
//!   permanences (weekly events with their closures and holidays), its closures (all-day
//!   events) and its appointments (one event each, « Rendez-vous – CAF », the name only when
//!   the network shares names). Each event carries the record as JSON (`X-PERMANENCES-DATA`).
//! - A place is claimed by a resource named after the permanence, the slot's start and the
//!   place number, created with `If-None-Match: *`: the server gives it to one desk only, so a
//!   place is never given twice across desks ([`places`]: one calendar per site and month).
//! - [`sync`] sends the queued local changes (the triggers of migration 10 queue them), then
//!   receives the others' (RFC 6578 sync tokens): only the calendars whose [`marks`] other
//!   desks rewrote, and every calendar at the full check. Offline, the desk keeps working; its
//!   changes wait in the queue, and a booking whose place was taken meanwhile becomes a
//!   conflict to settle.
//! - A desk that joins with many records sends each of its sites' calendars whole the first
//!   time, where the server takes it (Radicale): [`upload`].

mod absences;
mod account;
mod claim;
mod conflict;
pub mod dav;
mod full;
mod marks;
mod places;
mod pull;
mod push;
mod received;
mod recur;
mod repeat;
mod secret;
mod shared;
mod tombstone;
mod upload;
mod url;
mod when;
mod write;
mod xml;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

pub use absences::{
    account_calendars, choose as choose_absences, chosen as absence_calendars, AccountCalendar,
    MediatorCalendar,
};
pub use account::{
    give_password, join, leave, status, test_connection, JoinRequest, SharingStatus,
};
pub use claim::{claimer, Claimer, WAIT};
pub use conflict::{
    conflicts, ended_conflicts, settle, Conflict, ConflictId, EndedConflict, Settle,
    ABSENCE_GONE as CONFLICT_ABSENCE_GONE, GONE as CONFLICT_GONE,
};
pub use marks::{FULL_CHECK_CHEAP, FULL_CHECK_EVERY};
pub use secret::SERVICE as KEYRING_SERVICE;

use crate::error::{Error, Result};
use marks::Since;

/// One sync or booking at a time talks to the server, per database file in this program: the
/// app's sync thread, a join's first sync and a booking would otherwise send the same queued
/// record twice (two places claimed for one appointment). Two desks' files stay independent.
static TALKING: std::sync::Mutex<Vec<(String, std::sync::Arc<std::sync::Mutex<()>>)>> =
    std::sync::Mutex::new(Vec::new());

fn talking(conn: &Connection) -> std::sync::Arc<std::sync::Mutex<()>> {
    let key = conn.path().unwrap_or_default().to_owned();
    let mut all = TALKING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, lock)) = all.iter().find(|(k, _)| *k == key) {
        return lock.clone();
    }
    let lock = std::sync::Arc::new(std::sync::Mutex::new(()));
    all.push((key, lock.clone()));
    lock
}

/// The same across programs (the app and `permanences sync` from cron on one file): an
/// exclusive lock on a file of the temporary folder named after the database's path, held
/// for the sync and released by the system if the program is killed. `None` for a database
/// in memory, or when the lock cannot be taken (the sync then goes on: the server's
/// conditional writes still keep places from being given twice).
fn across_programs(conn: &Connection) -> Option<std::fs::File> {
    let file = lock_file(conn)?;
    file.lock().ok()?;
    Some(file)
}

/// The file whose lock says that a program talks to the server for this database.
fn lock_file(conn: &Connection) -> Option<std::fs::File> {
    use std::hash::{Hash, Hasher};
    let path = conn.path().filter(|p| !p.is_empty())?;
    let mut hasher = std::hash::DefaultHasher::new();
    path.hash(&mut hasher);
    let name = format!("permanences-sync-{:016x}.lock", hasher.finish());
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(std::env::temp_dir().join(name))
        .ok()
}

/// Runs `talk` as the only one talking to the server for this database file: in this program
/// ([`TALKING`]) and across programs ([`across_programs`]).
fn alone<T>(conn: &Connection, talk: impl FnOnce() -> T) -> T {
    let lock = talking(conn);
    let _in_this_program = lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let _across_programs = across_programs(conn);
    talk()
}

/// Like [`alone`], for a caller that waits at most until `deadline` for the others talking
/// to the server: `None` when they still were then.
fn alone_until<T>(
    conn: &Connection,
    deadline: std::time::Instant,
    talk: impl FnOnce() -> T,
) -> Option<T> {
    let lock = talking(conn);
    let _in_this_program = loop {
        match lock.try_lock() {
            Ok(guard) => break guard,
            Err(std::sync::TryLockError::Poisoned(p)) => break p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {}
        }
        if std::time::Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let _across_programs = loop {
        match across_programs_now(conn) {
            Taken::Held(file) => break file,
            Taken::Free => break None,
            Taken::Busy if std::time::Instant::now() >= deadline => return None,
            Taken::Busy => std::thread::sleep(std::time::Duration::from_millis(10)),
        }
    };
    Some(talk())
}

/// What trying the lock across programs found.
enum Taken {
    /// Taken by this program now.
    Held(Option<std::fs::File>),
    /// No lock to take (a database in memory, a lock file that cannot be made).
    Free,
    /// Another program holds it.
    Busy,
}

fn across_programs_now(conn: &Connection) -> Taken {
    let Some(file) = lock_file(conn) else {
        return Taken::Free;
    };
    match file.try_lock() {
        Ok(()) => Taken::Held(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Taken::Busy,
        Err(std::fs::TryLockError::Error(_)) => Taken::Free,
    }
}

/// Marks the desk offline since `now` (unless it already was), with the reason.
fn offline(conn: &Connection, now: DateTime<Utc>, reason: &str) -> Result<()> {
    conn.execute(
        "UPDATE network_account SET offline_since = coalesce(offline_since, ?1), last_error = ?2",
        rusqlite::params![crate::clock::utc_text(now), reason],
    )?;
    Ok(())
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Local changes sent.
    pub sent: u32,
    /// Resources received from the server (new, changed or removed).
    pub received: u32,
    pub status: SharingStatus,
}

/// Sends the desk's changes, then receives the others': the calendars that other desks
/// wrote to since the last sync (their marks changed), or every calendar when the last full
/// check was quick ([`FULL_CHECK_CHEAP`]) or is [`FULL_CHECK_EVERY`] old (what calendar
/// clients changed is read then). Without a network joined, does nothing. When the server
/// cannot be reached, the desk is marked offline (its changes stay queued) and the French
/// reason is returned.
pub fn sync(conn: &Connection, now: DateTime<Utc>) -> Result<SyncReport> {
    run(conn, now, false)
}

/// A sync that reads every shared calendar (« Synchroniser maintenant », the first sync
/// after joining): what calendar clients changed arrives at once.
pub fn sync_all(conn: &Connection, now: DateTime<Utc>) -> Result<SyncReport> {
    run(conn, now, true)
}

/// Whether the next sync reads every calendar: the last full check was quick, or is old
/// enough (or in the future: the clock was set back).
fn full_check_due(conn: &Connection, now: DateTime<Utc>) -> Result<bool> {
    let (at, took): (Option<String>, Option<i64>) = conn.query_row(
        "SELECT checked_at, checked_ms FROM network_account",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let cheap = i64::try_from(FULL_CHECK_CHEAP.as_millis()).unwrap_or(i64::MAX);
    Ok(match at.as_deref().and_then(crate::clock::parse_utc) {
        Some(at) => at > now || now - at >= FULL_CHECK_EVERY || took.is_none_or(|ms| ms < cheap),
        None => true,
    })
}

fn run(conn: &Connection, now: DateTime<Utc>, everything: bool) -> Result<SyncReport> {
    let Some(acct) = account::account(conn)? else {
        return Ok(SyncReport {
            sent: 0,
            received: 0,
            status: status(conn)?,
        });
    };
    let dav = acct.dav();
    // Each step talks alone (one calendar at a time in a full check), so that a booking made
    // meanwhile waits for one calendar, not for the whole network.
    let outcome = (|| {
        let (first, known) = alone(conn, || {
            // A site's calendar written for the first time with many records (a join): sent
            // whole where the server takes it; what it did not take stays queued.
            let whole = upload::send(conn, &acct, &dav, now)?;
            let mut first = push::outbox(conn, &acct, &dav, now)?;
            first.records += whole.records;
            // A calendar written whole and found holding exactly that is not read back now:
            // on Radicale, the first read of thousands of new events costs seconds (it builds
            // its caches), for nothing new. It is read in full at the next full check, or
            // when another desk marks it (no token kept for it: read whole, nothing missed).
            first.calendars.retain(|c| !whole.known.contains(c));
            Ok::<_, Error>((first, whole.known))
        })?;
        let since = if everything || full_check_due(conn, now)? {
            Since::Everything
        } else {
            alone(conn, || marks::since(conn, &acct, &dav))?
        };
        let mut received = match since {
            Since::Calendars(mut calendars, token) => alone(conn, || {
                // The calendars other desks marked, and those this desk just wrote to.
                for written in first.calendars {
                    if !calendars.contains(&written) {
                        calendars.push(written);
                    }
                }
                let mut received = 0;
                for calendar in &calendars {
                    received += pull::by_address(conn, &acct, &dav, calendar, now)?;
                }
                conn.execute("UPDATE network_account SET changes_token = ?1", [&token])?;
                Ok::<_, Error>(received)
            })?,
            Since::Everything => {
                let started = std::time::Instant::now();
                // The marks' token first: a mark rewritten while the calendars are read is
                // read again at the next sync.
                let token = alone(conn, || marks::token_now(&acct, &dav))?;
                let mut calendars = alone(conn, || full::calendars(conn, &acct, &dav, now))?;
                calendars.retain(|(_, calendar, _)| !known.contains(calendar));
                let received = full::read_all(conn, &acct, &dav, &calendars, now)?;
                let took = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
                conn.execute(
                    "UPDATE network_account SET changes_token = ?1, checked_at = ?2, checked_ms = ?3",
                    rusqlite::params![token, crate::clock::utc_text(now), took],
                )?;
                received
            }
        };
        // The calendars chosen as mediators' absences: no desk marks them, so each is
        // asked what changed since its token.
        received += alone(conn, || absences::read_all(conn, &acct, &dav, now))?;
        // What receiving queued (a place to claim for an appointment moved from a calendar
        // client, a cancelled one's place to free) is sent too, and read back.
        let second = alone(conn, || {
            let second = push::outbox(conn, &acct, &dav, now)?;
            for calendar in &second.calendars {
                received += pull::by_address(conn, &acct, &dav, calendar, now)?;
            }
            Ok::<_, Error>(second)
        })?;
        Ok::<_, Error>((first.records + second.records, received))
    })();
    let at = crate::clock::utc_text(now);
    match outcome {
        Ok((sent, received)) => {
            conn.execute(
                "UPDATE network_account SET synced_at = ?1, offline_since = NULL, last_error = NULL",
                [&at],
            )?;
            Ok(SyncReport {
                sent: u32::try_from(sent).unwrap_or(u32::MAX),
                received: u32::try_from(received).unwrap_or(u32::MAX),
                status: status(conn)?,
            })
        }
        Err(e) => {
            offline(conn, now, &e.to_string())?;
            Err(e)
        }
    }
}

/// Whether the password of the network this desk joined is known for this session (from the
/// keyring, read once, or given): `false` when the front must ask for it
/// ([`give_password`]). Also `true` in no network.
pub fn password_known(conn: &Connection) -> Result<bool> {
    match account::account(conn) {
        Ok(_) => Ok(true),
        Err(Error::Validation {
            field: "password", ..
        }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Whether this desk is in a network (a local read).
pub fn joined(conn: &Connection) -> Result<bool> {
    Ok(account::names(conn)?.is_some())
}

/// Sends what this desk has queued (a booking's event, just after its place was claimed):
/// what `permanences book` and the app do once the booking is confirmed. Only the calendars
/// written to are read back. Offline, it stays queued for the next sync.
pub fn send(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let Some(acct) = account::account(conn)? else {
        return Ok(0);
    };
    let dav = acct.dav();
    alone(conn, || {
        let sent = push::outbox(conn, &acct, &dav, now)?;
        // The calendars just written to are read back at once (see `push::Sent`).
        for calendar in &sent.calendars {
            pull::by_address(conn, &acct, &dav, calendar, now)?;
        }
        Ok(sent.records)
    })
}
