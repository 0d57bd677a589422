//! The readable form of a person's export: an A4 PDF, one page or more, in the leaflets' fonts.

use super::rights::PersonRecord;
use crate::documents::pdf::typo::french;
use crate::documents::pdf::Column;
use crate::documents::pdf::{Canvas, Meta, Paper, Pdf, Rgb8, Style, Weight};
use crate::error::Result;

const ACCENT: Rgb8 = Rgb8(31, 95, 139);
const SOFT: Rgb8 = Rgb8(74, 85, 102);

/// The styles of the sheet.
struct Styles {
    head: Style,
    body: Style,
    small: Style,
}

/// The export as a readable PDF (A4, one page or more), dated like the export itself.
pub fn export_pdf(r: &PersonRecord) -> Result<Pdf> {
    let mut c = Canvas::new(Paper::A4, 40.0)?;
    let st = Styles {
        head: Style::new(12.5, Weight::Bold).color(ACCENT),
        body: Style::new(10.0, Weight::Regular),
        small: Style::new(8.5, Weight::Regular).color(SOFT),
    };
    title(&mut c, r, &st);
    identity(&mut c, r, &st);
    visits(&mut c, r, &st);
    appointments(&mut c, r, &st);
    section(&mut c, "Durée de conservation et droits", st.head);
    let w = c.inner_width();
    c.paragraph(&french(&r.retention), st.body, w);
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

/// The title, the person's name and the export's date; the head of the following pages.
fn title(c: &mut Canvas, r: &PersonRecord, st: &Styles) {
    let w = c.inner_width();
    c.running_head = Some((
        french(&format!("Données de {} (suite)", r.person.display_name)),
        st.small,
    ));
    let title = Style::new(20.0, Weight::Bold).color(ACCENT);
    c.paragraph("Données personnelles détenues", title, w);
    c.paragraph(
        &french(&r.person.display_name),
        Style::new(14.0, Weight::Bold),
        w,
    );
    c.paragraph(
        &french(&format!("Export du {}", exported_on(&r.exported_at))),
        st.small,
        w,
    );
    c.y += 10.0;
}

/// Identity, contact, profile and consent, one line each.
fn identity(c: &mut Canvas, r: &PersonRecord, st: &Styles) {
    section(c, "Identité et contact", st.head);
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
    c.table(&columns, &rows, st.body);
    c.y += 12.0;
}

/// The person's visits, or a line saying there are none.
fn visits(c: &mut Canvas, r: &PersonRecord, st: &Styles) {
    section(c, &format!("Accompagnements ({})", r.visits.len()), st.head);
    if r.visits.is_empty() {
        let w = c.inner_width();
        c.paragraph("Aucun accompagnement noté.", st.body, w);
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
}

/// The person's appointments, when there are any.
fn appointments(c: &mut Canvas, r: &PersonRecord, st: &Styles) {
    if r.appointments.is_empty() {
        return;
    }
    section(c, "Rendez-vous", st.head);
    let rows: Vec<Vec<String>> = r
        .appointments
        .iter()
        .map(|a| {
            vec![
                french(&format!("{}, {}", a.day, a.hours)),
                french(
                    &[
                        a.resident_name.clone(),
                        a.resident_phone.clone(),
                        a.resident_email.clone(),
                    ]
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
            header: "Nom, téléphone et e-mail donnés",
        },
        Column {
            share: 2.0,
            header: "Remarques",
        },
    ];
    c.table(&columns, &rows, Style::new(8.5, Weight::Regular));
    c.y += 12.0;
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
