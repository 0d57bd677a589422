//! The benchmarks' large data set (50 sites, 10 years, about a million appointments),
//! generated once into target/bench/ and shared by the benchmarks.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use permanences::sample::generate::{self, Size};
use permanences::store::db;
use rusqlite::Connection;

/// The data set's "today": fixed, so every run measures the same database.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()
}

pub fn now() -> DateTime<Utc> {
    today().and_hms_opt(7, 0, 0).unwrap_or_default().and_utc()
}

pub fn data_set() -> Connection {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench");
    let path = dir.join("scheduling-1m.sqlite3");
    if !path.exists() {
        let tmp = dir.join("scheduling-1m.tmp.sqlite3");
        let _ = std::fs::remove_file(&tmp);
        let conn = db::open(&tmp).unwrap();
        let started = Instant::now();
        let g = generate::generate(
            &conn,
            Size {
                sites: 50,
                years: 10,
                fill_percent: 85,
            },
            now(),
        )
        .unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
            .unwrap();
        drop(conn);
        std::fs::rename(&tmp, &path).unwrap();
        eprintln!(
            "data set: {g:?} written in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let conn = db::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM appointments", [], |r| r.get(0))
        .unwrap_or(0);
    eprintln!("data set: {n} appointments");
    conn
}
