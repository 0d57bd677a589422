//! Permanences: weekly slots, their validation and the no-overlap rule.

use crate::common::*;
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site;
use permanences::network::vocab::PermanenceKind;
use permanences::ErrorKind;
use rstest::rstest;

#[test]
fn a_permanence_is_stored_and_summarised_in_french() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    let p = permanence::create(
        &conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::DropIn),
            capacity: Some(3),
            ..slot(&s, 2, "14h", "17h30")
        },
        crate::common::now(),
    )?;
    assert_eq!(
        (p.start_time.as_str(), p.end_time.as_str()),
        ("14:00", "17:30"),
        "times are normalised"
    );
    assert_eq!(
        p.summary,
        "Mardi 14\u{a0}h\u{a0}– 17\u{a0}h\u{a0}30, sans rendez-vous"
    );
    assert_eq!(p.capacity, 3);
    assert_eq!(
        permanence::list_for_site(&conn, s.id, crate::common::today())?,
        vec![p]
    );
    Ok(())
}

#[rstest]
#[case::weekday_zero(PermanenceInput { weekday: 0, ..base() }, "weekday", "Jour")]
#[case::weekday_eight(PermanenceInput { weekday: 8, ..base() }, "weekday", "Jour")]
#[case::bad_start(PermanenceInput { start_time: "quatorze".into(), ..base() }, "startTime", "Heure de début")]
#[case::bad_end(PermanenceInput { end_time: "25:00".into(), ..base() }, "endTime", "Heure de fin")]
#[case::end_before_start(PermanenceInput { end_time: "13:00".into(), ..base() }, "endTime", "après l'heure de début")]
#[case::end_equals_start(PermanenceInput { end_time: "14:00".into(), ..base() }, "endTime", "après l'heure de début")]
#[case::zero_capacity(PermanenceInput { capacity: Some(0), ..base() }, "capacity", "entre 1 et 50")]
#[case::huge_capacity(PermanenceInput { capacity: Some(51), ..base() }, "capacity", "entre 1 et 50")]
#[case::tiny_slot(PermanenceInput { slot_minutes: Some(4), ..base() }, "slotMinutes", "entre 5 et 240")]
#[case::slot_too_long(PermanenceInput { kind: Some(PermanenceKind::Appointment), slot_minutes: Some(240), ..base() }, "slotMinutes", "ne tiennent pas")]
#[case::bad_from(PermanenceInput { valid_from: Some("31/02/2027".into()), ..base() }, "validFrom", "date non reconnue")]
#[case::until_before_from(PermanenceInput { valid_until: Some("2026-08-01".into()), ..base() }, "validUntil", "après le début")]
fn bad_permanences_are_refused(
    #[case] mut input: PermanenceInput,
    #[case] field: &str,
    #[case] words: &str,
) {
    let conn = conn();
    let s = new_site(&conn, "A");
    input.site_id = s.id;
    assert_refused(
        permanence::create(&conn, &input, crate::common::now()),
        ErrorKind::Validation,
        field,
        words,
    );
    assert_eq!(
        count(&conn, "permanences"),
        0,
        "a refused permanence must not be stored"
    );
}

fn base() -> PermanenceInput {
    PermanenceInput {
        weekday: 2,
        start_time: "14:00".into(),
        end_time: "17:00".into(),
        valid_from: Some("2026-09-01".into()),
        ..PermanenceInput::default()
    }
}

#[rstest]
#[case::same_hours("14:00", "17:00")]
#[case::inside("15:00", "16:00")]
#[case::straddles_start("13:00", "14:30")]
#[case::straddles_end("16:59", "18:00")]
fn overlapping_permanences_of_one_site_are_refused(
    #[case] start: &str,
    #[case] end: &str,
) -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    permanence::create(&conn, &slot(&s, 2, "14:00", "17:00"), crate::common::now())?;
    assert_refused(
        permanence::create(&conn, &slot(&s, 2, start, end), crate::common::now()),
        ErrorKind::Conflict,
        "startTime",
        "chevauche celle du mardi",
    );
    assert_eq!(count(&conn, "permanences"), 1);
    Ok(())
}

