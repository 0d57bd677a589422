//! Closures: date ranges when a site is shut (holidays, works).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::fr;
use crate::network::site::{self, SiteId};
use crate::validate;

/// Identifies a closure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct ClosureId(pub i64);

/// A site closed from `start_date` to `end_date`, both included.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Closure {
    pub id: ClosureId,
    pub site_id: SiteId,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub reason: String,
    /// "du 24 décembre 2026 au 2 janvier 2027".
    pub label: String,
}

/// What a person types to record a closure.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ClosureInput {
    pub site_id: SiteId,
    pub start_date: String,
    /// Empty means a single day.
    pub end_date: Option<String>,
    pub reason: String,
}

/// Longest closure accepted in one entry: beyond that, archive the site instead.
const MAX_DAYS: i64 = 366;

/// Records a closure of an active site.
pub fn create(conn: &Connection, input: &ClosureInput, now: DateTime<Utc>) -> Result<Closure> {
    let (start, end, reason) = check(input)?;
    crate::store::db::write(conn, |tx| {
        site::require_active(tx, input.site_id)?;
        tx.execute(
            "INSERT INTO closures (site_id, start_date, end_date, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
            params![input.site_id.0, start, end, reason, utc_text(now)],
        )?;
        let id = ClosureId(tx.last_insert_rowid());
        get(tx, id)
    })
}

/// A closure shared by another desk of the network, made here (`id` `None`) or brought up to
/// date: checked as a person's entry is.
pub fn receive(
    conn: &Connection,
    id: Option<ClosureId>,
    input: &ClosureInput,
    now: DateTime<Utc>,
) -> Result<ClosureId> {
    let (start, end, reason) = check(input)?;
    crate::store::db::write(conn, |tx| match id {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE closures SET start_date = ?2, end_date = ?3, reason = ?4 WHERE id = ?1",
            )?
            .execute(params![id.0, start, end, reason])?;
            Ok(id)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO closures (site_id, start_date, end_date, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![input.site_id.0, start, end, reason, utc_text(now)])?;
            Ok(ClosureId(tx.last_insert_rowid()))
        }
    })
}

/// The dates and reason of a closure, checked.
fn check(input: &ClosureInput) -> Result<(NaiveDate, NaiveDate, String)> {
    let start = validate::date("startDate", "Fermé du", &input.start_date)?;
    let end = validate::optional_date("endDate", "Au", &input.end_date)?.unwrap_or(start);
    if end < start {
        return Err(Error::invalid(
            "endDate",
            format!(
                "Au : la date de fin doit être le {} ou après.",
                fr::date_short(start)
            ),
        ));
    }
    if (end - start).num_days() >= MAX_DAYS {
        return Err(Error::invalid(
            "endDate",
            "Au : une fermeture dure au plus un an. Pour un lieu fermé durablement, archivez-le.",
        ));
    }
    let reason = validate::required("reason", "Motif", &input.reason, 200)?;
    Ok((start, end, reason))
}

/// Removes a closure (the site opens again on those days).
pub fn delete(conn: &Connection, id: ClosureId) -> Result<()> {
    match conn.execute("DELETE FROM closures WHERE id = ?1", [id.0])? {
        0 => Err(not_found()),
        _ => Ok(()),
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Closure> {
    let start_date: NaiveDate = r.get(2)?;
    let end_date: NaiveDate = r.get(3)?;
    Ok(Closure {
        id: ClosureId(r.get(0)?),
        site_id: SiteId(r.get(1)?),
        start_date,
        end_date,
        reason: r.get(4)?,
        label: fr::date_range(start_date, end_date),
    })
}

/// One closure by id.
pub fn get(conn: &Connection, id: ClosureId) -> Result<Closure> {
    conn.query_row(
        "SELECT id, site_id, start_date, end_date, reason FROM closures WHERE id = ?1",
        [id.0],
        from_row,
    )
    .optional()?
    .ok_or_else(not_found)
}

/// A site's closures ending on or after `from`, soonest first.
pub fn list_for_site(conn: &Connection, site: SiteId, from: NaiveDate) -> Result<Vec<Closure>> {
    let mut stmt = conn.prepare(
        "SELECT id, site_id, start_date, end_date, reason FROM closures
         WHERE site_id = ?1 AND end_date >= ?2 ORDER BY start_date",
    )?;
    let rows = stmt.query_map(params![site.0, from], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn not_found() -> Error {
    Error::NotFound("Cette fermeture n'existe pas ou plus.".into())
}
