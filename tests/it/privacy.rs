//! Retention and the rights of a followed person, on a realistic network: old and recent
//! followed people, old and recent appointments, a workshop with named participants. The
//! purge and an erasure must leave every statistic equal, remove the old identities from
//! every row AND from the file's bytes, and keep the recent ones.

use std::process::Command;

use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::mediator::{self, Mediator, MediatorInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::Site;
use permanences::network::vocab::{AppointmentStatus as Status, PermanenceKind};
use permanences::privacy::{self, PurgeCause, PurgeCounts, RetentionSettings};
use permanences::records::beneficiary::{self, BeneficiaryId, FollowInput, Profile};
use permanences::records::stats::{self, Stats, StatsQuery};
use permanences::records::visit::codes::{AgeBracket, Gender, Material, SocialStatus, VisitKind};
use permanences::records::visit::{self, VisitInput};
use permanences::scheduling::appointment::{self, AppointmentId, BookingInput};
use permanences::{store::db, ErrorKind};
use rusqlite::Connection;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.to_utc())
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// The purge runs on 1 June 2029: with the defaults, identities whose last visit is before
/// 1 June 2027 go, and appointment names before 1 March 2029.
fn purge_day() -> DateTime<Utc> {
    at("2029-06-01T08:00:00Z")
}

/// Personal data of the old records: none may survive the purge, in any row or byte.
const OLD_MARKERS: &[&str] = &[
    "Zéphyrine",
    "Ancienvisiteur",
    "06 11 22 33 44",
    "zephyrine.ancien@exemple.fr",
    "Notesecrete",
    "Atelierseule",
    "Jamaisvenue",
    "Madame Rdvancien",
    "07 98 76 54 32",
    "rdvancien@exemple.fr",
    "Remarquerdv",
    "Arrivéesansrdv",
    "Listeattenteancienne",
    "Detailsdemarche",
];

/// Personal data of the recent records: all must stay.
const RECENT_MARKERS: &[&str] = &[
    "Récentine",
    "Toujoursla",
    "06 55 44 33 22",
    "Nouvellement",
    "Monsieur Rdvrecent",
    "rdvrecent@exemple.fr",
    "Arrivéerecente",
    "Listeattenterecente",
];

struct World {
    site: Site,
    m: Mediator,
    old: BeneficiaryId,
    recent: BeneficiaryId,
}

fn follow(
    conn: &Connection,
    first: &str,
    last: &str,
    phone: Option<&str>,
    when: &str,
) -> BeneficiaryId {
    beneficiary::follow(
        conn,
        &FollowInput {
            first_name: Some(first.into()),
            last_name: Some(last.into()),
            phone: phone.map(Into::into),
            email: (first == "Zéphyrine").then(|| "zephyrine.ancien@exemple.fr".into()),
            notes: (first == "Zéphyrine").then(|| "Notesecrete : vit seule".into()),
            profile: Profile {
                age_bracket: AgeBracket::From70,
                social_status: SocialStatus::Retired,
                gender: Gender::Female,
                postcode: Some("67000".into()),
                commune: Some("Strasbourg".into()),
            },
            consent: true,
            consent_by: None,
        },
        at(when),
    )
    .map(|b| b.id)
    .unwrap()
}

fn visit(w_site: &Site, m: &Mediator, date: &str, theme: &str) -> VisitInput {
    VisitInput {
        date: date.into(),
        time: "10:00".into(),
        duration_minutes: 45,
        site_id: Some(w_site.id),
        mediator_id: Some(m.id),
        themes: vec![theme.into(), "aide_aux_demarches_administratives".into()],
        procedures: vec!["argent_impots".into()],
        materials: vec![Material::Computer],
        ..VisitInput::default()
    }
}

