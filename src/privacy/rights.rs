//! The rights of a followed person: to see everything held about them (export, as JSON or a
//! readable PDF) and to be erased (their visits stay, anonymous, and the statistics with them).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use super::retention::{log, PurgeCause, PurgeCounts};
use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::records::beneficiary::{self, Beneficiary, BeneficiaryId};
use crate::records::visit::{self, Visit};
use crate::scheduling::appointment::{self, Appointment};

/// Everything the network holds about one followed person.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonRecord {
    /// When this export was made (RFC 3339, UTC).
    pub exported_at: String,
    /// Identity, contact, notes, profile and consent date.
    pub person: Beneficiary,
    /// When consent was recorded (RFC 3339, UTC).
    pub consent_at: String,
    /// Who recorded the consent.
    pub consent_by_name: Option<String>,
    /// Every visit: individual ones and workshops the person was named in, latest first.
    pub visits: Vec<Visit>,
    /// The appointments those visits honoured (with the name, phone and e-mail given when
    /// booking).
    pub appointments: Vec<Appointment>,
    /// How long the data is kept, in words.
    pub retention: String,
}

/// Everything held about a followed person, read in one snapshot.
pub fn export(conn: &Connection, id: BeneficiaryId, now: DateTime<Utc>) -> Result<PersonRecord> {
    crate::store::db::read(conn, |tx| {
        let person = beneficiary::get(tx, id)?;
        let (consent_at, consent_by_name): (String, Option<String>) = tx.query_row(
            "SELECT b.consent_at, m.name FROM beneficiaries b
             LEFT JOIN mediators m ON m.id = b.consent_by WHERE b.id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let visits = visit::list_for_beneficiary(tx, id)?;
        let mut appointments = Vec::new();
        for a in visits.iter().filter_map(|v| v.appointment_id) {
            if let Some(a) = appointment::get(tx, a).map(Some).or_else(gone)? {
                appointments.push(a);
            }
        }
        let months = super::settings(tx)?;
        Ok(PersonRecord {
            exported_at: utc_text(now),
            person,
            consent_at,
            consent_by_name,
            visits,
            appointments,
            retention: format!(
                "Ces données sont effacées {} mois après la dernière venue ; le nom, le téléphone et l'e-mail \
                 d'un rendez-vous, {} mois après le rendez-vous. La personne peut demander à être \
                 effacée à tout moment : ses accompagnements restent alors, anonymes.",
                months.beneficiary_months, months.appointment_months
            ),
        })
    })
}

fn gone<T>(e: Error) -> Result<Option<T>> {
    match e {
        Error::NotFound(_) => Ok(None),
        e => Err(e),
    }
}

/// The export as pretty JSON (UTF-8).
pub fn export_json(record: &PersonRecord) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(record)
        .map_err(|e| Error::Io(std::io::Error::other(format!("JSON : {e}"))))
}

/// What erasing a person left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Erasure {
    /// Their visits, kept as anonymous ones (individual visits and workshops).
    #[specta(type = specta_typescript::Number)]
    pub visits_kept: i64,
}

/// Erases a followed person on their request: name, contact, notes, the free text of their
/// visits and the name and phone of the appointments those visits honoured. Their visits stay
/// as anonymous ones; the statistics do not change. Logged as one erasure (never whose).
pub fn erase(conn: &Connection, id: BeneficiaryId, now: DateTime<Utc>) -> Result<Erasure> {
    let done = crate::store::db::write(conn, |tx| {
        let person = beneficiary::get(tx, id)?;
        let stamp = utc_text(now);
        super::erase_identity(tx, id, &stamp)?;
        log(
            tx,
            &stamp,
            PurgeCause::Request,
            &PurgeCounts {
                beneficiaries: 1,
                ..PurgeCounts::default()
            },
        )?;
        Ok(Erasure {
            visits_kept: person.visit_count,
        })
    })?;
    super::retention::forget_old_pages(conn)?;
    Ok(done)
}

/// Whether a followed person's identity was erased (for tests and the shell).
pub fn is_erased(conn: &Connection, id: BeneficiaryId) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT erased_at IS NOT NULL FROM beneficiaries WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(true))
}
