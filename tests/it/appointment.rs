//! Booking, capacity, refusals, status changes with undo, reschedule, series.

use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::closure::{self, ClosureInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::{self, Site};
use permanences::network::vocab::{AppointmentStatus as Status, PermanenceKind, Reason};
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::waiting::{self, WaitingInput};
use permanences::ErrorKind;
use rstest::rstest;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-01-04T08:00:00Z")
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

/// A site with Tuesday 14:00–16:00 appointments of 30 minutes, two people at once.
fn desk(conn: &rusqlite::Connection) -> Site {
    let s = new_site(conn, "Médiathèque");
    permanence::create(
        conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(2),
            ..slot(&s, 2, "14:00", "16:00")
        },
        crate::common::now(),
    )
    .unwrap();
    s
}

fn at(site: &Site, start: &str) -> BookingInput {
    BookingInput {
        site_id: site.id,
        start: start.into(),
        ..BookingInput::default()
    }
}

#[test]
fn booking_stores_an_anonymous_appointment_with_what_to_bring() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    let a = appointment::book(
        &conn,
        &BookingInput {
            reason: Some(Reason::Caf),
            ..at(&s, "2027-03-30T14:30")
        },
        now(),
    )?;
    assert_eq!(a.start.to_rfc3339(), "2027-03-30T14:30:00+02:00");
    assert_eq!(a.end.to_rfc3339(), "2027-03-30T15:00:00+02:00");
    assert_eq!(a.who, "Anonyme");
    assert_eq!(a.day, "mardi 30 mars 2027");
    assert_eq!(a.status, Status::Booked);
    assert!(a
        .what_to_bring
        .as_deref()
        .unwrap_or_default()
        .contains("numéro d'allocataire"));
    let stored: String = conn.query_row("SELECT start_at FROM appointments", [], |r| r.get(0))?;
    assert_eq!(stored, "2027-03-30T12:30:00Z", "instants are stored in UTC");
    Ok(())
}

#[test]
fn capacity_is_enforced() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    appointment::book(&conn, &at(&s, "2027-03-30T14:00:00+02:00"), now())?;
    appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    assert_refused(
        appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now()),
        ErrorKind::Conflict,
        "start",
        "complet",
    );
    assert_eq!(count(&conn, "appointments"), 2);
    Ok(())
}

#[test]
fn two_desks_racing_for_the_last_place_cannot_both_win() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("race.sqlite3");
    let s = desk(&permanences::store::db::open(&path)?);
    appointment::book(
        &permanences::store::db::open(&path)?,
        &at(&s, "2027-03-30T15:00"),
        now(),
    )?;
    for round in 0..20 {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let start = format!("2027-04-{:02}T14:00", 6 + 7 * (round % 3));
        let conn_a = permanences::store::db::open(&path)?;
        conn_a.execute(
            "DELETE FROM appointments WHERE start_at LIKE ?1",
            [format!("{}%", &start[..10])],
        )?;
        appointment::book(&conn_a, &at(&s, &start), now())?; // one place left of two
        let results: Vec<bool> = (0..2)
            .map(|_| {
                let (barrier, path, start, site) =
                    (barrier.clone(), path.clone(), start.clone(), s.id);
                std::thread::spawn(move || {
                    let conn = permanences::store::db::open(&path).unwrap();
                    barrier.wait();
                    appointment::book(
                        &conn,
                        &BookingInput {
                            site_id: site,
                            start,
                            ..Default::default()
                        },
                        now(),
                    )
                    .is_ok()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap_or(false))
            .collect();
        assert_eq!(
            results.iter().filter(|ok| **ok).count(),
            1,
            "round {round}: exactly one of the two wins"
        );
        let n: i64 = conn_a.query_row(
            "SELECT count(*) FROM appointments WHERE start_at LIKE ?1",
            [format!("{}%", &start[..10])],
            |r| r.get(0),
        )?;
        assert_eq!(n, 2, "round {round}: the slot holds its capacity, no more");
    }
    Ok(())
}

#[rstest]
#[case::past("2026-12-29T14:00", "start", "déjà passée")]
#[case::no_permanence("2027-03-31T14:00", "start", "Aucune permanence sur rendez-vous")]
#[case::misaligned(
    "2027-03-30T14:10",
    "start",
    "commencent à 14\u{a0}h, 14\u{a0}h\u{a0}30"
)]
#[case::garbage("mardi prochain", "start", "non reconnues")]
#[case::bad_day("31/02/2027 14:00", "start", "non reconnues")]
#[case::dst_gap("2027-03-28T02:30", "start", "n'existe pas")]
fn refused_bookings(#[case] start: &str, #[case] field: &str, #[case] words: &str) {
    let conn = conn();
    let s = desk(&conn);
    assert_refused(
        appointment::book(&conn, &at(&s, start), now()),
        ErrorKind::Validation,
        field,
        words,
    );
    assert_eq!(count(&conn, "appointments"), 0);
}

