//! The `permanences` command line: exit codes, French messages, JSON output.

use crate::common::tools::{cli as run, cli_ok as ok, text};
use crate::common::TestResult;

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

/// Every command, from the top-level list, so that a new one cannot be forgotten.
#[test]
fn help_is_in_french_for_every_command() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("x.sqlite3");
    let top = ok(&db, &["--help"]);
    let mut commands: Vec<Vec<String>> = vec![vec![]];
    for group in section(&top, "Commandes :") {
        let sub = ok(&db, &[group.as_str(), "--help"]);
        let subs = section(&sub, "Commandes :");
        commands.push(vec![group.clone()]);
        commands.extend(subs.into_iter().map(|s| vec![group.clone(), s]));
    }
    assert!(commands.len() >= 16, "{commands:?}");
    for c in &commands {
        let mut args: Vec<&str> = c.iter().map(String::as_str).collect();
        args.push("--help");
        let help = ok(&db, &args);
        assert!(help.contains("Utilisation :"), "{args:?}: {help}");
        for english in [
            "Usage:",
            "Print help",
            "[OPTIONS]",
            "<COMMAND>",
            "Arguments:",
            "Options:",
        ] {
            assert!(
                !help.contains(english),
                "{args:?} shows « {english} »: {help}"
            );
        }
    }
    Ok(())
}

/// The names listed under `heading` in a help text.
fn section(help: &str, heading: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != heading)
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
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

#[test]
fn slots_then_book_like_the_app() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("reseau.sqlite3");
    assert_eq!(run(&db, &["demo"]).status.code(), Some(0));
    // Site 2 (Neudorf) has Monday 09:00–12:00 appointments, two places, from 2026-09-01.
    let out = run(
        &db,
        &[
            "slots",
            "--site",
            "2",
            "--from",
            "2027-04-05",
            "--to",
            "2027-04-05",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    assert_eq!(lines.len(), 6, "six 30-minute slots from 9 h to 12 h");
    assert_eq!(lines[1]["start"], "2027-04-05T09:30:00+02:00");
    assert_eq!(lines[1]["end"], "2027-04-05T10:00:00+02:00");
    for key in ["siteId", "permanenceId", "capacity", "booked"] {
        assert!(lines[1][key].is_number(), "{key} in {}", lines[1]);
    }
    for _ in 0..2 {
        let booked = run(
            &db,
            &[
                "book",
                "--site",
                "2",
                "--start",
                "2027-04-05T09:30:00+02:00",
                "--reason",
                "caf",
                "--json",
            ],
        );
        assert_eq!(booked.status.code(), Some(0), "{}", text(&booked.stderr));
        let a: serde_json::Value = serde_json::from_slice(&booked.stdout)?;
        assert_eq!(a["status"], "booked");
        assert_eq!(a["reason"], "caf");
    }
    let full = run(&db, &["book", "--site", "2", "--start", "2027-04-05T09:30"]);
    assert_eq!(full.status.code(), Some(1));
    assert!(
        text(&full.stderr).contains("complet"),
        "{}",
        text(&full.stderr)
    );
    let after = run(
        &db,
        &[
            "slots",
            "--site",
            "2",
            "--from",
            "2027-04-05",
            "--to",
            "2027-04-05",
        ],
    );
    let second: serde_json::Value =
        serde_json::from_str(text(&after.stdout).lines().nth(1).unwrap_or_default())?;
    assert_eq!(second["booked"], 2);
    let bad = run(
        &db,
        &[
            "book",
            "--site",
            "2",
            "--start",
            "2027-04-05T09:30",
            "--reason",
            "cafe",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("motif inconnu"),
        "{}",
        text(&bad.stderr)
    );
    Ok(())
}

#[test]
fn generate_writes_a_data_set_into_an_empty_database_only() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("gros.sqlite3");
    let out = run(
        &db,
        &["generate", "--sites", "2", "--years", "2", "--fill", "50"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2 lieux, 10 permanences"),
        "{}",
        text(&out.stdout)
    );
    let again = run(&db, &["generate", "--sites", "2", "--years", "2"]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "a non-empty database is refused"
    );
    Ok(())
}

#[test]
fn documents_from_the_command_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("reseau.sqlite3");
    assert_eq!(run(&db, &["demo"]).status.code(), Some(0));
    let pdf = |name: &str| dir.path().join(name).display().to_string();
    let cases: Vec<Vec<String>> = vec![
        vec![
            "leaflet".into(),
            "--site".into(),
            "1".into(),
            "-o".into(),
            pdf("affiche.pdf"),
        ],
        vec![
            "leaflet".into(),
            "--network".into(),
            "--size".into(),
            "a4".into(),
            "--large-print".into(),
            "-o".into(),
            pdf("reseau.pdf"),
        ],
        vec![
            "slip".into(),
            "--appointment".into(),
            "1".into(),
            "-o".into(),
            pdf("coupon.pdf"),
        ],
        vec![
            "daysheet".into(),
            "--site".into(),
            "1".into(),
            "--date".into(),
            "2027-03-30".into(),
            "-o".into(),
            pdf("jour.pdf"),
        ],
        vec![
            "weeksheet".into(),
            "--site".into(),
            "1".into(),
            "--date".into(),
            "2027-03-30".into(),
            "-o".into(),
            pdf("semaine.pdf"),
        ],
    ];
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&db, &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stdout).starts_with("PDF écrit :"),
            "{}",
            text(&out.stdout)
        );
        let written = std::fs::read(args[args.len() - 1])?;
        assert!(written.starts_with(b"%PDF-"), "{args:?} wrote a PDF");
    }
    let bad_size = run(
        &db,
        &["leaflet", "--network", "--size", "a3", "-o", &pdf("x.pdf")],
    );
    assert_eq!(bad_size.status.code(), Some(2));
    assert!(
        text(&bad_size.stderr).contains("a4 ou a5"),
        "{}",
        text(&bad_size.stderr)
    );
    let neither = run(&db, &["leaflet", "-o", &pdf("x.pdf")]);
    assert_eq!(
        neither.status.code(),
        Some(2),
        "--site or --network is required"
    );
    let ghost = run(&db, &["slip", "--appointment", "999", "-o", &pdf("x.pdf")]);
    assert_eq!(ghost.status.code(), Some(1));
    assert!(
        !dir.path().join("x.pdf").exists(),
        "nothing is written on failure"
    );
    Ok(())
}
