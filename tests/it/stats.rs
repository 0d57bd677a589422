//! Statistics on a hand-built month whose right answers are written below, and the two
//! exports: the CSV read back by Python's csv module as a spreadsheet would, the PDF report
//! read back by pdftotext.

use std::process::Command;

use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::mediator::{self, Mediator, MediatorInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::Site;
use permanences::network::vocab::{AppointmentStatus as Status, PermanenceKind};
use permanences::records::beneficiary::{self, BeneficiaryId, FollowInput, Profile};
use permanences::records::stats::{self, Count, StatsQuery};
use permanences::records::visit::codes::{
    AgeBracket, Gender, Material, PlaceType, SocialStatus, VisitKind,
};
use permanences::records::visit::{self, VisitInput};
use permanences::scheduling::appointment::{self, BookingInput};
use rusqlite::Connection;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

fn now() -> DateTime<Utc> {
    at("2027-04-15T12:00:00Z")
}

struct Network {
    a: Site,
    b: Site,
    m1: Mediator,
    m2: Mediator,
}

fn team(conn: &Connection, name: &str, s: &Site) -> Mediator {
    mediator::create(
        conn,
        &MediatorInput {
            name: name.into(),
            site_ids: vec![s.id],
            ..MediatorInput::default()
        },
        crate::common::now(),
    )
    .unwrap()
}

fn profile(age: AgeBracket, status: SocialStatus, gender: Gender) -> Profile {
    Profile {
        age_bracket: age,
        social_status: status,
        gender,
        postcode: None,
        commune: None,
    }
}

fn visit(
    n: &Network,
    site: &Site,
    m: &Mediator,
    date: &str,
    minutes: u16,
    themes: &[&str],
) -> VisitInput {
    let _ = n;
    VisitInput {
        date: date.into(),
        time: "10:00".into(),
        duration_minutes: minutes,
        site_id: Some(site.id),
        mediator_id: Some(m.id),
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        materials: vec![Material::Computer],
        ..VisitInput::default()
    }
}

fn follow(conn: &Connection, last: &str, p: Profile) -> BeneficiaryId {
    beneficiary::follow(
        conn,
        &FollowInput {
            last_name: Some(last.into()),
            first_name: Some("Élodie".into()),
            profile: p,
            consent: true,
            ..FollowInput::default()
        },
        now(),
    )
    .map(|b| b.id)
    .unwrap()
}

/// March 2027: five visits in the period (two outside it), two followed people, three
/// appointments (one honoured through its visit, one absent, one cancelled).
fn march(conn: &Connection) -> Network {
    let a = new_site(conn, "Médiathèque Malraux");
    let b = new_site(conn, "Centre social Victor Hugo");
    let n = Network {
        m1: team(conn, "Samia Benali", &a),
        m2: team(conn, "Lucas Meyer", &b),
        a,
        b,
    };
    let p1 = follow(
        conn,
        "Durand",
        profile(AgeBracket::From70, SocialStatus::Retired, Gender::Female),
    );
    let p2 = follow(
        conn,
        "Haddad",
        profile(AgeBracket::From40, SocialStatus::JobSeeker, Gender::Male),
    );
    let record = |v: VisitInput| visit::record(conn, &v, now()).unwrap();
    // 1. anonymous, first time, two themes and a procedure.
    record(VisitInput {
        procedures: vec!["social_sante".into()],
        profile: profile(AgeBracket::From60, SocialStatus::Retired, Gender::Female),
        first_visit: true,
        ..visit(
            &n,
            &n.a,
            &n.m1,
            "2027-03-02",
            30,
            &["email", "aide_aux_demarches_administratives"],
        )
    });
    // 2. and 3. the same followed person twice, the first time new to the desk.
    record(VisitInput {
        procedures: vec!["argent_impots".into()],
        beneficiary_id: Some(p1),
        first_visit: true,
        ..visit(
            &n,
            &n.a,
            &n.m1,
            "2027-03-05",
            45,
            &["aide_aux_demarches_administratives"],
        )
    });
    record(VisitInput {
        beneficiary_id: Some(p1),
        ..visit(&n, &n.b, &n.m2, "2027-03-12", 60, &["email"])
    });
    // 4. anonymous, remote, came before.
    record(VisitInput {
        place_type: Some(PlaceType::Remote),
        profile: profile(AgeBracket::From18, SocialStatus::Pupil, Gender::Male),
        ..visit(
            &n,
            &n.b,
            &n.m2,
            "2027-03-20",
            20,
            &["prendre_en_main_du_materiel"],
        )
    });
    // 5. a workshop of 8 with both followed people named.
    record(VisitInput {
        kind: VisitKind::Workshop,
        workshop_title: Some("Déjouer les arnaques".into()),
        participants: 8,
        participant_ids: vec![p1, p2],
        ..visit(
            &n,
            &n.a,
            &n.m1,
            "2027-03-25",
            120,
            &["securite_numerique", "email"],
        )
    });
    // Outside the period: the last day of February and the first of April.
    record(visit(&n, &n.a, &n.m1, "2027-02-28", 30, &["sante"]));
    record(visit(&n, &n.a, &n.m1, "2027-04-01", 30, &["sante"]));
    // Appointments at A on Tuesdays in March: honoured (its visit), absent, cancelled.
    permanence::create(
        conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(3),
            ..slot(&n.a, 2, "14:00", "16:00")
        },
        crate::common::now(),
    )
    .unwrap();
    let book = |start: &str| {
        appointment::book(
            conn,
            &BookingInput {
                site_id: n.a.id,
                start: start.into(),
                ..BookingInput::default()
            },
            at("2027-03-01T08:00:00Z"),
        )
        .unwrap()
    };
    let honoured = book("2027-03-09T14:00");
    let absent = book("2027-03-16T14:00");
    let cancelled = book("2027-03-23T14:00");
    book("2027-04-06T14:00"); // April: not counted in March
    let draft = visit::from_appointment(conn, honoured.id, Some(n.m1.id)).unwrap();
    // This visit is in March too, so the figures above grow by one: kept apart in the
    // expectations below (visit 6).
    record(VisitInput {
        themes: vec!["email".into()],
        procedures: vec![],
        ..draft
    });
    appointment::set_status(conn, absent.id, Status::NoShow, None, now()).unwrap();
    appointment::set_status(
        conn,
        cancelled.id,
        Status::Excused,
        None,
        at("2027-03-20T08:00:00Z"),
    )
    .unwrap();
    n
}

