//! Calendar export checked by independent parsers: Python `icalendar` and
//! `recurring-ical-events` must find, for every permanence, exactly the occurrences of the
//! app's own slot generator over 2028 (both DST changes, Alsace-Moselle holidays, a closure,
//! an end of validity); npm `ical.js` must parse the file and expand the same number.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::tools::{node, python};
use crate::common::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use permanences::exchange::calendar::{self, CalendarRequest, CalendarScope, Window};
use permanences::network::closure::{self, ClosureInput};
use permanences::network::mediator::{self, MediatorInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::{self, SiteInput};
use permanences::network::vocab::{PermanenceKind, Reason};
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::slot;
use rusqlite::Connection;

const YEAR: Window = Window {
    from: match NaiveDate::from_ymd_opt(2028, 1, 1) {
        Some(x) => x,
        None => NaiveDate::MIN,
    },
    to: match NaiveDate::from_ymd_opt(2028, 12, 31) {
        Some(x) => x,
        None => NaiveDate::MIN,
    },
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 12, 1, 8, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("bad instant"))
}

fn perm(
    site: &site::Site,
    weekday: u8,
    start: &str,
    end: &str,
    kind: PermanenceKind,
) -> PermanenceInput {
    PermanenceInput {
        kind: Some(kind),
        slot_minutes: Some(30),
        valid_from: Some("2027-09-01".into()),
        ..slot(site, weekday, start, end)
    }
}

struct Network {
    strasbourg: site::Site,
    paris: site::Site,
    mediator: mediator::Mediator,
}

/// Two sites (Strasbourg with the Alsace-Moselle holidays, Paris without), permanences on
/// the holiday weekdays of 2028 and on the DST Sundays, a summer closure, an ended one, an
/// archived site that must not appear, and two appointments.
fn network(conn: &Connection) -> Network {
    let strasbourg = site::create(
        conn,
        &SiteInput {
            latitude: Some(48.5866),
            longitude: Some(7.7388),
            phone: Some("03 88 12 34 50".into()),
            public_notes: Some("Entrée par la cour; sonnez, s'il vous plaît".into()),
            ..site_input("Médiathèque « Olympe de Gouges », salle 2")
        },
        crate::common::now(),
    )
    .unwrap();
    let paris = site::create(
        conn,
        &SiteInput {
            postcode: "75011".into(),
            city: "Paris".into(),
            alsace_moselle: Some(false),
            ..site_input("Espace numérique Voltaire")
        },
        crate::common::now(),
    )
    .unwrap();
    let archived = new_site(conn, "Ancienne mairie annexe");
    let m = mediator::create(
        conn,
        &MediatorInput {
            name: "Awa Diallo".into(),
            site_ids: vec![paris.id],
            ..MediatorInput::default()
        },
        crate::common::now(),
    )
    .unwrap();
    let create = |p: PermanenceInput| permanence::create(conn, &p, crate::common::now()).unwrap();
    // Tuesday: 26 December 2028 is Saint-Étienne (Alsace-Moselle only).
    create(PermanenceInput {
        notes: Some("Apportez vos identifiants,\nmerci".into()),
        ..perm(
            &strasbourg,
            2,
            "14:00",
            "17:00",
            PermanenceKind::Appointment,
        )
    });
    // Friday: Good Friday is 14 April 2028.
    create(perm(
        &strasbourg,
        5,
        "09:00",
        "12:00",
        PermanenceKind::DropIn,
    ));
    // Sunday: summer time starts 26 March and ends 29 October 2028.
    create(perm(
        &strasbourg,
        7,
        "10:00",
        "12:00",
        PermanenceKind::DropIn,
    ));
    // Monday, until 30 June: Easter Monday, Whit Monday.
    create(PermanenceInput {
        valid_until: Some("2028-06-30".into()),
        ..perm(&strasbourg, 1, "09:00", "11:00", PermanenceKind::Both)
    });
    create(PermanenceInput {
        mediator_ids: vec![m.id],
        ..perm(&paris, 5, "14:00", "16:00", PermanenceKind::DropIn)
    });
    create(perm(
        &paris,
        2,
        "09:30",
        "12:00",
        PermanenceKind::Appointment,
    ));
    create(perm(&archived, 3, "09:00", "12:00", PermanenceKind::DropIn));
    site::set_archived(conn, archived.id, true, crate::common::now()).unwrap();
    closure::create(
        conn,
        &ClosureInput {
            site_id: strasbourg.id,
            start_date: "2028-08-01".into(),
            end_date: Some("2028-08-20".into()),
            reason: "Congés d'été".into(),
        },
        crate::common::now(),
    )
    .unwrap();
    for (site, start, name) in [
        (&strasbourg, "2028-03-28T14:00", "Mme Schmitt"),
        (&paris, "2028-05-02T10:00", "M. Weber"),
    ] {
        appointment::book(
            conn,
            &BookingInput {
                site_id: site.id,
                start: start.into(),
                resident_name: Some(name.into()),
                resident_phone: Some("06 12 34 56 78".into()),
                reason: Some(Reason::Caf),
                ..BookingInput::default()
            },
            now(),
        )
        .unwrap();
    }
    Network {
        strasbourg,
        paris,
        mediator: m,
    }
}

