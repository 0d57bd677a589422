//! Importing the national map's files with their hours: `horaires` becomes weekly
//! permanences (rule order, day lists, several ranges, `PH off`, the kind from
//! `modalites_acces` and `prise_rdv`), older field names are read, what cannot become a weekly
//! permanence is said by line, importing again changes nothing, and the network leaflet lists
//! the imported places (read back by pdftotext).

use std::path::Path;
use std::process::Command;

use crate::common::snapshot::{assert_unchanged, snapshot};
use crate::common::*;
use chrono::{Duration, NaiveDate};
use permanences::documents::leaflet::{self, PrintOptions, Size};
use permanences::exchange::opendata::{import, FIELDS};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::SiteId;
use permanences::network::vocab::PermanenceKind;
use rusqlite::Connection;

/// A CSV file with `header` and one record per row, values by column name.
pub fn file(header: &[&str], rows: &[&[(&str, &str)]]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for row in rows {
        let record: Vec<&str> = header
            .iter()
            .map(|h| row.iter().find(|(k, _)| k == h).map_or("", |(_, v)| *v))
            .collect();
        w.write_record(record).unwrap();
    }
    w.into_inner().unwrap()
}

/// Three places of a v1.0.2 file (lines 2 to 4).
fn v102() -> Vec<u8> {
    let place = |id, nom, commune, cp, horaires, acces, rdv| -> Vec<(&str, &str)> {
        vec![
            ("id", id),
            ("pivot", "43493312300029"),
            ("nom", nom),
            ("commune", commune),
            ("code_postal", cp),
            ("adresse", "1 place de la Mairie"),
            ("horaires", horaires),
            ("modalites_acces", acces),
            ("prise_rdv", rdv),
            ("source", "conseiller-numerique"),
            ("date_maj", "2024-05-02"),
        ]
    };
    file(
        &FIELDS,
        &[
            &place(
                "cnfs-1",
                "Espace numérique Hautepierre",
                "Strasbourg",
                "67200",
                "Mo-Th 09:00-12:00,14:00-18:00; Tu 14:00-18:00; PH off",
                "Se présenter",
                "",
            ),
            &place(
                "cnfs-2",
                "Maison France Services",
                "Schiltigheim",
                "67300",
                "Th,Fr 09:30-12:00",
                "Téléphoner|Prendre un RDV en ligne",
                "",
            ),
            &place(
                "cnfs-3",
                "Médiathèque de l'Illiade",
                "Illkirch-Graffenstaden",
                "67400",
                "Mo 14:00-17:00; Sa[1] 10:00-12:00; PH off",
                "Se présenter|Téléphoner",
                "https://rdv.example.fr/illiade",
            ),
        ],
    )
}

/// A place of an older extract of the national map: older names, `;` lists, unknown pivot.
pub fn older() -> Vec<u8> {
    file(
        &[
            "id",
            "pivot",
            "nom",
            "commune",
            "code_postal",
            "adresse",
            "courriel",
            "horaires",
            "labels_nationaux",
            "accessibilite",
            "publics_accueillis",
            "services",
            "source",
            "date_maj",
        ],
        &[&[
            ("id", "ancien-1"),
            ("pivot", "00000000000000"),
            ("nom", "Point numérique de la gare"),
            ("commune", "Haguenau"),
            ("code_postal", "67500"),
            ("adresse", "2 place de la Gare"),
            ("courriel", "contact@gare.example.fr"),
            ("horaires", "Tu,We 14:00-17:00"),
            ("labels_nationaux", "CNFS;France Services;Aidants Connect"),
            (
                "accessibilite",
                "https://acceslibre.beta.gouv.fr/app/67-haguenau/a/gare/",
            ),
            ("publics_accueillis", "Seniors;Jeunes"),
            (
                "services",
                "Aide aux démarches administratives;Maîtrise des outils numériques du quotidien",
            ),
            ("source", "conseiller-numerique"),
            ("date_maj", "2023-01-16"),
        ]],
    )
}