#[test]
fn closures_holidays_drop_in_and_archived_sites_refuse_bookings() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    closure::create(
        &conn,
        &ClosureInput {
            site_id: s.id,
            start_date: "2027-04-06".into(),
            end_date: None,
            reason: "Travaux".into(),
        },
        crate::common::now(),
    )?;
    assert_refused(
        appointment::book(&conn, &at(&s, "2027-04-06T14:00"), now()),
        ErrorKind::Validation,
        "start",
        "fermé le 6 avril 2027 : Travaux",
    );
    // A Monday drop-in permanence, and Easter Monday.
    permanence::create(&conn, &slot(&s, 1, "09:00", "12:00"), crate::common::now())?;
    assert_refused(
        appointment::book(&conn, &at(&s, "2027-04-05T09:00"), now()),
        ErrorKind::Validation,
        "start",
        "sans rendez-vous",
    );
    assert_refused(
        appointment::book(&conn, &at(&s, "2027-03-29T09:00"), now()),
        ErrorKind::Validation,
        "start",
        "Lundi de Pâques",
    );
    site::set_archived(&conn, s.id, true, crate::common::now())?;
    assert_refused(
        appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now()),
        ErrorKind::Validation,
        "siteId",
        "archivé",
    );
    assert_eq!(count(&conn, "appointments"), 0);
    Ok(())
}

#[test]
fn the_same_phone_cannot_be_booked_twice_at_once() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    let with_phone = |start: &str, phone: &str| BookingInput {
        resident_phone: Some(phone.into()),
        ..at(&s, start)
    };
    appointment::book(
        &conn,
        &with_phone("2027-03-30T14:00", "06 12 34 56 78"),
        now(),
    )?;
    assert_refused(
        appointment::book(&conn, &with_phone("2027-03-30T14:00", "0612345678"), now()),
        ErrorKind::Conflict,
        "residentPhone",
        "déjà un rendez-vous",
    );
    appointment::book(&conn, &with_phone("2027-03-30T14:30", "0612345678"), now())?;
    assert_refused(
        appointment::book(&conn, &with_phone("2027-03-30T15:00", "06 12"), now()),
        ErrorKind::Validation,
        "residentPhone",
        "Téléphone",
    );
    Ok(())
}

#[test]
fn an_extra_appointment_can_be_forced_out_of_hours() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    let extra = BookingInput {
        extra: true,
        duration_minutes: Some(45),
        ..at(&s, "2027-03-31T10:00")
    };
    let a = appointment::book(&conn, &extra, now())?;
    assert!(a.extra && a.permanence_id.is_none());
    assert_eq!(a.end.to_rfc3339(), "2027-03-31T10:45:00+02:00");
    Ok(())
}

#[test]
fn status_changes_free_places_and_can_be_undone() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    waiting::add(
        &conn,
        &WaitingInput {
            site_id: s.id,
            name: "Mme K.".into(),
            contact: "06 00 00 00 01".into(),
            ..Default::default()
        },
        crate::common::now(),
    )?;
    let a = appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    let early = appointment::set_status(&conn, a.id, Status::Honoured, None, now());
    assert_refused(early, ErrorKind::Validation, "status", "à venir");
    let cancelled = appointment::set_status(&conn, a.id, Status::Excused, None, now())?;
    assert_eq!(cancelled.appointment.status, Status::Excused);
    assert_eq!(
        cancelled.call_list.len(),
        1,
        "the freed place shows who to call"
    );
    assert!(cancelled.appointment.can_undo);
    assert_refused(
        appointment::set_status(&conn, a.id, Status::NoShow, None, now()),
        ErrorKind::Validation,
        "status",
        "déjà noté",
    );
    let restored = appointment::undo_status(&conn, a.id, None, crate::common::now())?;
    assert_eq!(restored.status, Status::Booked);
    assert!(!restored.can_undo);
    assert_refused(
        appointment::undo_status(&conn, a.id, None, crate::common::now()),
        ErrorKind::Validation,
        "status",
        "rien à annuler",
    );
    Ok(())
}

