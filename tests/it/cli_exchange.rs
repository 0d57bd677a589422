//! The coordinators' exchange commands on the demo data, checked by the independent tools;
//! and running next to an open, writing app.

use std::time::Duration;

use crate::common::tools::{cli as run, cli_ok as ok, frictionless, python, text};
use crate::common::TestResult;

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

    // "The app": its own connection, writing through `db::write` as the commands do (a new
    // mediator each time, to count), and now and then holding the write lock for a while.
    let app = permanences::store::db::open(&db)?;
    let mediators_before = crate::common::count(&app, "mediators");
    let appointments_before = crate::common::count(&app, "appointments");
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let db = db.clone();
        let done = done.clone();
        std::thread::spawn(move || -> permanences::Result<i64> {
            let conn = permanences::store::db::open(&db)?;
            let mut written = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                permanences::store::db::write(&conn, |tx| {
                    permanences::network::mediator::create(
                        tx,
                        &permanences::network::mediator::MediatorInput {
                            name: format!("Médiateur {written}"),
                            ..Default::default()
                        },
                        crate::common::now(),
                    )?;
                    let hold = match written {
                        5 => 1500,
                        w if w % 10 == 0 => 300,
                        _ => 0,
                    };
                    std::thread::sleep(Duration::from_millis(hold));
                    Ok(())
                })?;
                written += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(written)
        })
    };
    std::thread::sleep(Duration::from_millis(150));
    let ics = dir.path().join("r.ics");
    let mut commands = vec![
        vec![
            "import".to_owned(),
            "opendata".to_owned(),
            csv.to_string_lossy().into_owned(),
        ],
        vec![
            "export".to_owned(),
            "ics".to_owned(),
            "--with-appointments".to_owned(),
            "-o".to_owned(),
            ics.to_string_lossy().into_owned(),
        ],
        ["export", "opendata", "--format", "json", "-o", "/dev/null"]
            .map(str::to_owned)
            .to_vec(),
    ];
    // Bookings from the command line, each its own write transaction.
    let bookings = 12;
    for k in 0..bookings {
        let start = format!("2030-01-{:02}T{:02}:00", 7 + k / 6, 9 + k % 6);
        commands.push(
            ["book", "--site", "2", "--start", &start, "--extra"]
                .map(str::to_owned)
                .to_vec(),
        );
    }
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&db, &args);
        let err = text(&out.stderr);
        assert!(!err.to_lowercase().contains("locked"), "{args:?}: {err}");
        assert!(!err.contains("occupées"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
    // `-o /dev/null` wrote to the device: it was not replaced by a regular file (a rename over
    // it did that when the suite ran as root, and broke every later `> /dev/null`).
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")?.file_type().is_char_device(),
        "/dev/null is still a device"
    );
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer
        .join()
        .unwrap_or_else(|_| panic!("writer thread panicked"))?;
    assert!(
        written > 5,
        "the app wrote, and held the lock 1.5 s, during the run ({written})"
    );
    let n: i64 = app.query_row("SELECT count(*) FROM sites", [], |r| r.get(0))?;
    assert_eq!(
        n, 10,
        "the import added the 5 renamed sites beside the app's writes"
    );
    assert_eq!(
        crate::common::count(&app, "mediators"),
        mediators_before + written,
        "every write of the app landed"
    );
    assert_eq!(
        crate::common::count(&app, "appointments"),
        appointments_before + bookings,
        "every booking of the command line landed"
    );
    Ok(())
}

#[test]
fn activities_leave_a_desk_as_files_and_are_gathered_by_the_coordinator_s_command_line(
) -> TestResult {
    let dir = tempfile::tempdir()?;
    let desk = dir.path().join("poste.sqlite3");
    ok(&desk, &["demo"]);
    let xlsx = dir.path().join("coop.xlsx");
    let said = ok(
        &desk,
        &[
            "export",
            "activities",
            "--format",
            "xlsx",
            "--from",
            "2026-01-01",
            "-o",
            &xlsx.to_string_lossy(),
        ],
    );
    assert!(said.starts_with("Accompagnements écrits"), "{said}");
    let read = python("xlsx/read_activities.py", &[&xlsx]);
    assert_eq!(read["headers"][0], "Date");
    assert!(
        read["rows"].as_array().is_some_and(|r| !r.is_empty()),
        "{read}"
    );

    let shared = dir.path().join("collecte");
    std::fs::create_dir(&shared)?;
    let json = shared.join("activites-poste.json");
    ok(
        &desk,
        &[
            "export",
            "activities",
            "--format",
            "json",
            "--from",
            "2025-01-01",
            "-o",
            &json.to_string_lossy(),
        ],
    );
    let coordinator = dir.path().join("coordination.sqlite3");
    let first = ok(
        &coordinator,
        &["import", "activities", &shared.to_string_lossy()],
    );
    assert!(
        first.contains("ajoutée(s)") && !first.contains(" 0 activité(s) ajoutée(s)"),
        "{first}"
    );
    let again = ok(
        &coordinator,
        &["import", "activities", &json.to_string_lossy()],
    );
    assert!(
        again.contains("0 activité(s) ajoutée(s), 0 mise(s) à jour"),
        "{again}"
    );
    let period = ["stats", "--from", "2025-01-01", "--to", "2026-12-01"];
    assert_eq!(ok(&desk, &period), ok(&coordinator, &period));
    let mut one = period.to_vec();
    one.extend(["--desk", "1"]);
    assert!(ok(&coordinator, &one).contains("poste « Poste "));

    // Not an exchange file: exit code 1 and a French message, nothing imported.
    let out = run(
        &coordinator,
        &["import", "activities", &xlsx.to_string_lossy()],
    );
    assert_ne!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(err.contains("n'est pas un fichier d'activités"), "{err}");
    Ok(())
}
