//! Open data: exports validated by `frictionless` against the national schema, `horaires`
//! read back by an independent opening_hours parser, imports with per-line refusals.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::tools::{frictionless, python};
use crate::common::*;
use chrono::NaiveDate;
use permanences::exchange::opendata::{self, import, Format};
use permanences::network::site::{self, SiteInput};
use permanences::{network::permanence, sample::demo};
use rusqlite::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()
}

fn dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("opendata");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn demo_db() -> Connection {
    let conn = conn();
    demo::seed(&conn, crate::common::now()).unwrap();
    conn
}

#[test]
fn demo_network_exports_valid_csv_and_json() -> TestResult {
    let conn = demo_db();
    // A site without SIRET/RNA cannot be in a valid file: left out, and said so.
    site::create(
        &conn,
        &site_input("Point numérique sans SIRET"),
        crate::common::now(),
    )?;
    for format in [Format::Csv, Format::Json] {
        let export = opendata::export(&conn, format, today())?;
        assert_eq!(export.sites, 5);
        assert_eq!(export.warnings.len(), 1, "{:?}", export.warnings);
        assert!(export.warnings[0].contains("Point numérique sans SIRET"));
        let file = write(format.file_name(), &export.bytes);
        let (ok, report) = frictionless(&file);
        assert!(ok, "frictionless refused {}: {report}", file.display());
    }
    let csv = String::from_utf8(opendata::export(&conn, Format::Csv, today())?.bytes)?;
    assert!(csv.starts_with("id,pivot,nom,commune,code_postal"), "{csv}");
    assert!(csv.contains("+33388123450"), "phones in the schema's form");
    assert!(
        csv.contains("Aide aux démarches administratives|"),
        "lists joined by |"
    );
    Ok(())
}

#[test]
fn the_validator_can_fail() -> TestResult {
    let conn = demo_db();
    for format in [Format::Csv, Format::Json] {
        let good = String::from_utf8(opendata::export(&conn, format, today())?.bytes)?;
        let bad = good.replacen("67000", "6700", 1);
        assert_ne!(good, bad);
        let name = format!("invalide-{}", format.file_name());
        let (ok, report) = frictionless(&write(&name, bad.as_bytes()));
        assert!(!ok, "a four-digit postcode must be refused: {report}");
    }
    Ok(())
}

#[test]
fn opening_hours_read_back_by_an_independent_parser_match_the_permanences() -> TestResult {
    let conn = demo_db();
    let export = opendata::export(&conn, Format::Csv, today())?;
    let file = write("horaires.csv", &export.bytes);
    let mut expected: BTreeMap<String, Vec<(u8, String, String)>> = BTreeMap::new();
    for s in site::list(&conn, false)? {
        let ranges = permanence::list_for_site(&conn, s.id, crate::common::today())?
            .into_iter()
            .map(|p| (p.weekday, p.start_time, p.end_time))
            .collect();
        expected.insert(format!("permanences-{}", s.id.0), ranges);
    }
    assert!(
        expected.values().any(|r| r.len() > 1),
        "the demo has sites with several permanences"
    );
    let json = write(
        "horaires.json",
        serde_json::to_string(&expected)?.as_bytes(),
    );
    // 11–17 January 2027: no public holiday.
    let out = python(
        "opendata/check_hours.py",
        &[&file, &json, Path::new("2027-01-11")],
    );
    assert_eq!(out["sites"], 5, "{out}");
    Ok(())
}

#[test]
fn importing_the_standard_s_example_then_again_updates_instead_of_duplicating() -> TestResult {
    let conn = conn();
    let example = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/standards/lieux-mediation-numerique.exemple-valide.csv"),
    )?;
    let report = import::import(&conn, &example, crate::common::now())?;
    assert_eq!((report.created, report.updated), (1, 0), "{report:?}");
    assert!(report.refused.is_empty(), "{report:?}");
    let s = &site::list(&conn, false)?[0];
    assert_eq!(s.name, "Anonymal");
    assert_eq!(s.city, "Reims");
    assert_eq!(s.phone.as_deref(), Some("+33180059880"));
    assert_eq!(s.email.as_deref(), Some("contact@laquincaillerie.tl"));
    assert_eq!(s.typology.map(|t| t.code()), Some("TIERS_LIEUX"));
    assert_eq!(s.services.len(), 3);
    assert!(!s.alsace_moselle, "Reims (51) is not in Alsace-Moselle");

    // Something the standard does not carry, set in the app, survives a re-import.
    site::update(
        &conn,
        s.id,
        &SiteInput {
            public_transport: Some("Bus 4, arrêt Leclercq".into()),
            ..import_input(s)
        },
        crate::common::now(),
    )?;
    let again = import::import(&conn, &example, crate::common::now())?;
    assert_eq!((again.created, again.updated), (0, 1), "{again:?}");
    assert_eq!(count(&conn, "sites"), 1, "no duplicate");
    let s = site::get(&conn, s.id)?;
    assert_eq!(s.public_transport.as_deref(), Some("Bus 4, arrêt Leclercq"));

    // And the export gives the imported id back.
    let csv = String::from_utf8(opendata::export(&conn, Format::Csv, today())?.bytes)?;
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("structure-1,")),
        "{csv}"
    );
    Ok(())
}

