//! `permanences find`, `reminders` and `remind` on the demo network, at the pinned instant:
//! a resident found by phone however it is typed, reminded, ticked and unticked, and the call
//! list printed (read back by pdftotext).

use std::process::Command;

use crate::common::tools::{cli as run, cli_ok as ok, text};
use crate::common::TestResult;

#[test]
fn find_then_remind_from_the_command_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("reseau.sqlite3");
    ok(&db, &["demo"]);

    for typed in [
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "0612345678",
        "schmitt",
        "MME SCHM",
    ] {
        let found = ok(&db, &["find", typed]);
        assert!(
            found.contains("Mme Schmitt") && found.contains("Prévu"),
            "« {typed} » finds Mme Schmitt's appointment: {found}"
        );
    }
    assert!(
        ok(&db, &["find", "Personne"]).contains("Aucun rendez-vous ne correspond"),
        "nobody by that name"
    );

    let json = ok(&db, &["find", "06 12 34 56 78", "--json"]);
    let first: serde_json::Value = serde_json::from_str(json.lines().next().ok_or("a line")?)?;
    let id = first["id"].as_i64().ok_or("an id")?.to_string();
    let date = first["date"].as_str().ok_or("a date")?.to_owned();
    assert_eq!(first["reminded"], false);

    let list = ok(&db, &["reminders", "--date", &date]);
    assert!(
        list.contains(&format!("[ ] n° {id} "))
            && list.contains("Bonjour Mme Schmitt, nous vous rappelons"),
        "the day's list holds her, not yet reminded, with the text to read: {list}"
    );
    assert!(
        ok(&db, &["remind", &id]).contains("noté « Prévenu(e) »"),
        "the tick is confirmed"
    );
    assert!(
        ok(&db, &["reminders", "--date", &date]).contains(&format!("[x] n° {id} ")),
        "the tick is stored"
    );
    assert!(ok(&db, &["remind", &id, "--undo"]).contains("retirée"));
    assert!(ok(&db, &["reminders", "--date", &date]).contains(&format!("[ ] n° {id} ")));

    let missing = run(&db, &["remind", "9999"]);
    assert_eq!(
        missing.status.code(),
        Some(1),
        "an unknown appointment is refused"
    );
    assert!(
        text(&missing.stderr).contains("n'existe plus"),
        "{}",
        text(&missing.stderr)
    );

    let pdf = dir.path().join("a-prevenir.pdf");
    let pdf_text = pdf.to_string_lossy().into_owned();
    assert!(ok(&db, &["reminders", "--date", &date, "-o", &pdf_text]).contains("PDF écrit"));
    let read = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let printed = text(&read.stdout).replace('\u{a0}', " ");
    assert!(
        printed.contains("Mme Schmitt")
            && printed.contains("06 12 34 56 78")
            && printed.contains("DOCUMENT INTERNE"),
        "the call list names who to call and says it is internal: {printed}"
    );
    Ok(())
}
