//! Privacy by design: how long personal data is kept ([`retention`]), the daily purge that
//! erases what is too old, and the rights of a followed person ([`rights`]: see everything
//! held about them, be erased).
//!
//! Erasing keeps the statistics: a followed person's visits stay, with the anonymous profile
//! recorded on each, and the person's row stays as an identity-less marker (see
//! `migrations/0005_retention.sql`) so that they still count as one person. Nothing here
//! writes a person's name, phone or e-mail anywhere but the export the person asked for.

pub mod retention;
pub mod rights;
pub mod sheet;

pub use retention::{
    due, purge, retention_status, set_settings, settings, PurgeCause, PurgeCounts, PurgeRecord,
    RetentionSettings, RetentionStatus,
};
pub use rights::{erase, export, export_json, Erasure, PersonRecord};
pub use sheet::export_pdf;

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::records::beneficiary::BeneficiaryId;

/// Erases the identity of one followed person, in the caller's transaction: their row loses
/// every personal field (or goes, when no visit refers to it), the free text of their
/// individual visits (notes, procedure details) and the name, phone, e-mail and notes of the
/// appointments those visits honoured. Themes, durations, places and profiles stay.
pub(crate) fn erase_identity(tx: &Connection, id: BeneficiaryId, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE appointments SET resident_name = NULL, resident_phone = NULL, resident_email = NULL,
                notes = NULL
         WHERE id IN (SELECT appointment_id FROM visits
                      WHERE beneficiary_id = ?1 AND appointment_id IS NOT NULL)",
        [id.0],
    )?;
    tx.execute(
        "UPDATE visits SET notes = NULL, procedure_details = NULL
         WHERE beneficiary_id = ?1 AND (notes IS NOT NULL OR procedure_details IS NOT NULL)",
        [id.0],
    )?;
    let counted: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM visits WHERE beneficiary_id = ?1)
             OR EXISTS (SELECT 1 FROM visit_participants WHERE beneficiary_id = ?1)",
        [id.0],
        |r| r.get(0),
    )?;
    if counted {
        // The statistics count this row as one person: keep it, emptied.
        tx.execute(
            "UPDATE beneficiaries SET first_name = NULL, last_name = '', phone = NULL,
                email = NULL, notes = NULL, postcode = NULL, commune = NULL, consent_by = NULL,
                consent_at = ?2, created_at = ?2, erased_at = ?2
             WHERE id = ?1",
            params![id.0, now],
        )?;
    } else {
        tx.execute("DELETE FROM beneficiaries WHERE id = ?1", [id.0])?;
    }
    Ok(())
}
