//! The places of the slots, claimed on the server so that no two desks give the same one.
//!
//! A place is a resource named after the permanence, the slot's start and the place number,
//! created with `If-None-Match: *`: the server gives it to one desk only (412 for the
//! second). The places of one site's month are a calendar of their own,
//! `permanences-places-<site uid>-<YYYY-MM>/`, made by the first desk that claims one: the
//! servers the field runs check every resource of a calendar before creating a new one
//! (Radicale and Xandikos both grow by about 0.15 ms per resource already there), so a
//! claim costs what a month of one site holds, not what the whole network ever booked.
//! The desk that shares a site as its own deletes the site's places calendars once their
//! month is older than its appointment retention period ([`forget_old`]).

use chrono::{DateTime, Months, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::dav::{Dav, Put, Written};
use super::shared::{self, Kind, Stored};
use crate::error::Result;

/// The start of the places calendars' names (the calendar of a site's month follows).
pub(super) const PREFIX: &str = "permanences-places";

/// The address of the place an appointment holds.
pub(super) fn held(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT href FROM network_claims WHERE appointment_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The name of place `n` of the slot of `permanence_uid` starting at `start` (stored UTC).
pub(super) fn place_name(permanence_uid: &str, start: &str, n: i64) -> String {
    let compact: String = start.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("{permanence_uid}-{compact}-{n}.ics")
}

/// The calendar of the places of a site's slots in the month of `start` (stored UTC, so
/// that every desk names the same one).
pub(super) fn calendar(home: &str, site_uid: &str, start: &str) -> String {
    let month = start.get(..7).unwrap_or("0000-00");
    format!("{home}{PREFIX}-{site_uid}-{month}/")
}

/// Where a place's resource is, as an appointment's data carries it: its address under the
/// home (`permanences-places-…/name.ics`). Data written before places had a calendar per
/// site and month carries the name alone, in `permanences-places/`.
pub(super) fn address(home: &str, place: &str) -> String {
    if place.contains('/') {
        format!("{home}{place}")
    } else {
        format!("{home}{PREFIX}/{place}")
    }
}

/// The inverse of [`address`]: what an appointment's data carries for the place at `href`.
pub(super) fn under_home<'a>(home: &str, href: &'a str) -> &'a str {
    href.strip_prefix(home).unwrap_or(href)
}

/// Claims a free place of the slot on the server: place 1, 2… up to the capacity, each
/// created only if absent. `None`: every place is taken.
pub(super) fn claim(
    conn: &Connection,
    dav: &Dav,
    home: &str,
    appointment: i64,
    permanence_uid: &str,
    capacity: i64,
    a: &Stored,
) -> Result<Option<String>> {
    let (uid, site_uid) = crate::store::db::write(conn, |tx| {
        Ok((
            shared::uid_of(tx, Kind::Appointment, appointment)?,
            shared::uid_of(tx, Kind::Site, a.site_id)?,
        ))
    })?;
    let calendar = calendar(home, &site_uid, &a.start);
    let ours = |text: &str| claims(text, &uid);
    for n in 1..=capacity.max(1) {
        let name = place_name(permanence_uid, &a.start, n);
        let href = format!("{calendar}{name}");
        let ics = shared::place_ics(&name, &uid, &a.start, &a.end);
        // An ambiguous answer is read back (`put_checked`): the place is this desk's only if
        // the server holds this appointment's claim.
        let mut written = dav.put_checked(&href, &ics, Put::Create, ours)?;
        if written == Written::NoCollection {
            // The first place of this site's month: its calendar is made (by whichever desk
            // comes first; one already there is fine), then the place is claimed in it, once.
            make(conn, dav, &calendar, a)?;
            written = dav.put_checked(&href, &ics, Put::Create, ours)?;
        }
        match written {
            Written::Done { etag } => {
                record(conn, appointment, &href, etag.as_deref())?;
                return Ok(Some(href));
            }
            // Taken: by another desk, or by this one in an earlier attempt whose answer never
            // came (a timeout after sending). The place is read back: it is this desk's only
            // if the server holds this appointment's claim.
            Written::Precondition => {
                if let Some(item) = dav.get(&href)? {
                    if item.data.as_deref().is_some_and(ours) {
                        record(conn, appointment, &href, item.etag.as_deref())?;
                        return Ok(Some(href));
                    }
                }
            }
            Written::NoCollection => return Err(super::url::missing(&calendar)),
            Written::Unsure(reason) => return Err(crate::error::Error::Network(reason)),
        }
    }
    Ok(None)
}

