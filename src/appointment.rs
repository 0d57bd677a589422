//! Appointments: booking into a slot (capacity enforced in one transaction), status changes
//! with undo, rescheduling with history, and weekly series.

use chrono::{DateTime, Days, FixedOffset, NaiveDateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::db::now_utc;
use crate::error::{Error, Result};
use crate::fr;
use crate::mediator::MediatorId;
use crate::permanence::PermanenceId;
use crate::site::SiteId;
use crate::slot::{self, utc_text, Calendar};
use crate::validate;
use crate::vocab::{AppointmentStatus as Status, PermanenceKind, Reason};
use crate::waiting::{self, WaitingEntry};

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
    /// The visit recorded for this appointment.
    pub visit_id: Option<crate::visit::VisitId>,
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
    pub reason: Option<Reason>,
    pub notes: Option<String>,
    pub created_by: Option<MediatorId>,
    /// A coordinator's explicit choice to book outside the permanences.
    pub extra: bool,
}

/// The longest an appointment lasts (a slot or an extra), in minutes.
const MAX_MINUTES: u16 = 240;

/// Appointments starting at or before this instant cannot overlap one starting at `start`.
fn earliest(start: DateTime<Utc>) -> DateTime<Utc> {
    start - chrono::Duration::minutes(i64::from(MAX_MINUTES))
}

/// Where a booking lands: its permanence (if any) and its end.
struct Placement {
    permanence_id: Option<PermanenceId>,
    end: DateTime<Utc>,
}

/// Books an appointment. Refused, with nothing written, when the time is past, outside any
/// appointment slot (unless `extra`), on a closure or holiday, or when the slot is full.
pub fn book(conn: &Connection, input: &BookingInput, now: DateTime<Utc>) -> Result<Appointment> {
    let name = validate::text(
        "residentName",
        "Prénom ou initiales",
        &input.resident_name,
        80,
    )?;
    if name.as_ref().is_some_and(|n| n.chars().count() > 80) {
        return Err(Error::invalid(
            "residentName",
            "Prénom ou initiales : 80 caractères au plus.",
        ));
    }
    let phone = validate::phone("residentPhone", &input.resident_phone)?;
    let start = parse_start("start", &input.start)?;
    crate::db::write(conn, |tx| {
        crate::site::require_active(tx, input.site_id)?;
        let at = place(
            tx,
            input.site_id,
            start,
            input.duration_minutes,
            input.extra,
            None,
            now,
        )?;
        refuse_same_phone(tx, phone.as_deref(), start, at.end, None)?;
        tx.prepare_cached(
            "INSERT INTO appointments (site_id, permanence_id, start_at, end_at, resident_name,
                resident_phone, reason, notes, extra, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            input.site_id.0,
            at.permanence_id.map(|p| p.0),
            utc_text(start),
            utc_text(at.end),
            name,
            phone,
            input.reason,
            validate::text("notes", "Remarques", &input.notes, 2000)?,
            input.extra,
            input.created_by.map(|m| m.0),
            now_utc()
        ])?;
        let id = AppointmentId(tx.last_insert_rowid());
        event(
            tx,
            id,
            input.created_by,
            "booked",
            None,
            Some(Status::Booked),
            None,
            Some(start),
        )?;
        get(tx, id)
    })
}

