//! The steps of migrations that SQL alone cannot take, run inside the migration's
//! transaction (`rusqlite_migration` hooks, listed in [`crate::store::db`]).

use rusqlite::{params, Transaction};
use rusqlite_migration::HookResult;

use crate::fr;
use crate::validate;

/// Migration 9: the search keys of the appointments booked before it (the booking code
/// writes them from then on, through the same functions). Tested on a released schema's
/// real data in `tests/it/upgrade.rs`.
pub(crate) fn search_keys(tx: &Transaction) -> HookResult {
    // Search keys are not published: the published files' version (bumped by every update of
    // an appointment, see 0004) stays as it was, and nothing is rewritten for them.
    let version: i64 = tx.query_row("SELECT version FROM data_version", [], |r| r.get(0))?;
    let mut read = tx.prepare(
        "SELECT id, resident_name, resident_phone FROM appointments
         WHERE resident_name IS NOT NULL OR resident_phone IS NOT NULL",
    )?;
    let mut phone_key = tx.prepare("UPDATE appointments SET phone_key = ?2 WHERE id = ?1")?;
    let mut name_key =
        tx.prepare("INSERT INTO appointment_names (key, appointment_id) VALUES (?1, ?2)")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if let Some(name) = row.get::<_, Option<String>>(1)? {
            for key in fr::word_keys(&name) {
                name_key.execute(params![key, id])?;
            }
        }
        if let Some(phone) = row.get::<_, Option<String>>(2)? {
            let key = validate::phone_key(&phone);
            if !key.is_empty() {
                phone_key.execute(params![id, key])?;
            }
        }
    }
    tx.execute("UPDATE data_version SET version = ?1", [version])?;
    Ok(())
}
