//! A site's calendar sent whole the first time, where the server takes it (Radicale, see
//! [`super::dav::Dav::put_calendar`]): a desk that joins with a year of appointments would
//! otherwise write two resources per appointment, one request each, and Radicale checks
//! every resource of a calendar before it stores a new one.
//!
//! For each of this desk's own sites whose calendar it never wrote to, with at least
//! [`AT_LEAST`] records queued:
//!
//! 1. the calendar must be empty on the server (its ETag read with the listing);
//! 2. each month's places calendar is created whole with the places the appointments hold,
//!    given in the order of the queue (place 1, 2… up to the capacity, as one claim at a time
//!    would give them on a new calendar), only if absent (`If-None-Match: *`): a calendar
//!    that another desk made meanwhile refuses it, and those places are claimed one at a time;
//! 3. the site's calendar is then written whole, only if still empty (`If-Match` with its
//!    ETag), with its permanences, closures and the appointments whose place is held.
//!
//! What the server holds is read back after each document; only resources found there under
//! the names the desks use are recorded as sent. Everything else (a refusal, an ambiguous
//! answer, an appointment beyond its slot's capacity) stays queued and goes one resource at a
//! time, the usual way ([`super::push::outbox`]), which reads back what may already be there.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::account::Account;
use super::dav::{Dav, Put, Whole};
use super::push::{self, Resource};
use super::shared::{self, stored, Kind, Stored};
use super::write::{calendar_name, known, remember};
use super::{marks, places};
use crate::error::Result;
use crate::exchange::calendar::ics::Ics;
use crate::store::db;

/// Below this many queued records, a calendar goes one resource at a time: that costs about
/// as much as the three requests of a whole document and the two reads back.
pub(super) const AT_LEAST: usize = 20;

/// The largest document sent whole (bytes); a larger calendar goes one resource at a time.
const MAX_DOCUMENT: usize = 16 << 20;

/// A record in the queue.
#[derive(Debug, Clone, Copy)]
struct Queued {
    seq: i64,
    kind: Kind,
    id: i64,
}

/// A place given in a new places calendar.
struct Claim {
    appointment: i64,
    href: String,
    ics: String,
    start: String,
}

/// What [`send`] did.
#[derive(Debug, Default)]
pub(super) struct Uploaded {
    /// How many records were sent.
    pub records: usize,
    /// The site calendars written whole that hold exactly what this desk recorded sending:
    /// nothing there is new to it, so the sync does not read them back now (see
    /// [`super::sync`]).
    pub known: Vec<String>,
}

/// Sends whole the calendars that qualify (see the module); the rest stays queued.
pub(super) fn send(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    now: DateTime<Utc>,
) -> Result<Uploaded> {
    let calendars = candidates(conn)?;
    let mut uploaded = Uploaded::default();
    if calendars.is_empty() || !dav.takes_whole_calendars(&account.home)? {
        return Ok(uploaded);
    }
    for (calendar, site_id, records) in calendars {
        let (sent, exact) = site(conn, account, dav, &calendar, site_id, &records, now)?;
        uploaded.records += sent;
        if exact {
            uploaded.known.push(calendar);
        }
    }
    Ok(uploaded)
}