#[test]
fn undoing_a_cancellation_fails_once_the_place_is_taken() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    let a = appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    appointment::set_status(&conn, a.id, Status::Revoked, None, now())?;
    appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    assert_refused(
        appointment::undo_status(&conn, a.id, None, crate::common::now()),
        ErrorKind::Conflict,
        "status",
        "reprise",
    );
    Ok(())
}

#[test]
fn on_the_day_an_appointment_is_marked_honoured() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    let a = appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    let that_day = DateTime::parse_from_rfc3339("2027-03-30T12:40:00Z").map(|d| d.to_utc())?;
    let m = permanences::network::mediator::create(
        &conn,
        &permanences::network::mediator::MediatorInput {
            name: "Awa".into(),
            ..Default::default()
        },
        crate::common::now(),
    )?;
    let done = appointment::set_status(&conn, a.id, Status::Honoured, Some(m.id), that_day)?;
    assert_eq!(done.appointment.status, Status::Honoured);
    let by: Option<i64> = conn.query_row(
        "SELECT status_by FROM appointments WHERE id = ?1",
        [a.id.0],
        |r| r.get(0),
    )?;
    assert_eq!(by, Some(m.id.0), "who marked it is recorded");
    assert!(done.call_list.is_empty(), "nothing was freed");
    Ok(())
}

#[test]
fn rescheduling_moves_and_keeps_history() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    let a = appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    let moved = appointment::reschedule(&conn, a.id, "2027-04-06T15:30", None, now())?;
    assert_eq!(moved.start.to_rfc3339(), "2027-04-06T15:30:00+02:00");
    assert_eq!(moved.id, a.id);
    let history: Vec<String> = conn
        .prepare("SELECT kind || ':' || coalesce(old_start, '') FROM appointment_events WHERE appointment_id = ?1 ORDER BY id")?
        .query_map([a.id.0], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    assert_eq!(
        history,
        vec![
            "booked:".to_owned(),
            "rescheduled:2027-03-30T12:00:00Z".to_owned()
        ]
    );
    // Moving within a full slot counts itself out.
    appointment::book(&conn, &at(&s, "2027-04-06T15:30"), now())?;
    let same = appointment::reschedule(&conn, a.id, "2027-04-06T15:30", None, now())?;
    assert_eq!(same.start, moved.start);
    Ok(())
}

#[test]
fn a_series_books_what_it_can_and_lists_the_rest() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    closure::create(
        &conn,
        &ClosureInput {
            site_id: s.id,
            start_date: "2027-04-13".into(),
            end_date: None,
            reason: "Formation".into(),
        },
        crate::common::now(),
    )?;
    let out = appointment::book_series(
        &conn,
        &BookingInput {
            resident_name: Some("M. D.".into()),
            ..at(&s, "2027-03-30T14:00")
        },
        1,
        4,
        now(),
    )?;
    let days: Vec<String> = out.booked.iter().map(|a| a.day.clone()).collect();
    assert_eq!(
        days,
        vec![
            "mardi 30 mars 2027",
            "mardi 6 avril 2027",
            "mardi 20 avril 2027"
        ]
    );
    assert_eq!(out.refused.len(), 1);
    assert_eq!(out.refused[0].when, "mardi 13 avril 2027 à 14\u{a0}h");
    assert!(
        out.refused[0].message.contains("Formation"),
        "{}",
        out.refused[0].message
    );
    assert_refused(
        appointment::book_series(&conn, &at(&s, "2027-03-30T14:00"), 0, 4, now()),
        ErrorKind::Validation,
        "everyWeeks",
        "Fréquence",
    );
    Ok(())
}

#[test]
fn a_permanence_with_appointments_cannot_be_deleted() -> TestResult {
    let conn = conn();
    let s = desk(&conn);
    let a = appointment::book(&conn, &at(&s, "2027-03-30T14:00"), now())?;
    let p = a
        .permanence_id
        .unwrap_or_else(|| panic!("booked in a permanence"));
    assert_refused(
        permanence::delete(&conn, p),
        ErrorKind::Conflict,
        "permanence",
        "date de fin",
    );
    assert_eq!(count(&conn, "permanences"), 1);
    Ok(())
}