fn import_input(s: &site::Site) -> SiteInput {
    SiteInput {
        name: s.name.clone(),
        address: s.address.clone(),
        postcode: s.postcode.clone(),
        city: s.city.clone(),
        phone: s.phone.clone(),
        pivot: s.pivot.clone(),
        ..SiteInput::default()
    }
}

const MIXED: &str = "id;nom;adresse;code_postal;commune;services;latitude;longitude\n\
    a1;Maison France Services;2 place de la Gare;67500;Haguenau;Aide aux démarches administratives;48.81;7.79\n\
    a2;;1 rue Haute;67000;Strasbourg;;;\n\
    a3;\"Médiathèque\nNord\";5 rue Nord;6700;Strasbourg;;;\n\
    a1;Doublon;3 rue Basse;67000;Strasbourg;;;\n\
    a4;Point numérique;4 rue Basse;67000;Strasbourg;Jardinage;;\n\
    a5;Centre social;8 rue du Rhin;67100;Strasbourg;;quarante-huit;7.7\n\
    a6;Mairie annexe;1 place Broglie;67000;Strasbourg;;48.58;7.75\n";

#[test]
fn bad_rows_are_reported_by_line_and_good_rows_imported() -> TestResult {
    let conn = conn();
    let report = import::import(&conn, MIXED.as_bytes(), crate::common::now())?;
    assert_eq!(report.created, 2, "{report:?}");
    let lines: Vec<u32> = report.refused.iter().map(|r| r.line).collect();
    // a3 spans lines 4–5 (a quoted line break), so the duplicate a1 is on line 6.
    assert_eq!(lines, vec![3, 4, 6, 7, 8], "{report:?}");
    let messages: Vec<&str> = report.refused.iter().map(|r| r.message.as_str()).collect();
    assert!(
        messages[0].starts_with("Ligne 3 : Nom du lieu"),
        "{messages:?}"
    );
    assert!(messages[1].contains("Code postal"), "{messages:?}");
    assert!(messages[2].contains("déjà plus haut"), "{messages:?}");
    assert!(messages[3].contains("« Jardinage »"), "{messages:?}");
    assert!(messages[4].contains("n'est pas un nombre"), "{messages:?}");
    let names: Vec<String> = site::list(&conn, false)?
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, vec!["Maison France Services", "Mairie annexe"]);
    let haguenau = site::list(&conn, false)?.remove(0);
    assert!(haguenau.alsace_moselle, "67 is in Alsace-Moselle");
    assert_eq!(
        (haguenau.latitude, haguenau.longitude),
        (Some(48.81), Some(7.79))
    );
    Ok(())
}

#[test]
fn an_unexpected_failure_leaves_nothing_half_written() -> TestResult {
    let conn = conn();
    conn.execute_batch(
        "CREATE TRIGGER boom BEFORE INSERT ON sites WHEN NEW.name = 'Mairie annexe'
         BEGIN SELECT RAISE(ABORT, 'disque plein'); END;",
    )?;
    let result = import::import(&conn, MIXED.as_bytes(), crate::common::now());
    assert!(result.is_err(), "a storage failure stops the import");
    assert_eq!(
        count(&conn, "sites"),
        0,
        "the rows before it were rolled back too"
    );
    Ok(())
}

#[test]
fn json_import_and_a_file_that_is_not_the_standard() -> TestResult {
    let conn = conn();
    let json = r#"[{"id": "j1", "nom": "Espace public numérique", "adresse": "1 rue A", "code_postal": "57000", "commune": "Metz", "latitude": 49.11, "longitude": 6.17},
                   {"id": "j2", "nom": "Sans adresse", "adresse": null, "code_postal": "57000", "commune": "Metz"}]"#;
    let report = import::import(&conn, json.as_bytes(), crate::common::now())?;
    assert_eq!(report.created, 1, "{report:?}");
    assert_eq!(report.refused.len(), 1);
    assert!(
        report.refused[0].message.starts_with("Élément 2 : Adresse"),
        "{report:?}"
    );
    let metz = site::list(&conn, false)?.remove(0);
    assert_eq!((metz.latitude, metz.longitude), (Some(49.11), Some(6.17)));

    assert_refused(
        import::import(&conn, b"nom;ville\nA;B\n", crate::common::now()),
        permanences::ErrorKind::Validation,
        "file",
        "la colonne « id » manque",
    );
    Ok(())
}