/// The permanence-level occurrences the slot generator gives: one per open day, from the
/// first slot's start to the last slot's end, by UID.
fn expected(
    conn: &Connection,
    site: Option<site::SiteId>,
) -> BTreeMap<String, Vec<(String, String)>> {
    let slots = slot::list(conn, site, YEAR.from, YEAR.to).unwrap();
    let mut days: BTreeMap<(i64, NaiveDate), (DateTime<_>, DateTime<_>)> = BTreeMap::new();
    for s in slots {
        let e = days
            .entry((s.permanence_id.0, s.start.date_naive()))
            .or_insert((s.start, s.end));
        e.0 = e.0.min(s.start);
        e.1 = e.1.max(s.end);
    }
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for ((id, _), (a, b)) in days {
        out.entry(format!("permanence-{id}@permanences.local"))
            .or_default()
            .push((a.to_rfc3339(), b.to_rfc3339()));
    }
    out
}

fn dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ics");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the file and its expectations, runs both parsers, returns the text.
fn check(
    conn: &Connection,
    request: CalendarRequest,
    expect: &BTreeMap<String, Vec<(String, String)>>,
    name: &str,
) -> String {
    let text = calendar::export(conn, &request, YEAR, now()).unwrap();
    let file = dir().join(format!("{name}.ics"));
    std::fs::write(&file, &text).unwrap();
    let json = dir().join(format!("{name}.json"));
    let doc = serde_json::json!({"from": "2028-01-01", "to": "2028-12-31", "occurrences": expect});
    std::fs::write(&json, doc.to_string()).unwrap();
    let total: usize = expect.values().map(Vec::len).sum();
    let py = python("ics/check_ics.py", &[&file, Path::new("--expect"), &json]);
    assert_eq!(py["occurrences"], total, "recurring-ical-events: {py}");
    let js = node(
        "check-ics.mjs",
        &[&file.to_string_lossy(), "2028-01-01", "2028-12-31"],
    );
    // ical.js counts the appointments too: one occurrence each.
    let appointments = text.matches("UID:appointment-").count();
    assert_eq!(js["occurrences"], total + appointments, "ical.js: {js}");
    assert_eq!(
        js["events"], py["events"],
        "both parsers see the same events"
    );
    text
}

fn unfolded(text: &str) -> String {
    text.replace("\r\n ", "")
}

