//! The open-data importer fed broken and hostile files: truncated, in another encoding,
//! binary, with huge lines, spreadsheet formulas, SQL text, control characters, deeply nested
//! JSON; then arbitrary bytes and arbitrary rows (proptest). Never a panic; either the whole
//! file refused in French with the database unchanged, or a report whose counts match what
//! was stored, every refused row named by its line, the file's good rows imported as written.

use crate::common::french::check_french;
use crate::common::snapshot::{assert_unchanged, snapshot};
use crate::common::{conn, count};
use permanences::exchange::opendata::import::{self, ImportReport};
use proptest::prelude::*;
use rusqlite::Connection;

const HEADER: &str = "id,nom,adresse,code_postal,commune,latitude,longitude\n";

/// A network that already has two imported sites (so that a bad import could damage them).
fn network() -> Connection {
    let c = conn();
    let good = format!(
        "{HEADER}e1,Espace numérique,1 rue A,67000,Strasbourg,48.58,7.75\n\
         e2,Médiathèque,2 rue B,57000,Metz,,\n"
    );
    let r = import::import(&c, good.as_bytes(), crate::common::now()).unwrap();
    assert_eq!(r.created, 2, "{r:?}");
    c
}

/// The database is sound, and holds exactly what `report` says was added.
fn assert_consistent(c: &Connection, sites_before: i64, report: &ImportReport, what: &str) {
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_default();
    assert_eq!(check, "ok", "{what}");
    let orphans: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap_or(-1);
    assert_eq!(orphans, 0, "{what}");
    assert_eq!(
        count(c, "sites"),
        sites_before + i64::from(report.created),
        "{what}: the count of sites must grow by what the report says was created: {report:?}"
    );
    let mut lines: Vec<u32> = report.refused.iter().map(|r| r.line).collect();
    lines.dedup();
    assert_eq!(
        lines.len(),
        report.refused.len(),
        "{what}: one refusal per row"
    );
    for r in &report.refused {
        if let Err(e) = check_french(&r.message) {
            panic!("{what}: {e}");
        }
    }
}

/// Imports `bytes`: a refused file must change nothing and say why in French; an accepted one
/// must be consistent. Returns the report, if any.
fn import_checked(c: &Connection, bytes: &[u8], what: &str) -> Option<ImportReport> {
    let before = snapshot(c);
    let sites = count(c, "sites");
    match import::import(c, bytes, crate::common::now()) {
        Ok(report) => {
            assert_consistent(c, sites, &report, what);
            Some(report)
        }
        Err(e) => {
            if let Err(why) = check_french(&e.to_string()) {
                panic!("{what}: {why}");
            }
            assert_unchanged(&before, &snapshot(c), what);
            None
        }
    }
}

fn refused_whole(c: &Connection, bytes: &[u8], what: &str) {
    let r = import_checked(c, bytes, what);
    assert!(
        r.is_none(),
        "{what}: the file must be refused as a whole: {r:?}"
    );
}

#[test]
fn broken_files_are_refused_whole_in_french() {
    let c = network();
    let good = format!("{HEADER}n1,Lieu neuf,3 rue C,67000,Strasbourg,,\n");
    let json = r#"[{"id": "j1", "nom": "Lieu", "adresse": "1 rue A", "code_postal": "67000", "commune": "Strasbourg"}]"#;
    refused_whole(&c, &json.as_bytes()[..json.len() / 2], "truncated JSON");
    refused_whole(&c, &good.as_bytes()[..20], "CSV cut inside its header");
    let latin1: Vec<u8> = good
        .replace("Lieu neuf", "Lieu numérique")
        .chars()
        .map(|ch| ch as u8)
        .collect();
    refused_whole(&c, &latin1, "Latin-1");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(good.encode_utf16().flat_map(u16::to_le_bytes));
    refused_whole(&c, &utf16, "UTF-16 with its byte-order mark");
    let bare16: Vec<u8> = good.encode_utf16().flat_map(u16::to_le_bytes).collect();
    refused_whole(&c, &bare16, "UTF-16 without a byte-order mark");
    let mut rng = fastrand::Rng::with_seed(7);
    let garbage: Vec<u8> = (0..4096).map(|_| rng.u8(..)).collect();
    refused_whole(&c, &garbage, "binary garbage");
    refused_whole(&c, &[], "an empty file");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    refused_whole(&c, deep.as_bytes(), "JSON nested 100 000 deep");
    let nested = r#"[{"id": "j1", "nom": [[[[[[[[[[{"a": {"b": [1, 2]}}]]]]]]]]]], "adresse": {"rue": 1}, "code_postal": 67000, "commune": true}]"#;
    let r = import_checked(&c, nested.as_bytes(), "JSON with objects for texts");
    assert_eq!(r.map(|r| r.created), Some(0), "a list is not a name");
}

