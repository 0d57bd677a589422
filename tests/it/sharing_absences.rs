//! Issue 26, a calendar chosen as a mediator's unavailability, on each real server: a
//! third-party client (the Python `caldav` library, `tests/it/third_party.py`) makes the
//! mediator's own agenda under the network's account and writes events there as clients do
//! (with a zone, floating with a DURATION, repeating, all-day). Chosen for the mediator,
//! every occurrence blocks the places of the permanence they staff (« Absence de … », not
//! offered, a booking refused), a booking
//! already there becomes a conflict; deleted in the client, the event frees its places with
//! the next sync and the conflict ends by itself, shown once with its note; choosing no
//! calendar, or deleting it from the server, frees everything. Bad choices change nothing.

use std::path::Path;

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, desk, join, offered, unavailable};
use crate::common::tools::{permanences, python, text};
use crate::common::*;
use permanences::network::mediator::{self, MediatorId, MediatorInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::SiteId;
use permanences::network::vocab::PermanenceKind;
use permanences::scheduling::appointment::BookingInput;
use permanences::sharing::{self, Settle};
use permanences::ErrorKind;
use rstest::rstest;
use rusqlite::Connection;
use serde_json::{json, Value};

const AGENDA: &str = "Agenda de Nadia";
const NADIA: &str = "Absence de Nadia Benali";

fn book(conn: &Connection, site: SiteId, start: &str) -> permanences::Result<i64> {
    let booked = desk::book(
        conn,
        &BookingInput {
            site_id: site,
            start: start.into(),
            resident_name: Some("Mme Ybarra".into()),
            ..BookingInput::default()
        },
        now(),
    )?;
    sharing::send(conn, now()).expect("sent");
    Ok(booked.id.0)
}

/// Runs `third_party.py` on the mediator's own agenda (made if missing) with `request`.
fn phone(server: &DavServer, dir: &Path, request: Value) -> Value {
    let mut request = request;
    request["url"] = json!(server.url());
    request["user"] = json!(server.user());
    request["password"] = json!(server.password());
    request["site_calendar"] = json!("agenda-nadia");
    request["make_calendar"] = json!({"id": "agenda-nadia", "name": AGENDA});
    let file = dir.join("third-party-request.json");
    std::fs::write(&file, request.to_string()).unwrap();
    python("it/third_party.py", &[file.as_path()])
}

fn open_on(conn: &Connection, id: i64) -> usize {
    sharing::conflicts(conn)
        .unwrap()
        .iter()
        .filter(|c| c.appointment.as_ref().is_some_and(|a| a.id.0 == id))
        .count()
}

fn rows(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM mediator_absences", [], |r| r.get(0))
        .unwrap()
}

/// Nadia, alone on Tuesdays 14:00–16:00 (30-minute slots, one place) at a site.
fn staffed(conn: &Connection) -> (SiteId, MediatorId) {
    let site = new_site(conn, "Médiathèque Olympe de Gouges");
    let nadia = mediator::create(
        conn,
        &MediatorInput {
            name: "Nadia Benali".into(),
            ..MediatorInput::default()
        },
        now(),
    )
    .unwrap()
    .id;
    permanence::create(
        conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(1),
            mediator_ids: vec![nadia],
            ..slot(&site, 2, "14:00", "16:00")
        },
        now(),
    )
    .unwrap();
    (site.id, nadia)
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn a_mediators_own_agenda_blocks_the_places_they_staff(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let a = desk();
    let (site, nadia) = staffed(&a.conn);

    // Not in a network yet: refused in French, nothing kept.
    let refused = sharing::choose_absences(&a.conn, nadia, Some(AGENDA), now()).unwrap_err();
    assert!(
        refused.to_string().contains("n'a pas rejoint de réseau"),
        "{refused}"
    );
    join(&a, &server);
    let under = book(&a.conn, site, "2026-12-15T14:00").unwrap();
    // The calendar does not exist yet: refused, nothing kept.
    let refused = sharing::choose_absences(&a.conn, nadia, Some(AGENDA), now()).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Validation);
    assert!(
        refused
            .to_string()
            .contains("n'a pas d'agenda « Agenda de Nadia »"),
        "{refused}"
    );
    let unknown = sharing::choose_absences(&a.conn, MediatorId(999), None, now()).unwrap_err();
    assert_eq!(unknown.kind(), ErrorKind::NotFound, "{unknown}");
    assert!(sharing::absence_calendars(&a.conn).unwrap().is_empty());

    // Her phone: a doctor's appointment on 8 December 14:00–15:00, a training on
    // 15 December at 14:00 (floating, 30 minutes given as a DURATION, over the booking), a
    // weekly 15:30 call three times from the 15th, a day off on Tuesday 12 January.
    phone(
        &server,
        a.dir.path(),
        json!({"add": [
            {"uid": "medecin", "summary": "RDV médecin", "start": "2026-12-08T14:00",
             "end": "2026-12-08T15:00"},
            {"uid": "formation", "summary": "Formation", "start": "2026-12-15T14:00",
             "duration": "PT30M", "floating": true},
            {"uid": "appel", "summary": "Appel hebdo", "start": "2026-12-15T15:30",
             "end": "2026-12-15T16:00", "rrule": "FREQ=WEEKLY;COUNT=3"},
            {"uid": "conge", "summary": "Congé", "date": "2027-01-12"},
        ]}),
    );
    // The account's calendars, less those Permanences writes (Xandikos makes a default
    // « calendar » too).
    let listed = sharing::account_calendars(&a.conn).unwrap();
    let names: Vec<&str> = listed.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&AGENDA), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.to_lowercase().starts_with("permanences")),
        "{names:?}"
    );
    sharing::choose_absences(&a.conn, nadia, Some(AGENDA), now()).unwrap();
    let listed = sharing::account_calendars(&a.conn).unwrap();
    let chosen = listed.iter().find(|c| c.name == AGENDA).unwrap();
    assert_eq!(chosen.mediator_id, Some(nadia));
    for (day, hh_mm) in [
        ("2026-12-08", "14:00"),
        ("2026-12-08", "14:30"),
        ("2026-12-15", "14:00"),
        ("2026-12-15", "15:30"),
        ("2026-12-22", "15:30"),
        ("2026-12-29", "15:30"),
        ("2027-01-12", "14:00"),
        ("2027-01-12", "15:30"),
    ] {
        assert_eq!(
            unavailable(&a.conn, site, day, hh_mm).as_deref(),
            Some(NADIA),
            "{day} {hh_mm}"
        );
    }
    for (day, hh_mm) in [
        ("2026-12-08", "15:00"),
        ("2026-12-15", "14:30"),
        ("2027-01-05", "15:30"),
    ] {
        assert_eq!(
            unavailable(&a.conn, site, day, hh_mm),
            None,
            "{day} {hh_mm}"
        );
    }
    assert_eq!(rows(&a.conn), 6, "one row per occurrence");
    let free = offered(&a.conn, site, 40);
    assert!(
        !free.contains(&"2026-12-08 14:00".to_owned())
            && !free.contains(&"2026-12-22 15:30".to_owned())
            && free.contains(&"2026-12-08 15:00".to_owned()),
        "{free:?}"
    );
    let refused = book(&a.conn, site, "2026-12-22T15:30").unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    assert!(
        refused.to_string().contains("absence de Nadia"),
        "{refused}"
    );
    assert_eq!(open_on(&a.conn, under), 1, "the booking under the training");
    let message = &sharing::conflicts(&a.conn).unwrap()[0].message;
    assert!(message.contains(NADIA), "{message}");
    assert!(
        !message.contains("Formation"),
        "her agenda's titles are not shown: {message}"
    );

    // Deleted from her phone: the next sync frees the place and ends the conflict.
    phone(&server, a.dir.path(), json!({"delete": ["formation"]}));
    sharing::sync(&a.conn, now()).unwrap();
    assert_eq!(unavailable(&a.conn, site, "2026-12-15", "14:00"), None);
    assert_eq!(open_on(&a.conn, under), 0, "ended by itself");
    let ended = sharing::ended_conflicts(&a.conn).unwrap();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].note, sharing::CONFLICT_ABSENCE_GONE);
    assert_eq!(ended[0].appointment.as_ref().map(|x| x.id.0), Some(under));
    sharing::settle(&a.conn, ended[0].id, Settle::Acknowledge, now()).unwrap();
    assert!(
        sharing::ended_conflicts(&a.conn).unwrap().is_empty(),
        "shown once"
    );

    // No calendar any more: every place is free again.
    sharing::choose_absences(&a.conn, nadia, None, now()).unwrap();
    assert_eq!(rows(&a.conn), 0);
    assert_eq!(unavailable(&a.conn, site, "2026-12-22", "15:30"), None);
    sharing::sync(&a.conn, now()).unwrap();
    assert_eq!(rows(&a.conn), 0, "not read any more");

    // Chosen again, then the calendar deleted from her phone: the sync goes on, her places
    // are free and the calendar is no longer chosen.
    sharing::choose_absences(&a.conn, nadia, Some(AGENDA), now()).unwrap();
    assert_eq!(rows(&a.conn), 5, "the doctor, the three calls, the day off");
    phone(&server, a.dir.path(), json!({"delete_calendar": true}));
    sharing::sync(&a.conn, now()).expect("a deleted calendar does not stop the sync");
    assert_eq!(rows(&a.conn), 0);
    assert!(sharing::absence_calendars(&a.conn).unwrap().is_empty());
    book(&a.conn, site, "2026-12-22T15:30").expect("free again");
}