fn book(
    conn: &Connection,
    site: &Site,
    start: &str,
    name: Option<&str>,
    phone: Option<&str>,
    notes: Option<&str>,
    now: &str,
) -> AppointmentId {
    // The named appointments also leave an e-mail (one old, one recent).
    let email = match name {
        Some("Madame Rdvancien") => Some("rdvancien@exemple.fr"),
        Some("Monsieur Rdvrecent") => Some("rdvrecent@exemple.fr"),
        _ => None,
    };
    appointment::book(
        conn,
        &BookingInput {
            site_id: site.id,
            start: start.into(),
            resident_name: name.map(Into::into),
            resident_phone: phone.map(Into::into),
            resident_email: email.map(Into::into),
            notes: notes.map(Into::into),
            ..BookingInput::default()
        },
        at(now),
    )
    .map(|a| a.id)
    .unwrap_or_else(|e| panic!("{start}: {e}"))
}

/// Two years of a small network: what the purge must erase and what it must keep.
fn world(conn: &Connection) -> World {
    let site = new_site(conn, "Médiathèque Malraux");
    let m = mediator::create(
        conn,
        &MediatorInput {
            name: "Samia Benali".into(),
            site_ids: vec![site.id],
            ..MediatorInput::default()
        },
        crate::common::now(),
    )
    .unwrap();
    permanence::create(
        conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(3),
            ..slot(&site, 2, "14:00", "16:00")
        },
        crate::common::now(),
    )
    .unwrap();
    let record = |v: VisitInput| visit::record(conn, &v, purge_day()).unwrap();
    // Old: a person seen in March 2027 (one visit honouring a named appointment), one only
    // named in a workshop, one followed and never seen.
    let old = follow(
        conn,
        "Zéphyrine",
        "Ancienvisiteur",
        Some("06 11 22 33 44"),
        "2027-02-01T09:00:00Z",
    );
    let workshop_only = follow(conn, "Atelierseule", "Dupont", None, "2027-02-01T09:00:00Z");
    follow(conn, "Jamaisvenue", "Muller", None, "2027-01-10T09:00:00Z");
    // Recent: seen in 2027 AND in April 2029 (the LAST visit counts), and one followed in May
    // 2029, not seen yet.
    let recent = follow(
        conn,
        "Récentine",
        "Toujoursla",
        Some("06 55 44 33 22"),
        "2027-02-01T09:00:00Z",
    );
    follow(conn, "Nouvellement", "Suivie", None, "2029-05-01T09:00:00Z");

    let named = book(
        conn,
        &site,
        "2027-03-09T14:00",
        Some("Madame Rdvancien"),
        Some("07 98 76 54 32"),
        Some("Remarquerdv"),
        "2027-03-01T08:00:00Z",
    );
    let absent = book(
        conn,
        &site,
        "2027-03-16T14:00",
        None,
        Some("07 98 76 54 32"),
        None,
        "2027-03-01T08:00:00Z",
    );
    book(
        conn,
        &site,
        "2027-03-23T14:00",
        None,
        None,
        None,
        "2027-03-01T08:00:00Z",
    );
    book(
        conn,
        &site,
        "2029-05-22T14:00",
        Some("Monsieur Rdvrecent"),
        None,
        None,
        "2029-05-01T08:00:00Z",
    );
    appointment::set_status(
        conn,
        absent,
        Status::NoShow,
        None,
        at("2027-03-16T15:00:00Z"),
    )
    .unwrap();

    record(VisitInput {
        beneficiary_id: Some(old),
        appointment_id: Some(named),
        first_visit: true,
        notes: Some("Notesecrete bis".into()),
        procedure_details: Some("Detailsdemarche impôts".into()),
        ..visit(&site, &m, "2027-03-09", "email")
    });
    record(VisitInput {
        beneficiary_id: Some(old),
        ..visit(&site, &m, "2027-03-12", "sante")
    });
    record(VisitInput {
        beneficiary_id: Some(recent),
        ..visit(&site, &m, "2027-03-12", "email")
    });
    record(VisitInput {
        beneficiary_id: Some(recent),
        ..visit(&site, &m, "2029-04-10", "bureautique")
    });
    record(VisitInput {
        profile: Profile {
            age_bracket: AgeBracket::From18,
            ..Profile::default()
        },
        first_visit: true,
        ..visit(&site, &m, "2027-03-20", "email")
    });
    record(VisitInput {
        kind: VisitKind::Workshop,
        workshop_title: Some("Déjouer les arnaques".into()),
        participants: 8,
        participant_ids: vec![old, workshop_only, recent],
        procedures: vec![],
        ..visit(&site, &m, "2027-03-25", "securite_numerique")
    });
    record(VisitInput {
        kind: VisitKind::Workshop,
        workshop_title: Some("Premiers pas".into()),
        participants: 4,
        participant_ids: vec![recent],
        procedures: vec![],
        ..visit(&site, &m, "2029-04-17", "prendre_en_main_du_materiel")
    });
    // Walk-ins and the waiting list have no API taking a date: written as the desk would have.
    conn.execute_batch(&format!(
        "INSERT INTO walk_ins (site_id, arrived_at, name) VALUES
            ({s}, '2027-03-09T09:00:00Z', 'Arrivéesansrdv'), ({s}, '2029-05-29T09:00:00Z', 'Arrivéerecente');
         INSERT INTO waiting_list (site_id, name, contact, created_at) VALUES
            ({s}, 'Listeattenteancienne', '0600000000', '2027-03-01T09:00:00Z'),
            ({s}, 'Listeattenterecente', '0600000001', '2029-05-30T09:00:00Z');",
        s = site.id.0
    ))
    .unwrap();
    World {
        site,
        m,
        old,
        recent,
    }
}

