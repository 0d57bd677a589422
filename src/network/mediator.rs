//! Mediators: the people who hold the permanences.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::site::SiteId;
use crate::validate;

/// Identifies a mediator.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct MediatorId(pub i64);

/// A mediator, with the sites they work at.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Mediator {
    pub id: MediatorId,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub archived: bool,
    pub site_ids: Vec<SiteId>,
}

/// What a person types to create or change a mediator.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MediatorInput {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Sites this mediator works at (at least one is usual, none is allowed).
    pub site_ids: Vec<SiteId>,
}

struct Checked {
    name: String,
    phone: Option<String>,
    email: Option<String>,
}

fn check(input: &MediatorInput) -> Result<Checked> {
    Ok(Checked {
        name: validate::required("name", "Nom", &input.name, 120)?,
        phone: validate::phone("phone", &input.phone)?,
        email: validate::email("email", &input.email)?,
    })
}

/// Creates a mediator attached to the given sites.
pub fn create(conn: &Connection, input: &MediatorInput, now: DateTime<Utc>) -> Result<Mediator> {
    let c = check(input)?;
    crate::store::db::write(conn, |tx| {
        tx.execute(
            "INSERT INTO mediators (name, phone, email, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![c.name, c.phone, c.email, utc_text(now)],
        )?;
        let id = MediatorId(tx.last_insert_rowid());
        write_sites(tx, id, &input.site_ids)?;
        get(tx, id)
    })
}

/// Replaces a mediator's fields and sites.
pub fn update(conn: &Connection, id: MediatorId, input: &MediatorInput) -> Result<Mediator> {
    let c = check(input)?;
    crate::store::db::write(conn, |tx| {
        let n = tx.execute(
            "UPDATE mediators SET name = ?2, phone = ?3, email = ?4 WHERE id = ?1",
            params![id.0, c.name, c.phone, c.email],
        )?;
        if n == 0 {
            return Err(not_found());
        }
        tx.execute("DELETE FROM site_mediators WHERE mediator_id = ?1", [id.0])?;
        write_sites(tx, id, &input.site_ids)?;
        get(tx, id)
    })
}

fn write_sites(tx: &Connection, id: MediatorId, sites: &[SiteId]) -> Result<()> {
    let mut stmt =
        tx.prepare("INSERT OR IGNORE INTO site_mediators (site_id, mediator_id) VALUES (?1, ?2)")?;
    for s in sites {
        stmt.execute(params![s.0, id.0])
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    Error::invalid("siteIds", "Lieux : l'un des lieux choisis n'existe plus.")
                }
                _ => e.into(),
            })?;
    }
    Ok(())
}

/// Archives (or restores) a mediator; their past permanences keep naming them.
pub fn set_archived(
    conn: &Connection,
    id: MediatorId,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<Mediator> {
    let n = conn.execute(
        "UPDATE mediators SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END WHERE id = ?1",
        params![id.0, archived, utc_text(now)],
    )?;
    if n == 0 {
        return Err(not_found());
    }
    get(conn, id)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Mediator> {
    let sites: Option<String> = r.get(5)?;
    Ok(Mediator {
        id: MediatorId(r.get(0)?),
        name: r.get(1)?,
        phone: r.get(2)?,
        email: r.get(3)?,
        archived: r.get(4)?,
        site_ids: sites
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| s.parse().ok().map(SiteId))
            .collect(),
    })
}

const SELECT: &str = "SELECT m.id, m.name, m.phone, m.email, m.archived_at IS NOT NULL,
    (SELECT group_concat(site_id) FROM (SELECT site_id FROM site_mediators
        WHERE mediator_id = m.id ORDER BY site_id))
    FROM mediators m";

/// One mediator by id.
pub fn get(conn: &Connection, id: MediatorId) -> Result<Mediator> {
    conn.query_row(&format!("{SELECT} WHERE m.id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or_else(not_found)
}

/// Mediators sorted by name; archived ones only when asked.
pub fn list(conn: &Connection, include_archived: bool) -> Result<Vec<Mediator>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE ?1 OR m.archived_at IS NULL ORDER BY m.name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([include_archived], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The mediators who work at a site, archived ones left out.
pub fn list_for_site(conn: &Connection, site: SiteId) -> Result<Vec<Mediator>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} JOIN site_mediators sm ON sm.mediator_id = m.id
         WHERE sm.site_id = ?1 AND m.archived_at IS NULL ORDER BY m.name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([site.0], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn not_found() -> Error {
    Error::NotFound("Ce médiateur ou cette médiatrice n'existe pas ou plus.".into())
}
