//! Visits: one act of assistance as the national activity report records it, individual
//! (one person, anonymous unless followed) or a collective workshop. A visit can come from an
//! appointment (which it then marks honoured), be typed on its own, or start as a copy of an
//! earlier one.

mod check;
pub mod codes;
mod draft;
pub(crate) mod read;
pub mod terms;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;
use crate::network::vocab::{AppointmentStatus, Reason};
use crate::records::beneficiary::{self, BeneficiaryId, Profile};
use crate::scheduling::appointment::{self, AppointmentId};
use check::{check, Checked};
use codes::{Autonomy, Material, PlaceType, Redirection, VisitKind, WorkshopLevel};
use terms::Vocabulary;

pub use draft::{blank, from_appointment, from_visit};
pub use read::{get, list, list_for_beneficiary, Visit, VisitFilter};

/// Identifies a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct VisitId(pub i64);

/// What the mediator fills in after helping someone.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VisitInput {
    pub kind: VisitKind,
    /// "2027-03-30" or "30/03/2027".
    pub date: String,
    /// "14:30" or "14h30", Paris time.
    pub time: String,
    /// In minutes, 1 to 720; 0 while the form has not been told.
    pub duration_minutes: u16,
    /// Where the help was given; `None` while the form has not been told (refused on save).
    pub place_type: Option<PlaceType>,
    /// The site the visit counts for; required when `place_type` is a site.
    pub site_id: Option<SiteId>,
    pub place_commune: Option<String>,
    pub place_postcode: Option<String>,
    pub mediator_id: Option<MediatorId>,
    /// Theme codes (at least one).
    pub themes: Vec<String>,
    /// Procedure codes: only with the theme "Aide aux démarches administratives".
    pub procedures: Vec<String>,
    /// The organisation or procedure concerned (CAF, ANTS…).
    pub reason: Option<Reason>,
    pub procedure_details: Option<String>,
    pub materials: Vec<Material>,
    pub autonomy: Option<Autonomy>,
    /// Where the person was directed; `None` when they were not.
    pub redirected_to: Option<Redirection>,
    pub follow_up: bool,
    pub notes: Option<String>,
    /// Individual: the followed person, or `None` for an anonymous one described by `profile`.
    pub beneficiary_id: Option<BeneficiaryId>,
    pub profile: Profile,
    /// Individual: first time this person is helped.
    pub first_visit: bool,
    pub workshop_title: Option<String>,
    pub workshop_level: Option<WorkshopLevel>,
    /// Workshop: how many took part (the named ones included).
    pub participants: u16,
    /// Workshop: the followed people who took part.
    pub participant_ids: Vec<BeneficiaryId>,
    /// The appointment this visit honours.
    pub appointment_id: Option<AppointmentId>,
    pub created_by: Option<MediatorId>,
}

/// An anonymous individual visit of 30 minutes at a site, for one person, nothing ticked yet
/// (no date, site or mediator): what forms and tests fill in.
impl Default for VisitInput {
    fn default() -> Self {
        VisitInput {
            kind: VisitKind::Individual,
            date: String::new(),
            time: String::new(),
            duration_minutes: 30,
            place_type: Some(PlaceType::Site),
            site_id: None,
            place_commune: None,
            place_postcode: None,
            mediator_id: None,
            themes: Vec::new(),
            procedures: Vec::new(),
            reason: None,
            procedure_details: None,
            materials: Vec::new(),
            autonomy: None,
            redirected_to: None,
            follow_up: false,
            notes: None,
            beneficiary_id: None,
            profile: Profile::default(),
            first_visit: false,
            workshop_title: None,
            workshop_level: None,
            participants: 1,
            participant_ids: Vec::new(),
            appointment_id: None,
            created_by: None,
        }
    }
}