pub fn site_of(conn: &Connection, external: &str) -> SiteId {
    SiteId(
        conn.query_row(
            "SELECT id FROM sites WHERE external_id = ?1",
            [external],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{external} was imported: {e}")),
    )
}

/// A site's permanences as "weekday start-end kind".
fn week(conn: &Connection, external: &str) -> Vec<String> {
    permanence::list_for_site(conn, site_of(conn, external), today())
        .unwrap()
        .into_iter()
        .map(|p| {
            format!(
                "{} {}-{} {}",
                p.weekday,
                p.start_time,
                p.end_time,
                p.kind.code()
            )
        })
        .collect()
}

#[test]
fn hours_become_the_right_weekly_permanences() -> TestResult {
    let conn = conn();
    let report = import::import(&conn, &v102(), now())?;
    assert_eq!((report.created, report.refused.len()), (3, 0), "{report:?}");
    assert_eq!(
        week(&conn, "cnfs-1"),
        [
            "1 09:00-12:00 drop_in",
            "1 14:00-18:00 drop_in",
            "2 14:00-18:00 drop_in",
            "3 09:00-12:00 drop_in",
            "3 14:00-18:00 drop_in",
            "4 09:00-12:00 drop_in",
            "4 14:00-18:00 drop_in",
        ],
        "a later rule naming Tuesday replaces its hours; two ranges a day; PH off accepted"
    );
    assert_eq!(
        week(&conn, "cnfs-2"),
        ["4 09:30-12:00 appointment", "5 09:30-12:00 appointment"],
        "Th,Fr; booked online or by phone without « Se présenter »: by appointment"
    );
    assert_eq!(
        week(&conn, "cnfs-3"),
        ["1 14:00-17:00 both"],
        "« Se présenter » and an online booking: both; the first Saturday is not weekly"
    );
    for p in permanence::list_for_site(&conn, site_of(&conn, "cnfs-1"), today())? {
        assert_eq!(p.valid_from, today(), "valid from the day of the import");
        assert_eq!(p.valid_until, None);
    }
    assert_eq!(
        permanence::list_for_site(&conn, site_of(&conn, "cnfs-2"), today())?[0].kind,
        PermanenceKind::Appointment
    );
    Ok(())
}

#[test]
fn what_cannot_become_a_weekly_permanence_is_said_with_its_line() -> TestResult {
    let conn = conn();
    let report = import::import(&conn, &v102(), now())?;
    assert_eq!(report.notes.len(), 1, "{report:?}");
    let note = &report.notes[0];
    assert_eq!(note.line, 4, "cnfs-3 is on line 4 (the header is line 1)");
    assert!(
        note.message
            .starts_with("Ligne 4 : horaires : « Sa[1] 10:00-12:00 »"),
        "{note:?}"
    );
    assert!(
        note.message
            .contains("aucune permanence importée le samedi"),
        "{note:?}"
    );
    assert!(
        report
            .summary
            .contains("1 lieu(x) importé(s) avec une remarque"),
        "{report:?}"
    );

    let broken = file(
        &["id", "nom", "adresse", "code_postal", "commune", "horaires"],
        &[&[
            ("id", "x1"),
            ("nom", "Lieu"),
            ("adresse", "1 rue A"),
            ("code_postal", "67000"),
            ("commune", "Strasbourg"),
            ("horaires", "du lundi au vendredi de 9h à 12h"),
        ]],
    );
    let report = import::import(&conn, &broken, now())?;
    assert_eq!(report.created, 1, "the place is imported without hours");
    assert!(week(&conn, "x1").is_empty(), "never guessed");
    assert!(
        report.notes[0]
            .message
            .contains("ne suit pas la syntaxe OpenStreetMap"),
        "{report:?}"
    );
    Ok(())
}

#[test]
fn an_older_extract_is_read_under_today_s_names() -> TestResult {
    let conn = conn();
    let report = import::import(&conn, &older(), now())?;
    assert_eq!((report.created, report.refused.len()), (1, 0), "{report:?}");
    assert!(report.notes.is_empty(), "{report:?}");
    let id = site_of(&conn, "ancien-1");
    let s = permanences::network::site::get(&conn, id)?;
    assert_eq!(
        s.pivot, None,
        "00000000000000 means unknown: stored as none"
    );
    assert_eq!(s.email.as_deref(), Some("contact@gare.example.fr"));
    assert_eq!(s.services.len(), 2, "a `;` list of an older file");
    assert_eq!(s.publics.len(), 2);
    assert_eq!(
        week(&conn, "ancien-1"),
        ["2 14:00-17:00 drop_in", "3 14:00-17:00 drop_in"]
    );
    Ok(())
}

#[test]
fn importing_the_same_file_again_changes_nothing() -> TestResult {
    let conn = conn();
    import::import(&conn, &v102(), now())?;
    import::import(&conn, &older(), now())?;
    let before = snapshot(&conn);
    let later = now() + Duration::days(3);
    let again = import::import(&conn, &v102(), later)?;
    assert_eq!((again.created, again.updated), (0, 3), "{again:?}");
    import::import(&conn, &older(), later)?;
    assert_unchanged(
        &before,
        &snapshot(&conn),
        "a second import of the same files",
    );
    Ok(())
}

#[test]
fn new_hours_in_the_file_replace_the_imported_permanences_not_the_app_s() -> TestResult {
    let conn = conn();
    import::import(&conn, &v102(), now())?;
    // The app changes cnfs-2's permanences; cnfs-1's stay as imported.
    let thursday = permanence::list_for_site(&conn, site_of(&conn, "cnfs-2"), today())?[0].clone();
    permanence::update(
        &conn,
        thursday.id,
        &PermanenceInput {
            site_id: thursday.site_id,
            weekday: 4,
            start_time: "09:30".into(),
            end_time: "11:30".into(),
            kind: Some(thursday.kind),
            valid_from: Some(today().to_string()),
            ..PermanenceInput::default()
        },
        now() + Duration::hours(1),
    )?;
    let changed = String::from_utf8(v102())?
        .replace("Tu 14:00-18:00; PH off", "Tu 16:00-18:00; PH off")
        .replace("Th,Fr 09:30-12:00", "Fr 09:30-12:00");
    let later = now() + Duration::days(7);
    let report = import::import(&conn, changed.as_bytes(), later)?;
    let later_day = today() + Duration::days(7);
    let tuesday: Vec<String> =
        permanence::list_for_site(&conn, site_of(&conn, "cnfs-1"), later_day)?
            .into_iter()
            .filter(|p| p.weekday == 2 && p.valid_until.is_none())
            .map(|p| format!("{}-{} from {}", p.start_time, p.end_time, p.valid_from))
            .collect();
    assert_eq!(
        tuesday,
        [format!("16:00-18:00 from {later_day}")],
        "replaced, not added"
    );
    assert_eq!(
        count(&conn, "permanences"),
        7 + 2 + 1,
        "no duplicate: cnfs-1 still has 7, cnfs-2 its 2, cnfs-3 its 1"
    );
    assert_eq!(
        week(&conn, "cnfs-2"),
        ["4 09:30-11:30 appointment", "5 09:30-12:00 appointment"],
        "permanences changed in the app stay the app's"
    );
    let note = report
        .notes
        .iter()
        .find(|n| n.line == 3)
        .map(|n| n.message.clone());
    assert!(
        note.as_deref()
            .is_some_and(|m| m.contains("modifiées dans l'application")),
        "{report:?}"
    );
    Ok(())
}

#[test]
fn imported_permanences_with_past_appointments_are_ended_not_deleted() -> TestResult {
    let conn = conn();
    import::import(&conn, &v102(), now())?;
    let site = site_of(&conn, "cnfs-2");
    let thursday = permanence::list_for_site(&conn, site, today())?[0].clone();
    // Thursday 3 December 2026, 09:30: booked, then the file changes a week later.
    conn.execute(
        "INSERT INTO appointments (site_id, permanence_id, start_at, end_at, created_at)
         VALUES (?1, ?2, '2026-12-03T08:30:00Z', '2026-12-03T09:00:00Z', '2026-12-01T09:40:00Z')",
        rusqlite::params![site.0, thursday.id.0],
    )?;
    let changed = String::from_utf8(v102())?.replace("Th,Fr 09:30-12:00", "Fr 09:30-12:00");
    let later = now() + Duration::days(7);
    import::import(&conn, changed.as_bytes(), later)?;
    let kept = permanence::get(&conn, thursday.id, today())?;
    assert_eq!(
        kept.valid_until,
        NaiveDate::from_ymd_opt(2026, 12, 7),
        "ended the day before the new hours, its appointment kept"
    );
    Ok(())
}

/// pdftotext's text of `pdf`, line breaks folded to spaces.
fn text_of(pdf: &permanences::documents::pdf::Pdf, name: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, &pdf.bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-nopgbrk"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is needed for this test (make test installs it)");
    assert!(out.status.success(), "pdftotext read {name}");
    String::from_utf8_lossy(&out.stdout)
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_network_leaflet_lists_every_imported_place_with_hours_by_commune() -> TestResult {
    let conn = conn();
    import::import(&conn, &v102(), now())?;
    import::import(&conn, &older(), now())?;
    let place = |id, nom, adresse, code_postal, commune, horaires| -> Vec<(&str, &str)> {
        vec![
            ("id", id),
            ("nom", nom),
            ("adresse", adresse),
            ("code_postal", code_postal),
            ("commune", commune),
            ("horaires", horaires),
        ]
    };
    let others = file(
        &["id", "nom", "adresse", "code_postal", "commune", "horaires"],
        &[
            &place(
                "sans",
                "Lieu sans horaires",
                "1 rue A",
                "67000",
                "Strasbourg",
                "",
            ),
            &place(
                "neuhof",
                "Antenne du Neuhof",
                "3 rue de la Klebsau",
                "67100",
                "STRASBOURG",
                "Fr 14:00-16:00",
            ),
            &place(
                "ecully",
                "Cyberbase d'Écully",
                "1 place de la Libération",
                "69130",
                "Écully",
                "We 10:00-12:00",
            ),
        ],
    );
    import::import(&conn, &others, now())?;
    let pdf = leaflet::network_leaflet(&conn, PrintOptions::new(Size::A5, false), now())?;
    let text = text_of(&pdf, "reseau-importe.pdf");
    let mut at = Vec::new();
    for expected in [
        "Écully Cyberbase d’Écully",
        "Haguenau Point numérique de la gare 2 place de la Gare, 67500 Haguenau",
        "Mardi 14 h – 17 h, sans rendez-vous",
        "Illkirch-Graffenstaden Médiathèque de l’Illiade",
        "Lundi 14 h – 17 h, avec ou sans rendez-vous",
        "Schiltigheim Maison France Services",
        "Jeudi 9 h 30 – 12 h, sur rendez-vous",
        "Strasbourg Antenne du Neuhof 3 rue de la Klebsau, 67100 STRASBOURG",
        "Vendredi 14 h – 16 h, sans rendez-vous",
        "Espace numérique Hautepierre 1 place de la Mairie, 67200 Strasbourg",
        "Mardi 14 h – 18 h, sans rendez-vous",
    ] {
        let found = text.find(expected);
        assert!(found.is_some(), "the leaflet lacks « {expected} »:\n{text}");
        at.push(found.unwrap_or_default());
    }
    let communes = [at[0], at[1], at[3], at[5], at[7]];
    assert!(
        communes.is_sorted(),
        "communes in alphabetical order, Écully first:\n{text}"
    );
    assert_eq!(
        text.matches("Strasbourg").count(),
        2,
        "one heading for Strasbourg and STRASBOURG, and Hautepierre's address:\n{text}"
    );
    assert!(
        !text.contains("Lieu sans horaires"),
        "a place without hours has nothing to say"
    );
    Ok(())
}
