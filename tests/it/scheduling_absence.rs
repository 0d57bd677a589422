//! Mediators' absences as scheduling keeps them (`scheduling::absence`, issue 26): an event of
//! the calendar chosen for a mediator blocks the places of the permanences that mediator
//! staffs, at every site, unless the permanence has no mediator or another of its mediators
//! is there; the booking refuses them, the search skips them; receiving and removing tell
//! which appointments are newly blocked and which are freed; the purge deletes ended ones.

use crate::common::desk;
use crate::common::*;
use chrono::{DateTime, NaiveDate, Utc};
use permanences::network::mediator::{self, MediatorId, MediatorInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::SiteId;
use permanences::network::vocab::PermanenceKind;
use permanences::privacy::{self, PurgeCause};
use permanences::scheduling::absence::{self, Absence};
use permanences::scheduling::appointment::BookingInput;
use permanences::scheduling::slot::{self, SlotSearch};
use permanences::scheduling::unavailable::Occurrence;
use rusqlite::Connection;

fn at(text: &str) -> DateTime<Utc> {
    permanences::clock::parse_utc(text).expect("a UTC instant")
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn away(mediator: MediatorId, source: &str, spans: &[(&str, &str)]) -> Absence {
    Absence {
        mediator_id: mediator,
        source: source.into(),
        occurrences: spans
            .iter()
            .map(|(s, e)| Occurrence {
                start: at(s),
                end: at(e),
                summary: "RDV médecin".into(),
            })
            .collect(),
        expanded: None,
    }
}

/// Two sites; Nadia alone on Tuesdays at the first, Nadia and Paul on Thursdays at the
/// second, nobody named on Wednesdays at the first: 14:00–16:00, 30-minute slots.
struct Team {
    first: SiteId,
    second: SiteId,
    nadia: MediatorId,
    paul: MediatorId,
}

fn team(conn: &Connection) -> Team {
    let first = new_site(conn, "Médiathèque Olympe de Gouges");
    let second = new_site(conn, "Maison France services");
    let person = |name: &str| {
        mediator::create(
            conn,
            &MediatorInput {
                name: name.into(),
                ..MediatorInput::default()
            },
            now(),
        )
        .expect("a mediator")
        .id
    };
    let (nadia, paul) = (person("Nadia Benali"), person("Paul Morel"));
    for (site, weekday, staff) in [
        (&first, 2, vec![nadia]),
        (&second, 4, vec![nadia, paul]),
        (&first, 3, vec![]),
    ] {
        permanence::create(
            conn,
            &PermanenceInput {
                kind: Some(PermanenceKind::Appointment),
                slot_minutes: Some(30),
                capacity: Some(1),
                mediator_ids: staff,
                ..slot(site, weekday, "14:00", "16:00")
            },
            now(),
        )
        .expect("a permanence");
    }
    Team {
        first: first.id,
        second: second.id,
        nadia,
        paul,
    }
}

/// The slots of `site` on `date`: (Paris start hour, why it is unavailable).
fn marks(conn: &Connection, site: SiteId, date: &str) -> Vec<(String, Option<String>)> {
    slot::list(conn, Some(site), day(date), day(date))
        .unwrap()
        .into_iter()
        .map(|s| (s.start.format("%H:%M").to_string(), s.unavailable))
        .collect()
}

fn book(conn: &Connection, site: SiteId, start: &str) -> permanences::Result<i64> {
    desk::book(
        conn,
        &BookingInput {
            site_id: site,
            start: start.into(),
            ..BookingInput::default()
        },
        now(),
    )
    .map(|a| a.id.0)
}

#[test]
fn a_mediator_away_blocks_the_permanences_they_staff_alone() {
    let d = desk::desk();
    let t = team(&d.conn);
    // Tuesday 8 December, 14:00–15:00 Paris.
    absence::receive(
        &d.conn,
        &away(
            t.nadia,
            "nadia/a.ics",
            &[("2026-12-08T13:00:00Z", "2026-12-08T14:00:00Z")],
        ),
    )
    .unwrap();
    let nadia = Some("Absence de Nadia Benali".to_owned());
    assert_eq!(
        marks(&d.conn, t.first, "2026-12-08"),
        [
            ("14:00".into(), nadia.clone()),
            ("14:30".into(), nadia.clone()),
            ("15:00".into(), None),
            ("15:30".into(), None),
        ],
        "the places of her permanence while she is away, and those only"
    );
    let refused = book(&d.conn, t.first, "2026-12-08T14:30").unwrap_err();
    assert!(
        refused.to_string().contains("absence de Nadia Benali"),
        "{refused}"
    );
    assert!(book(&d.conn, t.first, "2026-12-08T15:00").is_ok());
    let first_free = slot::next_free(
        &d.conn,
        at("2026-12-08T12:00:00Z"),
        &SlotSearch {
            site_id: Some(t.first),
            ..SlotSearch::default()
        },
        1,
    )
    .unwrap();
    assert_eq!(
        first_free[0].start.format("%d %H:%M").to_string(),
        "08 15:30",
        "the search skips her absence (15:00 is booked)"
    );
    // The agenda says why.
    let agenda = permanences::scheduling::agenda::agenda(
        &d.conn,
        Some(t.first),
        day("2026-12-08"),
        1,
        now(),
    )
    .unwrap();
    let first = &agenda.days[0].slots[0];
    assert_eq!(first.slot.unavailable, nadia);
    assert!(!first.bookable);
}

#[test]
fn another_mediator_present_or_none_named_keeps_the_places_free() {
    let d = desk::desk();
    let t = team(&d.conn);
    // Away all week: Wednesday 9 (nobody named) and Thursday 10 (Paul is there).
    absence::receive(
        &d.conn,
        &away(
            t.nadia,
            "nadia/week.ics",
            &[("2026-12-06T23:00:00Z", "2026-12-13T23:00:00Z")],
        ),
    )
    .unwrap();
    assert!(
        marks(&d.conn, t.first, "2026-12-09")
            .iter()
            .all(|(_, why)| why.is_none()),
        "a permanence with no mediator named is not blocked"
    );
    assert!(
        marks(&d.conn, t.second, "2026-12-10")
            .iter()
            .all(|(_, why)| why.is_none()),
        "Paul is there on Thursday"
    );
    let booked = book(&d.conn, t.second, "2026-12-10T15:00").unwrap();
    // Paul away on Thursday afternoon from 15:00 too: nobody left, the booking is in the way.
    let got = absence::receive(
        &d.conn,
        &away(
            t.paul,
            "paul/a.ics",
            &[("2026-12-10T14:00:00Z", "2026-12-10T16:00:00Z")],
        ),
    )
    .unwrap();
    assert_eq!(
        got.overlapped.iter().map(|a| a.0).collect::<Vec<_>>(),
        [booked]
    );
    let both = Some("Absence de Nadia Benali et de Paul Morel".to_owned());
    assert_eq!(
        marks(&d.conn, t.second, "2026-12-10"),
        [
            ("14:00".into(), None),
            ("14:30".into(), None),
            ("15:00".into(), both.clone()),
            ("15:30".into(), both),
        ]
    );
    // Nadia's week deleted from her calendar: Paul's absence alone blocks nothing.
    let freed = absence::remove(&d.conn, "nadia/week.ics").unwrap();
    assert_eq!(freed.iter().map(|a| a.0).collect::<Vec<_>>(), [booked]);
    assert!(marks(&d.conn, t.second, "2026-12-10")
        .iter()
        .all(|(_, why)| why.is_none()));
    // Her calendar no longer read: nothing of hers is left.
    absence::receive(
        &d.conn,
        &away(
            t.nadia,
            "nadia/b.ics",
            &[("2026-12-10T14:00:00Z", "2026-12-10T15:00:00Z")],
        ),
    )
    .unwrap();
    assert_eq!(
        absence::remove_mediator(&d.conn, t.nadia)
            .unwrap()
            .iter()
            .map(|a| a.0)
            .collect::<Vec<_>>(),
        [booked]
    );
    assert_eq!(rows(&d.conn), 1, "Paul's stays");
}

fn rows(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM mediator_absences", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn bad_occurrences_change_nothing_and_ended_absences_are_purged() {
    let d = desk::desk();
    let t = team(&d.conn);
    let refused = absence::receive(
        &d.conn,
        &away(
            t.nadia,
            "nadia/bad.ics",
            &[
                ("2026-12-08T13:00:00Z", "2026-12-08T14:00:00Z"),
                ("2026-12-15T14:00:00Z", "2026-12-15T13:00:00Z"),
            ],
        ),
    )
    .unwrap_err();
    assert!(refused.to_string().contains("finit avant de commencer"));
    assert_eq!(rows(&d.conn), 0, "nothing kept");
    for (source, start, end) in [
        (
            "nadia/a.ics",
            "2026-12-08T13:00:00Z",
            "2026-12-08T14:00:00Z",
        ),
        (
            "nadia/b.ics",
            "2027-02-09T13:00:00Z",
            "2027-02-09T14:00:00Z",
        ),
    ] {
        absence::receive(&d.conn, &away(t.nadia, source, &[(start, end)])).unwrap();
    }
    // Three months after the first ended (the default retention): it goes, the later stays.
    privacy::purge(&d.conn, at("2027-03-08T13:59:00Z"), PurgeCause::Daily).unwrap();
    assert_eq!(rows(&d.conn), 2);
    privacy::purge(&d.conn, at("2027-03-08T14:01:00Z"), PurgeCause::Daily).unwrap();
    assert_eq!(rows(&d.conn), 1);
    let summaries: i64 = d
        .conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('mediator_absences') WHERE name = 'summary'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(summaries, 0, "a mediator's own agenda titles are not kept");
}