fn query(from: &str, to: &str) -> StatsQuery {
    StatsQuery {
        from: from.into(),
        to: to.into(),
        site_id: None,
        mediator_id: None,
        desk_id: None,
    }
}

fn counts(list: &[Count]) -> Vec<(&str, i64)> {
    list.iter()
        .filter(|c| c.count > 0)
        .map(|c| (c.code.as_str(), c.count))
        .collect()
}

#[test]
fn the_network_month_gives_the_hand_counted_figures() -> TestResult {
    let conn = conn();
    march(&conn);
    let s = stats::compute(&conn, &query("2027-03-01", "31/03/2027"))?;
    assert_eq!(s.period, "du 1er mars 2027 au 31 mars 2027");
    assert_eq!(s.scope, "Tout le réseau");
    // Six visits: five listed + the appointment's (anonymous, 30 min, not first time).
    assert_eq!((s.visits, s.individual_visits, s.workshops), (6, 5, 1));
    assert_eq!(s.workshop_participants, 8);
    assert_eq!(s.minutes, 30 + 45 + 60 + 20 + 120 + 30);
    assert_eq!(s.hours, "5\u{a0}h\u{a0}05");
    // People: followed Durand + Haddad; anonymous: visits 1, 4, 6 and the 6 unnamed participants.
    assert_eq!(
        (s.people_followed, s.people_anonymous, s.people),
        (2, 9, 11)
    );
    // Described people: anon 1 (new), Durand (new through visit 2), anon 4, Haddad, anon 6.
    assert_eq!((s.people_new, s.people_returning), (2, 3));
    assert_eq!(
        counts(&s.themes),
        [
            ("email", 4),
            ("aide_aux_demarches_administratives", 2),
            ("prendre_en_main_du_materiel", 1),
            ("securite_numerique", 1)
        ]
    );
    assert_eq!(
        counts(&s.procedures),
        [("social_sante", 1), ("argent_impots", 1)]
    );
    assert_eq!(
        counts(&s.durations),
        [
            ("moins_30", 1),
            ("30_60", 3),
            ("60_120", 1),
            ("plus_120", 1)
        ]
    );
    assert_eq!(counts(&s.places), [("lieu_activite", 5), ("a_distance", 1)]);
    assert_eq!(
        counts(&s.age_brackets),
        [
            ("dix_huit_vingt_quatre", 1),
            ("quarante_cinquante_neuf", 1),
            ("soixante_soixante_neuf", 1),
            ("soixante_dix_plus", 1),
            ("non_communique", 1),
            ("non_renseigne", 6)
        ]
    );
    assert_eq!(
        counts(&s.social_statuses),
        [
            ("scolarise", 1),
            ("sans_emploi", 1),
            ("retraite", 2),
            ("non_communique", 1),
            ("non_renseigne", 6)
        ]
    );
    assert_eq!(
        counts(&s.genders),
        [
            ("masculin", 2),
            ("feminin", 2),
            ("non_communique", 1),
            ("non_renseigne", 6)
        ]
    );
    let a = &s.appointments;
    assert_eq!(
        (a.booked, a.honoured, a.no_show, a.cancelled, a.pending),
        (3, 1, 1, 1, 0)
    );
    assert_eq!(a.no_show_rate, "50\u{a0}%");
    Ok(())
}

