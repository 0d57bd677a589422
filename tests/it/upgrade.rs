//! Upgrades lose nothing: each released schema's fixture (tests/fixtures/schema/, made by
//! `scripts/schema-fixture.sh` with that version's own code, plain and encrypted) opens with the
//! current code, is migrated to the current schema after a copy of it was kept, and still holds
//! every row: each table's count and the spot-checked records that Python's sqlite3 read off
//! the fixture when it was made. Then the core reads it as the app does.

use std::path::{Path, PathBuf};

use permanences::records::stats::{self, StatsQuery};
use permanences::records::visit::{self, VisitFilter};
use permanences::store::{db, snapshot};
use permanences::{network, Result};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema")
}

/// The passphrase scripts/schema-fixture.sh encrypts with.
fn passphrase(version: &str) -> String {
    format!("fixture de la version {version}")
}

/// Every fixture's expectations (`vN.json`), oldest schema first.
fn expectations() -> Vec<(i64, Value)> {
    let mut found: Vec<(i64, Value)> = std::fs::read_dir(fixtures())
        .expect("tests/fixtures/schema exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let v: Value = serde_json::from_slice(&std::fs::read(&p).expect("readable"))
                .expect("fixture JSON");
            (v["schema"].as_i64().expect("schema number"), v)
        })
        .collect();
    found.sort_by_key(|(schema, _)| *schema);
    found
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            serde_json::json!({ "blob": hex })
        }
    }
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
        r.get(0)
    })
    .unwrap_or_else(|e| panic!("table {table} must still exist after the upgrade: {e}"))
}

/// The fixture's counts and records, checked on `conn`.
fn same_rows(conn: &Connection, expected: &Value, what: &str) {
    let counts = expected["counts"].as_object().expect("counts");
    assert!(counts.len() >= 10, "{what}: the fixture lists every table");
    for (table, n) in counts {
        assert_eq!(
            Some(count(conn, table)),
            n.as_i64(),
            "{what}: table {table} must keep every row"
        );
    }
    let records = expected["records"].as_object().expect("records");
    for (table, rows) in records {
        for row in rows.as_array().expect("rows") {
            let rowid = row["rowid"].as_i64().expect("rowid");
            let columns = row["columns"].as_object().expect("columns");
            for (column, value) in columns {
                let found = conn
                    .query_row(
                        &format!("SELECT \"{column}\" FROM \"{table}\" WHERE rowid = ?1"),
                        [rowid],
                        |r| Ok(json_of(r.get_ref(0)?)),
                    )
                    .unwrap_or_else(|e| panic!("{what}: {table} #{rowid}.{column}: {e}"));
                assert_eq!(
                    &found, value,
                    "{what}: {table} #{rowid}.{column} must be unchanged by the upgrade"
                );
            }
        }
    }
}

/// How to take a file at schema N back to N−1, for the newest schema only: while no release
/// has a newer schema than the newest fixture, the fixture's own open migrates nothing, so the
/// test also opens it stepped back one migration, to run "copy, then migrate" on its real
/// data. A migration that adds its fixture makes this unnecessary; one that is not listed here
/// fails the test until it is.
fn step_back(schema: i64) -> Option<&'static str> {
    match schema {
        // 0006_backups.sql only creates backup_settings (with its one row).
        6 => Some("DROP TABLE backup_settings; PRAGMA user_version = 5;"),
        _ => None,
    }
}

fn open_raw(path: &Path, key: Option<&str>) -> Connection {
    let conn = Connection::open(path).expect("opens");
    if let Some(key) = key {
        conn.pragma_update(None, "key", key).expect("key");
    }
    conn
}

