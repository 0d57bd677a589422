//! Activity statistics at scale: 1 000 000 visits over 10 years and 50 sites (about
//! 100 000 a year). Run with `make bench`. The data set is generated once into target/bench/.

// Benchmark code: a failed unwrap stops the measure with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use permanences::network::mediator::MediatorId;
use permanences::network::site::SiteId;
use permanences::records::stats::{self, StatsQuery};
use permanences::records::visit::codes::Material;
use permanences::records::visit::{self, VisitInput};
use permanences::sample::generate::{self, Size};
use permanences::store::db;
use rusqlite::Connection;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn data_set() -> Connection {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench");
    let path = dir.join("stats-1m.sqlite3");
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let tmp = dir.join("stats-1m.tmp.sqlite3");
        let _ = std::fs::remove_file(&tmp);
        let conn = db::open(&tmp).unwrap();
        let started = Instant::now();
        let size = Size {
            sites: 50,
            years: 10,
            fill_percent: 0,
        };
        generate::generate(
            &conn,
            size,
            day(2026, 11, 30)
                .and_hms_opt(8, 0, 0)
                .unwrap_or_default()
                .and_utc(),
        )
        .unwrap();
        let n = generate::visits(&conn, 1_000_000, day(2017, 1, 1), day(2026, 12, 31)).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
            .unwrap();
        drop(conn);
        // A killed earlier run may have left a journal beside the final name.
        for stale in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{stale}", path.display()));
        }
        std::fs::rename(&tmp, &path).unwrap();
        eprintln!(
            "data set: {n} visits written in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let conn = db::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap_or(0);
    let year: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits WHERE day BETWEEN '2025-01-01' AND '2025-12-31'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(0);
    eprintln!("data set: {n} visits, {year} in 2025");
    conn
}

fn query(from: &str, to: &str, site: Option<i64>) -> StatsQuery {
    StatsQuery {
        from: from.into(),
        to: to.into(),
        site_id: site.map(SiteId),
        mediator_id: None,
        desk_id: None,
    }
}

fn benches(c: &mut Criterion) {
    let conn = data_set();
    let mut g = c.benchmark_group("stats");
    g.sample_size(20);
    g.bench_function("one year, whole network (~100 000 visits)", |b| {
        b.iter(|| stats::compute(&conn, &query("2025-01-01", "2025-12-31", None)).unwrap())
    });
    g.bench_function("one year, one site", |b| {
        b.iter(|| stats::compute(&conn, &query("2025-01-01", "2025-12-31", Some(7))).unwrap())
    });
    g.bench_function("one month, whole network", |b| {
        b.iter(|| stats::compute(&conn, &query("2025-03-01", "2025-03-31", None)).unwrap())
    });
    g.sample_size(10);
    g.bench_function("ten years, whole network (1 000 000 visits)", |b| {
        b.iter(|| stats::compute(&conn, &query("2017-01-01", "2026-12-31", None)).unwrap())
    });
    g.finish();

    // Recording a visit commits a transaction each time: measured on a copy of the data set
    // so that the shared file does not grow run after run.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("record.sqlite3");
    conn.execute("VACUUM INTO ?1", [copy.display().to_string()])
        .unwrap();
    let writer = db::open(&copy).unwrap();
    let now: DateTime<Utc> = day(2026, 11, 30)
        .and_hms_opt(16, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let input = VisitInput {
        date: "2026-11-30".into(),
        time: "14:00".into(),
        site_id: Some(SiteId(7)),
        mediator_id: Some(MediatorId(7)),
        themes: vec!["email".into(), "aide_aux_demarches_administratives".into()],
        procedures: vec!["social_sante".into()],
        materials: vec![Material::Computer],
        first_visit: true,
        ..VisitInput::default()
    };
    let mut g = c.benchmark_group("visit");
    g.bench_function("record a visit (transaction committed)", |b| {
        b.iter(|| visit::record(&writer, &input, now).unwrap())
    });
    g.finish();
}

criterion_group!(stats_benches, benches);
criterion_main!(stats_benches);