/// Records a visit. With an appointment, marks it honoured in the same transaction (never
/// asked twice). Refused, with nothing written, on any invalid field.
pub fn record(conn: &Connection, input: &VisitInput, now: DateTime<Utc>) -> Result<Visit> {
    let c = check(input, now)?;
    crate::store::db::write(conn, |tx| {
        check_references(tx, input, &c, &[])?;
        if let Some(a) = input.appointment_id {
            honour(tx, a, input.created_by.or(Some(c.mediator)), now)?;
        }
        let profile = person_profile(tx, input, &c)?;
        tx.prepare_cached(
            "INSERT INTO visits (kind, start_at, day, duration_minutes, place_type, site_id,
                place_commune, place_postcode, mediator_id, appointment_id, beneficiary_id,
                age_bracket, social_status, gender, home_postcode, home_commune,
                materials, reason, procedure_details, autonomy, redirected_to, follow_up,
                first_visit, workshop_title, workshop_level, participants, notes, created_at,
                created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
        )?
        .execute(params![
            input.kind,
            utc_text(c.start),
            c.day,
            input.duration_minutes,
            c.place_type,
            input.site_id.map(|s| s.0),
            c.place_commune,
            c.place_postcode,
            c.mediator.0,
            input.appointment_id.map(|a| a.0),
            input
                .beneficiary_id
                .filter(|_| input.kind == VisitKind::Individual)
                .map(|b| b.0),
            profile.age_bracket,
            profile.social_status,
            profile.gender,
            profile.postcode,
            profile.commune,
            c.materials,
            input.reason,
            c.procedure_details,
            input.autonomy,
            input.redirected_to,
            input.follow_up,
            input.kind == VisitKind::Individual && input.first_visit,
            c.workshop_title,
            input
                .workshop_level
                .filter(|_| input.kind == VisitKind::Workshop),
            c.participants,
            c.notes,
            utc_text(now),
            input.created_by.map(|m| m.0),
        ])?;
        let id = VisitId(tx.last_insert_rowid());
        write_links(tx, id, input, &c, &[])?;
        get(tx, id)
    })
}