/// Several periods and scopes: a month, a year, a quarter, everything, one site, one mediator.
fn all_stats(conn: &Connection, w: &World) -> Vec<Stats> {
    let q = |from: &str, to: &str| StatsQuery {
        from: from.into(),
        to: to.into(),
        site_id: None,
        mediator_id: None,
        desk_id: None,
    };
    [
        q("2027-03-01", "2027-03-31"),
        q("2027-01-01", "2027-12-31"),
        q("2029-04-01", "2029-06-30"),
        q("2020-01-01", "2030-12-31"),
        StatsQuery {
            site_id: Some(w.site.id),
            ..q("2027-03-10", "2029-05-31")
        },
        StatsQuery {
            mediator_id: Some(w.m.id),
            ..q("2027-03-01", "2029-12-31")
        },
    ]
    .iter()
    .map(|query| stats::compute(conn, query).unwrap())
    .collect()
}

/// Every text cell of every table, to look for a name whatever column holds it.
fn all_text(conn: &Connection) -> String {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                if let Ok(rusqlite::types::ValueRef::Text(b)) = r.get_ref(i) {
                    out.push_str(&String::from_utf8_lossy(b));
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn table_counts(conn: &Connection) -> Vec<i64> {
    [
        "beneficiaries",
        "visits",
        "visit_participants",
        "visit_terms",
        "appointments",
        "walk_ins",
        "waiting_list",
    ]
    .iter()
    .map(|t| count(conn, t))
    .collect()
}

#[test]
fn purge_erases_old_identities_and_keeps_statistics_equal() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("reseau.sqlite3");
    let conn = db::open(&path)?;
    let w = world(&conn);
    let before = all_stats(&conn, &w);
    assert!(
        before[0].people_followed >= 3,
        "the data set must have followed people in March 2027"
    );
    let text = all_text(&conn);
    for m in OLD_MARKERS.iter().chain(RECENT_MARKERS) {
        assert!(
            text.contains(m),
            "the data set must hold {m} before the purge"
        );
    }

    let expected = PurgeCounts {
        beneficiaries: 3,
        appointments: 2,
        walk_ins: 1,
        waiting: 1,
    };
    // Dry run: counts, changes nothing.
    let rows_before = table_counts(&conn);
    assert_eq!(privacy::due(&conn, purge_day())?, expected);
    assert_eq!(
        all_text(&conn),
        text,
        "a dry run must not change a single value"
    );
    assert_eq!(table_counts(&conn), rows_before);

    let done = privacy::purge(&conn, purge_day(), PurgeCause::Daily)?;
    assert_eq!(
        done, expected,
        "the purge erases what the dry run announced"
    );
    assert_eq!(
        all_stats(&conn, &w),
        before,
        "statistics must not change with the purge"
    );

    let text = all_text(&conn);
    for m in OLD_MARKERS {
        assert!(!text.contains(m), "{m} must be erased from every row");
    }
    for m in RECENT_MARKERS {
        assert!(text.contains(m), "{m} is recent and must stay");
    }
    assert!(beneficiary::get(&conn, w.recent).is_ok());
    assert_eq!(
        beneficiary::get(&conn, w.old).map_err(|e| e.kind()).err(),
        Some(ErrorKind::NotFound)
    );
    let names: Vec<String> = beneficiary::search(&conn, "")?
        .into_iter()
        .map(|b| b.display_name)
        .collect();
    assert_eq!(
        names,
        ["SUIVIE Nouvellement", "TOUJOURSLA Récentine"],
        "only the recent people stay followed"
    );
    // The old person's visits are still there, anonymous.
    let old_visits: i64 = conn.query_row(
        "SELECT count(*) FROM visits WHERE beneficiary_id = ?1",
        [w.old.0],
        |r| r.get(0),
    )?;
    assert_eq!(old_visits, 2, "visits stay (as anonymous ones)");
    let shown = visit::list(&conn, &visit::VisitFilter::default(), 100)?;
    assert!(shown
        .iter()
        .filter(|v| v.beneficiary_name.is_some())
        .all(|v| v.beneficiary_id == Some(w.recent)));

    // The file itself: no erased text in the database or its log once checkpointed.
    drop(conn);
    let mut bytes = std::fs::read(&path)?;
    if let Ok(wal) = std::fs::read(dir.path().join("reseau.sqlite3-wal")) {
        bytes.extend(wal);
    }
    let found = |m: &str| bytes.windows(m.len()).any(|w| w == m.as_bytes());
    for m in OLD_MARKERS {
        assert!(
            !found(m),
            "{m} must not stay in the file's free space or log"
        );
    }
    assert!(
        found("Toujoursla"),
        "the byte search must find what is kept"
    );

    // Idempotent: nothing more the next day, statistics still equal; the log says counts only.
    let conn = db::open(&path)?;
    let again = privacy::purge(&conn, at("2029-06-02T08:00:00Z"), PurgeCause::Daily)?;
    assert_eq!(again, PurgeCounts::default());
    assert_eq!(all_stats(&conn, &w), before);
    let status = privacy::retention_status(&conn, at("2029-06-02T08:00:00Z"))?;
    assert_eq!(
        status.last_purge.map(|p| p.counts),
        Some(PurgeCounts::default())
    );
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('purges')")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    assert_eq!(
        columns,
        [
            "id",
            "at",
            "cause",
            "beneficiaries",
            "appointments",
            "walk_ins",
            "waiting"
        ],
        "the log holds dates and counts only"
    );
    Ok(())
}