/// Checks that `start` can take an appointment at `site` and finds its slot.
fn place(
    tx: &Connection,
    site: SiteId,
    start: DateTime<Utc>,
    duration: Option<u16>,
    extra: bool,
    ignore: Option<AppointmentId>,
    now: DateTime<Utc>,
) -> Result<Placement> {
    if start <= now {
        return Err(Error::invalid(
            "start",
            "Cette heure est déjà passée : choisissez un créneau à venir.",
        ));
    }
    let local = start.with_timezone(&Paris);
    let date = local.date_naive();
    let calendar = Calendar::load(tx, Some(site), date, date)?;
    let alsace: bool = tx
        .prepare_cached("SELECT alsace_moselle FROM sites WHERE id = ?1")?
        .query_row([site.0], |r| r.get(0))?;
    if let Some(why) = calendar.closed(site, date, alsace) {
        return Err(Error::invalid(
            "start",
            format!("Le lieu est fermé le {} : {why}.", fr::date_long(date)),
        ));
    }
    let slots = calendar.slots_on(date);
    let exact = slots
        .iter()
        .find(|s| s.start.to_utc() == start && s.kind != PermanenceKind::DropIn);
    if let Some(slot) = exact {
        let taken = places_taken(tx, site, start, slot.end.to_utc(), ignore)?;
        if taken >= i64::from(slot.capacity) {
            return Err(Error::Conflict {
                field: "start",
                message: format!(
                    "Ce créneau est complet : {}. Choisissez un autre horaire ou proposez la liste d'attente.",
                    if slot.capacity == 1 {
                        "sa place est déjà prise".to_owned()
                    } else {
                        format!("ses {} places sont prises", slot.capacity)
                    }
                ),
            });
        }
        return Ok(Placement {
            permanence_id: Some(slot.permanence_id),
            end: slot.end.to_utc(),
        });
    }
    if extra {
        let minutes = duration.unwrap_or(crate::permanence::DEFAULT_SLOT_MINUTES);
        if !(5..=MAX_MINUTES).contains(&minutes) {
            return Err(Error::invalid(
                "durationMinutes",
                "Durée : entre 5 et 240 minutes.",
            ));
        }
        return Ok(Placement {
            permanence_id: None,
            end: start + chrono::Duration::minutes(i64::from(minutes)),
        });
    }
    let covering = slots
        .iter()
        .find(|s| s.start.to_utc() <= start && start < s.end.to_utc());
    let message = match covering {
        Some(s) if s.kind == PermanenceKind::DropIn => format!(
            "Cette permanence est sans rendez-vous ({}) : la personne peut venir directement.",
            s.hours
        ),
        Some(_) => {
            let starts: Vec<String> = slots
                .iter()
                .filter(|s| s.kind != PermanenceKind::DropIn)
                .map(|s| fr::time(s.start.with_timezone(&Paris).time()))
                .collect();
            format!("Les rendez-vous commencent à {} : choisissez l'une de ces heures.", starts.join(", "))
        }
        None => "Aucune permanence sur rendez-vous dans ce lieu à cette heure. Cherchez le prochain créneau \
                 libre, ou cochez « rendez-vous exceptionnel »."
            .to_owned(),
    };
    Err(Error::invalid("start", message))
}

fn places_taken(
    tx: &Connection,
    site: SiteId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    ignore: Option<AppointmentId>,
) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            // The lower bound on start_at keeps this an index range of a few rows: no
            // appointment lasts longer than MAX_MINUTES, so none starting earlier overlaps.
            "SELECT count(*) FROM appointments
             WHERE site_id = ?1 AND start_at < ?3 AND start_at > ?5 AND end_at > ?2
               AND id IS NOT ?4 AND status IN ('booked', 'honoured', 'no_show')",
        )?
        .query_row(
            params![
                site.0,
                utc_text(start),
                utc_text(end),
                ignore.map(|i| i.0),
                utc_text(earliest(start))
            ],
            |r| r.get(0),
        )?)
}

/// One person cannot hold two appointments at the same time (matched on the phone number).
fn refuse_same_phone(
    tx: &Connection,
    phone: Option<&str>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    ignore: Option<AppointmentId>,
) -> Result<()> {
    let Some(phone) = phone else { return Ok(()) };
    let digits = |p: &str| p.chars().filter(char::is_ascii_digit).collect::<String>();
    let mut stmt = tx.prepare_cached(
        "SELECT resident_phone FROM appointments
         WHERE start_at < ?2 AND start_at > ?4 AND end_at > ?1 AND id IS NOT ?3
           AND resident_phone IS NOT NULL AND status IN ('booked', 'honoured', 'no_show')",
    )?;
    let phones = stmt
        .query_map(
            params![
                utc_text(start),
                utc_text(end),
                ignore.map(|i| i.0),
                utc_text(earliest(start))
            ],
            |r| r.get::<_, String>(0),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if phones.iter().any(|p| digits(p) == digits(phone)) {
        return Err(Error::Conflict {
            field: "residentPhone",
            message:
                "Cette personne (même numéro de téléphone) a déjà un rendez-vous à cette heure."
                    .into(),
        });
    }
    Ok(())
}

/// Reads "2027-03-30T14:00:00+02:00", or a Paris wall-clock time: "2027-03-30T14:00",
/// "2027-03-30 14:00", "30/03/2027 14h30".
pub fn parse_start(field: &'static str, text: &str) -> Result<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(t) {
        return Ok(instant.to_utc());
    }
    let unknown = || {
        Error::invalid(
            field,
            format!("Date et heure non reconnues « {t} ». Écrivez par exemple 30/03/2027 14:00."),
        )
    };
    let local = match NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M") {
        Ok(l) => l,
        // "30/03/2027 14h30", as a person types it.
        Err(_) => {
            let (d, h) = t.split_once(char::is_whitespace).ok_or_else(unknown)?;
            let date = validate::date(field, "Date", d).map_err(|_| unknown())?;
            let time = validate::time(field, "Heure", h).map_err(|_| unknown())?;
            date.and_time(time)
        }
    };
    slot::local_instant(local.date(), local.time()).ok_or_else(|| {
        Error::invalid(
            field,
            "Cette heure n'existe pas ce jour-là (passage à l'heure d'été).",
        )
    })
}

