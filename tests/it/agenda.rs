//! The agenda, next free slots, walk-ins and the waiting list.

use crate::common::*;
use chrono::{DateTime, NaiveDate, Utc};
use permanences::network::closure::{self, ClosureInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::{self, SiteInput};
use permanences::network::vocab::{PermanenceKind, Reason, Service};
use permanences::scheduling::agenda;
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::slot::{self, SlotSearch};
use permanences::scheduling::waiting::{self, Resolution, WaitingInput};
use permanences::scheduling::walk_in::{self, WalkInInput, WalkInStatus};
use permanences::ErrorKind;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn by_appointment(
    site: &site::Site,
    weekday: u8,
    start: &str,
    end: &str,
    capacity: u16,
) -> PermanenceInput {
    PermanenceInput {
        kind: Some(PermanenceKind::Appointment),
        capacity: Some(capacity),
        slot_minutes: Some(30),
        ..slot(site, weekday, start, end)
    }
}

#[test]
fn the_agenda_shows_slots_appointments_and_closures() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "Médiathèque");
    permanence::create(
        &conn,
        &by_appointment(&s, 2, "14:00", "15:00", 1),
        crate::common::now(),
    )?;
    permanence::create(&conn, &slot(&s, 3, "09:00", "12:00"), crate::common::now())?;
    closure::create(
        &conn,
        &ClosureInput {
            site_id: s.id,
            start_date: "2027-03-31".into(),
            end_date: None,
            reason: "Réunion".into(),
        },
        crate::common::now(),
    )?;
    let a = appointment::book(
        &conn,
        &BookingInput {
            site_id: s.id,
            start: "2027-03-30T14:30".into(),
            resident_name: Some("Léa".into()),
            ..Default::default()
        },
        t("2027-01-01T00:00:00Z"),
    )?;
    let week = agenda::show(
        &conn,
        Some(s.id),
        d(2027, 3, 31),
        agenda::Span::Week,
        t("2027-03-30T12:15:00Z"),
    )?;
    assert_eq!(week.title, "Semaine du 29 mars 2027");
    assert_eq!((week.previous, week.next), (d(2027, 3, 22), d(2027, 4, 5)));
    assert_eq!(week.days.len(), 7);
    let tuesday = &week.days[1];
    assert_eq!(tuesday.label, "mardi 30 mars 2027");
    assert_eq!(tuesday.slots.len(), 2);
    assert!(tuesday.slots[0].appointments.is_empty());
    assert!(
        !tuesday.slots[0].bookable && tuesday.slots[0].past,
        "14:00 has started at 14:15"
    );
    assert!(!tuesday.slots[1].past);
    assert!(!tuesday.slots[1].bookable, "14:30 is full");
    assert_eq!(tuesday.slots[1].appointments, vec![a]);
    assert_eq!(
        (tuesday.slots[1].slot.booked, tuesday.slots[1].slot.capacity),
        (1, 1)
    );
    assert_eq!(tuesday.slots[1].site_name, "Médiathèque");
    let wednesday = &week.days[2];
    assert!(wednesday.slots.is_empty());
    assert_eq!(
        wednesday.notices,
        vec!["Médiathèque : fermé (Réunion)".to_owned()]
    );
    // Easter Monday: the site has no Monday permanence, so no notice.
    assert!(week.days[0].notices.is_empty());
    assert!(
        agenda::agenda(&conn, None, d(2027, 3, 29), 0, t("2027-03-30T12:15:00Z")).is_err(),
        "0 days is refused"
    );
    Ok(())
}

