//! The activities in the Coop's spreadsheet layout, read back by independent readers
//! (openpyxl for the .xlsx, Python's csv module for the CSV) on a hand-built set whose right
//! cells are written below: an individual visit with several themes, a procedure and a
//! redirection, each autonomy level, a followed person, a workshop of 3 with one named.

use crate::common::tools::python;
use crate::common::*;
use permanences::exchange::activities::coop::MEDIATOR_HEADERS;
use permanences::exchange::activities::{self, ExportFormat, ExportRequest};
use permanences::network::mediator::{self, Mediator, MediatorInput};
use permanences::network::site::Site;
use permanences::records::beneficiary::{self, FollowInput, Profile};
use permanences::records::visit::codes::{
    AgeBracket, Autonomy, Gender, Material, Redirection, SocialStatus, VisitKind, WorkshopLevel,
};
use permanences::records::visit::{self, VisitInput};
use rusqlite::Connection;
use serde_json::{json, Value};

const TEAM_HEADERS: [&str; 31] = [
    "Date",
    "Enregistré le",
    "Dernière modification le",
    "Prénom du médiateur",
    "Nom du médiateur",
    "Rôle",
    "ID - Conum",
    "Type",
    "Participants",
    "Canaux d’accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l’atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune du bénéficiaire",
    "Code postal du bénéficiaire",
    "Code Insee du bénéficiaire",
    "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire",
    "Statut du bénéficiaire",
    "ID CRA",
];

struct Desk {
    conn: Connection,
    mediator: Mediator,
    site: Site,
    uids: Vec<String>,
}

fn base(site: &Site, m: &Mediator, date: &str) -> VisitInput {
    VisitInput {
        date: date.into(),
        time: "10:00".into(),
        duration_minutes: 30,
        site_id: Some(site.id),
        mediator_id: Some(m.id),
        themes: vec!["email".into()],
        materials: vec![Material::Computer],
        ..VisitInput::default()
    }
}

