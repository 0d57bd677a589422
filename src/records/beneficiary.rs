//! Beneficiaries: the people a mediator follows (name, contact, notes), only with the consent
//! they gave, recorded with its date and who collected it. Everyone else stays anonymous:
//! only a profile (age bracket, status, gender, commune) is kept, on each of their visits.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::fr;
use crate::network::mediator::MediatorId;
pub use crate::records::profile::Profile;
use crate::validate;

/// Identifies a beneficiary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct BeneficiaryId(pub i64);

/// A followed person.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Beneficiary {
    pub id: BeneficiaryId,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// "DURAND Marie", for lists.
    pub display_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
    pub profile: Profile,
    /// "12/03/2027": when the person agreed to be followed.
    pub consent_on: String,
    pub consent_by: Option<MediatorId>,
    /// Their visits (individual ones and workshops they were named in).
    #[specta(type = specta_typescript::Number)]
    pub visit_count: i64,
    /// "30/03/2027", or `None` before the first visit.
    pub last_visit_on: Option<String>,
}

/// What a mediator types to follow a person, or to change what is known of them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FollowInput {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
    pub profile: Profile,
    /// The person agreed to have their data kept (asked aloud, ticked by the mediator).
    pub consent: bool,
    /// Who collected the consent.
    pub consent_by: Option<MediatorId>,
}

struct Identity {
    first_name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    notes: Option<String>,
    profile: Profile,
}

fn check(input: &FollowInput) -> Result<Identity> {
    let first_name = validate::text("firstName", "Prénom", &input.first_name, 80)?;
    let last_name = validate::text("lastName", "Nom", &input.last_name, 80)?;
    if first_name.is_none() && last_name.is_none() {
        return Err(Error::invalid(
            "lastName",
            "Pour suivre une personne, indiquez au moins son nom ou son prénom.",
        ));
    }
    for (field, label, v) in [
        ("firstName", "Prénom", &first_name),
        ("lastName", "Nom", &last_name),
    ] {
        if v.as_ref().is_some_and(|n| n.chars().count() > 80) {
            return Err(Error::invalid(
                field,
                format!("{label} : 80 caractères au plus."),
            ));
        }
    }
    let notes = validate::text("notes", "Remarques", &input.notes, 2000)?;
    if notes.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        return Err(Error::invalid("notes", "Notes : 2 000 caractères au plus."));
    }
    Ok(Identity {
        first_name,
        last_name,
        phone: validate::phone("phone", &input.phone)?,
        email: validate::email("email", &input.email)?,
        notes,
        profile: input.profile.checked()?,
    })
}

/// Starts following a person. Refused without the person's consent.
pub fn follow(conn: &Connection, input: &FollowInput, now: DateTime<Utc>) -> Result<Beneficiary> {
    if !input.consent {
        return Err(Error::invalid(
            "consent",
            "Demandez d'abord son accord à la personne : sans son accord, l'accompagnement reste anonyme.",
        ));
    }
    let who = check(input)?;
    crate::store::db::write(conn, |tx| {
        if let Some(m) = input.consent_by {
            crate::network::mediator::get(tx, m)?;
        }
        tx.prepare_cached(
            "INSERT INTO beneficiaries (first_name, last_name, phone, email, notes,
                consent_at, consent_by, age_bracket, social_status, gender, postcode, commune,
                created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?6)",
        )?
        .execute(params![
            who.first_name,
            who.last_name,
            who.phone,
            who.email,
            who.notes,
            utc_text(now),
            input.consent_by.map(|m| m.0),
            who.profile.age_bracket,
            who.profile.social_status,
            who.profile.gender,
            who.profile.postcode,
            who.profile.commune,
        ])?;
        get(tx, BeneficiaryId(tx.last_insert_rowid()))
    })
}

