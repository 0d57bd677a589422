//! Appointments: every way of taking a place goes through [`take`] ([`taking`]: the local
//! rules of [`booking`], capacity enforced in one transaction, then the desk's
//! [`PlaceClaimer`]); status changes with undo ([`status`]), weekly series ([`series`]),
//! changes received from other desks ([`received`]). Every change is written to the
//! appointment's history (`appointment_events`).

mod booking;
mod received;
mod series;
mod status;
mod taking;

pub use booking::parse_start;
pub use received::{cancelled_elsewhere, receive, Incoming, Received};
pub use series::{book_series, take_series, Refusal, SeriesOutcome};
pub(crate) use status::write_status;
pub use status::{set_status, undo_status, StatusChange};
pub use taking::{confirm, keep_as_extra, take, taken, Alone, Claim, PlaceClaimer, Taking};

/// Books an appointment on a desk in no network ([`take`] with [`Alone`]). Refused, with
/// nothing written, when the time is past, outside any appointment slot (unless `extra`), on
/// a closure or holiday, or when the slot is full.
pub fn book(conn: &Connection, input: &BookingInput, now: DateTime<Utc>) -> Result<Appointment> {
    take(conn, &Alone, Taking::Book(input), now)
}

/// Moves a booked appointment to another slot of its site, on a desk in no network ([`take`]
/// with [`Alone`]); the move is kept in history.
pub fn reschedule(
    conn: &Connection,
    id: AppointmentId,
    start: &str,
    by: Option<MediatorId>,
    now: DateTime<Utc>,
) -> Result<Appointment> {
    take(conn, &Alone, Taking::Move { id, start, by }, now)
}

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::fr;
use crate::network::mediator::MediatorId;
use crate::network::permanence::PermanenceId;
use crate::network::site::SiteId;
use crate::network::vocab::{AppointmentStatus as Status, Reason};

/// Identifies an appointment.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct AppointmentId(pub i64);

/// A resident's appointment at a site.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    pub id: AppointmentId,
    pub site_id: SiteId,
    /// `None` for an extra appointment forced out of hours.
    pub permanence_id: Option<PermanenceId>,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub resident_name: Option<String>,
    pub resident_phone: Option<String>,
    /// Given by a resident who would rather be reminded by e-mail.
    pub resident_email: Option<String>,
    pub reason: Option<Reason>,
    pub notes: Option<String>,
    pub status: Status,
    pub extra: bool,
    pub created_by: Option<MediatorId>,
    /// "mardi 30 mars 2027".
    pub day: String,
    /// "14 h – 14 h 30".
    pub hours: String,
    /// The name given, or "Anonyme".
    pub who: String,
    pub what_to_bring: Option<String>,
    /// Whether the last change of status can be undone (not once a visit is recorded).
    pub can_undo: bool,
    /// The id of the visit recorded for this appointment (a records `VisitId`; scheduling
    /// does not read the records, so it crosses as a plain number).
    #[specta(type = Option<specta_typescript::Number>)]
    pub visit_id: Option<i64>,
    /// « À confirmer »: booked or moved while the network's server did not answer in time;
    /// the next sync confirms the place, or makes it a conflict to settle.
    pub unconfirmed: bool,
}

/// What the desk types to book an appointment.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BookingInput {
    pub site_id: SiteId,
    /// An RFC 3339 instant ("2027-03-30T14:00:00+02:00") or a Paris wall-clock time
    /// ("2027-03-30T14:00").
    pub start: String,
    /// Only for extra appointments; a slot's length otherwise.
    pub duration_minutes: Option<u16>,
    pub resident_name: Option<String>,
    pub resident_phone: Option<String>,
    /// Optional: « À prévenir » then offers an e-mail that opens the desk's mail program.
    pub resident_email: Option<String>,
    pub reason: Option<Reason>,
    pub notes: Option<String>,
    pub created_by: Option<MediatorId>,
    /// A coordinator's explicit choice to book outside the permanences.
    pub extra: bool,
}

/// The longest an appointment lasts (a slot or an extra), in minutes.
const MAX_MINUTES: u16 = 240;

/// Writes one line of an appointment's history, at instant `at`.
#[allow(clippy::too_many_arguments)]
fn event(
    tx: &Connection,
    id: AppointmentId,
    by: Option<MediatorId>,
    at: DateTime<Utc>,
    kind: &str,
    old_status: Option<Status>,
    new_status: Option<Status>,
    old_start: Option<DateTime<Utc>>,
    new_start: Option<DateTime<Utc>>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO appointment_events (appointment_id, at, by_mediator, kind, old_status,
            new_status, old_start, new_start) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.0,
        utc_text(at),
        by.map(|m| m.0),
        kind,
        old_status,
        new_status,
        old_start.map(utc_text),
        new_start.map(utc_text)
    ])?;
    Ok(())
}

const SELECT: &str =
    "SELECT a.id, a.site_id, a.permanence_id, a.start_at, a.end_at, a.resident_name,
    a.resident_phone, a.reason, a.notes, a.status, a.extra, a.created_by,
    a.undo_status IS NOT NULL AND v.id IS NULL, v.id, a.unconfirmed, a.resident_email
    FROM appointments a LEFT JOIN visits v ON v.appointment_id = a.id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Appointment> {
    let parse = |s: String| {
        DateTime::parse_from_rfc3339(&s)
            .map(|d| d.with_timezone(&Paris).fixed_offset())
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    3,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })
    };
    let start = parse(r.get(3)?)?;
    let end = parse(r.get(4)?)?;
    let name: Option<String> = r.get(5)?;
    let reason: Option<Reason> = r.get(7)?;
    Ok(Appointment {
        id: AppointmentId(r.get(0)?),
        site_id: SiteId(r.get(1)?),
        permanence_id: r.get::<_, Option<i64>>(2)?.map(PermanenceId),
        day: fr::weekday_date(start.date_naive()),
        hours: fr::time_range(start.time(), end.time()),
        who: name.clone().unwrap_or_else(|| "Anonyme".to_owned()),
        what_to_bring: reason.map(|r| r.what_to_bring().to_owned()),
        start,
        end,
        resident_name: name,
        resident_phone: r.get(6)?,
        resident_email: r.get(15)?,
        reason,
        notes: r.get(8)?,
        status: r.get(9)?,
        extra: r.get(10)?,
        created_by: r.get::<_, Option<i64>>(11)?.map(MediatorId),
        can_undo: r.get::<_, Option<bool>>(12)?.unwrap_or(false),
        visit_id: r.get::<_, Option<i64>>(13)?,
        unconfirmed: r.get(14)?,
    })
}

/// One appointment by id.
pub fn get(conn: &Connection, id: AppointmentId) -> Result<Appointment> {
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("Ce rendez-vous n'existe pas ou plus.".into()))
}

/// Appointments of one site (or all) starting in `[from, to)`, in time order.
pub fn list_between(
    conn: &Connection,
    site: Option<SiteId>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Appointment>> {
    // One statement per case, so that each can use its index ("?1 IS NULL OR" would not).
    let filter = match site {
        Some(_) => "a.site_id = ?1",
        None => "?1 IS NULL",
    };
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {filter} AND a.start_at >= ?2 AND a.start_at < ?3 ORDER BY a.start_at, a.id"
    ))?;
    let rows = stmt.query_map(
        params![site.map(|s| s.0), utc_text(from), utc_text(to)],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
