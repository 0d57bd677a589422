//! Unavailabilities: events that Permanences did not write, found in a site's shared
//! calendar (a mediator's meeting added from a phone, a training day). RDV Service Public
//! treats such events as unavailability, and so does the desk: the places they overlap are
//! not free (the agenda says « Indisponible — <summary> »), the search for a free slot skips
//! them, and a booking there is refused. This module owns the `unavailabilities` table; the
//! sharing area hands each event over ([`receive`]) and takes it back ([`remove`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::site::SiteId;
use crate::scheduling::appointment::AppointmentId;

/// The longest summary kept (a calendar client may hold a whole text there).
const MAX_SUMMARY: usize = 120;

/// An event of a site's calendar, as it blocks places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailability {
    pub site_id: SiteId,
    /// Where it came from (its address on the server): one per event.
    pub source: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
}

/// Records (or replaces, when the event changed) an unavailability. Returns the
/// appointments holding a place that it now overlaps, when it is new or has moved: the
/// caller makes each a conflict to settle (the person was told a time that is no longer
/// free). An event that ends before it starts is refused.
pub fn receive(tx: &Connection, u: &Unavailability) -> Result<Vec<AppointmentId>> {
    if u.end <= u.start {
        return Err(Error::invalid(
            "end",
            "Un événement de l'agenda finit avant de commencer : il n'a pas été pris en compte.",
        ));
    }
    let summary = summary_of(&u.summary);
    let before: Option<(i64, String, String)> = tx
        .prepare_cached("SELECT site_id, start_at, end_at FROM unavailabilities WHERE source = ?1")?
        .query_row([&u.source], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (start, end) = (utc_text(u.start), utc_text(u.end));
    let unchanged = before == Some((u.site_id.0, start.clone(), end.clone()));
    tx.prepare_cached(
        "INSERT INTO unavailabilities (site_id, source, start_at, end_at, summary)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (source) DO UPDATE SET site_id = excluded.site_id,
            start_at = excluded.start_at, end_at = excluded.end_at, summary = excluded.summary",
    )?
    .execute(params![u.site_id.0, u.source, start, end, summary])?;
    if unchanged {
        // Read again, not moved: what it overlaps was told already (and maybe settled).
        return Ok(Vec::new());
    }
    let ids = tx
        .prepare_cached(
            "SELECT id FROM appointments WHERE site_id = ?1 AND start_at < ?3 AND end_at > ?2
               AND status IN ('booked', 'honoured', 'no_show') AND extra = 0
             ORDER BY start_at, id",
        )?
        .query_map(
            params![u.site_id.0, utc_text(u.start), utc_text(u.end)],
            |r| r.get(0).map(AppointmentId),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Forgets the unavailability that came from `source` (the event was deleted); nothing
/// when there is none.
pub fn remove(tx: &Connection, source: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM unavailabilities WHERE source = ?1")?
        .execute([source])?;
    Ok(())
}

/// The sources of the unavailabilities that came from under `prefix` (one calendar).
pub fn sources_under(conn: &Connection, prefix: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT source FROM unavailabilities WHERE substr(source, 1, length(?1)) = ?1",
        )?
        .query_map([prefix], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The summary of an unavailability of `site` overlapping `[start, end)`, if there is one.
pub fn overlapping(
    conn: &Connection,
    site: SiteId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT summary FROM unavailabilities
             WHERE site_id = ?1 AND start_at < ?3 AND end_at > ?2 ORDER BY start_at LIMIT 1",
        )?
        .query_row(params![site.0, utc_text(start), utc_text(end)], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Unavailabilities of one site (or all) overlapping `[from, to)`: (start, end, summary).
pub(crate) type Blocked = HashMap<SiteId, Vec<(String, String, String)>>;

pub(crate) fn between(
    conn: &Connection,
    site: Option<SiteId>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Blocked> {
    let mut stmt = conn.prepare_cached(
        "SELECT site_id, start_at, end_at, summary FROM unavailabilities
         WHERE (?1 IS NULL OR site_id = ?1) AND start_at < ?3 AND end_at > ?2",
    )?;
    let rows = stmt.query_map(
        params![site.map(|s| s.0), utc_text(from), utc_text(to)],
        |r| Ok((SiteId(r.get(0)?), r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut out: Blocked = HashMap::new();
    for row in rows {
        let (s, a, b, summary) = row?;
        out.entry(s).or_default().push((a, b, summary));
    }
    Ok(out)
}

/// The summary as shown: one line, at most [`MAX_SUMMARY`] characters, never empty.
fn summary_of(raw: &str) -> String {
    let line: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return "événement de l'agenda".into();
    }
    line.chars().take(MAX_SUMMARY).collect()
}

/// The French refusal of a booking on an unavailable place.
pub fn refusal(summary: &str) -> Error {
    Error::Conflict {
        field: "start",
        message: format!(
            "Ce créneau est indisponible : « {summary} » est noté à cette heure dans l'agenda du \
             lieu. Choisissez un autre horaire."
        ),
    }
}
