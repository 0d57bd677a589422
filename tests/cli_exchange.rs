//! The coordinators' exchange commands on the demo data, checked by the independent tools;
//! and running next to an open, writing app.
mod common;

use std::time::Duration;

use common::tools::{cli as run, cli_ok as ok, frictionless, python, text};
use common::TestResult;

#[test]
fn calendars_of_the_demo_network_parse_and_keep_names_private() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("demo.sqlite3");
    ok(&db, &["demo"]);
    let cases: [(&str, &[&str]); 5] = [
        ("reseau", &[]),
        ("lieu", &["--site", "1"]),
        ("mediatrice", &["--mediator", "1"]),
        ("rdv", &["--with-appointments"]),
        ("rdv-noms", &["--with-appointments", "--with-names"]),
    ];
    for (name, extra) in cases {
        let file = dir.path().join(format!("{name}.ics"));
        let path = file.to_string_lossy().into_owned();
        let mut args = vec!["export", "ics", "-o", &path];
        args.extend_from_slice(extra);
        let said = ok(&db, &args);
        assert!(said.starts_with("Calendrier écrit"), "{said}");
        let checked = python("ics/check_ics.py", &[&file]);
        assert!(checked["events"].as_u64() > Some(0), "{name}: {checked}");
        let body = std::fs::read_to_string(&file)?.replace("\r\n ", "");
        // The demo books « Mme Schmitt » with a phone number.
        let named = body.contains("Mme Schmitt");
        assert_eq!(named, name == "rdv-noms", "{name}: names only when asked");
    }
    Ok(())
}

#[test]
fn open_data_round_trip_through_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("demo.sqlite3");
    ok(&db, &["demo"]);
    for format in ["csv", "json"] {
        let file = dir.path().join(format!("lieux.{format}"));
        let said = ok(
            &db,
            &[
                "export",
                "opendata",
                "--format",
                format,
                "-o",
                &file.to_string_lossy(),
            ],
        );
        assert!(said.contains("(5 lieux)"), "{said}");
        let (valid, report) = frictionless(&file);
        assert!(valid, "{format}: {report}");
        // Into a new database, then again: updated, not duplicated.
        let other = dir.path().join(format!("autre-{format}.sqlite3"));
        let first = ok(&other, &["import", "opendata", &file.to_string_lossy()]);
        assert!(
            first.contains("5 lieu(x) ajouté(s), 0 mis à jour"),
            "{first}"
        );
        let again = ok(&other, &["import", "opendata", &file.to_string_lossy()]);
        assert!(
            again.contains("0 lieu(x) ajouté(s), 5 mis à jour"),
            "{again}"
        );
        let listed: serde_json::Value =
            serde_json::from_str(&ok(&other, &["sites", "list", "--json"]))?;
        assert_eq!(listed.as_array().map(Vec::len), Some(5));
    }
    Ok(())
}

#[test]
fn refused_rows_are_said_on_stderr_with_their_line_and_exit_1() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("x.sqlite3");
    let file = dir.path().join("lieux.csv");
    std::fs::write(
        &file,
        "id,nom,adresse,code_postal,commune\nb1,Bon lieu,1 rue A,67000,Strasbourg\nb2,Mauvais,1 rue B,ABCDE,Strasbourg\n",
    )?;
    let out = run(&db, &["import", "opendata", &file.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("1 lieu(x) ajouté(s)"));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("permanences : Ligne 3 : Code postal"),
        "{err}"
    );
    Ok(())
}

#[test]
fn exports_and_imports_run_next_to_an_app_that_is_writing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("partage.sqlite3");
    ok(&db, &["demo"]);
    let csv = dir.path().join("lieux.csv");
    ok(
        &db,
        &[
            "export",
            "opendata",
            "--format",
            "csv",
            "-o",
            &csv.to_string_lossy(),
        ],
    );
    let changed = std::fs::read_to_string(&csv)?.replace("permanences-", "importe-");
    std::fs::write(&csv, changed)?;

    // "The app": holds the database open and writes, once holding the write lock for a while.
    let app = permanences::db::open(&db)?;
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || -> permanences::Result<()> {
            let conn = permanences::db::open(&db)?;
            for i in 0..40 {
                permanences::db::write(&conn, |tx| {
                    tx.execute(
                        "UPDATE sites SET public_notes = ?1 WHERE id = 1",
                        [format!("note {i}")],
                    )?;
                    if i == 5 {
                        std::thread::sleep(Duration::from_millis(1500));
                    }
                    Ok(())
                })?;
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(())
        })
    };
    std::thread::sleep(Duration::from_millis(150));
    let ics = dir.path().join("r.ics");
    for args in [
        vec!["import", "opendata", csv.to_str().unwrap_or_default()],
        vec![
            "export",
            "ics",
            "--with-appointments",
            "-o",
            ics.to_str().unwrap_or_default(),
        ],
        vec!["export", "opendata", "--format", "json", "-o", "/dev/null"],
        vec![
            "book",
            "--site",
            "2",
            "--start",
            "2030-01-07T09:00",
            "--extra",
        ],
    ] {
        let out = run(&db, &args);
        let err = text(&out.stderr);
        assert!(!err.to_lowercase().contains("locked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
    writer
        .join()
        .unwrap_or_else(|_| panic!("writer thread panicked"))?;
    let n: i64 = app.query_row("SELECT count(*) FROM sites", [], |r| r.get(0))?;
    assert_eq!(
        n, 10,
        "the import added the 5 renamed sites beside the app's writes"
    );
    Ok(())
}
