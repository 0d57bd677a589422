//! Scheduling speed at scale: 50 sites, 10 years, about a million appointments.
//! Run with `make bench`. The data set is generated once into target/bench/.

// Benchmark code: a failed unwrap stops the measure with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use permanences::network::site::SiteId;
use permanences::network::vocab::Reason;
use permanences::scheduling::agenda;
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::reminder;
use permanences::scheduling::search;
use permanences::scheduling::slot::{self, SlotSearch};

mod data;
use data::{data_set, now, today};

fn monday(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
        .unwrap_or(d)
}

fn benches(c: &mut Criterion) {
    let conn = data_set();
    let site = SiteId(25);
    let week = monday(today());

    c.bench_function("agenda: one site, one week", |b| {
        b.iter(|| agenda::agenda(&conn, Some(site), week, 7, now()).unwrap())
    });
    c.bench_function("agenda: whole network, one day", |b| {
        b.iter(|| agenda::agenda(&conn, None, today(), 1, now()).unwrap())
    });
    c.bench_function("next free slot: all sites", |b| {
        b.iter(|| slot::next_free(&conn, now(), &SlotSearch::default(), 1).unwrap())
    });
    let caf = SlotSearch {
        site_id: Some(site),
        reason: Some(Reason::Caf),
        ..SlotSearch::default()
    };
    c.bench_function("next free slot: one site, a reason, 3 results", |b| {
        b.iter(|| slot::next_free(&conn, now(), &caf, 3).unwrap())
    });

    // Finding an appointment when a resident phones: a third of the appointments carry a
    // name ("Personne 1234", 10 000 different) and a phone number.
    let phone: String = conn
        .query_row(
            "SELECT resident_phone FROM appointments WHERE resident_phone IS NOT NULL
             LIMIT 1 OFFSET 100000",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let international = format!("+33 {}", &phone[1..]);
    let cases = [
        ("find: a whole phone number, spaces typed", phone.clone()),
        ("find: a phone number typed +33", international),
        (
            "find: the start of a phone number (06 12 3)",
            "06 12 3".to_owned(),
        ),
        ("find: a name (Personne 4321)", "Personne 4321".to_owned()),
        (
            "find: a name typed without its space",
            "personne4321".to_owned(),
        ),
        (
            "find: a name's first letters (pers), too many",
            "pers".to_owned(),
        ),
    ];
    for (name, text) in cases {
        c.bench_function(name, |b| {
            b.iter(|| search::find(&conn, &text, now(), 20).unwrap())
        });
    }
    c.bench_function("reminders: next open day, whole network", |b| {
        b.iter(|| reminder::list(&conn, None, None, now()).unwrap())
    });

    // Booking: each iteration books a free place (capacity checked in the transaction), then
    // the row is removed outside the measured time so that the data set stays the same.
    let free: Vec<_> = slot::next_free(
        &conn,
        now(),
        &SlotSearch {
            site_id: Some(site),
            ..SlotSearch::default()
        },
        200,
    )
    .unwrap();
    c.bench_function("book with capacity check", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                let s = &free[usize::try_from(i).unwrap_or(0) % free.len()];
                let input = BookingInput {
                    site_id: site,
                    start: s.start.to_rfc3339(),
                    ..BookingInput::default()
                };
                let started = Instant::now();
                let a = appointment::book(&conn, &input, now()).unwrap();
                total += started.elapsed();
                conn.execute(
                    "DELETE FROM appointment_events WHERE appointment_id = ?1",
                    [a.id.0],
                )
                .ok();
                conn.execute("DELETE FROM appointments WHERE id = ?1", [a.id.0])
                    .ok();
            }
            total
        })
    });
}

criterion_group! {
    name = scheduling;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(scheduling);