/// The own sites' calendars this desk never wrote to, with their queued records not yet on
/// the server, when they are at least [`AT_LEAST`].
fn candidates(conn: &Connection) -> Result<Vec<(String, i64, Vec<Queued>)>> {
    let rows: Vec<(Queued, i64, String)> = conn
        .prepare(
            "SELECT o.seq, o.kind, o.local_id, n.site_id, n.calendar
             FROM network_outbox o
             LEFT JOIN permanences p ON o.kind = 'permanence' AND p.id = o.local_id
             LEFT JOIN closures c ON o.kind = 'closure' AND c.id = o.local_id
             LEFT JOIN appointments a ON o.kind = 'appointment' AND a.id = o.local_id
             JOIN network_sites n
               ON n.site_id = coalesce(p.site_id, c.site_id, a.site_id) AND n.own = 1
             ORDER BY o.seq",
        )?
        .query_map([], |r| {
            Ok((
                Queued {
                    seq: r.get(0)?,
                    kind: r.get(1)?,
                    id: r.get(2)?,
                },
                r.get(3)?,
                r.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_calendar: BTreeMap<String, (i64, Vec<Queued>)> = BTreeMap::new();
    for (q, site_id, calendar) in rows {
        if known(conn, q.kind, q.id)?.is_none() {
            by_calendar
                .entry(calendar)
                .or_insert_with(|| (site_id, Vec::new()))
                .1
                .push(q);
        }
    }
    let mut out = Vec::new();
    for (calendar, (site_id, records)) in by_calendar {
        if records.len() >= AT_LEAST && marks::written(conn, &calendar)?.is_none() {
            out.push((calendar, site_id, records));
        }
    }
    Ok(out)
}

/// One site's calendar, and its places calendars first: how many records were sent, and
/// whether the site's calendar, read back, holds exactly what was recorded sent.
fn site(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    calendar: &str,
    site_id: i64,
    records: &[Queued],
    now: DateTime<Utc>,
) -> Result<(usize, bool)> {
    let Some(empty) = dav.empty_calendar(calendar)? else {
        return Ok((0, false));
    };
    let mut events: Vec<(Queued, String, String)> = Vec::new();
    let mut appointments: Vec<(Queued, Stored, Option<String>, Option<String>)> = Vec::new();
    let mut claims: BTreeMap<String, Vec<Claim>> = BTreeMap::new();
    let mut given: HashMap<(String, String), i64> = HashMap::new();
    for &q in records {
        match q.kind {
            Kind::Permanence | Kind::Closure => {
                let resource = if q.kind == Kind::Permanence {
                    push::permanence_resource(conn, q.id, now)?
                } else {
                    push::closure_resource(conn, q.id, now)?
                };
                if let Resource::Write { href, ics } = resource {
                    events.push((q, href, ics));
                }
            }
            Kind::Appointment => {
                let Some(a) = stored(conn, q.id)? else {
                    continue;
                };
                if places::held(conn, q.id)?.is_some() {
                    continue;
                }
                let permanence_uid = push::permanence_uid_of(conn, &a)?;
                let place = match &permanence_uid {
                    Some(p_uid) if push::takes_place(&a) => {
                        let capacity = push::capacity_of(conn, &a)?;
                        let n = given.entry((p_uid.clone(), a.start.clone())).or_insert(0);
                        *n += 1;
                        if *n > capacity.max(1) {
                            // Beyond its slot's capacity: one claim at a time, then a conflict.
                            continue;
                        }
                        let (uid, site_uid) = db::write(conn, |tx| {
                            Ok((
                                shared::uid_of(tx, Kind::Appointment, q.id)?,
                                shared::uid_of(tx, Kind::Site, a.site_id)?,
                            ))
                        })?;
                        let month = places::calendar(&account.home, &site_uid, &a.start);
                        let name = places::place_name(p_uid, &a.start, *n);
                        let href = format!("{month}{name}");
                        claims.entry(month).or_default().push(Claim {
                            appointment: q.id,
                            href: href.clone(),
                            ics: shared::place_ics(&name, &uid, &a.start, &a.end),
                            start: a.start.clone(),
                        });
                        Some(href)
                    }
                    _ => None,
                };
                appointments.push((q, a, permanence_uid, place));
            }
            Kind::Site => {}
        }
    }

    // The places, each month's calendar new.
    let mut held: HashSet<i64> = HashSet::new();
    for (month, list) in &claims {
        let Some(first) = list.first() else {
            continue;
        };
        let name = places::calendar_name(conn, site_id, &first.start)?;
        let texts: Vec<(&str, &str)> = list
            .iter()
            .map(|c| (c.href.as_str(), c.ics.as_str()))
            .collect();
        let Some((doc, _)) = document(&name, &texts) else {
            continue;
        };
        if dav.put_calendar(month, &doc, Put::Create)? != Whole::Stored {
            continue;
        }
        let there = listed(dav, month)?;
        db::write(conn, |tx| {
            for c in list {
                if let Some(etag) = there.get(&c.href) {
                    places::record(tx, c.appointment, &c.href, etag.as_deref())?;
                    held.insert(c.appointment);
                }
            }
            Ok(())
        })?;
    }

    // The site's calendar, still empty.
    for (q, a, permanence_uid, place) in appointments {
        if place.is_some() && !held.contains(&q.id) {
            continue;
        }
        if let Some((href, ics)) =
            push::appointment_event(conn, account, q.id, &a, permanence_uid, place, now)?
        {
            events.push((q, href, ics));
        }
    }
    let texts: Vec<(&str, &str)> = events
        .iter()
        .map(|(_, href, ics)| (href.as_str(), ics.as_str()))
        .collect();
    let Some((doc, taken)) = document(&calendar_name(conn, calendar)?, &texts) else {
        return Ok((0, false));
    };
    marks::note(conn, calendar)?;
    if dav.put_calendar(calendar, &doc, Put::Replace(&empty))? != Whole::Stored {
        return Ok((0, false));
    }
    let there = listed(dav, calendar)?;
    let sent = db::write(conn, |tx| {
        let mut sent = 0;
        for (i, (q, href, _)) in events.iter().enumerate() {
            let Some(etag) = there.get(href).filter(|_| taken.contains(&i)) else {
                continue;
            };
            remember(tx, href, q.kind, q.id, etag.as_deref())?;
            if q.kind == Kind::Appointment {
                push::sent_appointment(tx, q.id, now)?;
            }
            tx.execute("DELETE FROM network_outbox WHERE seq = ?1", [q.seq])?;
            sent += 1;
        }
        Ok(sent)
    })?;
    // Nothing there but what was sent and recorded (no one wrote to it meanwhile).
    Ok((sent, sent == there.len()))
}

/// The resources a collection holds now, by address, with their ETags.
fn listed(dav: &Dav, collection: &str) -> Result<HashMap<String, Option<String>>> {
    Ok(dav
        .list(collection)?
        .into_iter()
        .map(|i| (i.href, i.etag))
        .collect())
}

/// One document of the resources `(address, text)` whose UID gives their address's name (the
/// server names each resource after its UID), under the calendar's `name`; also the indexes
/// of the resources it holds. `None` when it holds none, or is too large to be sent whole.
///
/// A resource with a time zone (a weekly permanence, in Paris time across the changes of
/// hour) is left out, to go one at a time: Radicale splits a whole calendar into resources
/// without their `VTIMEZONE`, and rebuilds one for each from its rules, about 17 ms each
/// (Radicale 3.9; a resource sent alone keeps its own). Appointments and places are in UTC.
fn document(name: &str, resources: &[(&str, &str)]) -> Option<(String, HashSet<usize>)> {
    let mut head = Ics::with_capacity(0);
    shared::begin(&mut head);
    head.text("X-WR-CALNAME", name);
    let mut out = head.finish();
    let mut taken = HashSet::new();
    for (i, (href, text)) in resources.iter().enumerate() {
        let file = href.rsplit('/').next().unwrap_or_default();
        let named = uid(text).is_some_and(|u| file == u || file.strip_suffix(".ics") == Some(u));
        if named && !text.contains("BEGIN:VTIMEZONE") {
            components(text, &mut out);
            taken.insert(i);
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    (!taken.is_empty() && out.len() <= MAX_DOCUMENT).then_some((out, taken))
}

/// The UID of a resource's text (its first, unfolded `UID` line).
fn uid(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.trim_end_matches('\r').strip_prefix("UID:"))
}

/// Appends the components of one iCalendar document to `out`: what lies inside its
/// `VCALENDAR`.
fn components(text: &str, out: &mut String) {
    let mut depth = 0usize;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("BEGIN:") {
            depth += 1;
        }
        if depth >= 2 {
            out.push_str(line);
            out.push_str("\r\n");
        }
        if line.starts_with("END:") {
            depth = depth.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:aa\r\n\
        SUMMARY:Un\r\n long\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:aa\r\nRECURRENCE-ID:20261201T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const TWO: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n\
        UID:p-1.ics\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const ZONED: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\n\
        TZID:Europe/Paris\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:bb\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn a_document_holds_each_resource_inside_one_calendar() {
        let (doc, taken) = document(
            "Permanences – Centre",
            &[("http://h/c/aa.ics", ONE), ("http://h/c/p-1.ics", TWO)],
        )
        .unwrap();
        assert_eq!(taken, HashSet::from([0, 1]));
        assert!(doc.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(doc.contains("X-WR-CALNAME:Permanences – Centre\r\n"));
        assert_eq!(doc.matches("BEGIN:VEVENT").count(), 3);
        assert_eq!(doc.matches("BEGIN:VCALENDAR").count(), 1);
        assert_eq!(
            doc.matches("BEGIN:VALARM").count(),
            1,
            "nested components kept"
        );
        assert!(doc.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(doc.contains("SUMMARY:Un\r\n long\r\n"), "folded lines kept");
        // An independent parser reads every event back.
        let parsed: icalendar::Calendar = doc.parse().unwrap();
        assert_eq!(parsed.components.len(), 3);
    }

    #[test]
    fn a_resource_named_otherwise_or_with_a_time_zone_is_left_out() {
        let (doc, taken) = document(
            "x",
            &[
                ("http://h/c/other.ics", ONE),
                ("http://h/c/p-1.ics", TWO),
                ("http://h/c/bb.ics", ZONED),
            ],
        )
        .unwrap();
        assert_eq!(taken, HashSet::from([1]));
        assert!(!doc.contains("UID:aa") && !doc.contains("UID:bb"));
        assert!(document("x", &[("http://h/c/other.ics", ONE)]).is_none());
    }
}
