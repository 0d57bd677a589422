//! Finding an appointment when a resident phones ("I have an appointment, when is it?"): by
//! name or phone number, past and future, accents, case, spaces, dots and dashes ignored.
//!
//! Booking writes each appointment's search keys (`appointment_names`, one per word of the
//! name, and `phone_key`); a search reads an index range of the keys starting with what was
//! typed, so it stays a few milliseconds on a million appointments.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection};
use serde::Serialize;
use specta::Type;

use crate::clock::{day_bounds, today};
use crate::error::Result;
use crate::fr;
use crate::network::site::SiteId;
use crate::network::vocab::AppointmentStatus;
use crate::scheduling::appointment::AppointmentId;
use crate::validate;

/// Most appointments read from the index for one search: beyond, the text matches too many
/// to sort them all, and [`Findings::more`] asks for a longer one.
const CANDIDATES: i64 = 1000;

/// One appointment found.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Found {
    pub id: AppointmentId,
    pub site_id: SiteId,
    pub site_name: String,
    /// The local date, to open that day in the agenda.
    pub date: NaiveDate,
    /// "mardi 1er décembre 2026".
    pub day: String,
    /// "10 h 30".
    pub time: String,
    pub status: AppointmentStatus,
    /// The name given, or "Anonyme".
    pub who: String,
    pub phone: Option<String>,
    /// From today on (listed first), or before today.
    pub upcoming: bool,
    /// Whether the desk ticked « Prévenu(e) » (see [`crate::scheduling::reminder`]).
    pub reminded: bool,
}

/// What a search found: upcoming appointments first (soonest first), then past ones (latest
/// first).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Findings {
    pub found: Vec<Found>,
    /// More appointments match than were read: a longer text narrows the search.
    pub more: bool,
}

/// The search key of a phone number, as booking stores it in the appointment's row.
pub(crate) fn phone_key(phone: Option<&str>) -> Option<String> {
    phone.map(validate::phone_key).filter(|k| !k.is_empty())
}

/// Stores the search keys of a new appointment's name, one from each of its words.
pub(crate) fn store_name_keys(
    tx: &Connection,
    id: AppointmentId,
    name: Option<&str>,
) -> Result<()> {
    let Some(name) = name else { return Ok(()) };
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO appointment_names (key, appointment_id) VALUES (?1, ?2)",
    )?;
    for key in fr::word_keys(name) {
        insert.execute(params![key, id.0])?;
    }
    Ok(())
}

/// Whether `text` is a phone number being typed: digits, with spaces, dots, dashes, a plus or
/// brackets at most.
fn is_phone(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '(' | ')' | '/'))
}

/// The appointments whose name or phone number starts with `text`, at most `limit` of them.
/// Nothing for a text with no letter or digit.
pub fn find(conn: &Connection, text: &str, now: DateTime<Utc>, limit: usize) -> Result<Findings> {
    let (matching, key) = if is_phone(text) {
        (
            "SELECT id FROM appointments WHERE phone_key >= ?1 AND phone_key < ?2 LIMIT ?3",
            validate::phone_key(text),
        )
    } else {
        (
            "SELECT DISTINCT appointment_id AS id FROM appointment_names
             WHERE key >= ?1 AND key < ?2 LIMIT ?3",
            fr::search_key(text),
        )
    };
    if key.is_empty() {
        return Ok(Findings {
            found: Vec::new(),
            more: false,
        });
    }
    // Every key starting with `key` sorts between it and `key` followed by the last code point.
    let end = format!("{key}\u{10FFFF}");
    let sql = format!(
        "SELECT a.id, a.site_id, s.name, a.start_at, a.resident_name, a.resident_phone, a.status,
            a.reminded_at IS NOT NULL
         FROM ({matching}) k
         JOIN appointments a ON a.id = k.id JOIN sites s ON s.id = a.site_id"
    );
    let today = today(now);
    let (from_today, _) = day_bounds(today, today);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![key, end, CANDIDATES + 1], |r| {
        let start: String = r.get(3)?;
        let name: Option<String> = r.get(4)?;
        Ok((
            AppointmentId(r.get(0)?),
            SiteId(r.get(1)?),
            r.get::<_, String>(2)?,
            start,
            name,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, AppointmentStatus>(6)?,
            r.get::<_, bool>(7)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (id, site_id, site_name, start, name, phone, status, reminded) = row?;
        let Ok(start) = DateTime::parse_from_rfc3339(&start) else {
            continue;
        };
        let local = start.with_timezone(&Paris);
        found.push((
            start.to_utc(),
            Found {
                id,
                site_id,
                site_name,
                date: local.date_naive(),
                day: fr::weekday_date(local.date_naive()),
                time: fr::time(local.time()),
                status,
                who: name.unwrap_or_else(|| "Anonyme".to_owned()),
                phone,
                upcoming: start.to_utc() >= from_today,
                reminded,
            },
        ));
    }
    let more = i64::try_from(found.len()).unwrap_or(i64::MAX) > CANDIDATES;
    // Upcoming first, soonest first; then the past, latest first.
    found.sort_by(|(a_at, a), (b_at, b)| {
        b.upcoming.cmp(&a.upcoming).then_with(|| {
            let order = (a_at, a.id).cmp(&(b_at, b.id));
            if a.upcoming {
                order
            } else {
                order.reverse()
            }
        })
    });
    Ok(Findings {
        found: found.into_iter().take(limit).map(|(_, f)| f).collect(),
        more,
    })
}