/// Corrects a recorded visit. Its kind, person and appointment stay as recorded.
pub fn update(
    conn: &Connection,
    id: VisitId,
    input: &VisitInput,
    now: DateTime<Utc>,
) -> Result<Visit> {
    let c = check(input, now)?;
    crate::store::db::write(conn, |tx| {
        let old = get(tx, id)?;
        if old.kind != input.kind {
            return Err(Error::invalid(
                "kind",
                "Un accompagnement individuel ne peut pas devenir un atelier (ni l'inverse) : supprimez-le et notez-en un nouveau.",
            ));
        }
        let kept: Vec<i64> = tx
            .prepare_cached("SELECT term_id FROM visit_terms WHERE visit_id = ?1")?
            .query_map([id.0], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut same_person = input.clone();
        same_person.beneficiary_id = old.beneficiary_id;
        same_person.appointment_id = old.appointment_id;
        check_references(tx, &same_person, &c, &kept)?;
        let profile = person_profile(tx, &same_person, &c)?;
        tx.execute(
            "UPDATE visits SET start_at = ?2, day = ?3, duration_minutes = ?4, place_type = ?5,
                site_id = ?6, place_commune = ?7, place_postcode = ?8, mediator_id = ?9,
                materials = ?10, reason = ?11, procedure_details = ?12, autonomy = ?13,
                redirected_to = ?14, follow_up = ?15, first_visit = ?16, workshop_title = ?17,
                workshop_level = ?18, participants = ?19, notes = ?20, age_bracket = ?21,
                social_status = ?22, gender = ?23, home_postcode = ?24, home_commune = ?25,
                updated_at = ?26
             WHERE id = ?1",
            params![
                id.0,
                utc_text(c.start),
                c.day,
                input.duration_minutes,
                c.place_type,
                input.site_id.map(|s| s.0),
                c.place_commune,
                c.place_postcode,
                c.mediator.0,
                c.materials,
                input.reason,
                c.procedure_details,
                input.autonomy,
                input.redirected_to,
                input.follow_up,
                input.kind == VisitKind::Individual && input.first_visit,
                c.workshop_title,
                input
                    .workshop_level
                    .filter(|_| input.kind == VisitKind::Workshop),
                c.participants,
                c.notes,
                profile.age_bracket,
                profile.social_status,
                profile.gender,
                profile.postcode,
                profile.commune,
                utc_text(now),
            ],
        )?;
        tx.execute("DELETE FROM visit_terms WHERE visit_id = ?1", [id.0])?;
        tx.execute("DELETE FROM visit_participants WHERE visit_id = ?1", [id.0])?;
        write_links(tx, id, &same_person, &c, &kept)?;
        get(tx, id)
    })
}

/// Deletes a recorded visit (a mistake), with its themes and named participants. Its
/// appointment stays honoured.
pub fn delete(conn: &Connection, id: VisitId) -> Result<()> {
    crate::store::db::write(conn, |tx| {
        get(tx, id)?;
        tx.execute("DELETE FROM visits WHERE id = ?1", [id.0])?;
        Ok(())
    })
}

/// The profile a visit records: a followed person's own, or the one typed for an anonymous
/// person; none (the defaults) for a workshop.
fn person_profile(tx: &Connection, input: &VisitInput, c: &Checked) -> Result<Profile> {
    match (input.kind, input.beneficiary_id) {
        (VisitKind::Workshop, _) => Ok(Profile::default()),
        (VisitKind::Individual, Some(b)) => Ok(beneficiary::profile_of(tx, b)?.unwrap_or_default()),
        (VisitKind::Individual, None) => Ok(c.profile.clone()),
    }
}

/// Checks that the site, mediator, people and terms named exist.
fn check_references(tx: &Connection, input: &VisitInput, c: &Checked, kept: &[i64]) -> Result<()> {
    if let Some(site) = input.site_id {
        crate::network::site::get(tx, site)
            .map_err(|_| Error::invalid("siteId", "Ce lieu n'existe plus."))?;
    }
    crate::network::mediator::get(tx, c.mediator).map_err(|_| {
        Error::invalid(
            "mediatorId",
            "Ce médiateur ou cette médiatrice n'existe plus.",
        )
    })?;
    let people = input.beneficiary_id.iter().chain(&input.participant_ids);
    for b in people {
        if beneficiary::profile_of(tx, *b)?.is_none() {
            return Err(Error::invalid(
                "beneficiaryId",
                "Cette personne n'est pas (ou plus) suivie : choisissez-en une autre ou laissez l'accompagnement anonyme.",
            ));
        }
    }
    terms::resolve(tx, Vocabulary::Theme, &input.themes, "themes", kept)?;
    terms::resolve(
        tx,
        Vocabulary::Procedure,
        &input.procedures,
        "procedures",
        kept,
    )?;
    Ok(())
}

/// Stores the visit's themes, procedures and named participants.
fn write_links(
    tx: &Connection,
    id: VisitId,
    input: &VisitInput,
    c: &Checked,
    kept: &[i64],
) -> Result<()> {
    let mut ids = terms::resolve(tx, Vocabulary::Theme, &input.themes, "themes", kept)?;
    ids.extend(terms::resolve(
        tx,
        Vocabulary::Procedure,
        &input.procedures,
        "procedures",
        kept,
    )?);
    let mut insert = tx.prepare_cached(
        "INSERT INTO visit_terms (visit_id, term_id, day, site_id, mediator_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for term in ids {
        insert.execute(params![
            id.0,
            term,
            c.day,
            input.site_id.map(|s| s.0),
            c.mediator.0
        ])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO visit_participants (visit_id, beneficiary_id) VALUES (?1, ?2)",
    )?;
    for b in &input.participant_ids {
        insert.execute([id.0, b.0])?;
    }
    Ok(())
}

/// Marks the appointment a visit comes from as honoured.
fn honour(
    tx: &Connection,
    id: AppointmentId,
    by: Option<MediatorId>,
    now: DateTime<Utc>,
) -> Result<()> {
    let a = appointment::get(tx, id)?;
    let recorded: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM visits WHERE appointment_id = ?1)",
        [id.0],
        |r| r.get(0),
    )?;
    if recorded {
        return Err(Error::Conflict {
            field: "appointmentId",
            message: "Un accompagnement est déjà noté pour ce rendez-vous : ouvrez-le dans « Accompagnements » pour le corriger.".to_owned(),
        });
    }
    if a.start.to_utc() > now {
        return Err(Error::invalid(
            "appointmentId",
            "Ce rendez-vous n'a pas encore eu lieu : l'accompagnement se note après.",
        ));
    }
    match a.status {
        AppointmentStatus::Honoured => Ok(()),
        AppointmentStatus::Booked | AppointmentStatus::NoShow => {
            appointment::write_status(tx, id, a.status, AppointmentStatus::Honoured, by, now, "status")
        }
        AppointmentStatus::Excused | AppointmentStatus::Revoked => Err(Error::Conflict {
            field: "appointmentId",
            message: format!(
                "Ce rendez-vous est noté « {} » : rétablissez-le dans l'agenda avant de noter l'accompagnement.",
                a.status.label()
            ),
        }),
    }
}
