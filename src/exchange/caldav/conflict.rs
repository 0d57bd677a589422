//! The conflicts a sync could not settle alone, and how the desk settles them: an appointment
//! whose place another desk took while this one was offline (move it in the agenda, or keep
//! it as an extra place), or one moved in a calendar client into a full slot or out of every
//! permanence (move it here, or send this desk's version back).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::scheduling::appointment::{self, Appointment, AppointmentId};

/// Identifies a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct ConflictId(pub i64);

/// A conflict to settle.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: ConflictId,
    pub appointment: Appointment,
    /// What happened and what to do, in French.
    pub message: String,
    /// When the sync found it, stored UTC.
    pub at: String,
}

/// How the desk settles a conflict (moving the appointment in the agenda settles it too,
/// once the move reaches the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Settle {
    /// Kept at its time as an extra place, beyond the slot's capacity.
    KeepAsExtra,
    /// This desk's version sent to the server again (a move made elsewhere is undone).
    SendOurs,
}

/// The open conflicts, oldest first.
pub fn conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    let rows: Vec<(i64, i64, String, String)> = conn
        .prepare(
            "SELECT id, appointment_id, message, at FROM network_conflicts
             WHERE settled_at IS NULL AND appointment_id IS NOT NULL ORDER BY at, id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, a, message, at)| {
            Ok(Conflict {
                id: ConflictId(id),
                appointment: appointment::get(conn, AppointmentId(a))?,
                message,
                at,
            })
        })
        .collect()
}

/// Settles a conflict; the change is sent at the next sync.
pub fn settle(conn: &Connection, id: ConflictId, how: Settle, now: DateTime<Utc>) -> Result<()> {
    let id = id.0;
    crate::store::db::write(conn, |tx| {
        let appointment: Option<i64> = tx
            .query_row(
                "SELECT appointment_id FROM network_conflicts WHERE id = ?1 AND settled_at IS NULL",
                [id],
                |r| r.get(0),
            )
            .map_err(|_| Error::NotFound("Ce conflit n'existe pas ou a déjà été réglé.".into()))?;
        let Some(appointment) = appointment else {
            return Err(Error::NotFound(
                "Ce conflit n'existe pas ou a déjà été réglé.".into(),
            ));
        };
        if how == Settle::KeepAsExtra {
            tx.execute(
                "UPDATE appointments SET extra = 1 WHERE id = ?1",
                [appointment],
            )?;
        }
        tx.execute(
            "UPDATE network_conflicts SET settled_at = ?2 WHERE id = ?1",
            params![id, crate::clock::utc_text(now)],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('appointment', ?1)",
            [appointment],
        )?;
        Ok(())
    })
}

/// Once an appointment's version reached the server, its open conflicts are settled.
pub(super) fn settled_by_sending(
    conn: &Connection,
    appointment: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE network_conflicts SET settled_at = ?2 WHERE appointment_id = ?1 AND settled_at IS NULL",
        params![appointment, crate::clock::utc_text(now)],
    )?;
    Ok(())
}
