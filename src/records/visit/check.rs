//! Checking a visit's input before it is written: dates, duration, place, people, workshop.

use chrono::{DateTime, NaiveTime, Utc};

use super::codes::{Material, PlaceType, VisitKind};
use super::{terms, VisitInput};
use crate::clock::local_instant;
use crate::error::{Error, Result};
use crate::network::mediator::MediatorId;
use crate::records::beneficiary::Profile;
use crate::validate;

/// The longest visit recorded, in minutes (a full day).
const MAX_MINUTES: u16 = 720;

/// A visit's input once checked.
pub(super) struct Checked {
    pub(super) start: DateTime<Utc>,
    pub(super) day: String,
    pub(super) place_type: PlaceType,
    pub(super) place_commune: Option<String>,
    pub(super) place_postcode: Option<String>,
    pub(super) mediator: MediatorId,
    pub(super) procedure_details: Option<String>,
    pub(super) notes: Option<String>,
    pub(super) materials: String,
    pub(super) profile: Profile,
    pub(super) workshop_title: Option<String>,
    pub(super) participants: u16,
}

pub(super) fn check(input: &VisitInput, now: DateTime<Utc>) -> Result<Checked> {
    let date = validate::date("date", "Date", &input.date)?;
    let time = if input.time.trim().is_empty() {
        NaiveTime::MIN
    } else {
        validate::time("time", "Heure", &input.time)?
    };
    let start = local_instant(date, time).ok_or_else(|| {
        Error::invalid(
            "time",
            "Cette heure n'existe pas ce jour-là (passage à l'heure d'été) : choisissez-en une autre.",
        )
    })?;
    if start > now {
        return Err(Error::invalid(
            "date",
            "Un accompagnement se note une fois fait : la date et l'heure ne peuvent pas être dans le futur.",
        ));
    }
    if input.duration_minutes == 0 {
        return Err(Error::invalid(
            "durationMinutes",
            "Choisissez la durée de l'accompagnement.",
        ));
    }
    if input.duration_minutes > MAX_MINUTES {
        return Err(Error::invalid(
            "durationMinutes",
            "Durée : entre 1 minute et 12 heures.",
        ));
    }
    let mediator = input
        .mediator_id
        .ok_or_else(|| Error::invalid("mediatorId", "Choisissez qui a fait l'accompagnement."))?;
    let place_type = input.place_type.ok_or_else(|| {
        Error::invalid(
            "placeType",
            "Choisissez où s'est passé l'accompagnement (type de lieu).",
        )
    })?;
    if place_type == PlaceType::Site && input.site_id.is_none() {
        return Err(Error::invalid(
            "siteId",
            "Choisissez le lieu de l'accompagnement.",
        ));
    }
    if input.themes.is_empty() {
        return Err(Error::invalid(
            "themes",
            "Cochez au moins un thème : de quoi s'agissait-il ?",
        ));
    }
    let procedures_allowed = input.themes.iter().any(|t| t == terms::PROCEDURES_THEME);
    let procedure_details = bounded(
        &input.procedure_details,
        "procedureDetails",
        "Précisions",
        500,
    )?;
    if !procedures_allowed && (!input.procedures.is_empty() || procedure_details.is_some()) {
        return Err(Error::invalid(
            "procedures",
            "Les démarches se précisent avec le thème « Aide aux démarches administratives » : cochez-le ou retirez les démarches.",
        ));
    }
    let mut materials: Vec<&str> = Vec::new();
    for m in &input.materials {
        if !materials.contains(&m.code()) {
            materials.push(m.code());
        }
    }
    if materials.len() > 1 && materials.contains(&Material::None.code()) {
        return Err(Error::invalid(
            "materials",
            "« Pas de matériel » ne va pas avec un autre matériel : décochez l'un des deux.",
        ));
    }
    let place_postcode = match validate::optional(&input.place_postcode) {
        Some(p) => Some(validate::postcode("placePostcode", &p)?),
        None => None,
    };
    let (workshop_title, participants) = match input.kind {
        VisitKind::Individual => {
            if input
                .workshop_title
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty())
                || !input.participant_ids.is_empty()
            {
                return Err(Error::invalid(
                    "kind",
                    "Un titre d'atelier et des participants ne vont qu'avec un atelier collectif.",
                ));
            }
            (None, 1)
        }
        VisitKind::Workshop => {
            let title = validate::required(
                "workshopTitle",
                "Titre de l'atelier",
                input.workshop_title.as_deref().unwrap_or_default(),
                120,
            )?;
            if input.participants == 0 || input.participants > 500 {
                return Err(Error::invalid(
                    "participants",
                    "Nombre de participants : entre 1 et 500.",
                ));
            }
            if usize::from(input.participants) < input.participant_ids.len() {
                return Err(Error::invalid(
                    "participants",
                    "Le nombre de participants ne peut pas être plus petit que le nombre de personnes suivies nommées.",
                ));
            }
            if input.autonomy.is_some()
                || input.redirected_to.is_some()
                || input.beneficiary_id.is_some()
            {
                return Err(Error::invalid(
                    "kind",
                    "Autonomie, orientation et personne suivie se notent pour un accompagnement individuel.",
                ));
            }
            (Some(title), input.participants)
        }
    };
    Ok(Checked {
        start,
        day: date.format("%Y-%m-%d").to_string(),
        place_type,
        place_commune: bounded(&input.place_commune, "placeCommune", "Commune", 80)?,
        place_postcode,
        mediator,
        procedure_details,
        notes: bounded(&input.notes, "notes", "Notes", 2000)?,
        materials: materials.join(","),
        profile: input.profile.checked()?,
        workshop_title,
        participants,
    })
}

fn bounded(
    value: &Option<String>,
    field: &'static str,
    label: &str,
    max: usize,
) -> Result<Option<String>> {
    validate::text(field, label, value, max)
}