/// The result of a status change: the appointment, and who to call when a place was freed.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub appointment: Appointment,
    /// Open waiting-list entries of the site, oldest first, when a future place was freed.
    pub call_list: Vec<WaitingEntry>,
}

/// Ends a booked appointment: honoured, no-show, or cancelled (by the resident or the desk).
pub fn set_status(
    conn: &Connection,
    id: AppointmentId,
    status: Status,
    by: Option<MediatorId>,
    now: DateTime<Utc>,
) -> Result<StatusChange> {
    crate::db::write(conn, |tx| {
        let current = get(tx, id)?;
        if current.status == status {
            return Ok(StatusChange {
                appointment: current,
                call_list: Vec::new(),
            });
        }
        if status == Status::Booked {
            return Err(Error::invalid(
                "status",
                "Pour revenir en arrière, utilisez « Annuler la dernière action ».",
            ));
        }
        if current.status != Status::Booked {
            return Err(Error::invalid(
                "status",
                format!(
                    "Ce rendez-vous est déjà noté « {} ». Utilisez « Annuler la dernière action » pour le corriger.",
                    current.status.label()
                ),
            ));
        }
        let today = now.with_timezone(&Paris).date_naive();
        if matches!(status, Status::Honoured | Status::NoShow) && current.start.date_naive() > today
        {
            return Err(Error::invalid(
                "status",
                "Ce rendez-vous est à venir : sa venue ou son absence se note le jour même.",
            ));
        }
        write_status(tx, id, current.status, status, by, "status")?;
        let freed = !status.holds_a_place() && current.start.to_utc() > now;
        let call_list = if freed {
            waiting::list_open(tx, Some(current.site_id))?
        } else {
            Vec::new()
        };
        Ok(StatusChange {
            appointment: get(tx, id)?,
            call_list,
        })
    })
}

/// Undoes the last status change of an appointment (a misclick on "Absent"…).
pub fn undo_status(
    conn: &Connection,
    id: AppointmentId,
    by: Option<MediatorId>,
) -> Result<Appointment> {
    crate::db::write(conn, |tx| {
        let current = get(tx, id)?;
        let old: Option<Status> = tx
            .prepare_cached("SELECT undo_status FROM appointments WHERE id = ?1")?
            .query_row([id.0], |r| r.get(0))?;
        let Some(old) = old else {
            return Err(Error::invalid(
                "status",
                "Il n'y a rien à annuler pour ce rendez-vous.",
            ));
        };
        if current.visit_id.is_some() {
            return Err(Error::Conflict {
                field: "status",
                message: "Un accompagnement est noté pour ce rendez-vous : supprimez-le d'abord dans « Accompagnements » si la personne n'est pas venue.".into(),
            });
        }
        let new = current.status;
        if old.holds_a_place() && !new.holds_a_place() {
            // Giving the place back: someone may have taken it meanwhile.
            let cap = capacity_of(tx, current.permanence_id)?;
            let taken = places_taken(
                tx,
                current.site_id,
                current.start.to_utc(),
                current.end.to_utc(),
                Some(id),
            )?;
            if cap.is_some_and(|c| taken >= c) {
                return Err(Error::Conflict {
                    field: "status",
                    message: "La place a été reprise entre-temps : ce rendez-vous ne peut pas être rétabli.".into(),
                });
            }
        }
        write_status(tx, id, new, old, by, "undo")?;
        get(tx, id)
    })
}