#[test]
fn every_released_schema_opens_migrated_with_its_data() -> Result<()> {
    let all = expectations();
    assert!(
        !all.is_empty(),
        "at least the schema of version 0.1.0 has a fixture"
    );
    let latest = i64::try_from(db::schema_version()).expect("small");
    for (schema, expected) in &all {
        let version = expected["version"].as_str().expect("version");
        for encrypted in [false, true] {
            let name = if encrypted {
                format!("v{schema}-chiffree.sqlite3")
            } else {
                format!("v{schema}.sqlite3")
            };
            let what = format!("{name} (version {version})");
            let key = encrypted.then(|| passphrase(version));
            let dir = tempfile::tempdir()?;
            let path = dir.path().join("permanences.sqlite3");
            std::fs::copy(fixtures().join(&name), &path)?;
            assert_eq!(
                permanences::store::vault::is_encrypted(&path)?,
                encrypted,
                "{what}: the fixture is {}",
                if encrypted { "encrypted" } else { "plain" }
            );

            let conn = db::open_keyed(&path, key.as_deref())?;
            let now: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            assert_eq!(now, latest, "{what}: migrated to the current schema");
            same_rows(&conn, expected, &what);

            // The copy kept before migrating: the file as that version left it.
            let kept = snapshot::before_upgrade_path(&path, *schema);
            if *schema < latest {
                assert!(kept.is_file(), "{what}: a copy is kept before migrating");
                let copy = open_raw(&kept, key.as_deref());
                let v: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                assert_eq!(v, *schema, "{what}: the copy is not migrated");
                same_rows(&copy, expected, &format!("{what}, copy"));
            } else {
                assert!(!kept.exists(), "{what}: nothing to migrate, no copy");
            }

            if *schema == latest {
                let sql = step_back(*schema).unwrap_or_else(|| {
                    panic!("{what}: say in step_back how to undo migration {schema}")
                });
                let back = dir.path().join("en-arriere.sqlite3");
                std::fs::copy(fixtures().join(&name), &back)?;
                open_raw(&back, key.as_deref()).execute_batch(sql)?;
                let migrated = db::open_keyed(&back, key.as_deref())?;
                let v: i64 = migrated.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                assert_eq!(v, latest, "{what}, one step back: migrated again");
                same_rows(&migrated, expected, &format!("{what}, one step back"));
                let kept = snapshot::before_upgrade_path(&back, schema - 1);
                assert!(kept.is_file(), "{what}, one step back: copy kept first");
                let copy = open_raw(&kept, key.as_deref());
                let v: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                assert_eq!(
                    v,
                    schema - 1,
                    "{what}, one step back: the copy is as it was"
                );
                let visits: i64 =
                    copy.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?;
                assert_eq!(Some(visits), expected["counts"]["visits"].as_i64());
            }

            // The app's own reads work on the upgraded file.
            let sites = network::site::list(&conn, true)?;
            assert_eq!(
                Some(i64::try_from(sites.len()).expect("small")),
                expected["counts"]["sites"].as_i64(),
                "{what}: every site is listed"
            );
            let all_time = VisitFilter {
                from: None,
                to: None,
                site_id: None,
                mediator_id: None,
            };
            let visits = visit::list(&conn, &all_time, 1_000_000)?;
            assert_eq!(
                Some(i64::try_from(visits.len()).expect("small")),
                expected["counts"]["visits"].as_i64(),
                "{what}: every visit is listed"
            );
            let year = stats::compute(
                &conn,
                &StatsQuery {
                    from: "2000-01-01".into(),
                    to: "2100-12-31".into(),
                    site_id: None,
                    mediator_id: None,
                    desk_id: None,
                },
            )?;
            assert_eq!(
                Some(year.visits),
                expected["counts"]["visits"].as_i64(),
                "{what}: the statistics count every visit"
            );
        }
    }
    Ok(())
}

/// Migration 9 writes the search keys of the appointments already there: on the 0.1.0
/// fixture's real rows, a name and a phone booked before it are found as booking writes them
/// now (accents, case, separators and +33 ignored; any word of a name).
#[test]
fn appointments_booked_before_the_search_keys_are_found() -> Result<()> {
    use permanences::scheduling::search;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("permanences.sqlite3");
    std::fs::copy(fixtures().join("v6.sqlite3"), &path)?;
    let conn = db::open(&path)?;
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:40:00Z")
        .map(|d| d.to_utc())
        .unwrap_or_default();
    let who = |text: &str| -> Vec<String> {
        search::find(&conn, text, now, 10)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .found
            .into_iter()
            .map(|f| f.who)
            .collect()
    };
    assert_eq!(who("schmitt"), ["Mme Schmitt"], "the second word of a name");
    assert_eq!(
        who("+33 6 12 34 56 78"),
        ["Mme Schmitt"],
        "a phone typed +33"
    );
    assert_eq!(who("JEAN PAUL"), ["Jean-Paul"], "case and separators");
    assert_eq!(
        who("07.98"),
        ["M. Weber"],
        "the start of a phone, with a dot"
    );
    let keys: i64 = conn.query_row("SELECT count(*) FROM appointment_names", [], |r| r.get(0))?;
    // Mme Schmitt 2, Karim 1, M. Weber 2, Nadia B. 2, Jean-Paul 2, Fatou 1.
    assert_eq!(
        keys, 10,
        "one key per word start of each name, none for the anonymous"
    );
    Ok(())
}