/// Every breakdown that shares out a whole adds up to it, the « Non renseigné » line included,
/// and « Première fois » with its detail adds up to the people.
fn assert_adds_up(s: &stats::Stats, case: &str) {
    let sum = |list: &[Count]| list.iter().map(|c| c.count).sum::<i64>();
    assert_eq!(
        s.people,
        s.people_followed + s.people_anonymous,
        "{case}: people are the followed and the anonymous ones"
    );
    for (name, list, whole) in [
        ("ages", &s.age_brackets, s.people),
        ("statuses", &s.social_statuses, s.people),
        ("genders", &s.genders, s.people),
        ("places", &s.places, s.visits),
        ("durations", &s.durations, s.visits),
    ] {
        assert_eq!(
            sum(list),
            whole,
            "{case}: the {name} lines must add up to the figure their shares are of"
        );
        for c in list.iter().filter(|c| c.code == stats::UNKNOWN) {
            assert!(c.count > 0, "{case}: a « Non renseigné » line is never 0");
        }
    }
    let first = s
        .figures
        .iter()
        .find(|f| f.label == "Première fois")
        .map(|f| f.detail.clone())
        .unwrap_or_default();
    let unknown = s.people - s.people_new - s.people_returning;
    assert!(unknown >= 0, "{case}: no one is described twice");
    if unknown > 0 {
        assert!(
            first.contains(&format!("{unknown} non renseignée")),
            "{case}: « Première fois » says how many are not described: {first}"
        );
    } else {
        assert!(!first.contains("non renseignée"), "{case}: {first}");
    }
}

#[test]
fn each_breakdown_adds_up_to_its_total() -> TestResult {
    // Hand-built: six unnamed workshop participants are counted but not described.
    let conn = conn();
    let net = march(&conn);
    let s = stats::compute(&conn, &query("2027-03-01", "2027-03-31"))?;
    assert_adds_up(&s, "march");
    assert_eq!(s.people - s.people_new - s.people_returning, 6);
    let unknown = s
        .genders
        .last()
        .map(|c| (c.code.as_str(), c.count, c.share.as_str()));
    assert_eq!(
        unknown,
        Some(("non_renseigne", 6, "54,5\u{a0}%")),
        "the unnamed participants' line comes last, as a share of the 11 people"
    );
    let site_a = stats::compute(
        &conn,
        &StatsQuery {
            site_id: Some(net.a.id),
            ..query("2027-03-01", "2027-03-31")
        },
    )?;
    assert_adds_up(&site_a, "march, site A");
    // With every answer given, no « Non renseigné » line.
    let none = stats::compute(&conn, &query("2027-03-02", "2027-03-02"))?;
    assert_adds_up(&none, "one day");
    assert!(none.visits > 0, "2 March has a visit");
    assert!(
        [&none.age_brackets, &none.social_statuses, &none.genders]
            .iter()
            .all(|l| l.iter().all(|c| c.code != stats::UNKNOWN)),
        "everyone of 2 March is described: no « Non renseigné » line"
    );
    // The demo network, over its whole span.
    let demo = conn_demo();
    let s = stats::compute(&demo, &query("2020-01-01", "2030-12-31"))?;
    assert!(s.people > 0, "the demo network has activity");
    assert_adds_up(&s, "demo");
    Ok(())
}

fn conn_demo() -> Connection {
    let c = conn();
    permanences::sample::demo::seed(&c, now()).unwrap_or_else(|e| panic!("demo: {e}"));
    c
}

