//! Walk-ins: people arriving without appointment during a drop-in permanence, seen in turn.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::{day_bounds, utc_text};
use crate::error::{Error, Result};
use crate::fr;
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;
use crate::network::vocab::{PermanenceKind, Reason};
use crate::scheduling::slot::Calendar;
use crate::validate;

/// Identifies a walk-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct WalkInId(pub i64);

/// Where a walk-in stands in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum WalkInStatus {
    Waiting,
    Seen,
    /// Left before being seen.
    Left,
}

impl WalkInStatus {
    fn code(self) -> &'static str {
        match self {
            WalkInStatus::Waiting => "waiting",
            WalkInStatus::Seen => "seen",
            WalkInStatus::Left => "left",
        }
    }

    fn from_code(code: &str) -> Self {
        match code {
            "seen" => WalkInStatus::Seen,
            "left" => WalkInStatus::Left,
            _ => WalkInStatus::Waiting,
        }
    }
}

/// A person in the day's queue.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WalkIn {
    pub id: WalkInId,
    pub site_id: SiteId,
    pub arrived_at: DateTime<FixedOffset>,
    /// "14 h 05".
    pub arrival: String,
    pub name: Option<String>,
    /// The name given, or "Anonyme".
    pub who: String,
    pub reason: Option<Reason>,
    pub status: WalkInStatus,
}

/// What the desk types when someone walks in.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WalkInInput {
    pub site_id: SiteId,
    pub name: Option<String>,
    pub reason: Option<Reason>,
    pub created_by: Option<MediatorId>,
}

/// How early before a drop-in permanence people may queue.
const EARLY_MINUTES: i64 = 30;

/// Records an arrival, at `now`, during (or just before) a drop-in permanence of the site.
pub fn arrive(conn: &Connection, input: &WalkInInput, now: DateTime<Utc>) -> Result<WalkIn> {
    let name = validate::text("name", "Prénom ou initiales", &input.name, 80)?;
    if name.as_ref().is_some_and(|n| n.chars().count() > 80) {
        return Err(Error::invalid(
            "name",
            "Prénom ou initiales : 80 caractères au plus.",
        ));
    }
    crate::store::db::write(conn, |tx| {
        crate::network::site::require_active(tx, input.site_id)?;
        let today = crate::clock::today(now);
        let calendar = Calendar::load(tx, Some(input.site_id), today, today)?;
        let open = calendar.slots_on(today).into_iter().any(|s| {
            s.site_id == input.site_id
                && s.kind != PermanenceKind::Appointment
                && s.start.to_utc() - Duration::minutes(EARLY_MINUTES) <= now
                && now < s.end.to_utc()
        });
        if !open {
            return Err(Error::invalid(
                "siteId",
                "Pas de permanence sans rendez-vous en cours dans ce lieu : proposez un rendez-vous.",
            ));
        }
        tx.execute(
            "INSERT INTO walk_ins (site_id, arrived_at, name, reason, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![input.site_id.0, utc_text(now), name, input.reason, input.created_by.map(|m| m.0)],
        )?;
        get(tx, WalkInId(tx.last_insert_rowid()))
    })
}

/// Marks a walk-in as seen, or gone before being seen (or back to waiting, to undo).
pub fn set_status(
    conn: &Connection,
    id: WalkInId,
    status: WalkInStatus,
    now: DateTime<Utc>,
) -> Result<WalkIn> {
    let n = conn.execute(
        "UPDATE walk_ins SET status = ?2, status_at = ?3 WHERE id = ?1",
        params![id.0, status.code(), utc_text(now)],
    )?;
    if n == 0 {
        return Err(Error::NotFound(
            "Cette personne n'est plus dans la file.".into(),
        ));
    }
    get(conn, id)
}

const SELECT: &str = "SELECT id, site_id, arrived_at, name, reason, status FROM walk_ins";

fn from_row(r: &Row<'_>) -> rusqlite::Result<WalkIn> {
    let arrived: String = r.get(2)?;
    let arrived_at = DateTime::parse_from_rfc3339(&arrived)
        .map(|d| d.with_timezone(&Paris).fixed_offset())
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?;
    let name: Option<String> = r.get(3)?;
    let status: String = r.get(5)?;
    Ok(WalkIn {
        id: WalkInId(r.get(0)?),
        site_id: SiteId(r.get(1)?),
        arrival: fr::time(arrived_at.time()),
        arrived_at,
        who: name.clone().unwrap_or_else(|| "Anonyme".to_owned()),
        name,
        reason: r.get(4)?,
        status: WalkInStatus::from_code(&status),
    })
}

fn get(conn: &Connection, id: WalkInId) -> Result<WalkIn> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("Cette personne n'est plus dans la file.".into()))
}

/// A site's queue on a date, in arrival order.
pub fn queue(conn: &Connection, site: SiteId, date: NaiveDate) -> Result<Vec<WalkIn>> {
    let (from, to) = day_bounds(date, date);
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE site_id = ?1 AND arrived_at >= ?2 AND arrived_at < ?3 ORDER BY arrived_at, id"
    ))?;
    let rows = stmt.query_map(params![site.0, utc_text(from), utc_text(to)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