fn capacity_of(tx: &Connection, permanence: Option<PermanenceId>) -> Result<Option<i64>> {
    let Some(p) = permanence else { return Ok(None) };
    Ok(tx
        .query_row(
            "SELECT capacity FROM permanences WHERE id = ?1",
            [p.0],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn write_status(
    tx: &Connection,
    id: AppointmentId,
    old: Status,
    new: Status,
    by: Option<MediatorId>,
    kind: &str,
) -> Result<()> {
    // A change can be undone once; the undo itself cannot.
    let undo_to = (kind == "status").then_some(old);
    tx.prepare_cached(
        "UPDATE appointments SET status = ?2, status_by = ?3, status_at = ?4, undo_status = ?5
         WHERE id = ?1",
    )?
    .execute(params![id.0, new, by.map(|m| m.0), now_utc(), undo_to])?;
    event(tx, id, by, kind, Some(old), Some(new), None, None)
}

/// Moves a booked appointment to another slot of the same site; the move is kept in history.
pub fn reschedule(
    conn: &Connection,
    id: AppointmentId,
    new_start: &str,
    by: Option<MediatorId>,
    now: DateTime<Utc>,
) -> Result<Appointment> {
    let start = parse_start("start", new_start)?;
    crate::db::write(conn, |tx| {
        let current = get(tx, id)?;
        if current.status != Status::Booked {
            return Err(Error::invalid(
                "start",
                "Seul un rendez-vous prévu peut être déplacé.",
            ));
        }
        let minutes = u16::try_from((current.end - current.start).num_minutes()).ok();
        let at = place(
            tx,
            current.site_id,
            start,
            minutes,
            current.extra,
            Some(id),
            now,
        )?;
        refuse_same_phone(
            tx,
            current.resident_phone.as_deref(),
            start,
            at.end,
            Some(id),
        )?;
        tx.execute(
            "UPDATE appointments SET start_at = ?2, end_at = ?3, permanence_id = ?4 WHERE id = ?1",
            params![
                id.0,
                utc_text(start),
                utc_text(at.end),
                at.permanence_id.map(|p| p.0)
            ],
        )?;
        event(
            tx,
            id,
            by,
            "rescheduled",
            None,
            None,
            Some(current.start.to_utc()),
            Some(start),
        )?;
        get(tx, id)
    })
}

/// One occurrence of a series that could not be booked.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    /// "mardi 13 avril 2027 à 14 h".
    pub when: String,
    pub message: String,
}

/// What a series booking did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SeriesOutcome {
    pub booked: Vec<Appointment>,
    pub refused: Vec<Refusal>,
}

/// Books the same person every `every_weeks` weeks, `count` times, at the same local time.
/// Each occurrence that cannot be booked is reported; the others are booked.
pub fn book_series(
    conn: &Connection,
    input: &BookingInput,
    every_weeks: u8,
    count: u8,
    now: DateTime<Utc>,
) -> Result<SeriesOutcome> {
    if !(1..=8).contains(&every_weeks) {
        return Err(Error::invalid(
            "everyWeeks",
            "Fréquence : toutes les 1 à 8 semaines.",
        ));
    }
    if !(1..=52).contains(&count) {
        return Err(Error::invalid(
            "count",
            "Nombre de séances : entre 1 et 52.",
        ));
    }
    let first = parse_start("start", &input.start)?
        .with_timezone(&Paris)
        .naive_local();
    crate::db::write(conn, |tx| {
        let mut out = SeriesOutcome {
            booked: Vec::new(),
            refused: Vec::new(),
        };
        for k in 0..u64::from(count) {
            let Some(date) = first
                .date()
                .checked_add_days(Days::new(7 * u64::from(every_weeks) * k))
            else {
                break;
            };
            let when = format!("{} à {}", fr::weekday_date(date), fr::time(first.time()));
            let one = BookingInput {
                start: date
                    .and_time(first.time())
                    .format("%Y-%m-%dT%H:%M")
                    .to_string(),
                ..input.clone()
            };
            match book(tx, &one, now) {
                Ok(a) => out.booked.push(a),
                Err(e @ (Error::Validation { .. } | Error::Conflict { .. })) => {
                    out.refused.push(Refusal {
                        when,
                        message: e.to_string(),
                    })
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    })
}

#[allow(clippy::too_many_arguments)]
fn event(
    tx: &Connection,
    id: AppointmentId,
    by: Option<MediatorId>,
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
        now_utc(),
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
    a.undo_status IS NOT NULL AND v.id IS NULL, v.id
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
        reason,
        notes: r.get(8)?,
        status: r.get(9)?,
        extra: r.get(10)?,
        created_by: r.get::<_, Option<i64>>(11)?.map(MediatorId),
        can_undo: r.get::<_, Option<bool>>(12)?.unwrap_or(false),
        visit_id: r.get::<_, Option<i64>>(13)?.map(crate::visit::VisitId),
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