#[test]
fn a_site_and_a_mediator_see_only_their_share() -> TestResult {
    let conn = conn();
    let n = march(&conn);
    let site_a = stats::compute(
        &conn,
        &StatsQuery {
            site_id: Some(n.a.id),
            ..query("2027-03-01", "2027-03-31")
        },
    )?;
    assert_eq!(site_a.scope, "Médiathèque Malraux");
    assert_eq!((site_a.visits, site_a.minutes), (4, 30 + 45 + 120 + 30));
    assert_eq!(
        (site_a.people_followed, site_a.people_anonymous),
        (2, 2 + 6)
    );
    assert_eq!(site_a.appointments.booked, 3);
    let site_b = stats::compute(
        &conn,
        &StatsQuery {
            site_id: Some(n.b.id),
            ..query("2027-03-01", "2027-03-31")
        },
    )?;
    assert_eq!((site_b.visits, site_b.people), (2, 2));
    assert_eq!(site_b.appointments.booked, 0, "B has no appointments");
    assert_eq!(site_b.appointments.no_show_rate, "–");
    let m2 = stats::compute(
        &conn,
        &StatsQuery {
            mediator_id: Some(n.m2.id),
            ..query("2027-03-01", "2027-03-31")
        },
    )?;
    assert_eq!(m2.team, "Lucas Meyer");
    assert_eq!(
        (m2.visits, m2.people_followed, m2.people_anonymous),
        (2, 1, 1)
    );
    // One day: only the workshop.
    let day = stats::compute(&conn, &query("2027-03-25", "2027-03-25"))?;
    assert_eq!((day.visits, day.workshops, day.people), (1, 1, 8));
    Ok(())
}

#[test]
fn a_period_ending_before_it_starts_is_refused() {
    let conn = conn();
    assert_refused(
        stats::compute(&conn, &query("2027-03-31", "2027-03-01")),
        permanences::ErrorKind::Validation,
        "to",
        "avant son début",
    );
}

/// Reads CSV bytes as a French spreadsheet would: Python's csv module, `;`, UTF-8 with BOM.
fn spreadsheet_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("visites.csv");
    std::fs::write(&path, bytes)?;
    let script = "import csv, json, sys\n\
        with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n\
        \x20   print(json.dumps(list(csv.reader(f, delimiter=';'))))";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()?;
    assert!(
        out.status.success(),
        "python3 csv: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

#[test]
fn the_csv_opens_as_a_french_spreadsheet_with_accents_and_no_personal_data() -> TestResult {
    let conn = conn();
    march(&conn);
    let bytes = stats::csv::visits(&conn, &query("2027-03-01", "2027-03-31"), false)?;
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a BOM tells spreadsheets it is UTF-8"
    );
    let rows = spreadsheet_rows(&bytes)?;
    assert_eq!(rows.len(), 1 + 6, "a header and one row per visit of March");
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    assert_eq!(rows[1][col("Date")], "02/03/2027");
    assert_eq!(
        rows[1][col("Thématiques")],
        "E-mail, Aide aux démarches administratives"
    );
    assert_eq!(rows[1][col("Tranche d'âge")], "60 - 69 ans");
    assert_eq!(rows[1][col("Statut")], "Retraité");
    // Oldest first: 2, 5, 9 (the appointment's), 12, 20, then the workshop of the 25th.
    assert_eq!(rows[6][col("Titre de l'atelier")], "Déjouer les arnaques");
    assert_eq!(rows[6][col("Participants")], "8");
    assert!(
        !header.iter().any(|h| h == "Nom"),
        "no name column unless asked"
    );
    let all = String::from_utf8(bytes)?;
    assert!(
        !all.contains("Durand") && !all.contains("Élodie"),
        "no personal data unless asked"
    );
    let personal = spreadsheet_rows(&stats::csv::visits(
        &conn,
        &query("2027-03-01", "2027-03-31"),
        true,
    )?)?;
    let name = personal[0]
        .iter()
        .position(|h| h == "Nom")
        .unwrap_or_else(|| panic!("Nom column"));
    let first = personal[0]
        .iter()
        .position(|h| h == "Prénom")
        .unwrap_or_else(|| panic!("Prénom column"));
    assert_eq!(
        (personal[2][name].as_str(), personal[2][first].as_str()),
        ("Durand", "Élodie")
    );
    assert_eq!(
        personal[1][name], "",
        "an anonymous visit has no name even then"
    );
    Ok(())
}

