//! Finding an appointment by name or phone, past and future: accents, case and separators
//! ignored, upcoming first, erased names no longer found.

use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::Site;
use permanences::network::vocab::PermanenceKind;
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::search;
use rstest::rstest;
use rusqlite::Connection;

/// A site with Tuesday 14:00–16:00 and Wednesday 9:00–12:00 appointments, two places each.
fn desk(conn: &Connection) -> Site {
    let s = new_site(conn, "Médiathèque Malraux");
    for (weekday, start, end) in [(2, "14:00", "16:00"), (3, "09:00", "12:00")] {
        permanence::create(
            conn,
            &PermanenceInput {
                kind: Some(PermanenceKind::Appointment),
                slot_minutes: Some(30),
                capacity: Some(2),
                ..slot(&s, weekday, start, end)
            },
            now(),
        )
        .expect("permanence");
    }
    s
}

fn book(conn: &Connection, s: &Site, start: &str, name: &str, phone: &str, at: DateTime<Utc>) {
    appointment::book(
        conn,
        &BookingInput {
            site_id: s.id,
            start: start.into(),
            resident_name: Some(name.into()),
            resident_phone: Some(phone.into()),
            ..BookingInput::default()
        },
        at,
    )
    .unwrap_or_else(|e| panic!("{name} at {start}: {e}"));
}

/// Hélène three times (one past), Helena once, Marc once; booked as the desk types them.
fn booked() -> Connection {
    let conn = conn();
    let s = desk(&conn);
    let a_month_ago = at(today() - chrono::Days::new(30), "09:00");
    book(
        &conn,
        &s,
        "2026-11-17T14:00",
        "Hélène",
        "06 12 34 56 78",
        a_month_ago,
    );
    book(&conn, &s, "2026-12-08T14:00", "hélène", "0612345678", now());
    book(
        &conn,
        &s,
        "2026-12-15T14:30",
        "HÉLÈNE",
        "06.12.34.56.78",
        now(),
    );
    book(
        &conn,
        &s,
        "2026-12-02T09:00",
        "Helena Martin",
        "+33 7 11 22 33 44",
        now(),
    );
    book(
        &conn,
        &s,
        "2026-12-02T09:30",
        "Marc",
        "06-12-99-99-99",
        now(),
    );
    conn
}

fn found(conn: &Connection, text: &str) -> Vec<String> {
    search::find(conn, text, now(), 20)
        .unwrap_or_else(|e| panic!("search {text}: {e}"))
        .found
        .into_iter()
        .map(|f| format!("{} {} {}", f.date, f.time.replace('\u{a0}', " "), f.who))
        .collect()
}

#[rstest]
#[case::accents_ignored("Helene")]
#[case::case_ignored("HÉLÈNE")]
#[case::spaces_ignored("  hé lè ne ")]
#[case::national_phone("06 12 34 56 78")]
#[case::phone_without_spaces("0612345678")]
#[case::phone_with_dots("06.12.34.56.78")]
#[case::phone_with_dashes("06-12-34-56-78")]
#[case::international_phone("+33 6 12 34 56 78")]
#[case::phone_prefix("06 12 34")]
fn finds_helene_upcoming_first_then_the_past(#[case] text: &str) {
    let conn = booked();
    assert_eq!(
        found(&conn, text),
        [
            "2026-12-08 14 h hélène",
            "2026-12-15 14 h 30 HÉLÈNE",
            "2026-11-17 14 h Hélène",
        ],
        "« {text} » finds Hélène's three appointments however they were typed, the upcoming \
         ones soonest first, then the past one"
    );
}

#[test]
fn any_word_of_a_name_finds_it() {
    let conn = booked();
    assert_eq!(
        found(&conn, "martin"),
        ["2026-12-02 9 h Helena Martin"],
        "the start of the second word finds the name"
    );
    assert_eq!(
        found(&conn, "Helena M"),
        ["2026-12-02 9 h Helena Martin"],
        "the first word and the start of the next"
    );
    assert!(
        found(&conn, "ena").is_empty(),
        "the middle of a word is not the start of one"
    );
}

#[test]
fn a_prefix_finds_every_name_or_number_starting_with_it() {
    let conn = booked();
    assert_eq!(
        found(&conn, "hel"),
        [
            "2026-12-02 9 h Helena Martin",
            "2026-12-08 14 h hélène",
            "2026-12-15 14 h 30 HÉLÈNE",
            "2026-11-17 14 h Hélène",
        ],
        "a name's first letters find every name starting with them"
    );
    assert_eq!(
        found(&conn, "06 12").len(),
        4,
        "Hélène's three and Marc's start with 06 12"
    );
    assert_eq!(
        found(&conn, "07 11 22"),
        ["2026-12-02 9 h Helena Martin"],
        "a number booked as +33 7… is found as 07…"
    );
    assert!(found(&conn, "Paul").is_empty(), "nobody is called Paul");
    assert!(found(&conn, "06 99").is_empty(), "no number starts 06 99");
    assert!(found(&conn, " - . ").is_empty(), "nothing to search for");
}

#[test]
fn results_say_where_and_in_what_status() -> TestResult {
    let conn = booked();
    let first = search::find(&conn, "Marc", now(), 5)?;
    assert!(!first.more, "one match is not too many");
    let marc = first.found.first().ok_or("Marc is found")?;
    assert_eq!(marc.site_name, "Médiathèque Malraux");
    assert_eq!(marc.day, "mercredi 2 décembre 2026");
    assert_eq!(marc.time, "9\u{a0}h\u{a0}30");
    assert_eq!(
        marc.phone.as_deref(),
        Some("06-12-99-99-99"),
        "kept as typed"
    );
    assert!(marc.upcoming);
    assert_eq!(
        search::find(&conn, "h", now(), 2)?.found.len(),
        2,
        "the limit is kept"
    );
    Ok(())
}

#[test]
fn an_erased_name_or_phone_is_no_longer_found() -> TestResult {
    let conn = booked();
    // Retention and the right to erasure set the name and phone to NULL; the schema takes the
    // search keys with them, whichever code does it.
    conn.execute(
        "UPDATE appointments SET resident_name = NULL, resident_phone = NULL
         WHERE resident_name = 'Marc'",
        [],
    )?;
    assert!(
        found(&conn, "Marc").is_empty(),
        "an erased name is not found"
    );
    assert!(
        found(&conn, "06 12 99").is_empty(),
        "an erased phone is not found"
    );
    let keys: i64 = conn.query_row(
        "SELECT count(*) FROM appointment_names n JOIN appointments a ON a.id = n.appointment_id
         WHERE a.resident_name IS NULL",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(keys, 0, "no folded name outlives the name");
    let phones: i64 = conn.query_row(
        "SELECT count(*) FROM appointments WHERE resident_phone IS NULL AND phone_key IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(phones, 0, "no phone key outlives the number");
    assert_eq!(found(&conn, "Helene").len(), 3, "the others stay");
    Ok(())
}
