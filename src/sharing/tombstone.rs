//! What a deletion leaves on the server, so that the other desks follow it: a tombstone where
//! a deleted permanence or closure was, and the cancelled event of a permanence that opens on
//! no day to come. A resource that simply disappears was removed by a calendar client: the
//! desks do not follow that unasked ([`super::conflict`]).
//!
//! A tombstone does not stay for ever: the desk that wrote it deletes it from the server once
//! it is older than the appointment retention period ([`forget_old`]; the other desks read it
//! long ago, and one offline for longer finds the record gone at its full check, a conflict
//! it settles).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::shared::{self, Kind, PermanenceData};
use crate::clock;
use crate::error::Result;
use crate::exchange::calendar::ics::{self, Ics};

/// The resource of a permanence that opens on no day of the window (its site archived, its
/// end passed): a cancelled, transparent all-day event on the day it was written, still with
/// the data, so that the other desks follow (the site archived there too) rather than read a
/// removal, which would be a calendar client's.
pub(super) fn dormant_permanence_ics(data: &PermanenceData, now: DateTime<Utc>) -> Result<String> {
    let day = clock::today(now);
    let next = day.succ_opt().unwrap_or(day);
    let mut out = Ics::with_capacity(1);
    shared::begin(&mut out);
    out.raw("BEGIN", "VEVENT");
    out.raw("UID", &data.uid);
    out.raw("DTSTAMP", &ics::utc(now));
    out.raw("DTSTART;VALUE=DATE", &day.format("%Y%m%d").to_string());
    out.raw("DTEND;VALUE=DATE", &next.format("%Y%m%d").to_string());
    out.text("SUMMARY", "Permanence sans date à venir");
    out.raw("STATUS", "CANCELLED");
    out.raw("TRANSP", "TRANSPARENT");
    out.text("X-PERMANENCES-DATA", &shared::json(data)?);
    out.raw("END", "VEVENT");
    out.raw("END", "VCALENDAR");
    Ok(out.finish())
}

/// A tombstone's resource: a cancelled, transparent all-day event on the day of the deletion
/// (a calendar client shows it struck out), with the record's identity.
pub(super) fn tombstone_ics(kind: Kind, uid: &str, now: DateTime<Utc>) -> Result<String> {
    let day = clock::today(now);
    let next = day.succ_opt().unwrap_or(day);
    let what = match kind {
        Kind::Closure => "Fermeture supprimée",
        _ => "Permanence supprimée",
    };
    let data = shared::Tombstone {
        uid: uid.to_owned(),
        deleted: kind.code().to_owned(),
    };
    let mut out = Ics::with_capacity(1);
    shared::begin(&mut out);
    out.raw("BEGIN", "VEVENT");
    out.raw("UID", uid);
    out.raw("DTSTAMP", &ics::utc(now));
    out.raw("DTSTART;VALUE=DATE", &day.format("%Y%m%d").to_string());
    out.raw("DTEND;VALUE=DATE", &next.format("%Y%m%d").to_string());
    out.text("SUMMARY", what);
    out.raw("STATUS", "CANCELLED");
    out.raw("TRANSP", "TRANSPARENT");
    out.text("X-PERMANENCES-DATA", &shared::json(&data)?);
    out.raw("END", "VEVENT");
    out.raw("END", "VCALENDAR");
    Ok(out.finish())
}

/// Forgets what the desk knew of a deleted record on the server: its resource and its
/// network identity (a new record given the same local id gets a new one).
pub(super) fn forget(tx: &Connection, kind: Kind, id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM network_resources WHERE kind = ?1 AND local_id = ?2",
        params![kind, id],
    )?;
    tx.execute(
        "DELETE FROM network_uids WHERE kind = ?1 AND local_id = ?2",
        params![kind, id],
    )?;
    Ok(())
}

/// Notes that this desk wrote a tombstone at `href`, at `now`.
pub(super) fn written(tx: &Connection, href: &str, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO network_tombstones (href, written_at) VALUES (?1, ?2)
         ON CONFLICT (href) DO UPDATE SET written_at = excluded.written_at",
        params![href, clock::utc_text(now)],
    )?;
    Ok(())
}

/// Deletes from the server the tombstones this desk wrote before the appointment retention
/// period (as [`super::places::forget_old`] does for the places calendars), and forgets
/// them. Returns how many went. A network failure stops it: the rest goes at the next full
/// check.
pub(super) fn forget_old(
    conn: &Connection,
    dav: &super::dav::Dav,
    now: DateTime<Utc>,
) -> Result<usize> {
    let Some(cutoff) = super::places::retention_cutoff(conn, now)? else {
        return Ok(0);
    };
    let old: Vec<String> = conn
        .prepare("SELECT href FROM network_tombstones WHERE written_at < ?1 ORDER BY href")?
        .query_map([clock::utc_text(cutoff)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for href in &old {
        // Gone already (deleted by hand, or its calendar with it): as good.
        dav.delete(href, None)?;
        conn.execute("DELETE FROM network_tombstones WHERE href = ?1", [href])?;
    }
    Ok(old.len())
}