#[test]
fn the_pdf_report_carries_the_screen_figures_and_charts() -> TestResult {
    let conn = conn();
    march(&conn);
    let q = query("2027-03-01", "2027-03-31");
    let s = stats::compute(&conn, &q)?;
    let pdf = permanences::documents::report::activity_report(&conn, &q, crate::common::now())?;
    assert_eq!(
        pdf.pages, 2,
        "a funders' report: the overview and the months on page one, details on page two"
    );
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bilan.pdf");
    std::fs::write(&path, &pdf.bytes)?;
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()?;
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout)?
        .replace(['\u{a0}', '\u{202f}'], " ")
        // The PDF uses the typographic apostrophe.
        .replace('\u{2019}', "'");
    for f in &s.figures {
        for piece in [&f.label, &f.value, &f.detail] {
            let piece = piece.replace('\u{a0}', " ");
            assert!(
                text.contains(&piece),
                "the report lacks « {piece} »:\n{text}"
            );
        }
    }
    for expected in [
        "Bilan d'activité",
        "Tout le réseau",
        "du 1er mars 2027 au 31 mars 2027",
        "Aide aux démarches administratives",
        "Prévention en sécurité numérique",
        "Social - Santé",
        "70 ans et plus",
        "(66,7 %)",
        "Mois par mois",
        "mars 2027 : 6 accompagnements",
        "En tête : « E-mail », 66,7 % des accompagnements",
        "Absences par mois",
        "Rappel et absences",
    ] {
        assert!(
            text.contains(expected),
            "the report lacks « {expected} »:\n{text}"
        );
    }
    let png = dir.path().join("page");
    let shot = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-singlefile"])
        .arg(&path)
        .arg(&png)
        .status()?;
    assert!(shot.success());
    let shot = crate::common::screenshots_dir().join("pdf-bilan.png");
    std::fs::copy(png.with_extension("png"), shot)?;
    assert_vector_and_on_the_page(&path)?;
    Ok(())
}

/// No bitmap in the PDF (its charts are vector shapes: pdfimages lists only its two header
/// lines), and every word pdftotext finds lies inside the A4 page, a margin left: nothing is
/// clipped.
fn assert_vector_and_on_the_page(path: &std::path::Path) -> TestResult {
    let images = Command::new("pdfimages").arg("-list").arg(path).output()?;
    assert!(images.status.success());
    assert_eq!(
        String::from_utf8(images.stdout)?.lines().count(),
        2,
        "no image in the report: the charts are vector paths"
    );
    let bbox = Command::new("pdftotext")
        .arg("-bbox")
        .arg(path)
        .arg("-")
        .output()?;
    let html = String::from_utf8(bbox.stdout)?;
    let number = |line: &str, name: &str| -> f64 {
        line.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let mut words = 0;
    for line in html.lines().filter(|l| l.trim_start().starts_with("<word")) {
        words += 1;
        let (x0, y0, x1, y1) = (
            number(line, "xMin"),
            number(line, "yMin"),
            number(line, "xMax"),
            number(line, "yMax"),
        );
        assert!(
            x0 >= 20.0 && y0 >= 20.0 && x1 <= 595.3 - 20.0 && y1 <= 841.9 - 20.0,
            "a word outside the A4 page's margins: {line}"
        );
    }
    assert!(words > 100, "pdftotext read the report's words ({words})");
    Ok(())
}

#[test]
fn the_report_of_the_demo_year_shows_its_months_on_page_one() -> TestResult {
    let c = conn_demo();
    let q = query("2026-04-01", "2027-03-31");
    let pdf = permanences::documents::report::activity_report(&c, &q, now())?;
    assert_eq!(
        pdf.pages, 2,
        "a year of a busy network still fits on two pages"
    );
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bilan-annee.pdf");
    std::fs::write(&path, &pdf.bytes)?;
    assert_vector_and_on_the_page(&path)?;
    let first = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-layout"])
        .arg(&path)
        .arg("-")
        .output()?;
    let first = String::from_utf8(first.stdout)?.replace('\u{a0}', " ");
    for month in ["avril", "août", "déc.", "mars", "Le mois le plus chargé"] {
        assert!(
            first.contains(month),
            "page one shows the months: « {month} »\n{first}"
        );
    }
    let png = dir.path().join("page");
    let shot = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(&png)
        .status()?;
    assert!(shot.success(), "pdftoppm renders the first page");
    std::fs::copy(
        png.with_extension("png"),
        crate::common::screenshots_dir().join("pdf-bilan-annee.png"),
    )?;
    Ok(())
}

#[test]
fn the_benchmark_data_set_generator_writes_countable_visits() -> TestResult {
    let conn = conn();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 1, d).unwrap_or_default();
    let size = permanences::sample::generate::Size {
        sites: 3,
        years: 1,
        fill_percent: 0,
    };
    permanences::sample::generate::generate(&conn, size, crate::common::at(day(15), "12:00"))?;
    assert_eq!(
        permanences::sample::generate::visits(&conn, 500, day(1), day(31))?,
        500
    );
    let s = stats::compute(&conn, &query("2025-01-01", "2025-01-31"))?;
    assert_eq!(s.visits, 500);
    assert_eq!(s.individual_visits + s.workshops, 500);
    assert!(
        s.themes.iter().map(|t| t.count).sum::<i64>() >= 500,
        "every visit has a theme"
    );
    Ok(())
}
