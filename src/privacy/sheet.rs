//! The readable form of a person's export: an A4 PDF, one page or more, in the leaflets' fonts.

use super::rights::PersonRecord;
use crate::documents::pdf::typo::french;
use crate::documents::pdf::Column;
use crate::documents::pdf::{Canvas, Meta, Paper, Pdf, Rgb8, Style, Weight};
use crate::error::Result;

const ACCENT: Rgb8 = Rgb8(31, 95, 139);
const SOFT: Rgb8 = Rgb8(74, 85, 102);

/// The export as a readable PDF (A4, one page or more), dated like the export itself.
pub fn export_pdf(r: &PersonRecord) -> Result<Pdf> {
    let mut c = Canvas::new(Paper::A4, 40.0)?;
    let w = c.inner_width();
    let title = Style::new(20.0, Weight::Bold).color(ACCENT);
    let head = Style::new(12.5, Weight::Bold).color(ACCENT);
    let body = Style::new(10.0, Weight::Regular);
    let small = Style::new(8.5, Weight::Regular).color(SOFT);
    c.running_head = Some((
        french(&format!("Données de {} (suite)", r.person.display_name)),
        small,
    ));
    c.paragraph("Données personnelles détenues", title, w);
    c.paragraph(
        &french(&r.person.display_name),
        Style::new(14.0, Weight::Bold),
        w,
    );
    c.paragraph(
        &french(&format!("Export du {}", exported_on(&r.exported_at))),
        small,
        w,
    );
    c.y += 10.0;

    section(&mut c, "Identité et contact", head);
    let p = &r.person;
    let profile = &p.profile;
    let lines = [
        ("Prénom", p.first_name.clone()),
        ("Nom", p.last_name.clone()),
        ("Téléphone", p.phone.clone()),
        ("Adresse e-mail", p.email.clone()),
        (
            "Tranche d'âge",
            Some(profile.age_bracket.label().to_owned()),
        ),
        ("Situation", Some(profile.social_status.label().to_owned())),
        ("Genre", Some(profile.gender.label().to_owned())),
        ("Code postal", profile.postcode.clone()),
        ("Commune", profile.commune.clone()),
        ("Notes", p.notes.clone()),
        (
            "Accord donné le",
            Some(match &r.consent_by_name {
                Some(m) => format!("{} (recueilli par {m})", p.consent_on),
                None => p.consent_on.clone(),
            }),
        ),
    ];
    let rows: Vec<Vec<String>> = lines
        .into_iter()
        .map(|(label, v)| {
            vec![
                label.to_owned(),
                french(&v.unwrap_or_else(|| "–".to_owned())),
            ]
        })
        .collect();
    let columns = [
        Column {
            share: 1.0,
            header: "Donnée",
        },
        Column {
            share: 3.0,
            header: "Valeur",
        },
    ];
    c.table(&columns, &rows, body);
    c.y += 12.0;

    section(
        &mut c,
        &format!("Accompagnements ({})", r.visits.len()),
        head,
    );
    if r.visits.is_empty() {
        c.paragraph("Aucun accompagnement noté.", body, w);
    } else {
        let rows: Vec<Vec<String>> = r.visits.iter().map(visit_row).collect();
        let columns = [
            Column {
                share: 1.3,
                header: "Date",
            },
            Column {
                share: 1.4,
                header: "Lieu et médiateur",
            },
            Column {
                share: 2.0,
                header: "Thématiques et démarches",
            },
            Column {
                share: 2.0,
                header: "Précisions et notes",
            },
        ];
        c.table(&columns, &rows, Style::new(8.5, Weight::Regular));
    }
    c.y += 12.0;

    if !r.appointments.is_empty() {
        section(&mut c, "Rendez-vous", head);
        let rows: Vec<Vec<String>> = r
            .appointments
            .iter()
            .map(|a| {
                vec![
                    french(&format!("{}, {}", a.day, a.hours)),
                    french(
                        &[a.resident_name.clone(), a.resident_phone.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    french(&a.notes.clone().unwrap_or_default()),
                ]
            })
            .collect();
        let columns = [
            Column {
                share: 2.0,
                header: "Date",
            },
            Column {
                share: 2.0,
                header: "Nom et téléphone donnés",
            },
            Column {
                share: 2.0,
                header: "Remarques",
            },
        ];
        c.table(&columns, &rows, Style::new(8.5, Weight::Regular));
        c.y += 12.0;
    }

    section(&mut c, "Durée de conservation et droits", head);
    c.paragraph(&french(&r.retention), body, w);
    let name = format!("Données personnelles – {}", r.person.display_name);
    c.finish(&Meta {
        title: &name,
        subject: "Export des données détenues sur une personne suivie (droit d'accès)",
        created: chrono::DateTime::parse_from_rfc3339(&r.exported_at)
            .map(|t| t.to_utc())
            .unwrap_or_default(),
        author: "Permanences",
    })
}

/// "28 novembre 2026" for the export's UTC instant, in Paris.
fn exported_on(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|t| crate::fr::date_long(t.with_timezone(&chrono_tz::Europe::Paris).date_naive()))
        .unwrap_or_default()
}

fn section(c: &mut Canvas, title: &str, style: Style) {
    c.keep(60.0);
    let w = c.inner_width();
    c.paragraph(&french(title), style, w);
    c.y += 4.0;
}

fn visit_row(v: &crate::records::visit::Visit) -> Vec<String> {
    let when = format!("{}, {} ({})", v.day, v.time, v.duration);
    let place = [
        v.site_name.clone().or_else(|| v.place_commune.clone()),
        Some(v.mediator_name.clone()),
        v.workshop_title
            .as_ref()
            .map(|t| format!("Atelier « {t} »")),
    ];
    let terms: Vec<&str> = v
        .themes
        .iter()
        .chain(&v.procedures)
        .map(|t| t.label.as_str())
        .collect();
    let notes = [v.procedure_details.clone(), v.notes.clone()];
    vec![
        french(&when),
        french(&place.into_iter().flatten().collect::<Vec<_>>().join(" – ")),
        french(&terms.join(", ")),
        french(&notes.into_iter().flatten().collect::<Vec<_>>().join(" – ")),
    ]
}
