//! The VEVENTs of a calendar: permanences as weekly rules, appointments as single events.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection};

use super::ics::{self, Ics};
use super::{CalendarRequest, CalendarScope, Window};
use crate::clock;
use crate::error::Result;
use crate::network::mediator;
use crate::network::site::SiteId;
use crate::network::vocab::{AppointmentStatus, Reason};
use crate::scheduling::slot::{Calendar, Rule};

const DOMAIN: &str = "permanences.local";
const DTSTART: &str = "DTSTART;TZID=Europe/Paris";
const DTEND: &str = "DTEND;TZID=Europe/Paris";

/// What the events of a site say about where they are.
struct Place {
    name: String,
    location: String,
    geo: Option<String>,
    phone: Option<String>,
}

/// Writes the whole document.
pub(super) fn write(
    conn: &Connection,
    request: &CalendarRequest,
    window: Window,
    now: DateTime<Utc>,
) -> Result<String> {
    let (site, mediator) = match request.scope {
        CalendarScope::Network => (None, None),
        CalendarScope::Site { site_id } => (Some(site_id), None),
        CalendarScope::Mediator { mediator_id } => (None, Some(mediator_id)),
    };
    let places = places(conn, site)?;
    let title = match request.scope {
        CalendarScope::Network => "Permanences numériques du réseau".to_owned(),
        CalendarScope::Site { site_id } => format!(
            "Permanences numériques – {}",
            places.get(&site_id).map_or("", |p| p.name.as_str())
        ),
        CalendarScope::Mediator { mediator_id } => format!(
            "Permanences numériques – {}",
            mediator::get(conn, mediator_id)?.name
        ),
    };
    let stamp = ics::utc(now);
    let mut out = Ics::with_capacity(64);
    out.raw("BEGIN", "VCALENDAR");
    out.raw("VERSION", "2.0");
    out.raw("PRODID", "-//Permanences//Permanences numériques//FR");
    out.raw("CALSCALE", "GREGORIAN");
    out.raw("METHOD", "PUBLISH");
    out.text("X-WR-CALNAME", &title);
    out.raw("X-WR-TIMEZONE", "Europe/Paris");
    out.vtimezone_paris();

    let mut calendar = Calendar::load(conn, site, window.from, window.to)?;
    if let Some(m) = mediator {
        let held = held_by(conn, m)?;
        calendar.rules.retain(|r| held.contains(&r.id.0));
    }
    let notes = permanence_notes(conn)?;
    for rule in &calendar.rules {
        if let Some(place) = places.get(&rule.site_id) {
            let note = notes.get(&rule.id.0).map(String::as_str);
            let uid = format!("permanence-{}@{DOMAIN}", rule.id.0);
            permanence(
                &mut out, &calendar, rule, window, place, note, &stamp, &uid, None,
            );
        }
    }
    if request.with_appointments {
        appointments(&mut out, conn, request, window, &places, &stamp)?;
    }
    out.raw("END", "VCALENDAR");
    Ok(out.finish())
}

