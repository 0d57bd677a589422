//! Calendar export speed (`make bench`): the demo network over a year, and the whole
//! 1 M-appointment data set (every appointment, ten years of permanences). The files are
//! also written to target/bench/ for tests/ics/bench_icalendar.py, which times Python
//! `icalendar` writing the same events and prints the ratio.

// Benchmark code: a failed unwrap stops the measure with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use permanences::exchange::calendar::{self, CalendarRequest, CalendarScope, Window};
use permanences::{sample::demo, store::db};

mod data;
use data::{data_set, now};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

const EVERYTHING: CalendarRequest = CalendarRequest {
    scope: CalendarScope::Network,
    with_appointments: true,
    with_names: true,
};

fn save(name: &str, text: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

fn benches(c: &mut Criterion) {
    let demo_db = db::open_in_memory().unwrap();
    demo::seed(&demo_db, data::now()).unwrap();
    let year = Window {
        from: d(2027, 1, 1),
        to: d(2027, 12, 31),
    };
    let text = calendar::export(&demo_db, &EVERYTHING, year, now()).unwrap();
    eprintln!(
        "demo network, one year: {} events, {} bytes",
        text.matches("BEGIN:VEVENT").count(),
        text.len()
    );
    save("calendar-demo.ics", &text);
    c.bench_function("ics: demo network, one year", |b| {
        b.iter(|| calendar::export(&demo_db, &EVERYTHING, year, now()).unwrap())
    });

    let big = data_set();
    let all = Window {
        from: d(2000, 1, 1),
        to: d(2100, 12, 31),
    };
    let text = calendar::export(&big, &EVERYTHING, all, now()).unwrap();
    eprintln!(
        "1 M data set: {} events, {} bytes",
        text.matches("BEGIN:VEVENT").count(),
        text.len()
    );
    save("calendar-1m.ics", &text);
    let mut group = c.benchmark_group("ics");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("1 M appointments, whole network", |b| {
        b.iter(|| calendar::export(&big, &EVERYTHING, all, now()).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = calendar_bench;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(calendar_bench);