#[test]
fn adjacent_other_day_other_site_or_other_period_do_not_overlap() -> TestResult {
    let conn = conn();
    let a = new_site(&conn, "A");
    let b = new_site(&conn, "B");
    permanence::create(
        &conn,
        &PermanenceInput {
            valid_until: Some("2026-12-31".into()),
            ..slot(&a, 2, "14:00", "17:00")
        },
        crate::common::now(),
    )?;
    permanence::create(&conn, &slot(&a, 2, "09:00", "14:00"), crate::common::now())?; // ends when the other starts
    permanence::create(&conn, &slot(&a, 2, "17:00", "18:00"), crate::common::now())?; // starts when it ends
    permanence::create(&conn, &slot(&a, 3, "14:00", "17:00"), crate::common::now())?; // Wednesday
    permanence::create(&conn, &slot(&b, 2, "14:00", "17:00"), crate::common::now())?; // another site
                                                                                      // Same hours, but only from 2027: the first one has ended by then.
    permanence::create(
        &conn,
        &PermanenceInput {
            valid_from: Some("2027-01-01".into()),
            ..slot(&a, 2, "14:30", "16:00")
        },
        crate::common::now(),
    )?;
    assert_eq!(count(&conn, "permanences"), 6);
    Ok(())
}

#[test]
fn updating_a_permanence_does_not_clash_with_itself_but_with_others() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    let p = permanence::create(&conn, &slot(&s, 2, "14:00", "17:00"), crate::common::now())?;
    permanence::create(&conn, &slot(&s, 2, "09:00", "12:00"), crate::common::now())?;
    let moved = permanence::update(
        &conn,
        p.id,
        &slot(&s, 2, "13:00", "17:00"),
        crate::common::now(),
    )?;
    assert_eq!(moved.start_time, "13:00");
    assert_refused(
        permanence::update(
            &conn,
            p.id,
            &slot(&s, 2, "11:00", "17:00"),
            crate::common::now(),
        ),
        ErrorKind::Conflict,
        "startTime",
        "chevauche",
    );
    assert_eq!(
        permanence::get(&conn, p.id, crate::common::today())?.start_time,
        "13:00",
        "a refused update changes nothing"
    );
    Ok(())
}

#[test]
fn the_schema_refuses_overlaps_too() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    permanence::create(&conn, &slot(&s, 2, "14:00", "17:00"), crate::common::now())?;
    let raw = conn.execute(
        "INSERT INTO permanences (site_id, weekday, start_time, end_time, kind, slot_minutes,
            capacity, valid_from, created_at, updated_at)
         VALUES (?1, 2, '15:00', '16:00', 'drop_in', 30, 1, '2026-09-01', 'now', 'now')",
        [s.id.0],
    );
    assert!(
        raw.is_err(),
        "the trigger must refuse an overlap written around the core"
    );
    Ok(())
}

#[test]
fn archived_or_missing_sites_take_no_permanence() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    site::set_archived(&conn, s.id, true, crate::common::now())?;
    assert_refused(
        permanence::create(&conn, &slot(&s, 2, "14:00", "17:00"), crate::common::now()),
        ErrorKind::Validation,
        "siteId",
        "archivé",
    );
    let ghost = permanence::create(
        &conn,
        &PermanenceInput {
            site_id: site::SiteId(999),
            ..base()
        },
        crate::common::now(),
    );
    assert_eq!(ghost.err().map(|e| e.kind()), Some(ErrorKind::NotFound));
    Ok(())
}

#[test]
fn mediators_of_a_permanence_join_its_site() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    let m = permanences::network::mediator::create(
        &conn,
        &permanences::network::mediator::MediatorInput {
            name: "Awa Diallo".into(),
            ..Default::default()
        },
        crate::common::now(),
    )?;
    let p = permanence::create(
        &conn,
        &PermanenceInput {
            mediator_ids: vec![m.id],
            ..slot(&s, 1, "09:00", "12:00")
        },
        crate::common::now(),
    )?;
    assert_eq!(p.mediator_ids, vec![m.id]);
    assert_eq!(
        permanences::network::mediator::get(&conn, m.id)?.site_ids,
        vec![s.id]
    );
    permanences::network::mediator::set_archived(&conn, m.id, true, crate::common::now())?;
    assert_refused(
        permanence::create(
            &conn,
            &PermanenceInput {
                mediator_ids: vec![m.id],
                ..slot(&s, 3, "09:00", "12:00")
            },
            crate::common::now(),
        ),
        ErrorKind::Validation,
        "mediatorIds",
        "archivée",
    );
    Ok(())
}

#[test]
fn deleting_a_permanence() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    let p = permanence::create(&conn, &slot(&s, 2, "14:00", "17:00"), crate::common::now())?;
    permanence::delete(&conn, p.id)?;
    assert_eq!(count(&conn, "permanences"), 0);
    assert_eq!(
        permanence::delete(&conn, p.id).err().map(|e| e.kind()),
        Some(ErrorKind::NotFound)
    );
    Ok(())
}
