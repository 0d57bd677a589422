//! Unavailabilities: events that Permanences did not write, found in a site's shared
//! calendar (a mediator's meeting added from a phone, a training day, a weekly team meeting).
//! RDV Service Public treats such events as unavailability, and so does the desk: the places
//! they overlap are not free (the agenda says « Indisponible — <summary> »), the search for a
//! free slot skips them, and a booking there is refused. This module owns the
//! `unavailabilities` table: one row per occurrence (a repeating event has one per occurrence
//! in the window the desk keeps). The sharing area hands each event over ([`receive`]) and
//! takes it back ([`remove`]); the daily purge deletes those that ended long ago
//! ([`forget_ended`]): their summaries can be personal data (« RDV médecin Mme X »).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::site::SiteId;
use crate::scheduling::appointment::AppointmentId;

/// The longest summary kept (a calendar client may hold a whole text there).
const MAX_SUMMARY: usize = 120;

/// One occurrence of an event, as it blocks places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The event's SUMMARY (a moved occurrence may have its own).
    pub summary: String,
}

/// An event of a site's calendar, as it blocks places: one occurrence, or those of a
/// repeating event in the window it was expanded over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailability {
    pub site_id: SiteId,
    /// Where it came from (its address on the server): one per event.
    pub source: String,
    pub occurrences: Vec<Occurrence>,
    /// For a repeating event, the window `[from, until)` its rule was expanded over: the
    /// occurrences that ended before `from` are kept as they were (the purge takes them),
    /// and the event is read again once the window has moved past `until`
    /// ([`expanded_before`]). `None`: `occurrences` are all there is.
    pub expanded: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// What receiving or removing an event changed for the appointments already booked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlaps {
    /// Appointments holding a place that a new or moved occurrence overlaps: the caller makes
    /// each a conflict to settle (the person was told a time that is no longer free).
    pub overlapped: Vec<AppointmentId>,
    /// Appointments that an occurrence gone (deleted, moved off) overlapped, and that no
    /// unavailability overlaps any more: a conflict it raised has ended by itself.
    pub freed: Vec<AppointmentId>,
}

/// Records an event (or replaces it, when it changed): its occurrences become this source's
/// rows. Returns the appointments newly overlapped and those freed ([`Overlaps`]); an
/// occurrence read again unchanged tells nothing (what it overlaps was told already, and
/// maybe settled). An occurrence that ends before it starts is refused, and nothing changes.
pub fn receive(tx: &Connection, u: &Unavailability) -> Result<Overlaps> {
    if u.occurrences.iter().any(|o| o.end <= o.start) {
        return Err(Error::invalid(
            "end",
            "Un événement de l'agenda finit avant de commencer : il n'a pas été pris en compte.",
        ));
    }
    // Rows before the expansion window stay as they were (`kept`): only those from it on
    // are replaced.
    let kept = u.expanded.map(|(from, _)| utc_text(from));
    let before: Vec<Row> = rows(tx, &u.source)?
        .into_iter()
        .filter(|r| kept.as_ref().is_none_or(|k| r.end > *k))
        .collect();
    let after: Vec<Row> = u
        .occurrences
        .iter()
        .map(|o| Row {
            site: u.site_id.0,
            start: utc_text(o.start),
            end: utc_text(o.end),
        })
        .collect();
    let gone: Vec<&Row> = before.iter().filter(|r| !after.contains(r)).collect();
    let new: Vec<&Row> = after.iter().filter(|r| !before.contains(r)).collect();
    let mut candidates = BTreeSet::new();
    for row in &gone {
        candidates.extend(appointments_over(tx, row)?);
        tx.prepare_cached("DELETE FROM unavailabilities WHERE source = ?1 AND start_at = ?2")?
            .execute(params![u.source, row.start])?;
    }
    let until = u.expanded.map(|(_, until)| utc_text(until));
    for (o, row) in u.occurrences.iter().zip(&after) {
        tx.prepare_cached(
            "INSERT INTO unavailabilities (site_id, source, start_at, end_at, summary, expanded_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (source, start_at) DO UPDATE SET site_id = excluded.site_id,
                end_at = excluded.end_at, summary = excluded.summary,
                expanded_until = excluded.expanded_until",
        )?
        .execute(params![
            row.site,
            u.source,
            row.start,
            row.end,
            summary_of(&o.summary),
            until
        ])?;
    }
    if let Some(until) = &until {
        // The rows kept from before the window too: the event is read again once the window
        // moves past `until`, not at every sync because of an old row.
        tx.prepare_cached("UPDATE unavailabilities SET expanded_until = ?2 WHERE source = ?1")?
            .execute(params![u.source, until])?;
    }
    let mut overlapped = BTreeSet::new();
    for row in &new {
        overlapped.extend(appointments_over(tx, row)?);
    }
    let freed = still_free(tx, candidates.difference(&overlapped).copied())?;
    Ok(Overlaps {
        overlapped: overlapped.into_iter().map(AppointmentId).collect(),
        freed,
    })
}

