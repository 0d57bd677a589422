//! Permanences: weekly recurring help-desk slots at a site, in Europe/Paris wall-clock time.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock;
use crate::error::{Error, Result};
use crate::fr;
use crate::network::mediator::MediatorId;
use crate::network::site::{self, SiteId};
use crate::network::vocab::{PermanenceKind, WEEKDAYS};
use crate::validate;

mod received;
pub use received::receive;

/// Identifies a permanence.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct PermanenceId(pub i64);

/// Default length of one appointment, in minutes.
pub const DEFAULT_SLOT_MINUTES: u16 = 30;

/// A weekly help-desk slot. Invariants (checked here and in the schema): `end_time` after
/// `start_time`; capacity 1–50; no other permanence of the same site overlaps it on the same
/// weekday during a common validity period.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Permanence {
    pub id: PermanenceId,
    pub site_id: SiteId,
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// Local time, "HH:MM".
    pub start_time: String,
    /// Local time, "HH:MM".
    pub end_time: String,
    pub kind: PermanenceKind,
    /// Length of one appointment, in minutes.
    pub slot_minutes: u16,
    /// How many people can be helped at once.
    pub capacity: u16,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub notes: Option<String>,
    pub mediator_ids: Vec<MediatorId>,
    /// "14 h – 17 h".
    pub hours: String,
    /// When the validity period matters to a reader: "jusqu'au 30 juin 2027",
    /// "à partir du 1er septembre 2027"; `None` for a permanence running now with no end.
    pub period: Option<String>,
    /// How a leaflet says it: "Mardi 14 h – 17 h, sans rendez-vous".
    pub summary: String,
}

/// What a person types to create or change a permanence. Times are accepted as "14:00",
/// "14h" or "14h30"; dates as "2027-03-30" or "30/03/2027".
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PermanenceInput {
    pub site_id: SiteId,
    pub weekday: u8,
    pub start_time: String,
    pub end_time: String,
    pub kind: Option<PermanenceKind>,
    pub slot_minutes: Option<u16>,
    pub capacity: Option<u16>,
    /// Empty means from today.
    pub valid_from: Option<String>,
    /// Empty means with no end.
    pub valid_until: Option<String>,
    pub notes: Option<String>,
    pub mediator_ids: Vec<MediatorId>,
}

struct Checked {
    weekday: u8,
    start: NaiveTime,
    end: NaiveTime,
    kind: PermanenceKind,
    slot_minutes: u16,
    capacity: u16,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
    notes: Option<String>,
}

fn check(input: &PermanenceInput, today: NaiveDate) -> Result<Checked> {
    if !(1..=7).contains(&input.weekday) {
        return Err(Error::invalid(
            "weekday",
            "Jour : choisissez un jour de la semaine.",
        ));
    }
    let start = validate::time("startTime", "Heure de début", &input.start_time)?;
    let end = validate::time("endTime", "Heure de fin", &input.end_time)?;
    if end <= start {
        return Err(Error::invalid(
            "endTime",
            format!(
                "Heure de fin : elle doit être après l'heure de début ({}).",
                fr::time(start)
            ),
        ));
    }
    let kind = input.kind.unwrap_or(PermanenceKind::DropIn);
    let slot_minutes = input.slot_minutes.unwrap_or(DEFAULT_SLOT_MINUTES);
    if !(5..=240).contains(&slot_minutes) {
        return Err(Error::invalid(
            "slotMinutes",
            "Durée d'un rendez-vous : entre 5 et 240 minutes.",
        ));
    }
    let length = (end - start).num_minutes();
    if kind != PermanenceKind::DropIn && i64::from(slot_minutes) > length {
        return Err(Error::invalid(
            "slotMinutes",
            format!(
                "Durée d'un rendez-vous : {slot_minutes} minutes ne tiennent pas dans cette permanence de {length} minutes."
            ),
        ));
    }
    let capacity = input.capacity.unwrap_or(1);
    if !(1..=50).contains(&capacity) {
        return Err(Error::invalid(
            "capacity",
            "Personnes accueillies en même temps : entre 1 et 50.",
        ));
    }
    let valid_from =
        validate::optional_date("validFrom", "Valable à partir du", &input.valid_from)?
            .unwrap_or(today);
    let valid_until = validate::optional_date("validUntil", "Jusqu'au", &input.valid_until)?;
    if let Some(until) = valid_until {
        if until < valid_from {
            return Err(Error::invalid(
                "validUntil",
                format!(
                    "Jusqu'au : la date de fin doit être après le début ({}).",
                    fr::date_short(valid_from)
                ),
            ));
        }
    }
    Ok(Checked {
        weekday: input.weekday,
        start,
        end,
        kind,
        slot_minutes,
        capacity,
        valid_from,
        valid_until,
        notes: validate::text("notes", "Remarques", &input.notes, 500)?,
    })
}

