//! Slot generation: weekly rules in Paris wall-clock time, DST days, holidays, closures.

use crate::common::*;
use chrono::{Datelike, NaiveDate, Timelike};
use permanences::clock;
use permanences::network::closure::{self, ClosureInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::{self, SiteInput};
use permanences::network::vocab::PermanenceKind;
use permanences::scheduling::slot;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_else(|| panic!("bad date {y}-{m}-{day}"))
}

fn appointments(
    site: &site::Site,
    weekday: u8,
    start: &str,
    end: &str,
    minutes: u16,
) -> PermanenceInput {
    PermanenceInput {
        kind: Some(PermanenceKind::Appointment),
        slot_minutes: Some(minutes),
        ..slot(site, weekday, start, end)
    }
}

#[test]
fn a_14h_slot_stays_at_14h_local_all_year() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    permanence::create(
        &conn,
        &appointments(&s, 2, "14:00", "15:00", 30),
        crate::common::now(),
    )?;
    let slots = slot::list(&conn, Some(s.id), d(2027, 1, 1), d(2027, 12, 31))?;
    // No public holiday falls on a Tuesday in 2027: two slots every Tuesday.
    let tuesdays = clock::days(d(2027, 1, 1), d(2027, 12, 31))
        .filter(|x| x.weekday().number_from_monday() == 2)
        .count();
    assert_eq!(slots.len(), tuesdays * 2);
    for sl in &slots {
        assert_eq!(sl.start.hour(), 14, "{} must start at 14 h local", sl.start);
        let offset = sl.start.offset().local_minus_utc() / 3600;
        let summer =
            sl.start.date_naive() > d(2027, 3, 28) && sl.start.date_naive() < d(2027, 10, 31);
        assert_eq!(offset, if summer { 2 } else { 1 }, "offset of {}", sl.start);
    }
    assert_eq!(slots[0].start.to_rfc3339(), "2027-01-05T14:00:00+01:00");
    assert_eq!(slots[0].hours, "14\u{a0}h\u{a0}– 14\u{a0}h\u{a0}30");
    Ok(())
}

#[test]
fn the_spring_forward_hour_has_no_slot_and_the_autumn_hour_is_not_doubled() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    permanence::create(
        &conn,
        &appointments(&s, 7, "01:30", "03:30", 30),
        crate::common::now(),
    )?;
    // 28 March 2027: 02:00 jumps to 03:00.
    let spring = slot::list(&conn, Some(s.id), d(2027, 3, 28), d(2027, 3, 28))?;
    let starts: Vec<String> = spring.iter().map(|x| x.start.to_rfc3339()).collect();
    assert_eq!(
        starts,
        vec!["2027-03-28T01:30:00+01:00", "2027-03-28T03:00:00+02:00"],
        "02:00–03:00 does not exist"
    );
    // 31 October 2027: 02:00–03:00 happens twice; each slot once, at its first occurrence.
    let autumn = slot::list(&conn, Some(s.id), d(2027, 10, 31), d(2027, 10, 31))?;
    let starts: Vec<String> = autumn.iter().map(|x| x.start.to_rfc3339()).collect();
    assert_eq!(
        starts,
        vec![
            "2027-10-31T01:30:00+02:00",
            "2027-10-31T02:00:00+02:00",
            "2027-10-31T02:30:00+02:00",
            "2027-10-31T03:00:00+01:00"
        ]
    );
    // An ordinary Sunday has all four.
    assert_eq!(
        slot::list(&conn, Some(s.id), d(2027, 4, 4), d(2027, 4, 4))?.len(),
        4
    );
    Ok(())
}

#[test]
fn alsace_moselle_holidays_close_the_slots_only_there() -> TestResult {
    let conn = conn();
    let strasbourg = new_site(&conn, "Strasbourg");
    let paris = site::create(
        &conn,
        &SiteInput {
            alsace_moselle: Some(false),
            ..site_input("Paris")
        },
        crate::common::now(),
    )?;
    for s in [&strasbourg, &paris] {
        permanence::create(&conn, &slot(s, 5, "09:00", "12:00"), crate::common::now())?; // Friday
        permanence::create(&conn, &slot(s, 6, "09:00", "12:00"), crate::common::now())?; // Saturday
        permanence::create(&conn, &slot(s, 1, "09:00", "12:00"), crate::common::now())?;
        // Monday
    }
    let on =
        |s: &site::Site, day: NaiveDate| slot::list(&conn, Some(s.id), day, day).map(|v| v.len());
    // Good Friday 2027 (26 March) and Saint Stephen 2026 (Saturday 26 December).
    assert_eq!(on(&strasbourg, d(2027, 3, 26))?, 0);
    assert_eq!(on(&paris, d(2027, 3, 26))?, 1);
    assert_eq!(on(&strasbourg, d(2026, 12, 26))?, 0);
    assert_eq!(on(&paris, d(2026, 12, 26))?, 1);
    // Easter Monday is a holiday everywhere.
    assert_eq!(on(&strasbourg, d(2027, 3, 29))?, 0);
    assert_eq!(on(&paris, d(2027, 3, 29))?, 0);
    Ok(())
}

#[test]
fn closures_and_validity_periods_remove_slots() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    permanence::create(
        &conn,
        &PermanenceInput {
            valid_until: Some("2027-06-30".into()),
            ..slot(&s, 2, "14:00", "17:00")
        },
        crate::common::now(),
    )?;
    closure::create(
        &conn,
        &ClosureInput {
            site_id: s.id,
            start_date: "2027-02-15".into(),
            end_date: Some("2027-02-19".into()),
            reason: "Vacances".into(),
        },
        crate::common::now(),
    )?;
    assert!(
        slot::list(&conn, Some(s.id), d(2027, 2, 16), d(2027, 2, 16))?.is_empty(),
        "closed that week"
    );
    assert_eq!(
        slot::list(&conn, Some(s.id), d(2027, 2, 23), d(2027, 2, 23))?.len(),
        1,
        "open the next"
    );
    assert!(
        slot::list(&conn, Some(s.id), d(2027, 7, 6), d(2027, 7, 6))?.is_empty(),
        "ended in June"
    );
    // Archived sites offer no slot.
    site::set_archived(&conn, s.id, true, crate::common::now())?;
    assert!(slot::list(&conn, None, d(2027, 2, 23), d(2027, 2, 23))?.is_empty());
    Ok(())
}

#[test]
fn a_drop_in_permanence_is_one_opening() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    permanence::create(
        &conn,
        &PermanenceInput {
            capacity: Some(3),
            ..slot(&s, 2, "14:00", "17:00")
        },
        crate::common::now(),
    )?;
    let slots = slot::list(&conn, Some(s.id), d(2027, 3, 30), d(2027, 3, 30))?;
    assert_eq!(slots.len(), 1);
    assert_eq!(slots[0].start.to_rfc3339(), "2027-03-30T14:00:00+02:00");
    assert_eq!(slots[0].end.to_rfc3339(), "2027-03-30T17:00:00+02:00");
    assert!(!slots[0].is_free(), "a drop-in opening takes no booking");
    Ok(())
}