/// Changes what is known of a followed person (the consent given stays as recorded).
pub fn update(conn: &Connection, id: BeneficiaryId, input: &FollowInput) -> Result<Beneficiary> {
    let who = check(input)?;
    crate::store::db::write(conn, |tx| {
        get(tx, id)?;
        tx.execute(
            "UPDATE beneficiaries SET first_name = ?2, last_name = ?3, phone = ?4, email = ?5,
                notes = ?6, age_bracket = ?7, social_status = ?8, gender = ?9, postcode = ?10,
                commune = ?11
             WHERE id = ?1",
            params![
                id.0,
                who.first_name,
                who.last_name,
                who.phone,
                who.email,
                who.notes,
                who.profile.age_bracket,
                who.profile.social_status,
                who.profile.gender,
                who.profile.postcode,
                who.profile.commune,
            ],
        )?;
        get(tx, id)
    })
}

const SELECT: &str = "SELECT b.*,
    (SELECT count(*) FROM visits v WHERE v.beneficiary_id = b.id)
      + (SELECT count(*) FROM visit_participants p WHERE p.beneficiary_id = b.id) AS visit_count,
    max(coalesce((SELECT max(v.start_at) FROM visits v WHERE v.beneficiary_id = b.id), ''),
        coalesce((SELECT max(v.start_at) FROM visit_participants p JOIN visits v ON v.id = p.visit_id
                  WHERE p.beneficiary_id = b.id), '')) AS last_visit
    FROM beneficiaries b";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Beneficiary> {
    let first_name: Option<String> = r.get("first_name")?;
    let last_name: Option<String> = r.get("last_name")?;
    let display_name = match (&last_name, &first_name) {
        (Some(l), Some(f)) => format!("{} {f}", l.to_uppercase()),
        (Some(l), None) => l.to_uppercase(),
        (None, Some(f)) => f.clone(),
        (None, None) => "Personne suivie".to_owned(),
    };
    let consent_at: String = r.get("consent_at")?;
    let last_visit: String = r.get("last_visit")?;
    Ok(Beneficiary {
        id: BeneficiaryId(r.get("id")?),
        first_name,
        last_name,
        display_name,
        phone: r.get("phone")?,
        email: r.get("email")?,
        notes: r.get("notes")?,
        profile: Profile::from_row(r)?,
        consent_on: paris_date(&consent_at),
        consent_by: r.get::<_, Option<i64>>("consent_by")?.map(MediatorId),
        visit_count: r.get("visit_count")?,
        last_visit_on: (!last_visit.is_empty()).then(|| paris_date(&last_visit)),
    })
}

/// "30/03/2027" for a stored UTC instant.
fn paris_date(stored: &str) -> String {
    DateTime::parse_from_rfc3339(stored)
        .map(|t| fr::date_short(t.with_timezone(&Paris).date_naive()))
        .unwrap_or_default()
}

/// A followed person.
pub fn get(conn: &Connection, id: BeneficiaryId) -> Result<Beneficiary> {
    conn.prepare_cached(&format!("{SELECT} WHERE b.id = ?1 AND b.erased_at IS NULL"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("Cette personne n'est pas (ou plus) suivie.".to_owned()))
}

/// Followed people whose name contains `query` (all of them when it is empty), by name.
pub fn search(conn: &Connection, query: &str) -> Result<Vec<Beneficiary>> {
    find(conn, query, 200)
}

/// Followed people whose name contains `query`, at most `limit`.
pub(crate) fn find(conn: &Connection, query: &str, limit: u32) -> Result<Vec<Beneficiary>> {
    let pattern = format!(
        "%{}%",
        query
            .trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE b.erased_at IS NULL AND (coalesce(b.last_name, '') || ' ' || coalesce(b.first_name, '') LIKE ?1 ESCAPE '\\'
             OR coalesce(b.first_name, '') || ' ' || coalesce(b.last_name, '') LIKE ?1 ESCAPE '\\')
         ORDER BY b.last_name COLLATE NOCASE, b.first_name COLLATE NOCASE
         LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![pattern, limit], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The profile recorded for a followed person (copied onto each of their visits).
pub(crate) fn profile_of(conn: &Connection, id: BeneficiaryId) -> Result<Option<Profile>> {
    Ok(conn
        .prepare_cached("SELECT * FROM beneficiaries WHERE id = ?1")?
        .query_row([id.0], Profile::from_row)
        .optional()?)
}
