//! Shared fixtures for the integration tests.
#![allow(dead_code)]

pub mod french;
pub mod snapshot;
pub mod tools;

use permanences::permanence::PermanenceInput;
use permanences::site::{Site, SiteInput};
use permanences::{db, site, Error, ErrorKind};
use rusqlite::Connection;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub fn conn() -> Connection {
    db::open_in_memory().unwrap_or_else(|e| panic!("in-memory database: {e}"))
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
    site::create(conn, &site_input(name)).unwrap_or_else(|e| panic!("site {name}: {e}"))
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
