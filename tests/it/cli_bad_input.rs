//! Bad arguments on every command of the command line: a French message on stderr, exit code 2
//! (usage) or 1 (refused), no panic, and the database exactly as it was.

use crate::common::french::check_french;
use crate::common::snapshot::{assert_unchanged, snapshot};
use crate::common::tools::{cli as run, cli_ok as ok, text};
use crate::common::TestResult;

const SQL: &str = "'); DROP TABLE sites;--";

#[test]
fn every_command_refuses_bad_arguments_in_french_and_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("reseau.sqlite3");
    ok(&db, &["demo"]);
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (pdf, ics, csv) = (out("x.pdf"), out("x.ics"), out("x.csv"));
    let under_file = format!("{}/x.pdf", db.display());
    let control = "Ana\u{1b}[2J\u{7}";
    let long = "é".repeat(60_000);
    let absent = out("absent.csv");
    let not_csv = out("lieux.csv");
    std::fs::write(&not_csv, [0xFF_u8, 0xFE, 0, 0x41, 0x80])?;
    let cases: Vec<(u8, Vec<&str>)> = vec![
        (2, vec!["inconnue"]),
        (2, vec!["sites", "list", "--json", "en-trop"]),
        (2, vec!["sites", "supprimer"]),
        (2, vec!["--couleur", "sites", "list"]),
        (2, vec!["slots", "--from", "2026-01-01"]),
        (
            2,
            vec!["slots", "--from", "2026-02-30", "--to", "2026-03-01"],
        ),
        (
            2,
            vec![
                "slots",
                "--site",
                "abc",
                "--from",
                "2026-01-01",
                "--to",
                "2026-01-02",
            ],
        ),
        (2, vec!["book", "--site", "-1", "--start"]),
        (
            2,
            vec![
                "book",
                "--site",
                "1",
                "--start",
                "2030-01-07T09:00",
                "--reason",
                SQL,
            ],
        ),
        (
            1,
            vec![
                "book",
                "--site",
                "987654",
                "--start",
                "2030-01-07T09:00",
                "--extra",
            ],
        ),
        (
            1,
            vec![
                "book",
                "--site",
                "1",
                "--start",
                "2026-02-30T10:00",
                "--extra",
            ],
        ),
        (
            1,
            vec![
                "book",
                "--site",
                "1",
                "--start",
                "0000-01-01T10:00",
                "--extra",
            ],
        ),
        (1, vec!["book", "--site", "1", "--start", SQL, "--extra"]),
        (
            1,
            vec![
                "book",
                "--site",
                "1",
                "--start",
                "2030-01-07T09:00",
                "--extra",
                "--name",
                control,
            ],
        ),
        (
            1,
            vec![
                "book",
                "--site",
                "1",
                "--start",
                "2030-01-07T09:00",
                "--extra",
                "--notes",
                &long,
            ],
        ),
        (
            1,
            vec![
                "book",
                "--site",
                "1",
                "--start",
                "2030-01-07T09:00",
                "--extra",
                "--duration",
                "0",
            ],
        ),
        (
            2,
            vec![
                "book",
                "--site",
                "1",
                "--start",
                "2030-01-07T09:00",
                "--extra",
                "--duration",
                "-30",
            ],
        ),
        (2, vec!["leaflet", "-o", &pdf]),
        (1, vec!["leaflet", "--site", "987654", "-o", &pdf]),
        (1, vec!["leaflet", "--site", "1", "--logo", SQL, "-o", &pdf]),
        (
            2,
            vec!["leaflet", "--network", "--logo", "permanences", "-o", &pdf],
        ),
        (1, vec!["leaflet", "--network", "-o", &under_file]),
        // A mediator's absence calendar: a number, one choice, and a network joined first.
        (
            2,
            vec!["network", "absences", "--mediator", "abc", "--none"],
        ),
        (
            2,
            vec![
                "network",
                "absences",
                "--mediator",
                "1",
                "--calendar",
                "A",
                "--none",
            ],
        ),
        (1, vec!["network", "absences", "--calendar", control]),
        (
            1,
            vec!["network", "absences", "--mediator", "1", "--calendar", SQL],
        ),
        (1, vec!["network", "absences", "--mediator", "1", "--none"]),
        (2, vec!["leaflet", "--network", "--size", "a0", "-o", &pdf]),
        (1, vec!["slip", "--appointment", "987654", "-o", &pdf]),
        (
            2,
            vec![
                "daysheet",
                "--site",
                "1",
                "--date",
                "9999-99-99",
                "-o",
                &pdf,
            ],
        ),
        (
            2,
            vec![
                "daysheet",
                "--site",
                "1",
                "--date",
                "0001-01-01",
                "-o",
                &pdf,
            ],
        ),
        (2, vec!["weeksheet", "--site", "1", "-o", &pdf]),
        (
            1,
            vec![
                "weeksheet",
                "--site",
                "987654",
                "--date",
                "2026-03-02",
                "-o",
                &pdf,
            ],
        ),
        (
            1,
            vec!["stats", "--from", "2026-12-31", "--to", "2026-01-01"],
        ),
        (1, vec!["stats", "--from", "hier", "--to", "2026-01-01"]),
        (
            1,
            vec![
                "stats",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--csv",
                "-o",
                &under_file,
            ],
        ),
        (
            2,
            vec!["report", "--from", "2026-01-01", "--to", "2026-12-31"],
        ),
        (
            2,
            vec![
                "export",
                "ics",
                "--site",
                "1",
                "--mediator",
                "1",
                "-o",
                &ics,
            ],
        ),
        (1, vec!["export", "ics", "--site", "987654", "-o", &ics]),
        (2, vec!["export", "opendata", "--format", "xml", "-o", &csv]),
        (1, vec!["import", "opendata", &absent]),
        (1, vec!["import", "opendata", &not_csv]),
        (2, vec!["generate", "--sites", "-3"]),
        (1, vec!["demo"]),
    ];
    let before = {
        let conn = rusqlite::Connection::open(&db)?;
        snapshot(&conn)
    };
    let mut failures = Vec::new();
    for (code, args) in &cases {
        let o = run(&db, args);
        let err = text(&o.stderr);
        let shown: Vec<String> = args.iter().map(|a| a.chars().take(40).collect()).collect();
        if o.status.code() != Some(i32::from(*code)) {
            failures.push(format!(
                "{shown:?}: exit {:?}, expected {code}: {err}",
                o.status.code()
            ));
        }
        if err.contains("panicked") || err.trim().is_empty() {
            failures.push(format!("{shown:?}: {err}"));
        }
        if let Err(why) = check_french(&err) {
            failures.push(format!("{shown:?}: {why}"));
        }
        let conn = rusqlite::Connection::open(&db)?;
        assert_unchanged(&before, &snapshot(&conn), &format!("{shown:?}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for file in [&pdf, &ics, &csv] {
        assert!(
            !std::path::Path::new(file).exists(),
            "{file} written by a refused command"
        );
    }
    Ok(())
}