/// Creates a permanence at an active site. Named mediators are attached to the site too.
pub fn create(
    conn: &Connection,
    input: &PermanenceInput,
    now: DateTime<Utc>,
) -> Result<Permanence> {
    let today = clock::today(now);
    let c = check(input, today)?;
    crate::store::db::write(conn, |tx| {
        site::require_active(tx, input.site_id)?;
        refuse_overlap(tx, input.site_id, None, &c)?;
        let id = insert(tx, input.site_id, &c, now)?;
        write_mediators(tx, id, input.site_id, &input.mediator_ids)?;
        get(tx, id, today)
    })
}

/// Replaces every field of a permanence (it stays at its site).
pub fn update(
    conn: &Connection,
    id: PermanenceId,
    input: &PermanenceInput,
    now: DateTime<Utc>,
) -> Result<Permanence> {
    let today = clock::today(now);
    let c = check(input, today)?;
    crate::store::db::write(conn, |tx| {
        let site_id = get(tx, id, today)?.site_id;
        site::require_active(tx, site_id)?;
        refuse_overlap(tx, site_id, Some(id), &c)?;
        overwrite(tx, id, &c, now)?;
        tx.execute(
            "DELETE FROM permanence_mediators WHERE permanence_id = ?1",
            [id.0],
        )?;
        write_mediators(tx, id, site_id, &input.mediator_ids)?;
        get(tx, id, today)
    })
}

/// Writes a new permanence of `site` from checked fields.
fn insert(tx: &Connection, site: SiteId, c: &Checked, now: DateTime<Utc>) -> Result<PermanenceId> {
    tx.prepare_cached(
        "INSERT INTO permanences (site_id, weekday, start_time, end_time, kind, slot_minutes,
            capacity, valid_from, valid_until, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        site.0,
        c.weekday,
        hhmm(c.start),
        hhmm(c.end),
        c.kind,
        c.slot_minutes,
        c.capacity,
        c.valid_from,
        c.valid_until,
        c.notes,
        clock::utc_text(now)
    ])?;
    Ok(PermanenceId(tx.last_insert_rowid()))
}

/// Replaces the fields of permanence `id` with checked ones (it stays at its site).
fn overwrite(tx: &Connection, id: PermanenceId, c: &Checked, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "UPDATE permanences SET weekday = ?2, start_time = ?3, end_time = ?4, kind = ?5,
            slot_minutes = ?6, capacity = ?7, valid_from = ?8, valid_until = ?9, notes = ?10,
            updated_at = ?11
         WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        c.weekday,
        hhmm(c.start),
        hhmm(c.end),
        c.kind,
        c.slot_minutes,
        c.capacity,
        c.valid_from,
        c.valid_until,
        c.notes,
        clock::utc_text(now)
    ])?;
    Ok(())
}

/// Deletes a permanence. (To stop one while keeping its history, set its end date instead.)
pub fn delete(conn: &Connection, id: PermanenceId) -> Result<()> {
    match conn.execute("DELETE FROM permanences WHERE id = ?1", [id.0]) {
        Ok(0) => Err(not_found()),
        Ok(_) => Ok(()),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => Err(Error::Conflict {
            field: "permanence",
            message: "Cette permanence a déjà des rendez-vous : pour l'arrêter en gardant leur historique, \
                      indiquez une date de fin (« Jusqu'au »)."
                .into(),
        }),
        Err(e) => Err(e.into()),
    }
}