fn desk() -> Desk {
    let conn = conn();
    let site = site::create(
        &conn,
        &SiteInput {
            insee_code: Some("67482".into()),
            ..site_input("Médiathèque Malraux")
        },
        now(),
    )
    .unwrap();
    let mediator = mediator::create(
        &conn,
        &MediatorInput {
            name: "Samia Benali".into(),
            site_ids: vec![site.id],
            ..MediatorInput::default()
        },
        now(),
    )
    .unwrap();
    let person = beneficiary::follow(
        &conn,
        &FollowInput {
            first_name: Some("Élodie".into()),
            last_name: Some("Durand".into()),
            profile: Profile {
                age_bracket: AgeBracket::From70,
                social_status: SocialStatus::Retired,
                gender: Gender::Female,
                postcode: None,
                commune: None,
            },
            consent: true,
            ..FollowInput::default()
        },
        now(),
    )
    .unwrap()
    .id;
    let record = |v: VisitInput| visit::record(&conn, &v, now()).unwrap();
    let first = record(VisitInput {
        themes: vec!["email".into(), "aide_aux_demarches_administratives".into()],
        procedures: vec!["social_sante".into(), "logement".into()],
        materials: vec![Material::Computer, Material::Phone],
        autonomy: Some(Autonomy::Guided),
        redirected_to: Some(Redirection::Social),
        profile: Profile {
            age_bracket: AgeBracket::From60,
            social_status: SocialStatus::Retired,
            gender: Gender::Female,
            postcode: Some("67100".into()),
            commune: Some("Strasbourg".into()),
        },
        notes: Some("Rappeler jeudi".into()),
        ..base(&site, &mediator, "2026-11-02")
    });
    let second_input = VisitInput {
        autonomy: Some(Autonomy::Partly),
        duration_minutes: 45,
        ..base(&site, &mediator, "2026-11-03")
    };
    let second = record(second_input.clone());
    // Corrected the next day: « Dernière modification le » is filled.
    visit::update(
        &conn,
        second.id,
        &VisitInput {
            duration_minutes: 60,
            ..second_input
        },
        at(today(), "16:05"),
    )
    .unwrap();
    let third = record(VisitInput {
        autonomy: Some(Autonomy::Autonomous),
        beneficiary_id: Some(person),
        ..base(&site, &mediator, "2026-11-04")
    });
    let workshop = record(VisitInput {
        kind: VisitKind::Workshop,
        workshop_title: Some("Déjouer les arnaques".into()),
        workshop_level: Some(WorkshopLevel::Intermediate),
        participants: 3,
        participant_ids: vec![person],
        themes: vec!["securite_numerique".into()],
        duration_minutes: 120,
        ..base(&site, &mediator, "2026-11-05")
    });
    let uid = |id| -> String {
        conn.query_row("SELECT uid FROM visits WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    };
    let uids = [first.id.0, second.id.0, third.id.0, workshop.id.0]
        .into_iter()
        .map(uid)
        .collect();
    Desk {
        conn,
        mediator,
        site,
        uids,
    }
}

use permanences::network::site::{self, SiteInput};

fn export(d: &Desk, format: ExportFormat, one_mediator: bool, personal: bool) -> Value {
    let req = ExportRequest {
        format,
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
        site_id: None,
        mediator_id: one_mediator.then_some(d.mediator.id),
        personal,
    };
    let out = activities::export(&d.conn, &req, now()).unwrap();
    assert_eq!(out.activities, 4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(&out.file_name);
    std::fs::write(&path, &out.bytes).unwrap();
    python("xlsx/read_activities.py", &[&path])
}

/// The row of `headers` as a map, to compare by column name.
fn by_name(headers: &Value, row: &Value) -> serde_json::Map<String, Value> {
    headers
        .as_array()
        .unwrap()
        .iter()
        .zip(row.as_array().unwrap())
        .map(|(h, v)| (h.as_str().unwrap().to_owned(), v.clone()))
        .collect()
}

#[test]
fn the_xlsx_has_the_coop_s_sheet_table_headers_and_values() {
    let d = desk();
    let team = export(&d, ExportFormat::Xlsx, false, false);
    assert_eq!(team["sheets"], json!(["Activités"]));
    assert_eq!(team["tables"].as_object().unwrap().len(), 1);
    assert!(
        team["tables"]["Activités"].is_string(),
        "{}",
        team["tables"]
    );
    assert_eq!(team["headers"], json!(TEAM_HEADERS));
    assert_eq!(
        team["meta"][0],
        json!([
            "Exporté par",
            format!(
                "Poste {}",
                &permanences::exchange::activities::file::own_desk(&d.conn)
                    .unwrap()
                    .uid[..8]
            )
        ])
    );
    assert_eq!(team["meta"][2], json!(["Total des activités", 4]));
    assert_eq!(
        team["meta"][4],
        json!(["Période", "du 01/11/2026 au 30/11/2026"])
    );
    let rows = team["rows"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        6,
        "one row per person: 1 + 1 + 1 + a workshop of 3"
    );
    let r: Vec<_> = rows.iter().map(|r| by_name(&team["headers"], r)).collect();

    // 1. Anonymous, two themes, two procedures, two materials, redirected, guided.
    let first = &r[0];
    assert_eq!(
        first["Date"],
        json!({"date": "2026-11-02", "format": "dd/mm/yyyy"})
    );
    assert_eq!(first["Enregistré le"], json!("01/12/2026 à 10:40"));
    assert_eq!(first["Dernière modification le"], Value::Null);
    assert_eq!(first["Prénom du médiateur"], json!("Samia"));
    assert_eq!(first["Nom du médiateur"], json!("Benali"));
    assert_eq!(first["Type"], json!("Accompagnement individuel"));
    assert_eq!(first["Participants"], json!("1"));
    assert_eq!(first["Canaux d’accompagnement"], json!("Lieu d’activité"));
    assert_eq!(first["Nom du lieu"], json!("Médiathèque Malraux"));
    assert_eq!(first["Adresse"], json!("3 rue Kuhn"));
    assert_eq!(first["Commune"], json!("Strasbourg"));
    assert_eq!(first["Code postal"], json!("67000"));
    assert_eq!(first["Code Insee"], json!("67482"));
    assert_eq!(first["Durée (min)"], json!("30"));
    assert_eq!(
        first["Matériel numérique utilisé"],
        json!("Ordinateur\nTéléphone")
    );
    assert_eq!(
        first["Thématique(s) d’accompagnement"],
        json!("Aide aux démarches administratives\nE-mail")
    );
    assert_eq!(
        first["Nom de la démarche administrative"],
        json!("Logement\nSocial - Santé")
    );
    assert_eq!(first["Niveau d’autonomie (ou de l’atelier)"], json!("1/3"));
    assert_eq!(first["Bénéficiaire réorienté"], json!("Oui"));
    assert_eq!(
        first["Structure de redirection"],
        json!("Structure d’aide sociale (maison des solidarités, centre social…)")
    );
    assert_eq!(first["Commune du bénéficiaire"], json!("Strasbourg"));
    assert_eq!(first["Code postal du bénéficiaire"], json!("67100"));
    assert_eq!(first["Genre du bénéficiaire"], json!("Féminin"));
    assert_eq!(first["Tranche d’âge du bénéficiaire"], json!("60 - 69 ans"));
    assert_eq!(first["Statut du bénéficiaire"], json!("Retraité"));
    assert_eq!(first["ID CRA"], json!(d.uids[0]));

    // 2. Corrected later; partly autonomous; not redirected; unknown profile.
    let second = &r[1];
    assert_eq!(
        second["Dernière modification le"],
        json!("01/12/2026 à 16:05")
    );
    assert_eq!(second["Durée (min)"], json!("60"));
    assert_eq!(second["Niveau d’autonomie (ou de l’atelier)"], json!("2/3"));
    assert_eq!(second["Bénéficiaire réorienté"], json!("Non"));
    assert_eq!(second["Structure de redirection"], Value::Null);
    assert_eq!(second["Genre du bénéficiaire"], json!("Non communiqué"));
    assert_eq!(
        second["Statut du bénéficiaire"],
        json!("Non communiqué ou hétérogène")
    );

    // 3. The followed person, autonomous.
    assert_eq!(r[2]["Niveau d’autonomie (ou de l’atelier)"], json!("3/3"));
    assert_eq!(
        r[2]["Tranche d’âge du bénéficiaire"],
        json!("70 ans et plus")
    );

    // 4. The workshop: three rows, one ID, numbered, the named participant first.
    for (i, row) in r[3..].iter().enumerate() {
        assert_eq!(row["Type"], json!("Atelier collectif"));
        assert_eq!(row["Participants"], json!(format!("{}/3", i + 1)));
        assert_eq!(row["Nom de l’atelier"], json!("Déjouer les arnaques"));
        assert_eq!(row["Niveau d’autonomie (ou de l’atelier)"], json!("2/3"));
        assert_eq!(row["Bénéficiaire réorienté"], Value::Null);
        assert_eq!(row["Durée (min)"], json!("120"));
        assert_eq!(row["ID CRA"], json!(d.uids[3]));
    }
    assert_eq!(r[3]["Genre du bénéficiaire"], json!("Féminin"));
    assert_eq!(r[4]["Genre du bénéficiaire"], json!("Non communiqué"));
    assert_eq!(
        r[5]["Tranche d’âge du bénéficiaire"],
        json!("Non communiqué")
    );
}

#[test]
fn one_mediator_s_export_has_the_mediator_layout_and_names_only_when_asked() {
    let d = desk();
    let plain = export(&d, ExportFormat::Xlsx, true, false);
    assert_eq!(plain["headers"], json!(MEDIATOR_HEADERS));
    assert_eq!(plain["meta"][5], json!(["Médiateur", "Samia Benali"]));
    let rows: Vec<_> = plain["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| by_name(&plain["headers"], r))
        .collect();
    assert_eq!(rows[0]["Bénéficiaire"], json!("Anonyme"));
    assert_eq!(rows[2]["Bénéficiaire"], json!("Personne suivie"));
    assert_eq!(rows[0]["Notes supplémentaires"], Value::Null);
    let text = plain.to_string();
    assert!(
        !text.contains("Durand") && !text.contains("Rappeler"),
        "{text}"
    );

    let personal = export(&d, ExportFormat::Xlsx, true, true);
    let rows: Vec<_> = personal["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| by_name(&personal["headers"], r))
        .collect();
    assert_eq!(rows[2]["Bénéficiaire"], json!("Élodie Durand"));
    assert_eq!(rows[0]["Notes supplémentaires"], json!("Rappeler jeudi"));
}

#[test]
fn the_csv_has_the_same_headers_and_rows() {
    let d = desk();
    let csv = export(&d, ExportFormat::Csv, false, false);
    let xlsx = export(&d, ExportFormat::Xlsx, false, false);
    assert_eq!(csv["headers"], xlsx["headers"]);
    let rows = csv["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let first = by_name(&csv["headers"], &rows[0]);
    assert_eq!(first["Date"], json!("02/11/2026"));
    assert_eq!(
        first["Thématique(s) d’accompagnement"],
        json!("Aide aux démarches administratives\nE-mail")
    );
    assert_eq!(first["ID CRA"], json!(d.uids[0]));
    let _ = &d.site;
}

#[test]
fn every_visit_gets_a_distinct_uuid() {
    let d = desk();
    for uid in &d.uids {
        let parts: Vec<_> = uid.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12], "{uid}");
        assert_eq!(&uid[14..15], "4", "version 4: {uid}");
        assert!("89ab".contains(&uid[19..20]), "variant: {uid}");
    }
    let mut distinct = d.uids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), d.uids.len());
}