/// `permanences network absences`: lists the account's calendars and the mediators, chooses
/// one for a mediator, then none; bad choices exit 1 (or 2 for clap) in French and change
/// nothing.
#[test]
fn the_command_line_chooses_a_mediators_agenda() {
    let server = DavServer::start(Kind::Radicale);
    let a = desk();
    let (site, nadia) = staffed(&a.conn);
    join(&a, &server);
    phone(
        &server,
        a.dir.path(),
        json!({"add": [{"uid": "medecin", "summary": "RDV médecin",
                        "start": "2026-12-08T14:00", "end": "2026-12-08T15:00"}]}),
    );
    let id = nadia.0.to_string();
    let run = |args: &[&str]| {
        permanences()
            .arg("--db")
            .arg(&a.path)
            .args(["network", "absences"])
            .args(args)
            .env("PERMANENCES_CALDAV_PASSWORD", server.password())
            .output()
            .expect("runs")
    };
    let listed = run(&[]);
    let stdout = text(&listed.stdout);
    assert_eq!(listed.status.code(), Some(0), "{}", text(&listed.stderr));
    assert!(stdout.contains(&format!("  {AGENDA}\n")), "{stdout}");
    assert!(
        stdout.contains(&format!("  {id}\tNadia Benali\taucun agenda d'absences")),
        "{stdout}"
    );
    for (code, args, says) in [
        (
            1,
            vec!["--mediator", &id, "--calendar", "Agenda de Paul"],
            "n'a pas d'agenda « Agenda de Paul »",
        ),
        (1, vec!["--calendar", AGENDA], "demandent --mediator"),
        (1, vec!["--mediator", &id], "--calendar NOM"),
        (
            1,
            vec!["--mediator", "999", "--none"],
            "Aucun médiateur n'a le numéro 999",
        ),
        (
            2,
            vec!["--mediator", &id, "--calendar", AGENDA, "--none"],
            "options incompatibles",
        ),
    ] {
        let out = run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            sharing::absence_calendars(&a.conn).unwrap().is_empty(),
            "{args:?} changed nothing"
        );
    }
    let chose = run(&["--mediator", &id, "--calendar", AGENDA]);
    assert_eq!(chose.status.code(), Some(0), "{}", text(&chose.stderr));
    assert!(text(&chose.stdout)
        .contains("Les absences de Nadia Benali sont lues dans l'agenda « Agenda de Nadia »"));
    assert_eq!(rows(&a.conn), 1);
    assert_eq!(
        unavailable(&a.conn, site, "2026-12-08", "14:00").as_deref(),
        Some(NADIA)
    );
    let listed = text(&run(&[]).stdout);
    assert!(
        listed.contains(&format!("{AGENDA} — absences de Nadia Benali (n° {id})"))
            && listed.contains("absences lues dans « Agenda de Nadia »"),
        "{listed}"
    );
    let none = run(&["--mediator", &id, "--none"]);
    assert_eq!(none.status.code(), Some(0), "{}", text(&none.stderr));
    assert!(text(&none.stdout)
        .contains("Plus aucun agenda n'est lu comme les absences de Nadia Benali"));
    assert_eq!(rows(&a.conn), 0);
    // Chosen again, then the network left: the calendar and its absences go with it.
    sharing::choose_absences(&a.conn, nadia, Some(AGENDA), now()).unwrap();
    assert_eq!(rows(&a.conn), 1);
    sharing::leave(&a.conn).unwrap();
    assert_eq!(rows(&a.conn), 0);
    assert!(sharing::absence_calendars(&a.conn).unwrap().is_empty());
}
