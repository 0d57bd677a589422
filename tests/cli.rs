//! The `permanences` command line: exit codes, French messages, JSON output.
mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TestResult;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_permanences"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot start permanences: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn demo_then_sites_list_json() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("reseau.sqlite3");
    let out = run(&db, &["demo"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("5 lieux"),
        "{}",
        text(&out.stdout)
    );

    let out = run(&db, &["sites", "list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let sites: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let sites = sites.as_array().cloned().unwrap_or_default();
    assert_eq!(sites.len(), 5);
    for s in &sites {
        for key in ["id", "name", "address", "postcode", "city"] {
            assert!(!s[key].is_null(), "{key} missing in {s}");
        }
    }
    assert!(sites
        .iter()
        .any(|s| s["name"] == "Médiathèque Olympe de Gouges" && s["postcode"] == "67000"));
    Ok(())
}

#[test]
fn demo_refuses_a_database_that_has_sites() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("reseau.sqlite3");
    assert_eq!(run(&db, &["demo"]).status.code(), Some(0));
    let again = run(&db, &["demo"]);
    assert_eq!(again.status.code(), Some(1));
    let err = text(&again.stderr);
    assert_eq!(err.lines().count(), 1, "one line on stderr: {err}");
    assert!(err.contains("déjà 5 lieu(x)"), "{err}");
    let listed = run(&db, &["sites", "list", "--json"]);
    let sites: serde_json::Value = serde_json::from_slice(&listed.stdout)?;
    assert_eq!(
        sites.as_array().map(Vec::len),
        Some(5),
        "nothing was added twice"
    );
    Ok(())
}

#[test]
fn empty_database_lists_nothing_in_plain_french() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("vide.sqlite3");
    let out = run(&db, &["sites", "list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("Aucun lieu"));
    let json = run(&db, &["sites", "list", "--json"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&json.stdout)?,
        serde_json::json!([])
    );
    Ok(())
}

#[test]
fn bad_usage_exits_2_with_a_french_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("x.sqlite3");
    for args in [&["frobnicate"][..], &["sites", "list", "--bogus"], &[]] {
        let out = run(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains("permanences :") && err.contains("permanences --help"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("error:"), "no English clap message: {err}");
    }
    Ok(())
}

#[test]
fn help_is_in_french() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("x.sqlite3");
    for args in [
        &["--help"][..],
        &["sites", "--help"],
        &["sites", "list", "--help"],
        &["demo", "--help"],
    ] {
        let out = run(&db, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = text(&out.stdout);
        assert!(help.contains("Utilisation :"), "{args:?}: {help}");
        for english in ["Usage:", "Print help", "[OPTIONS]", "<COMMAND>"] {
            assert!(
                !help.contains(english),
                "{args:?} shows « {english} »: {help}"
            );
        }
    }
    Ok(())
}

#[test]
fn unreadable_database_fails_with_one_french_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("abime.sqlite3");
    std::fs::write(&db, vec![b'x'; 4096])?;
    let out = run(&db, &["sites", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("Impossible d'ouvrir"), "{err}");
    assert_eq!(
        std::fs::read(&db)?,
        vec![b'x'; 4096],
        "the file is left as it was"
    );
    Ok(())
}
