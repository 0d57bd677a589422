//! The visits of a period as a spreadsheet: UTF-8 with a byte-order mark and `;` separators,
//! which is what a French spreadsheet (LibreOffice, Excel) opens correctly with a double
//! click. One row per visit. Personal data (followed people's names and contacts, and the
//! free notes, which may name someone) only when asked. A coordinator's file also has the
//! activities gathered from the other desks (no names there), the last column saying whose.

use rusqlite::Connection;

use super::StatsQuery;
use crate::error::{Error, Result};
use crate::fr::yes_no;
use crate::records::visit::{self, Visit, VisitFilter};

const HEADERS: [&str; 31] = [
    "Identifiant",
    "Type",
    "Date",
    "Heure",
    "Durée (minutes)",
    "Type de lieu",
    "Lieu",
    "Commune du lieu",
    "Code postal du lieu",
    "Médiateur",
    "Thématiques",
    "Démarches",
    "Organisme ou démarche",
    "Précisions",
    "Matériel",
    "Autonomie",
    "Orientation",
    "Suivi souhaité",
    "Titre de l'atelier",
    "Niveau",
    "Participants",
    "Première fois",
    "Tranche d'âge",
    "Statut",
    "Genre",
    "Code postal",
    "Commune",
    "Personne suivie",
    "Rendez-vous",
    "Identifiant personne suivie",
    "Poste",
];

const PERSONAL: [&str; 5] = ["Nom", "Prénom", "Téléphone", "E-mail", "Notes"];

fn row(v: &Visit, desk: &str) -> Vec<String> {
    let join = |items: Vec<&str>| items.join(", ");
    let profile = v.profile.clone().unwrap_or_default();
    let individual = v.profile.is_some();
    vec![
        v.id.0.to_string(),
        v.kind.label().to_owned(),
        v.start.format("%d/%m/%Y").to_string(),
        v.start.format("%H:%M").to_string(),
        v.duration_minutes.to_string(),
        v.place_type.label().to_owned(),
        v.site_name.clone().unwrap_or_default(),
        v.place_commune.clone().unwrap_or_default(),
        v.place_postcode.clone().unwrap_or_default(),
        v.mediator_name.clone(),
        join(v.themes.iter().map(|t| t.label.as_str()).collect()),
        join(v.procedures.iter().map(|t| t.label.as_str()).collect()),
        v.reason.map(|r| r.label().to_owned()).unwrap_or_default(),
        v.procedure_details.clone().unwrap_or_default(),
        join(v.materials.iter().map(|m| m.label()).collect()),
        v.autonomy.map(|a| a.label().to_owned()).unwrap_or_default(),
        v.redirected_to
            .map(|r| r.label().to_owned())
            .unwrap_or_default(),
        yes_no(v.follow_up).to_owned(),
        v.workshop_title.clone().unwrap_or_default(),
        v.workshop_level
            .map(|l| l.label().to_owned())
            .unwrap_or_default(),
        v.participants.to_string(),
        if individual {
            yes_no(v.first_visit).to_owned()
        } else {
            String::new()
        },
        if individual {
            profile.age_bracket.label().to_owned()
        } else {
            String::new()
        },
        if individual {
            profile.social_status.label().to_owned()
        } else {
            String::new()
        },
        if individual {
            profile.gender.label().to_owned()
        } else {
            String::new()
        },
        profile.postcode.unwrap_or_default(),
        profile.commune.unwrap_or_default(),
        yes_no(v.followed).to_owned(),
        v.appointment_id
            .map(|a| a.0.to_string())
            .unwrap_or_default(),
        // A followed person's number lets a funder count people without naming them.
        v.beneficiary_id
            .map(|b| b.0.to_string())
            .unwrap_or_default(),
        desk.to_owned(),
    ]
}

/// The visits of the period as CSV bytes (with the UTF-8 byte-order mark).
pub fn visits(conn: &Connection, query: &StatsQuery, personal: bool) -> Result<Vec<u8>> {
    let p = query.checked()?;
    let filter = VisitFilter {
        from: Some(p.from.format("%Y-%m-%d").to_string()),
        to: Some(p.to.format("%Y-%m-%d").to_string()),
        site_id: p.site_id,
        mediator_id: p.mediator_id,
    };
    let own = p.sources().contains(&super::Source::Own);
    let mut list = if own {
        visit::list(conn, &filter, u32::MAX)?
    } else {
        Vec::new()
    };
    list.reverse();
    let desk = crate::store::db::read(conn, |tx| {
        let name: Option<String> = tx.query_row("SELECT name FROM desk", [], |r| r.get(0))?;
        Ok(name.unwrap_or_else(|| "Ce poste".to_owned()))
    })?;
    let gathered = super::gathered::rows(conn, &p)?;
    let mut out = Vec::with_capacity(64 + list.len() * 256);
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let mut headers: Vec<&str> = HEADERS.to_vec();
    if personal {
        headers.extend(PERSONAL);
    }
    w.write_record(&headers).map_err(csv_error)?;
    let people = if personal {
        personal_data(conn)?
    } else {
        Default::default()
    };
    for v in &list {
        let mut record = row(v, &desk);
        if personal {
            let who = v.beneficiary_id.and_then(|b| people.get(&b.0));
            let field = |f: fn(&crate::records::beneficiary::Beneficiary) -> Option<String>| {
                who.and_then(f).unwrap_or_default()
            };
            record.push(field(|b| b.last_name.clone()));
            record.push(field(|b| b.first_name.clone()));
            record.push(field(|b| b.phone.clone()));
            record.push(field(|b| b.email.clone()));
            record.push(v.notes.clone().unwrap_or_default());
        }
        w.write_record(&record).map_err(csv_error)?;
    }
    for mut record in gathered {
        if personal {
            record.extend(std::iter::repeat_n(String::new(), PERSONAL.len()));
        }
        w.write_record(&record).map_err(csv_error)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

fn personal_data(
    conn: &Connection,
) -> Result<std::collections::HashMap<i64, crate::records::beneficiary::Beneficiary>> {
    Ok(crate::records::beneficiary::find(conn, "", u32::MAX)?
        .into_iter()
        .map(|b| (b.id.0, b))
        .collect())
}

fn csv_error(e: ::csv::Error) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}