/// The active sites in scope (one, or all), with their location text.
fn places(conn: &Connection, site: Option<SiteId>) -> Result<HashMap<SiteId, Place>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, street, address_complement, postcode, city, latitude, longitude, phone
         FROM sites WHERE archived_at IS NULL AND (?1 IS NULL OR id = ?1)",
    )?;
    let rows = stmt.query_map([site.map(|s| s.0)], |r| {
        let name: String = r.get(1)?;
        let street: String = r.get(2)?;
        let complement: Option<String> = r.get(3)?;
        let postcode: String = r.get(4)?;
        let city: String = r.get(5)?;
        let lat: Option<f64> = r.get(6)?;
        let lon: Option<f64> = r.get(7)?;
        let mut location = format!("{name}, {street}");
        if let Some(c) = complement {
            location.push_str(", ");
            location.push_str(&c);
        }
        location.push_str(&format!(", {postcode} {city}"));
        Ok((
            SiteId(r.get(0)?),
            Place {
                name,
                location,
                geo: lat.zip(lon).map(|(a, b)| format!("{a:.6};{b:.6}")),
                phone: r.get(8)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn held_by(conn: &Connection, m: mediator::MediatorId) -> Result<HashSet<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT permanence_id FROM permanence_mediators WHERE mediator_id = ?1")?;
    let ids = stmt.query_map([m.0], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

fn permanence_notes(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, notes FROM permanences WHERE notes IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One permanence alone in a calendar document, as the network's shared calendar holds it
/// (`crate::sharing`): its network `uid`, and `data` (the permanence and its site,
/// for the other desks) as an `X-PERMANENCES-DATA` property. `None` when it opens on no day
/// of the window.
pub(crate) fn one_permanence(
    conn: &Connection,
    id: crate::network::permanence::PermanenceId,
    uid: &str,
    data: &str,
    window: Window,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let site: i64 = conn.query_row(
        "SELECT site_id FROM permanences WHERE id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    let site = SiteId(site);
    let places = places(conn, Some(site))?;
    let Some(place) = places.get(&site) else {
        return Ok(None);
    };
    let calendar = Calendar::load(conn, Some(site), window.from, window.to)?;
    let Some(rule) = calendar.rules.iter().find(|r| r.id == id) else {
        return Ok(None);
    };
    let notes = permanence_notes(conn)?;
    let mut out = Ics::with_capacity(1);
    out.raw("BEGIN", "VCALENDAR");
    out.raw("VERSION", "2.0");
    out.raw("PRODID", "-//Permanences//Permanences numériques//FR");
    out.vtimezone_paris();
    let before = out.len();
    let note = notes.get(&id.0).map(String::as_str);
    let stamp = ics::utc(now);
    permanence(
        &mut out,
        &calendar,
        rule,
        window,
        place,
        note,
        &stamp,
        uid,
        Some(data),
    );
    if out.len() == before {
        return Ok(None);
    }
    out.raw("END", "VCALENDAR");
    Ok(Some(out.finish()))
}

/// One permanence as a weekly rule over its open days in the window; nothing when it opens
/// on none of them. The open days are those where the slot generator gives slots.
#[allow(clippy::too_many_arguments)]
fn permanence(
    out: &mut Ics,
    calendar: &Calendar,
    rule: &Rule,
    window: Window,
    place: &Place,
    note: Option<&str>,
    stamp: &str,
    uid: &str,
    data: Option<&str>,
) {
    let first = window.from.max(rule.valid_from);
    let last = rule.valid_until.map_or(window.to, |u| u.min(window.to));
    let Some(first_weekday) = first_on_weekday(first, rule.weekday) else {
        return;
    };
    let weeks = first_weekday.iter_weeks().take_while(|d| *d <= last);
    let days: Vec<(NaiveDate, bool)> = weeks.map(|d| (d, calendar.rule_opens(rule, d))).collect();
    let Some(start) = days.iter().position(|(_, open)| *open) else {
        return;
    };
    let Some(end) = days.iter().rposition(|(_, open)| *open) else {
        return;
    };
    let days = &days[start..=end];
    let (first_open, last_open) = (days[0].0, days[days.len() - 1].0);
    let until = clock::local_instant(
        last_open,
        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default(),
    )
    .unwrap_or_else(|| last_open.and_time(NaiveTime::MIN).and_utc());

    out.raw("BEGIN", "VEVENT");
    out.raw("UID", uid);
    out.raw("DTSTAMP", stamp);
    out.raw(DTSTART, &ics::local(first_open.and_time(rule.start)));
    out.raw(DTEND, &ics::local(first_open.and_time(rule.end)));
    out.raw("RRULE", &format!("FREQ=WEEKLY;UNTIL={}", ics::utc(until)));
    let closed: Vec<String> = days
        .iter()
        .filter(|(_, open)| !open)
        .map(|(d, _)| ics::local(d.and_time(rule.start)))
        .collect();
    if !closed.is_empty() {
        out.raw("EXDATE;TZID=Europe/Paris", &closed.join(","));
    }
    out.text("SUMMARY", &format!("Permanence numérique – {}", place.name));
    out.text("LOCATION", &place.location);
    if let Some(geo) = &place.geo {
        out.raw("GEO", geo);
    }
    let mut description = capitalised(rule.kind.label());
    description.push('.');
    if let Some(n) = note {
        description.push('\n');
        description.push_str(n);
    }
    if let Some(p) = &place.phone {
        description.push_str("\nTéléphone du lieu : ");
        description.push_str(p);
    }
    out.text("DESCRIPTION", &description);
    out.texts(
        "CATEGORIES",
        &["Permanence numérique", &capitalised(rule.kind.label())],
    );
    // A public help desk does not make a subscriber busy.
    out.raw("TRANSP", "TRANSPARENT");
    if let Some(data) = data {
        out.text("X-PERMANENCES-DATA", data);
    }
    out.raw("END", "VEVENT");
}

fn first_on_weekday(from: NaiveDate, weekday: u32) -> Option<NaiveDate> {
    let ahead = (7 + weekday - from.weekday().number_from_monday()) % 7;
    from.checked_add_days(Days::new(u64::from(ahead)))
}

fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The appointments of the scope starting in the window, in time order.
fn appointments(
    out: &mut Ics,
    conn: &Connection,
    request: &CalendarRequest,
    window: Window,
    places: &HashMap<SiteId, Place>,
    stamp: &str,
) -> Result<()> {
    let (filter, id) = match request.scope {
        CalendarScope::Network => ("?1 IS NULL", None),
        CalendarScope::Site { site_id } => ("site_id = ?1", Some(site_id.0)),
        CalendarScope::Mediator { mediator_id } => (
            "permanence_id IN (SELECT permanence_id FROM permanence_mediators WHERE mediator_id = ?1)",
            Some(mediator_id.0),
        ),
    };
    let (from, to) = clock::day_bounds(window.from, window.to);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, site_id, start_at, end_at, resident_name, resident_phone, reason, status
         FROM appointments WHERE {filter} AND start_at >= ?2 AND start_at < ?3
         ORDER BY start_at, id"
    ))?;
    let mut rows = stmt.query(params![id, clock::utc_text(from), clock::utc_text(to)])?;
    let mut summary = String::new();
    while let Some(r) = rows.next()? {
        let Some(place) = places.get(&SiteId(r.get(1)?)) else {
            continue;
        };
        let start: String = r.get(2)?;
        let end: String = r.get(3)?;
        let (Some(start), Some(end)) = (paris(&start), paris(&end)) else {
            continue;
        };
        let reason: Option<Reason> = r.get(6)?;
        let status: AppointmentStatus = r.get(7)?;
        out.raw("BEGIN", "VEVENT");
        out.raw(
            "UID",
            &format!("appointment-{}@{DOMAIN}", r.get::<_, i64>(0)?),
        );
        out.raw("DTSTAMP", stamp);
        out.raw(DTSTART, &start);
        out.raw(DTEND, &end);
        summary.clear();
        summary.push_str("Rendez-vous");
        if request.with_names {
            if let Some(name) = r.get::<_, Option<String>>(4)? {
                summary.push_str(" – ");
                summary.push_str(&name);
            }
        }
        if let Some(reason) = reason {
            summary.push_str(" – ");
            summary.push_str(reason.label());
        }
        out.text("SUMMARY", &summary);
        out.text("LOCATION", &place.location);
        if request.with_names {
            if let Some(phone) = r.get::<_, Option<String>>(5)? {
                out.text("DESCRIPTION", &format!("Téléphone : {phone}"));
            }
        }
        out.texts("CATEGORIES", &["Rendez-vous"]);
        let cancelled = matches!(
            status,
            AppointmentStatus::Excused | AppointmentStatus::Revoked
        );
        out.raw("STATUS", if cancelled { "CANCELLED" } else { "CONFIRMED" });
        out.raw("END", "VEVENT");
    }
    Ok(())
}

/// A stored UTC instant ('2027-03-30T12:00:00Z') as Paris wall-clock time in iCalendar form.
fn paris(stored: &str) -> Option<String> {
    let local = clock::parse_utc(stored)?
        .with_timezone(&Paris)
        .naive_local();
    // Written by hand: this runs once per appointment (a million in the benchmark).
    Some(format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second()
    ))
}