#[test]
fn network_calendar_matches_the_slot_generator_over_a_year() -> TestResult {
    let conn = conn();
    network(&conn);
    let expect = expected(&conn, None);
    // The fixture exercises what the test claims: 6 active permanences, holidays skipped here
    // and not there, the DST Sundays present.
    assert_eq!(expect.len(), 6, "{:?}", expect.keys());
    let all: Vec<&(String, String)> = expect.values().flatten().collect();
    assert!(
        !all.iter().any(|(a, _)| a.starts_with("2028-12-26T14:00")),
        "Saint-Étienne closes Strasbourg"
    );
    assert!(
        all.iter().any(|(a, _)| a.starts_with("2028-12-26T09:30")),
        "but not Paris"
    );
    assert!(
        all.iter().any(|(a, _)| a.starts_with("2028-04-14T14:00")),
        "Good Friday is worked in Paris"
    );
    assert!(
        !all.iter().any(|(a, _)| a.starts_with("2028-04-14T09:00")),
        "not in Strasbourg"
    );
    assert!(
        all.iter().any(|(a, _)| a == "2028-03-26T10:00:00+02:00"),
        "DST Sunday"
    );
    assert!(
        all.iter().any(|(a, _)| a == "2028-10-29T10:00:00+01:00"),
        "DST Sunday"
    );

    let request = CalendarRequest {
        scope: CalendarScope::Network,
        with_appointments: false,
        with_names: false,
    };
    let text = check(&conn, request, &expect, "reseau");
    let flat = unfolded(&text);
    assert!(
        !flat.contains("Ancienne mairie"),
        "archived sites are not published"
    );
    assert!(!flat.contains("Rendez-vous"), "no appointment unless asked");
    assert!(
        flat.contains("GEO:48.586600;7.738800"),
        "GEO when the site has a point"
    );
    assert!(
        flat.contains("LOCATION:Médiathèque « Olympe de Gouges »\\, salle 2\\, 3 rue Kuhn\\, 67000 Strasbourg"),
        "LOCATION escaped"
    );
    assert!(
        flat.contains("Apportez vos identifiants\\,\\nmerci"),
        "DESCRIPTION escaped"
    );
    assert!(
        flat.contains("EXDATE;TZID=Europe/Paris:"),
        "closures become EXDATEs"
    );

    // The same export again: same UIDs, so a client that imports twice updates in place.
    let again = calendar::export(&conn, &request, YEAR, now())?;
    assert_eq!(
        text, again,
        "an export is deterministic for the same data and instant"
    );
    Ok(())
}

#[test]
fn site_and_mediator_calendars_hold_only_their_permanences() -> TestResult {
    let conn = conn();
    let n = network(&conn);
    let site = CalendarRequest {
        scope: CalendarScope::Site {
            site_id: n.strasbourg.id,
        },
        with_appointments: false,
        with_names: false,
    };
    let expect = expected(&conn, Some(n.strasbourg.id));
    assert_eq!(expect.len(), 4);
    check(&conn, site, &expect, "lieu");

    let held = CalendarRequest {
        scope: CalendarScope::Mediator {
            mediator_id: n.mediator.id,
        },
        with_appointments: false,
        with_names: false,
    };
    let mut expect = expected(&conn, Some(n.paris.id));
    let friday = permanence::list_for_site(&conn, n.paris.id, crate::common::today())?
        .into_iter()
        .find(|p| p.weekday == 5)
        .map(|p| format!("permanence-{}@permanences.local", p.id.0));
    expect.retain(|uid, _| Some(uid) == friday.as_ref());
    assert_eq!(expect.len(), 1);
    check(&conn, held, &expect, "mediatrice");
    Ok(())
}

#[test]
fn appointments_are_private_by_default_and_named_only_when_asked() -> TestResult {
    let conn = conn();
    network(&conn);
    let expect = expected(&conn, None);
    let mut request = CalendarRequest {
        scope: CalendarScope::Network,
        with_appointments: true,
        with_names: false,
    };
    let text = unfolded(&check(&conn, request, &expect, "rdv"));
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 6 + 2);
    assert!(text.contains("SUMMARY:Rendez-vous – CAF"), "{text}");
    for private in ["Schmitt", "Weber", "06 12 34 56 78"] {
        assert!(
            !text.contains(private),
            "« {private} » must not appear by default"
        );
    }
    assert!(text.contains("DTSTART;TZID=Europe/Paris:20280328T140000"));

    request.with_names = true;
    let text = unfolded(&check(&conn, request, &expect, "rdv-noms"));
    assert!(
        text.contains("SUMMARY:Rendez-vous – Mme Schmitt – CAF"),
        "{text}"
    );
    assert!(text.contains("DESCRIPTION:Téléphone : 06 12 34 56 78"));
    Ok(())
}

#[test]
fn file_names_say_whose_calendar_it_is() -> TestResult {
    let conn = conn();
    let n = network(&conn);
    let name = |scope, with_appointments| {
        calendar::file_name(
            &conn,
            &CalendarRequest {
                scope,
                with_appointments,
                with_names: false,
            },
        )
    };
    assert_eq!(
        name(CalendarScope::Network, false)?,
        "permanences-reseau.ics"
    );
    assert_eq!(
        name(
            CalendarScope::Site {
                site_id: n.strasbourg.id
            },
            true
        )?,
        "rendez-vous-mediatheque-olympe-de-gouges-salle-2.ics"
    );
    assert_eq!(
        name(
            CalendarScope::Mediator {
                mediator_id: n.mediator.id
            },
            false
        )?,
        "permanences-awa-diallo.ics"
    );
    Ok(())
}