/// Forgets every occurrence of the event that came from `source` (deleted, or now marked
/// free); nothing when there is none. Returns the appointments it overlapped that no
/// unavailability overlaps any more.
pub fn remove(tx: &Connection, source: &str) -> Result<Vec<AppointmentId>> {
    let mut candidates = BTreeSet::new();
    for row in rows(tx, source)? {
        candidates.extend(appointments_over(tx, &row)?);
    }
    tx.prepare_cached("DELETE FROM unavailabilities WHERE source = ?1")?
        .execute([source])?;
    still_free(tx, candidates.into_iter())
}

/// Deletes the unavailabilities that ended before `cutoff` (a stored UTC instant): the daily
/// purge keeps their summaries no longer than appointments' names. Returns how many rows
/// went.
pub fn forget_ended(tx: &Connection, cutoff: &str) -> Result<usize> {
    Ok(tx
        .prepare_cached("DELETE FROM unavailabilities WHERE end_at < ?1")?
        .execute([cutoff])?)
}

/// One stored occurrence, as compared when an event is read again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    site: i64,
    start: String,
    end: String,
}

fn rows(conn: &Connection, source: &str) -> Result<Vec<Row>> {
    Ok(conn
        .prepare_cached(
            "SELECT site_id, start_at, end_at FROM unavailabilities WHERE source = ?1
             ORDER BY start_at",
        )?
        .query_map([source], |r| {
            Ok(Row {
                site: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The appointments holding a place of the row's site during it.
fn appointments_over(conn: &Connection, row: &Row) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM appointments WHERE site_id = ?1 AND start_at < ?3 AND end_at > ?2
               AND status IN ('booked', 'honoured', 'no_show') AND extra = 0
             ORDER BY start_at, id",
        )?
        .query_map(params![row.site, row.start, row.end], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Those of `ids` that no unavailability of their site overlaps now.
fn still_free(conn: &Connection, ids: impl Iterator<Item = i64>) -> Result<Vec<AppointmentId>> {
    let mut out = Vec::new();
    for id in ids {
        let blocked: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM appointments a JOIN unavailabilities u
                    ON u.site_id = a.site_id AND u.start_at < a.end_at AND u.end_at > a.start_at
                 WHERE a.id = ?1)",
            )?
            .query_row([id], |r| r.get(0))?;
        if !blocked {
            out.push(AppointmentId(id));
        }
    }
    Ok(out)
}

/// The sources (one per event) of the unavailabilities that came from under `prefix` (one
/// calendar).
pub fn sources_under(conn: &Connection, prefix: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT source FROM unavailabilities
             WHERE substr(source, 1, length(?1)) = ?1",
        )?
        .query_map([prefix], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The repeating events under `prefix` (one calendar) expanded over a window that ended
/// before `until`: to be read again, so that their occurrences follow the window.
pub fn expanded_before(
    conn: &Connection,
    prefix: &str,
    until: DateTime<Utc>,
) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT source FROM unavailabilities
             WHERE substr(source, 1, length(?1)) = ?1 AND expanded_until < ?2",
        )?
        .query_map(params![prefix, utc_text(until)], |r| r.get(0))?
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

/// The summary of an unavailability overlapping the appointment `id`, if one does.
pub fn overlapping_appointment(conn: &Connection, id: AppointmentId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT u.summary FROM appointments a JOIN unavailabilities u
                ON u.site_id = a.site_id AND u.start_at < a.end_at AND u.end_at > a.start_at
             WHERE a.id = ?1 ORDER BY u.start_at LIMIT 1",
        )?
        .query_row([id.0], |r| r.get(0))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Migration 17 keys the table by source and start: the rows of schema 16 stay, and an
    /// event's second occurrence goes beside them.
    #[test]
    fn rows_of_schema_16_are_kept_one_row_per_occurrence() {
        let mut conn = Connection::open_in_memory().unwrap();
        let all = rusqlite_migration::Migrations::new(crate::store::db::migrations());
        all.to_version(&mut conn, 16).unwrap();
        conn.execute_batch(
            "INSERT INTO sites (id, name, street, postcode, city, created_at, updated_at)
             VALUES (1, 'Médiathèque', '1 rue Haute', '67000', 'Strasbourg', '', '')",
        )
        .unwrap();
        let row = "INSERT INTO unavailabilities (site_id, source, start_at, end_at, summary)
                   VALUES (1, 'a.ics', ?1, '2026-12-08T15:00:00Z', 'Réunion')";
        conn.execute(row, ["2026-12-08T14:00:00Z"]).unwrap();
        all.to_latest(&mut conn).unwrap();
        conn.execute(row, ["2026-12-08T14:30:00Z"]).unwrap();
        assert_eq!(sources_under(&conn, "a").unwrap(), ["a.ics"]);
        let n: i64 = conn
            .query_row("SELECT count(*) FROM unavailabilities", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2, "the old row kept, a second occurrence beside it");
    }
}