fn refuse_overlap(
    tx: &Connection,
    site: SiteId,
    me: Option<PermanenceId>,
    c: &Checked,
) -> Result<()> {
    let other = tx
        .query_row(
            "SELECT start_time, end_time FROM permanences
             WHERE site_id = ?1 AND weekday = ?2 AND id IS NOT ?3
               AND start_time < ?5 AND ?4 < end_time
               AND (valid_until IS NULL OR valid_until >= ?6)
               AND (?7 IS NULL OR ?7 >= valid_from)
             ORDER BY start_time LIMIT 1",
            params![
                site.0,
                c.weekday,
                me.map(|m| m.0),
                hhmm(c.start),
                hhmm(c.end),
                c.valid_from,
                c.valid_until
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?;
    match other {
        None => Ok(()),
        Some((s, e)) => {
            let range = hours_label(&s, &e);
            let day = WEEKDAYS[usize::from(c.weekday - 1)].to_lowercase();
            Err(Error::Conflict {
                field: "startTime",
                message: format!(
                    "Horaires : cette permanence chevauche celle du {day} {range} déjà prévue dans ce lieu. \
                     Changez les heures ou le jour."
                ),
            })
        }
    }
}

fn write_mediators(
    tx: &Connection,
    id: PermanenceId,
    site: SiteId,
    mediators: &[MediatorId],
) -> Result<()> {
    for m in mediators {
        let active: Option<bool> = tx
            .query_row(
                "SELECT archived_at IS NULL FROM mediators WHERE id = ?1",
                [m.0],
                |r| r.get(0),
            )
            .optional()?;
        if active != Some(true) {
            return Err(Error::invalid(
                "mediatorIds",
                "Médiateurs : l'une des personnes choisies n'existe plus ou est archivée.",
            ));
        }
        tx.execute(
            "INSERT OR IGNORE INTO permanence_mediators (permanence_id, mediator_id) VALUES (?1, ?2)",
            params![id.0, m.0],
        )?;
        // Whoever holds a permanence works at its site.
        tx.execute(
            "INSERT OR IGNORE INTO site_mediators (site_id, mediator_id) VALUES (?1, ?2)",
            params![site.0, m.0],
        )?;
    }
    Ok(())
}

const SELECT: &str = "SELECT p.id, p.site_id, p.weekday, p.start_time, p.end_time, p.kind,
    p.slot_minutes, p.capacity, p.valid_from, p.valid_until, p.notes,
    (SELECT group_concat(mediator_id) FROM (SELECT mediator_id FROM permanence_mediators
        WHERE permanence_id = p.id ORDER BY mediator_id))
    FROM permanences p";

fn from_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Permanence> {
    let weekday: u8 = r.get(2)?;
    let start_time: String = r.get(3)?;
    let end_time: String = r.get(4)?;
    let kind: PermanenceKind = r.get(5)?;
    let mediators: Option<String> = r.get(11)?;
    let range = hours_label(&start_time, &end_time);
    let day = WEEKDAYS
        .get(usize::from(weekday.saturating_sub(1)))
        .copied()
        .unwrap_or_default();
    let valid_from: NaiveDate = r.get(8)?;
    let valid_until: Option<NaiveDate> = r.get(9)?;
    let period = match (valid_from > today, valid_until) {
        (true, Some(u)) => Some(format!(
            "du {} au {}",
            fr::date_long(valid_from),
            fr::date_long(u)
        )),
        (true, None) => Some(format!("à partir du {}", fr::date_long(valid_from))),
        (false, Some(u)) => Some(format!("jusqu'au {}", fr::date_long(u))),
        (false, None) => None,
    };
    Ok(Permanence {
        id: PermanenceId(r.get(0)?),
        site_id: SiteId(r.get(1)?),
        weekday,
        summary: format!("{day} {range}, {}", kind.label()),
        hours: range,
        period,
        start_time,
        end_time,
        kind,
        slot_minutes: r.get(6)?,
        capacity: r.get(7)?,
        valid_from,
        valid_until,
        notes: r.get(10)?,
        mediator_ids: mediators
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| s.parse().ok().map(MediatorId))
            .collect(),
    })
}

/// One permanence by id.
pub fn get(conn: &Connection, id: PermanenceId, today: NaiveDate) -> Result<Permanence> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id.0], |r| {
        from_row(r, today)
    })
    .optional()?
    .ok_or_else(not_found)
}

/// A site's permanences, by weekday then start time.
pub fn list_for_site(conn: &Connection, site: SiteId, today: NaiveDate) -> Result<Vec<Permanence>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE p.site_id = ?1 ORDER BY p.weekday, p.start_time, p.valid_from"
    ))?;
    let rows = stmt.query_map([site.0], |r| from_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// "14 h – 17 h" from stored "HH:MM" times (as stored, should one not parse).
fn hours_label(start: &str, end: &str) -> String {
    match (parse_hhmm(start), parse_hhmm(end)) {
        (Some(s), Some(e)) => fr::time_range(s, e),
        _ => format!("{start} – {end}"),
    }
}

fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

fn not_found() -> Error {
    Error::NotFound("Cette permanence n'existe pas ou plus.".into())
}
