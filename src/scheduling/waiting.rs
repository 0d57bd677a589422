//! The waiting list: residents who want an earlier slot than the ones free, to call back
//! when a place frees up.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::fr;
use crate::network::site::SiteId;
use crate::network::vocab::Reason;
use crate::validate;

/// Identifies a waiting-list entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct WaitingId(pub i64);

/// A person waiting for a place at a site.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WaitingEntry {
    pub id: WaitingId,
    pub site_id: SiteId,
    pub name: String,
    /// How to reach them (a phone number, usually).
    pub contact: String,
    pub reason: Option<Reason>,
    pub notes: Option<String>,
    /// "depuis le 2 mars 2027".
    pub since: String,
}

/// What the desk types to put someone on the list.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WaitingInput {
    pub site_id: SiteId,
    pub name: String,
    pub contact: String,
    pub reason: Option<Reason>,
    pub notes: Option<String>,
}

/// How an entry leaves the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Resolution {
    /// A place was found and booked.
    Booked,
    /// The person no longer needs it.
    Withdrawn,
}

/// Adds someone to a site's waiting list.
pub fn add(conn: &Connection, input: &WaitingInput, now: DateTime<Utc>) -> Result<WaitingEntry> {
    let name = validate::required("name", "Prénom ou initiales", &input.name, 80)?;
    let contact = validate::required(
        "contact",
        "Comment joindre la personne",
        &input.contact,
        120,
    )?;
    crate::store::db::write(conn, |tx| {
        crate::network::site::require_active(tx, input.site_id)?;
        tx.execute(
            "INSERT INTO waiting_list (site_id, name, contact, reason, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                input.site_id.0,
                name,
                contact,
                input.reason,
                validate::text("notes", "Remarques", &input.notes, 500)?,
                utc_text(now)
            ],
        )?;
        get(tx, WaitingId(tx.last_insert_rowid()))
    })
}

/// Takes someone off the list.
pub fn resolve(
    conn: &Connection,
    id: WaitingId,
    resolution: Resolution,
    now: DateTime<Utc>,
) -> Result<()> {
    let code = match resolution {
        Resolution::Booked => "booked",
        Resolution::Withdrawn => "withdrawn",
    };
    let n = conn.execute(
        "UPDATE waiting_list SET resolved_at = ?2, resolution = ?3 WHERE id = ?1 AND resolved_at IS NULL",
        params![id.0, utc_text(now), code],
    )?;
    if n == 0 {
        return Err(Error::NotFound(
            "Cette personne n'est plus sur la liste d'attente.".into(),
        ));
    }
    Ok(())
}

const SELECT: &str =
    "SELECT id, site_id, name, contact, reason, notes, created_at FROM waiting_list";

fn from_row(r: &Row<'_>) -> rusqlite::Result<WaitingEntry> {
    let created: String = r.get(6)?;
    let since = DateTime::parse_from_rfc3339(&created)
        .map(|d| {
            format!(
                "depuis le {}",
                fr::date_long(d.with_timezone(&Paris).date_naive())
            )
        })
        .unwrap_or_default();
    Ok(WaitingEntry {
        id: WaitingId(r.get(0)?),
        site_id: SiteId(r.get(1)?),
        name: r.get(2)?,
        contact: r.get(3)?,
        reason: r.get(4)?,
        notes: r.get(5)?,
        since,
    })
}

fn get(conn: &Connection, id: WaitingId) -> Result<WaitingEntry> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("Cette personne n'est plus sur la liste d'attente.".into()))
}

/// Open entries of one site (or all), oldest first: the order in which to call.
pub fn list_open(conn: &Connection, site: Option<SiteId>) -> Result<Vec<WaitingEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE resolved_at IS NULL AND (?1 IS NULL OR site_id = ?1) ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([site.map(|s| s.0)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