#[test]
fn shorter_settings_erase_more_and_bounds_are_checked() -> TestResult {
    let conn = conn();
    let w = world(&conn);
    assert_eq!(
        privacy::settings(&conn)?,
        RetentionSettings {
            beneficiary_months: 24,
            appointment_months: 3
        },
        "defaults of the issue"
    );
    assert_refused(
        privacy::set_settings(
            &conn,
            &RetentionSettings {
                beneficiary_months: 0,
                appointment_months: 3,
            },
        ),
        ErrorKind::Validation,
        "beneficiaryMonths",
        "entre 1 et 60 mois",
    );
    assert_refused(
        privacy::set_settings(
            &conn,
            &RetentionSettings {
                beneficiary_months: 24,
                appointment_months: 25,
            },
        ),
        ErrorKind::Validation,
        "appointmentMonths",
        "entre 1 et 24 mois",
    );
    let before = all_stats(&conn, &w);
    privacy::set_settings(
        &conn,
        &RetentionSettings {
            beneficiary_months: 1,
            appointment_months: 1,
        },
    )?;
    let done = privacy::purge(&conn, purge_day(), PurgeCause::Manual)?;
    // One month: everyone but the one followed in May 2029 (1 May < 1 May? no: kept), and the
    // appointment of 22 May 2029 stays.
    assert_eq!(done.beneficiaries, 4, "{done:?}");
    assert_eq!(all_stats(&conn, &w), before);
    Ok(())
}

