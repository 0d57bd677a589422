//! Shared fixtures for the integration tests.
#![allow(dead_code)]

pub mod dav;
pub mod davical;
pub mod desk;
pub mod faults;
pub mod french;
pub mod snapshot;
pub mod stall;
pub mod tools;

use chrono::{DateTime, NaiveDate, Utc};
use permanences::clock;
use permanences::network::permanence::PermanenceInput;
use permanences::network::site::{Site, SiteInput};
use permanences::{network::site, store::db, Error, ErrorKind};
use rusqlite::Connection;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The instant every test runs at, a Paris wall-clock time: Tuesday 1 December 2026, 10:40.
/// The core takes "now" as an argument and the command line reads it from
/// [`clock::PIN_VARIABLE`], so no test follows the real date (`make sweep` proves it).
pub const PINNED: &str = "2026-12-01T10:40";

/// [`PINNED`] as an instant.
pub fn now() -> DateTime<Utc> {
    clock::parse_pin(PINNED).expect("PINNED is a valid Paris time")
}

/// Where tests put the pictures they render (PDF pages): `target/screenshots`, or the folder
/// named by `PERMANENCES_SCREENSHOTS` (`make screenshots` sets `docs/screenshots`), so that
/// `make test` leaves the tracked files as they were.
pub fn screenshots_dir() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("PERMANENCES_SCREENSHOTS")
        .map(|d| root.join(d))
        .unwrap_or_else(|| root.join("target").join("screenshots"));
    std::fs::create_dir_all(&dir).expect("the screenshots folder can be made");
    dir
}

/// The instant of a Paris wall-clock time `hh_mm` on `date`.
pub fn at(date: NaiveDate, hh_mm: &str) -> DateTime<Utc> {
    clock::parse_pin(&format!("{date}T{hh_mm}")).expect("a Paris time outside the DST gap")
}

/// The Paris date of [`now`].
pub fn today() -> NaiveDate {
    clock::today(now())
}

pub fn conn() -> Connection {
    db::open_in_memory().expect("in-memory database")
}

pub fn site_input(name: &str) -> SiteInput {
    SiteInput {
        name: name.into(),
        address: "3 rue Kuhn".into(),
        postcode: "67000".into(),
        city: "Strasbourg".into(),
        ..SiteInput::default()
    }
}

pub fn new_site(conn: &Connection, name: &str) -> Site {
    site::create(conn, &site_input(name), crate::common::now())
        .unwrap_or_else(|e| panic!("site {name}: {e}"))
}

pub fn slot(site: &Site, weekday: u8, start: &str, end: &str) -> PermanenceInput {
    PermanenceInput {
        site_id: site.id,
        weekday,
        start_time: start.into(),
        end_time: end.into(),
        valid_from: Some("2026-09-01".into()),
        ..PermanenceInput::default()
    }
}

/// Asserts a validation error on `field` whose French message contains `words`.
pub fn assert_refused<T: std::fmt::Debug>(
    result: Result<T, Error>,
    kind: ErrorKind,
    field: &str,
    words: &str,
) {
    match result {
        Ok(v) => panic!("expected a refusal on {field}, got {v:?}"),
        Err(e) => {
            assert_eq!(e.kind(), kind, "wrong kind for {e}");
            assert_eq!(e.field(), Some(field), "wrong field for {e}");
            assert!(
                e.to_string().contains(words),
                "message « {e} » should contain « {words} »"
            );
        }
    }
}

pub fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("count {table}: {e}"))
}