#[test]
fn next_free_slot_skips_full_ones_and_searches_every_site() -> TestResult {
    let conn = conn();
    let a = new_site(&conn, "A");
    let b = site::create(
        &conn,
        &SiteInput {
            services: vec![Service::Access],
            ..site_input("B")
        },
        crate::common::now(),
    )?;
    permanence::create(
        &conn,
        &by_appointment(&a, 2, "14:00", "15:00", 1),
        crate::common::now(),
    )?;
    permanence::create(
        &conn,
        &by_appointment(&b, 3, "10:00", "11:00", 1),
        crate::common::now(),
    )?;
    let now = t("2027-03-29T08:00:00Z"); // Monday
    appointment::book(
        &conn,
        &BookingInput {
            site_id: a.id,
            start: "2027-03-30T14:00".into(),
            ..Default::default()
        },
        now,
    )?;
    let found = slot::next_free(&conn, now, &SlotSearch::default(), 3)?;
    let starts: Vec<String> = found.iter().map(|s| s.start.to_rfc3339()).collect();
    assert_eq!(
        starts,
        vec![
            "2027-03-30T14:30:00+02:00",
            "2027-03-31T10:00:00+02:00",
            "2027-03-31T10:30:00+02:00"
        ]
    );
    // A site filter, and a reason that needs help with procedures (B offers only access).
    let only_b = slot::next_free(
        &conn,
        now,
        &SlotSearch {
            site_id: Some(b.id),
            ..Default::default()
        },
        1,
    )?;
    assert_eq!(only_b[0].site_id, b.id);
    let caf = slot::next_free(
        &conn,
        now,
        &SlotSearch {
            reason: Some(Reason::Caf),
            ..Default::default()
        },
        5,
    )?;
    assert!(
        caf.iter().all(|s| s.site_id == a.id),
        "B does not help with procedures"
    );
    let email = slot::next_free(
        &conn,
        now,
        &SlotSearch {
            reason: Some(Reason::Email),
            ..Default::default()
        },
        5,
    )?;
    assert!(
        email.iter().any(|s| s.site_id == b.id),
        "every site helps with e-mail"
    );
    Ok(())
}

#[test]
fn next_free_slot_finds_nothing_without_appointment_permanences() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    permanence::create(&conn, &slot(&s, 2, "14:00", "17:00"), crate::common::now())?; // drop-in only
    assert!(
        slot::next_free(&conn, t("2027-03-29T08:00:00Z"), &SlotSearch::default(), 1)?.is_empty()
    );
    Ok(())
}

#[test]
fn walk_ins_queue_during_a_drop_in_permanence() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    permanence::create(&conn, &slot(&s, 2, "14:00", "17:00"), crate::common::now())?;
    let input = |name: &str| WalkInInput {
        site_id: s.id,
        name: Some(name.into()),
        reason: Some(Reason::Ameli),
        ..Default::default()
    };
    let first = walk_in::arrive(&conn, &input("Paul"), t("2027-03-30T12:05:00Z"))?;
    assert_eq!(first.arrival, "14\u{a0}h\u{a0}05");
    walk_in::arrive(
        &conn,
        &WalkInInput {
            site_id: s.id,
            ..Default::default()
        },
        t("2027-03-30T12:20:00Z"),
    )?;
    let queue = walk_in::queue(&conn, s.id, d(2027, 3, 30))?;
    let who: Vec<&str> = queue.iter().map(|w| w.who.as_str()).collect();
    assert_eq!(who, vec!["Paul", "Anonyme"], "arrival order");
    assert_eq!(
        walk_in::set_status(&conn, first.id, WalkInStatus::Seen, crate::common::now())?.status,
        WalkInStatus::Seen
    );
    let closed = walk_in::arrive(&conn, &input("Zoé"), t("2027-03-30T16:00:00Z"));
    assert_refused(
        closed,
        ErrorKind::Validation,
        "siteId",
        "Pas de permanence sans rendez-vous en cours",
    );
    Ok(())
}

#[test]
fn waiting_list_in_order_until_resolved() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    let first = waiting::add(
        &conn,
        &WaitingInput {
            site_id: s.id,
            name: "Mme A.".into(),
            contact: "06 01".into(),
            ..Default::default()
        },
        crate::common::now(),
    )?;
    waiting::add(
        &conn,
        &WaitingInput {
            site_id: s.id,
            name: "M. B.".into(),
            contact: "06 02".into(),
            ..Default::default()
        },
        crate::common::now(),
    )?;
    assert_eq!(waiting::list_open(&conn, Some(s.id))?.len(), 2);
    waiting::resolve(&conn, first.id, Resolution::Booked, crate::common::now())?;
    let open = waiting::list_open(&conn, Some(s.id))?;
    assert_eq!(
        open.iter().map(|w| w.name.as_str()).collect::<Vec<_>>(),
        vec!["M. B."]
    );
    assert!(
        waiting::resolve(&conn, first.id, Resolution::Withdrawn, crate::common::now()).is_err(),
        "resolved once"
    );
    assert_refused(
        waiting::add(
            &conn,
            &WaitingInput {
                site_id: s.id,
                name: "X".into(),
                ..Default::default()
            },
            crate::common::now(),
        ),
        ErrorKind::Validation,
        "contact",
        "joindre",
    );
    Ok(())
}