#[test]
fn a_person_sees_everything_held_and_is_erased_on_request() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("reseau.sqlite3");
    let conn = db::open(&path)?;
    let w = world(&conn);
    let record = privacy::export(&conn, w.old, purge_day())?;
    let json: serde_json::Value = serde_json::from_slice(&privacy::export_json(&record)?)?;
    assert_eq!(json["person"]["firstName"], "Zéphyrine");
    assert_eq!(json["person"]["phone"], "06 11 22 33 44");
    assert_eq!(json["person"]["email"], "zephyrine.ancien@exemple.fr");
    assert_eq!(
        json["visits"].as_array().map(Vec::len),
        Some(3),
        "two visits and a workshop"
    );
    assert_eq!(json["appointments"][0]["residentName"], "Madame Rdvancien");
    assert_eq!(
        json["appointments"][0]["residentEmail"], "rdvancien@exemple.fr",
        "the e-mail given when booking is in the export"
    );
    let themes: Vec<&str> = json["visits"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|v| v["themes"].as_array().into_iter().flatten())
        .filter_map(|t| t["label"].as_str())
        .collect();
    assert!(
        themes.contains(&"E-mail") && themes.contains(&"Santé"),
        "{themes:?}"
    );

    let pdf = privacy::export_pdf(&record)?;
    let file = dir.path().join("export.pdf");
    std::fs::write(&file, &pdf.bytes)?;
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&file)
        .arg("-")
        .output()?;
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout)?;
    for expected in [
        "Données personnelles détenues",
        "Zéphyrine",
        "06 11 22 33 44",
        "zephyrine.ancien@exemple.fr",
        "Déjouer les arnaques",
        "Madame Rdvancien",
        "rdvancien@exemple.fr",
        "Accompagnements (3)",
    ] {
        assert!(
            text.contains(expected),
            "the PDF must show {expected}:\n{text}"
        );
    }

    let before = all_stats(&conn, &w);
    let erased = privacy::erase(&conn, w.old, purge_day())?;
    assert_eq!(erased.visits_kept, 3);
    assert_eq!(
        all_stats(&conn, &w),
        before,
        "erasing a person must not change statistics"
    );
    assert_eq!(
        privacy::export(&conn, w.old, purge_day())
            .map_err(|e| e.kind())
            .err(),
        Some(ErrorKind::NotFound)
    );
    assert_eq!(
        privacy::erase(&conn, w.old, purge_day())
            .map_err(|e| e.kind())
            .err(),
        Some(ErrorKind::NotFound),
        "erasing twice says the person is gone"
    );
    let text = all_text(&conn);
    for m in [
        "Zéphyrine",
        "Ancienvisiteur",
        "06 11 22 33 44",
        "zephyrine.ancien@exemple.fr",
        "Notesecrete",
        "Madame Rdvancien",
        "Detailsdemarche",
    ] {
        assert!(!text.contains(m), "{m} must be erased");
    }
    assert!(
        text.contains("Atelierseule"),
        "only the person asked for is erased"
    );
    let requests: i64 = conn.query_row(
        "SELECT sum(beneficiaries) FROM purges WHERE cause = 'request'",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(requests, 1, "the erasure is logged as a count");
    Ok(())
}
