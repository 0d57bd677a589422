//! `purge` and `beneficiary export|erase` on the demo network, through the built binary: the
//! export read back by a JSON parser and pdftotext, statistics compared before and after.

use std::process::Command;

use crate::common::tools::{cli, cli_ok as ok, text};
use crate::common::TestResult;

fn stats(db: &std::path::Path) -> String {
    ok(db, &["stats", "--from", "2000-01-01", "--to", "2100-12-31"])
}

#[test]
fn help_is_french() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    let help = ok(&db, &["--help"]);
    assert!(
        help.contains("purge") && help.contains("beneficiary"),
        "{help}"
    );
    let help = ok(&db, &["purge", "--help"]);
    assert!(
        help.contains("Compte seulement ce qui serait effacé"),
        "{help}"
    );
    let help = ok(&db, &["beneficiary", "export", "--help"]);
    assert!(help.contains("Numéro de la personne suivie"), "{help}");
    let out = cli(&db, &["beneficiary", "export", "--id", "1", "--pdf"]);
    assert_eq!(out.status.code(), Some(2), "--pdf needs -o: a usage error");
    assert!(text(&out.stderr).contains("Voir permanences --help"));
}

#[test]
fn a_followed_person_is_exported_then_erased_and_statistics_stay() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("demo.sqlite3");
    ok(&db, &["demo"]);
    let before = stats(&db);

    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["beneficiary", "export", "--id", "1"]))?;
    assert_eq!(json["person"]["lastName"], "Durand");
    let visits = json["visits"].as_array().map(Vec::len).unwrap_or_default();
    assert!(visits > 0, "the demo's Marie Durand has visits");
    let file = dir.path().join("durand.json");
    let said = ok(
        &db,
        &[
            "beneficiary",
            "export",
            "--id",
            "1",
            "-o",
            &file.to_string_lossy(),
        ],
    );
    assert!(said.starts_with("JSON écrit"), "{said}");
    let from_file: serde_json::Value = serde_json::from_slice(&std::fs::read(&file)?)?;
    assert_eq!(from_file["person"], json["person"]);

    let pdf = dir.path().join("durand.pdf");
    let said = ok(
        &db,
        &[
            "beneficiary",
            "export",
            "--id",
            "1",
            "--pdf",
            "-o",
            &pdf.to_string_lossy(),
        ],
    );
    assert!(said.starts_with("PDF écrit"), "{said}");
    let out = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let body = text(&out.stdout);
    assert!(
        body.contains("DURAND Marie") && body.contains(&format!("Accompagnements ({visits})")),
        "{body}"
    );

    let said = ok(&db, &["purge", "--dry-run"]);
    assert!(
        said.starts_with("À effacer (rien n'a été modifié) : "),
        "{said}"
    );
    assert!(
        said.chars().filter(char::is_ascii_digit).count() >= 4,
        "{said}"
    );
    let said = ok(&db, &["beneficiary", "erase", "--id", "1"]);
    assert_eq!(said.trim(), format!("Personne effacée. Ses {visits} accompagnement(s) restent, anonymes, dans les statistiques."));
    let said = ok(&db, &["purge"]);
    assert!(said.starts_with("Effacé : "), "{said}");
    assert_eq!(
        stats(&db),
        before,
        "statistics are the same after the erasure and the purge"
    );

    let out = cli(&db, &["beneficiary", "export", "--id", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "permanences : Cette personne n'est pas (ou plus) suivie."
    );
    Ok(())
}