/// Makes the calendar of the places of a site's month, named for people.
fn make(conn: &Connection, dav: &Dav, calendar: &str, a: &Stored) -> Result<()> {
    dav.make_calendar(calendar, &calendar_name(conn, a.site_id, &a.start)?)
}

/// The name people see of the places calendar of `site_id`'s month of `start`.
pub(super) fn calendar_name(conn: &Connection, site_id: i64, start: &str) -> Result<String> {
    let site: String = conn.query_row("SELECT name FROM sites WHERE id = ?1", [site_id], |r| {
        r.get(0)
    })?;
    let month = start.get(..7).unwrap_or_default();
    Ok(format!("Permanences – places réservées, {site}, {month}"))
}

/// Notes that `appointment` holds the place at `href`.
pub(super) fn record(
    conn: &Connection,
    appointment: i64,
    href: &str,
    etag: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO network_claims (appointment_id, href, etag) VALUES (?1, ?2, ?3)
         ON CONFLICT (appointment_id) DO UPDATE SET href = excluded.href, etag = excluded.etag",
        params![appointment, href, etag],
    )?;
    Ok(())
}

/// Whether a place's text holds the claim of the appointment `uid`.
fn claims(text: &str, uid: &str) -> bool {
    text.lines()
        .filter_map(|l| l.trim_end().strip_prefix("X-PERMANENCES-APPOINTMENT:"))
        .any(|v| v == uid)
}

/// Frees the place an appointment holds (if any).
pub(super) fn release(conn: &Connection, dav: &Dav, appointment: i64) -> Result<()> {
    if let Some(href) = held(conn, appointment)? {
        dav.delete(&href, None)?;
        conn.execute(
            "DELETE FROM network_claims WHERE appointment_id = ?1",
            [appointment],
        )?;
    }
    Ok(())
}

/// The appointment retention period's start, counted back from `now` (`None` when it would
/// fall before the calendar's start). Read here, not through `privacy::retention` (a layer
/// above sharing): the one setting, written only by that area.
pub(super) fn retention_cutoff(
    conn: &Connection,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let months: u32 = conn.query_row(
        "SELECT appointment_months FROM retention WHERE id = 1",
        [],
        |r| r.get(0),
    )?;
    Ok(now.checked_sub_months(Months::new(months)))
}

/// Deletes the places calendars (among `collections`, the home's listing) of this desk's own
/// sites whose month ended before the appointment retention period (the appointments they
/// held are purged by then), and forgets the claims they held. Returns how many were deleted.
pub(super) fn forget_old(
    conn: &Connection,
    dav: &Dav,
    collections: &[super::dav::Collection],
    now: DateTime<Utc>,
) -> Result<usize> {
    let Some(cutoff) = retention_cutoff(conn, now)? else {
        return Ok(0);
    };
    // A month is old when it ended before the cutoff: before the cutoff's own month.
    let cutoff = crate::clock::utc_text(cutoff);
    let cutoff = cutoff.get(..7).unwrap_or_default();
    let own: Vec<String> = conn
        .prepare(
            "SELECT u.uid FROM network_sites n
             JOIN network_uids u ON u.kind = 'site' AND u.local_id = n.site_id WHERE n.own = 1",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut deleted = 0;
    for c in collections {
        let name = super::marks::name_of(&c.href);
        let old = own.iter().any(|uid| {
            name.strip_prefix(PREFIX)
                .and_then(|n| n.strip_prefix('-'))
                .and_then(|n| n.strip_prefix(uid.as_str()))
                .and_then(|n| n.strip_prefix('-'))
                .is_some_and(|month| month.len() == 7 && month < cutoff)
        });
        if old {
            dav.delete(&c.href, None)?;
            conn.execute(
                "DELETE FROM network_claims WHERE substr(href, 1, length(?1)) = ?1",
                [&c.href],
            )?;
            deleted += 1;
        }
    }
    Ok(deleted)
}
