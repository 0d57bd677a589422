//! The events of calendar clients as scheduling keeps them (`scheduling::unavailable`, issue
//! 26): one row per occurrence; receiving and removing one tells which booked appointments
//! it newly overlaps and which no unavailability overlaps any more; a bad occurrence changes
//! nothing; and the daily purge deletes those that ended longer ago than the appointment
//! retention period (their summaries are personal data: « RDV médecin Mme X »).

use crate::common::desk::{self, desk, with_site};
use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::site::SiteId;
use permanences::privacy::{self, PurgeCause};
use permanences::scheduling::appointment::{AppointmentId, BookingInput};
use permanences::scheduling::unavailable::{self, Occurrence, Unavailability};
use rusqlite::Connection;

fn at(text: &str) -> DateTime<Utc> {
    permanences::clock::parse_utc(text).expect("a UTC instant")
}

fn event(site: i64, source: &str, spans: &[(&str, &str)], summary: &str) -> Unavailability {
    Unavailability {
        site_id: SiteId(site),
        source: source.into(),
        occurrences: spans
            .iter()
            .map(|(s, e)| Occurrence {
                start: at(s),
                end: at(e),
                summary: summary.into(),
            })
            .collect(),
        expanded: None,
    }
}

fn summaries(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT summary FROM unavailabilities ORDER BY start_at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn receiving_and_removing_tell_the_appointments_overlapped_and_freed() {
    let d = desk();
    let site = with_site(&d, 2);
    // 14:00 Paris on Tuesday 8 December: 13:00–13:30 UTC.
    let booked = desk::book(
        &d.conn,
        &BookingInput {
            site_id: SiteId(site),
            start: "2026-12-08T14:00".into(),
            ..BookingInput::default()
        },
        now(),
    )
    .unwrap()
    .id;
    let a = event(
        site,
        "cal/a.ics",
        &[("2026-12-08T13:00:00Z", "2026-12-08T14:00:00Z")],
        "A",
    );
    let got = unavailable::receive(&d.conn, &a).unwrap();
    assert_eq!(got.overlapped, [booked], "a new event over the booking");
    assert_eq!(
        unavailable::receive(&d.conn, &a).unwrap(),
        Default::default(),
        "read again unchanged: nothing to tell"
    );
    let b = event(
        site,
        "cal/b.ics",
        &[("2026-12-08T13:15:00Z", "2026-12-08T13:45:00Z")],
        "B",
    );
    assert_eq!(
        unavailable::receive(&d.conn, &b).unwrap().overlapped,
        [booked]
    );
    assert_eq!(
        unavailable::remove(&d.conn, "cal/a.ics").unwrap(),
        Vec::<AppointmentId>::new(),
        "B still overlaps it"
    );
    let moved = event(
        site,
        "cal/b.ics",
        &[("2026-12-08T15:00:00Z", "2026-12-08T15:30:00Z")],
        "B",
    );
    let got = unavailable::receive(&d.conn, &moved).unwrap();
    assert_eq!(
        got.freed,
        [booked],
        "B moved off: nothing overlaps it any more"
    );
    assert!(got.overlapped.is_empty());

    // An occurrence that ends before it starts: refused in French, nothing changed.
    let bad = event(
        site,
        "cal/b.ics",
        &[
            ("2026-12-15T13:00:00Z", "2026-12-15T14:00:00Z"),
            ("2026-12-22T14:00:00Z", "2026-12-22T13:00:00Z"),
        ],
        "B",
    );
    let refused = unavailable::receive(&d.conn, &bad).unwrap_err();
    assert!(
        refused.to_string().contains("finit avant de commencer"),
        "{refused}"
    );
    assert_eq!(summaries(&d.conn), ["B"], "unchanged");
}

#[test]
fn ended_unavailabilities_are_purged_after_the_appointment_retention_period() {
    let d = desk();
    let site = with_site(&d, 1);
    let months = privacy::settings(&d.conn).unwrap().appointment_months;
    assert_eq!(months, 3, "the default the dates below are written for");
    for u in [
        event(
            site,
            "cal/medecin.ics",
            &[("2026-12-08T13:00:00Z", "2026-12-08T14:00:00Z")],
            "RDV dentiste Mme Ybarra",
        ),
        event(
            site,
            "cal/formation.ics",
            &[("2027-02-09T13:00:00Z", "2027-02-09T14:00:00Z")],
            "Formation",
        ),
    ] {
        unavailable::receive(&d.conn, &u).unwrap();
    }
    let in_file = || {
        let needle = "RDV dentiste Mme Ybarra".as_bytes();
        let bytes = std::fs::read(&d.path).unwrap();
        let wal = std::fs::read(d.path.with_extension("sqlite3-wal")).unwrap_or_default();
        [bytes, wal]
            .iter()
            .any(|b| b.windows(needle.len()).any(|w| w == needle))
    };
    assert!(in_file(), "the title is in the file until the purge");
    // Three months after it ended, to the hour before: kept.
    privacy::purge(&d.conn, at("2027-03-08T13:59:00Z"), PurgeCause::Daily).unwrap();
    assert_eq!(summaries(&d.conn), ["RDV dentiste Mme Ybarra", "Formation"]);
    // Past it: the title goes, the later event stays.
    privacy::purge(&d.conn, at("2027-03-08T14:01:00Z"), PurgeCause::Daily).unwrap();
    assert_eq!(summaries(&d.conn), ["Formation"]);
    assert!(!in_file(), "the title is no longer in the database file");
}

/// A repeating event is kept over the window it was expanded on: read again with the window
/// a week later, the occurrences before the new window stay (the purge takes them), those in
/// it are replaced, and it is due again only once the window moves past the new end.
#[test]
fn a_repeating_event_follows_its_window() {
    let d = desk();
    let site = with_site(&d, 1);
    let weekly = |spans: &[(&str, &str)], from: &str, until: &str| Unavailability {
        expanded: Some((at(from), at(until))),
        ..event(site, "cal/hebdo.ics", spans, "Réunion")
    };
    let first = weekly(
        &[
            ("2026-11-03T14:30:00Z", "2026-11-03T15:00:00Z"),
            ("2026-11-10T14:30:00Z", "2026-11-10T15:00:00Z"),
        ],
        "2026-11-01T00:00:00Z",
        "2026-11-15T00:00:00Z",
    );
    unavailable::receive(&d.conn, &first).unwrap();
    assert_eq!(
        unavailable::expanded_before(&d.conn, "cal/", at("2026-11-16T00:00:00Z")).unwrap(),
        ["cal/hebdo.ics"],
        "due once the window has moved past its end"
    );
    let later = weekly(
        &[
            ("2026-11-10T14:30:00Z", "2026-11-10T15:00:00Z"),
            ("2026-11-17T14:30:00Z", "2026-11-17T15:00:00Z"),
        ],
        "2026-11-08T00:00:00Z",
        "2026-11-22T00:00:00Z",
    );
    unavailable::receive(&d.conn, &later).unwrap();
    let starts: Vec<String> = d
        .conn
        .prepare("SELECT start_at FROM unavailabilities ORDER BY start_at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        starts,
        [
            "2026-11-03T14:30:00Z",
            "2026-11-10T14:30:00Z",
            "2026-11-17T14:30:00Z"
        ],
        "the occurrence before the new window is kept, the new one added"
    );
    assert!(
        unavailable::expanded_before(&d.conn, "cal/", at("2026-11-16T00:00:00Z"))
            .unwrap()
            .is_empty(),
        "an old row does not make it due at every sync"
    );
}
