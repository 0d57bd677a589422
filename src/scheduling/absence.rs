//! Mediators' absences: the events of a calendar the desk chose as a mediator's
//! unavailability (their own agenda, filled from a phone). While one lasts, the places of the
//! permanences that mediator staffs are not free, at every site (the agenda says
//! « Indisponible — Absence de <nom> »), unless the permanence has no mediator named or
//! another of its mediators is there. This module owns the `mediator_absences` table: one row
//! per occurrence, as [`super::unavailable`] keeps a site's events. The sharing area hands
//! each event over ([`receive`]) and takes it back ([`remove`], [`remove_mediator`]).
//!
//! No summary is kept: a mediator's own agenda is their private life (« médecin »,
//! « école ») and the desk only needs to know they are away. The rows are personal data all
//! the same (when someone was away): the daily purge deletes those that ended long ago
//! ([`forget_ended`]).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::mediator::MediatorId;
use crate::network::permanence::PermanenceId;
use crate::scheduling::appointment::AppointmentId;
use crate::scheduling::unavailable::{Occurrence, Overlaps};

/// An event of a mediator's calendar: one occurrence, or those of a repeating event in the
/// window it was expanded over (as [`super::unavailable::Unavailability`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    pub mediator_id: MediatorId,
    /// Where it came from (its address on the server): one per event.
    pub source: String,
    /// The occurrences; their summaries are not kept.
    pub occurrences: Vec<Occurrence>,
    /// The window `[from, until)` a repeating event was expanded over; `None` for one event.
    pub expanded: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// Records an event of a mediator's calendar (or replaces it): returns the appointments its
/// new occurrences now make unavailable, and those a gone occurrence overlapped (the caller
/// ends their conflicts if nothing else blocks them). An occurrence that ends before it
/// starts is refused, and nothing changes.
pub fn receive(tx: &Connection, a: &Absence) -> Result<Overlaps> {
    if a.occurrences.iter().any(|o| o.end <= o.start) {
        return Err(Error::invalid(
            "end",
            "Un événement de l'agenda du médiateur finit avant de commencer : il n'a pas été \
             pris en compte.",
        ));
    }
    let kept = a.expanded.map(|(from, _)| utc_text(from));
    let before: Vec<Span> = spans(tx, &a.source)?
        .into_iter()
        .filter(|s| kept.as_ref().is_none_or(|k| s.end > *k))
        .collect();
    let after: Vec<Span> = a
        .occurrences
        .iter()
        .map(|o| Span {
            mediator: a.mediator_id.0,
            start: utc_text(o.start),
            end: utc_text(o.end),
        })
        .collect();
    let mut candidates = BTreeSet::new();
    for span in before.iter().filter(|s| !after.contains(s)) {
        candidates.extend(staffed_over(tx, span)?);
        tx.prepare_cached("DELETE FROM mediator_absences WHERE source = ?1 AND start_at = ?2")?
            .execute(params![a.source, span.start])?;
    }
    let until = a.expanded.map(|(_, until)| utc_text(until));
    for span in &after {
        tx.prepare_cached(
            "INSERT INTO mediator_absences (mediator_id, source, start_at, end_at, expanded_until)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (source, start_at) DO UPDATE SET mediator_id = excluded.mediator_id,
                end_at = excluded.end_at, expanded_until = excluded.expanded_until",
        )?
        .execute(params![
            span.mediator,
            a.source,
            span.start,
            span.end,
            until
        ])?;
    }
    if let Some(until) = &until {
        tx.prepare_cached("UPDATE mediator_absences SET expanded_until = ?2 WHERE source = ?1")?
            .execute(params![a.source, until])?;
    }
    let mut overlapped = BTreeSet::new();
    for span in after.iter().filter(|s| !before.contains(s)) {
        for id in staffed_over(tx, span)? {
            if blocking_appointment(tx, AppointmentId(id))?.is_some() {
                overlapped.insert(id);
            }
        }
    }
    Ok(Overlaps {
        overlapped: overlapped.iter().copied().map(AppointmentId).collect(),
        freed: freed(tx, candidates.difference(&overlapped).copied())?,
    })
}

