//! `backup`, `restore` and encrypted databases on the command line.

use std::path::Path;
use std::process::Output;

use crate::common::tools::{cli, cli_ok as ok, text};
use crate::common::TestResult;
use permanences::{sample::demo, store::backup, store::db};

const PASS: &str = "le chat dort au soleil";

fn with_passphrase(db: &Path, passphrase: &str, args: &[&str]) -> Output {
    crate::common::tools::permanences()
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PERMANENCES_PASSPHRASE", passphrase)
        .output()
        .expect("cannot start permanences")
}

fn site_count(db: &Path, key: Option<&str>) -> i64 {
    db::open_keyed(db, key)
        .and_then(|c| Ok(c.query_row("SELECT count(*) FROM sites", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn backup_then_restore_round_trip() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("demo.sqlite3");
    ok(&db, &["demo"]);
    let copy = dir.path().join("copie.sqlite3");
    let said = ok(&db, &["backup", "-o", &copy.to_string_lossy()]);
    assert!(said.starts_with("Sauvegarde écrite"), "{said}");
    assert_eq!(
        site_count(&copy, None),
        5,
        "the copy holds the demo network"
    );

    // Changed after the backup, then restored: back to the backup's state.
    db::open(&db)?.execute("DELETE FROM site_mediators", [])?;
    let said = ok(&db, &["restore", &copy.to_string_lossy()]);
    assert!(
        said.contains("5 lieu(x)"),
        "it says what it restores: {said}"
    );
    // The demo's visits follow today's date: compare with the copy, not a fixed number.
    let visits: i64 =
        db::open(&copy)?.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?;
    assert!(
        said.contains(&format!("{visits} accompagnement(s)")),
        "{said}"
    );
    let n: i64 =
        db::open(&db)?.query_row("SELECT count(*) FROM site_mediators", [], |r| r.get(0))?;
    assert!(n > 0, "the team links are back");
    assert_eq!(
        backup::list(&db)?.len(),
        1,
        "the replaced file was kept first"
    );
    Ok(())
}

#[test]
fn a_bad_file_is_refused_with_exit_code_1() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("demo.sqlite3");
    ok(&db, &["demo"]);
    let garbage = dir.path().join("notes.txt");
    std::fs::write(&garbage, "des notes, pas une base".repeat(100))?;
    let before = std::fs::read(&db)?;
    let out = cli(&db, &["restore", &garbage.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("pas une base de données"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&db)?, before, "the database is untouched");
    let usage = cli(&db, &["restore"]);
    assert_eq!(
        usage.status.code(),
        Some(2),
        "a missing file is a usage error"
    );
    Ok(())
}

#[test]
fn every_command_opens_an_encrypted_database_with_the_passphrase() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("secret.sqlite3");
    demo::seed(&db::open_keyed(&db, Some(PASS))?, crate::common::now())?;

    let refused = cli(&db, &["sites", "list"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("PERMANENCES_PASSPHRASE"),
        "without a terminal, it says how to give the passphrase: {}",
        text(&refused.stderr)
    );
    let wrong = with_passphrase(&db, "pas la bonne phrase", &["sites", "list"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        text(&wrong.stderr).contains("incorrecte"),
        "{}",
        text(&wrong.stderr)
    );

    let listed = with_passphrase(&db, PASS, &["sites", "list"]);
    assert_eq!(listed.status.code(), Some(0), "{}", text(&listed.stderr));
    assert_eq!(text(&listed.stdout).lines().count(), 5);

    let copy = dir.path().join("copie.sqlite3");
    let out = with_passphrase(&db, PASS, &["backup", "-o", &copy.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(db::open(&copy).is_err(), "the backup is encrypted too");
    assert_eq!(site_count(&copy, Some(PASS)), 5);
    let out = with_passphrase(&db, PASS, &["restore", &copy.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("(chiffrée)"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(site_count(&db, Some(PASS)), 5);
    Ok(())
}