#[test]
fn hostile_rows_are_reported_by_line_and_the_rest_imported() {
    let c = network();
    let huge = "é".repeat(3 * 1024 * 1024);
    let file = format!(
        "{HEADER}\
         f1,\"=cmd|' /C calc'!A0\",1 rue A,67000,Strasbourg,,\n\
         f2,Bon lieu,2 rue B,67000,Strasbourg,,\n\
         f3,\"@SUM(1+1)*cmd|' /C calc'!A0\",3 rue C,67000,Strasbourg,,\n\
         f4,Lieu \u{1b}[31mrouge\u{7},4 rue D,67000,Strasbourg,,\n\
         f5,{huge},5 rue E,67000,Strasbourg,,\n\
         f6,\"'); DROP TABLE sites;--\",6 rue F,67000,Strasbourg,,\n\
         f7,Nul\u{0}part,7 rue G,67000,Strasbourg,,\n\
         f8,Lieu,8 rue H,67000,Strasbourg,1e400,7\n\
         e1,Espace numérique renommé,1 rue A,67000,Strasbourg,48.58,7.75\n"
    );
    let r = import_checked(&c, file.as_bytes(), "hostile rows")
        .unwrap_or_else(|| panic!("the file is well formed: its rows are judged one by one"));
    let lines: Vec<u32> = r.refused.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 4, 5, 6, 8, 9], "{r:?}");
    assert_eq!((r.created, r.updated), (2, 1), "{r:?}");
    let stored: String = c
        .query_row(
            "SELECT name FROM sites WHERE external_id = 'f6'",
            [],
            |row| row.get(0),
        )
        .unwrap_or_default();
    assert_eq!(
        stored, "'); DROP TABLE sites;--",
        "SQL-looking text is a name like any other"
    );
    assert!(r.refused[0].message.contains("formule"), "{r:?}");
}

/// A row of the file: mostly valid values (so that duplicates and updates happen), with
/// arbitrary text, formulas, overlong and missing values mixed in.
fn site_row() -> impl Strategy<Value = Vec<String>> {
    let word = proptest::collection::vec(
        prop_oneof![Just('a'), Just('é'), Just(' '), Just('\''), Just('Z')],
        1..30,
    )
    .prop_map(String::from_iter);
    let text = prop_oneof![
        6 => word,
        1 => Just(String::new()),
        2 => any::<String>(),
        1 => Just("=HYPERLINK(\"http://x\")".to_owned()),
        1 => Just("x".repeat(200)),
    ];
    let id = prop_oneof![
        6 => prop_oneof![Just("a"), Just("b"), Just("c")].prop_map(str::to_owned),
        1 => Just(String::new()),
        1 => any::<String>(),
    ];
    let postcode = prop_oneof![
        6 => Just("67000".to_owned()),
        1 => Just("6700".to_owned()),
        1 => any::<String>(),
    ];
    let latitude = prop_oneof![
        6 => Just(String::new()),
        2 => Just("48.5".to_owned()),
        1 => Just("abc".to_owned()),
        1 => Just("1e999".to_owned()),
    ];
    (id, text.clone(), text.clone(), postcode, text, latitude)
        .prop_map(|(id, nom, adresse, cp, commune, lat)| vec![id, nom, adresse, cp, commune, lat])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_nor_half_import(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let c = network();
        import_checked(&c, &bytes, "arbitrary bytes");
        let mut with_header = HEADER.as_bytes().to_vec();
        with_header.extend(&bytes);
        import_checked(&c, &with_header, "a header then arbitrary bytes");
    }

    #[test]
    fn arbitrary_rows_are_imported_as_written_or_reported(rows in proptest::collection::vec(site_row(), 0..8), semicolon in any::<bool>()) {
        let c = network();
        let mut w = csv::WriterBuilder::new()
            .delimiter(if semicolon { b';' } else { b',' })
            .from_writer(Vec::new());
        w.write_record(["id", "nom", "adresse", "code_postal", "commune", "latitude"]).unwrap();
        for r in &rows {
            w.write_record(r).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let report = import_checked(&c, &bytes, "arbitrary rows");
        if let Some(report) = report {
            prop_assert_eq!(
                report.created as usize + report.updated as usize + report.refused.len(),
                rows.len(),
                "every row imported or reported: {:?}", report
            );
            // A stored id holds the name of the file's first row with that id, as written
            // (trimmed): never a mix of rows, never a later duplicate.
            let mut seen = std::collections::HashSet::new();
            for r in &rows {
                let id = r[0].trim();
                if id.is_empty() || id == "e1" || id == "e2" || !seen.insert(id.to_owned()) {
                    continue;
                }
                let name: Option<String> = c
                    .query_row("SELECT name FROM sites WHERE external_id = ?1", [id], |x| x.get(0))
                    .ok();
                if let Some(name) = name {
                    prop_assert_eq!(name.as_str(), r[1].trim(), "row of id {:?} stored as written", id);
                }
            }
        }
    }
}