/// Forgets every occurrence of the event that came from `source`; returns the appointments
/// it overlapped that no absence blocks now.
pub fn remove(tx: &Connection, source: &str) -> Result<Vec<AppointmentId>> {
    let mut candidates = BTreeSet::new();
    for span in spans(tx, source)? {
        candidates.extend(staffed_over(tx, &span)?);
    }
    tx.prepare_cached("DELETE FROM mediator_absences WHERE source = ?1")?
        .execute([source])?;
    freed(tx, candidates.into_iter())
}

/// Forgets every absence of `mediator` (their calendar is no longer read); returns the
/// appointments they blocked that no absence blocks now.
pub fn remove_mediator(tx: &Connection, mediator: MediatorId) -> Result<Vec<AppointmentId>> {
    let sources: Vec<String> = tx
        .prepare_cached("SELECT DISTINCT source FROM mediator_absences WHERE mediator_id = ?1")?
        .query_map([mediator.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = BTreeSet::new();
    for source in sources {
        out.extend(remove(tx, &source)?);
    }
    Ok(out.into_iter().collect())
}

/// Forgets every absence (the desk left the network whose calendars they came from).
pub fn forget_all(tx: &Connection) -> Result<()> {
    tx.execute("DELETE FROM mediator_absences", [])?;
    Ok(())
}

/// Deletes the absences that ended before `cutoff` (a stored UTC instant), as the daily
/// purge does for the sites' events. Returns how many rows went.
pub fn forget_ended(tx: &Connection, cutoff: &str) -> Result<usize> {
    Ok(tx
        .prepare_cached("DELETE FROM mediator_absences WHERE end_at < ?1")?
        .execute([cutoff])?)
}

/// The sources (one per event) of the absences that came from under `prefix` (one calendar).
pub fn sources_under(conn: &Connection, prefix: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT source FROM mediator_absences WHERE substr(source, 1, length(?1)) = ?1",
        )?
        .query_map([prefix], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The repeating events under `prefix` expanded over a window that ended before `until`.
pub fn expanded_before(
    conn: &Connection,
    prefix: &str,
    until: DateTime<Utc>,
) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT source FROM mediator_absences
             WHERE substr(source, 1, length(?1)) = ?1 AND expanded_until < ?2",
        )?
        .query_map(params![prefix, utc_text(until)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    mediator: i64,
    start: String,
    end: String,
}

fn spans(conn: &Connection, source: &str) -> Result<Vec<Span>> {
    Ok(conn
        .prepare_cached(
            "SELECT mediator_id, start_at, end_at FROM mediator_absences WHERE source = ?1
             ORDER BY start_at",
        )?
        .query_map([source], |r| {
            Ok(Span {
                mediator: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The appointments holding a place of a permanence the span's mediator staffs, during it.
fn staffed_over(conn: &Connection, span: &Span) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.id FROM appointments a
               JOIN permanence_mediators pm ON pm.permanence_id = a.permanence_id
             WHERE pm.mediator_id = ?1 AND a.start_at < ?3 AND a.end_at > ?2
               AND a.status IN ('booked', 'honoured', 'no_show') AND a.extra = 0
             ORDER BY a.start_at, a.id",
        )?
        .query_map(params![span.mediator, span.start, span.end], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn freed(conn: &Connection, ids: impl Iterator<Item = i64>) -> Result<Vec<AppointmentId>> {
    let mut out = Vec::new();
    for id in ids {
        if blocking_appointment(conn, AppointmentId(id))?.is_none() {
            out.push(AppointmentId(id));
        }
    }
    Ok(out)
}

/// The mediators of each permanence, with their names, and the absences of those mediators
/// over a span of time: what the agenda and the search need to mark slots.
#[derive(Debug, Clone, Default)]
pub struct Absent {
    staff: HashMap<PermanenceId, Vec<(MediatorId, String)>>,
    spans: HashMap<MediatorId, Vec<(String, String)>>,
}

impl Absent {
    /// The absences overlapping `[from, to)` and the staff of the permanences concerned.
    pub fn between(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Absent> {
        let mut out = Absent::default();
        let rows = conn
            .prepare_cached(
                "SELECT mediator_id, start_at, end_at FROM mediator_absences
                 WHERE start_at < ?2 AND end_at > ?1",
            )?
            .query_map(params![utc_text(from), utc_text(to)], |r| {
                Ok((MediatorId(r.get(0)?), r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<(MediatorId, String, String)>>>()?;
        if rows.is_empty() {
            return Ok(out);
        }
        for (m, a, b) in rows {
            out.spans.entry(m).or_default().push((a, b));
        }
        let staff = conn
            .prepare_cached(
                "SELECT pm.permanence_id, m.id, m.name FROM permanence_mediators pm
                   JOIN mediators m ON m.id = pm.mediator_id
                 WHERE pm.permanence_id IN (SELECT permanence_id FROM permanence_mediators
                    WHERE mediator_id IN (SELECT mediator_id FROM mediator_absences
                       WHERE start_at < ?2 AND end_at > ?1))
                 ORDER BY m.name, m.id",
            )?
            .query_map(params![utc_text(from), utc_text(to)], |r| {
                Ok((PermanenceId(r.get(0)?), MediatorId(r.get(1)?), r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<(PermanenceId, MediatorId, String)>>>()?;
        for (p, m, name) in staff {
            out.staff.entry(p).or_default().push((m, name));
        }
        Ok(out)
    }

    /// Whether `permanence`'s place over `[start, end)` (stored UTC texts) is blocked: it has
    /// mediators and every one of them is away during it. Returns « Absence de <noms> ».
    pub fn blocking(&self, permanence: PermanenceId, start: &str, end: &str) -> Option<String> {
        let staff = self.staff.get(&permanence)?;
        let away = |m: &MediatorId| {
            self.spans.get(m).is_some_and(|list| {
                list.iter()
                    .any(|(a, b)| a.as_str() < end && b.as_str() > start)
            })
        };
        if staff.is_empty() || !staff.iter().all(|(m, _)| away(m)) {
            return None;
        }
        let names: Vec<&str> = staff.iter().map(|(_, n)| n.as_str()).collect();
        Some(match names.split_last() {
            Some((last, [])) => format!("Absence de {last}"),
            Some((last, others)) => format!("Absence de {} et de {last}", others.join(", de ")),
            None => return None,
        })
    }

    /// Whether no mediator is away over the span read: nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// Whether `permanence`'s place over `[start, end)` is blocked by its mediators' absences
/// (« Absence de <noms> »), as [`Absent::blocking`].
pub fn blocking(
    conn: &Connection,
    permanence: PermanenceId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<String>> {
    let absent = Absent::between(conn, start, end)?;
    Ok(absent.blocking(permanence, &utc_text(start), &utc_text(end)))
}

/// Whether the place of appointment `id` is blocked by its permanence's mediators' absences.
pub fn blocking_appointment(conn: &Connection, id: AppointmentId) -> Result<Option<String>> {
    let row: Option<(Option<i64>, String, String, bool)> = conn
        .prepare_cached(
            "SELECT permanence_id, start_at, end_at,
                    status IN ('booked', 'honoured', 'no_show') AND extra = 0
             FROM appointments WHERE id = ?1",
        )?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((Some(p), start, end, true)) = row else {
        return Ok(None);
    };
    match (
        crate::clock::parse_utc(&start),
        crate::clock::parse_utc(&end),
    ) {
        (Some(a), Some(b)) => blocking(conn, PermanenceId(p), a, b),
        _ => Ok(None),
    }
}

/// The French refusal of a booking on a place its mediators' absence blocks.
pub fn refusal(why: &str) -> Error {
    Error::Conflict {
        field: "start",
        message: format!(
            "Ce créneau est indisponible : {} à cette heure, et personne d'autre n'assure \
             cette permanence. Choisissez un autre horaire.",
            lower_first(why)
        ),
    }
}

/// « Absence de X » as it reads inside a sentence.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
