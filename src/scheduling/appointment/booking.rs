//! Booking an appointment into a slot, and moving it to another one.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection};

use crate::clock::{self, utc_text};
use crate::error::{Error, Result};
use crate::fr;
use crate::network::mediator::MediatorId;
use crate::network::permanence::PermanenceId;
use crate::network::site::SiteId;
use crate::network::vocab::{AppointmentStatus as Status, PermanenceKind};
use crate::scheduling::slot::Calendar;
use crate::scheduling::{absence, unavailable};
use crate::validate;

use super::{event, get, Appointment, AppointmentId, BookingInput, MAX_MINUTES};

/// Appointments starting at or before this instant cannot overlap one starting at `start`.
fn earliest(start: DateTime<Utc>) -> DateTime<Utc> {
    start - chrono::Duration::minutes(i64::from(MAX_MINUTES))
}

/// Where a booking lands: its permanence (if any) and its end.
struct Placement {
    permanence_id: Option<PermanenceId>,
    end: DateTime<Utc>,
}

/// Books an appointment (« à confirmer » when `unconfirmed`). Refused, with nothing written,
/// when the time is past, outside any appointment slot (unless `extra`), on a closure or
/// holiday, or when the slot is full.
pub(super) fn book(
    conn: &Connection,
    input: &BookingInput,
    unconfirmed: bool,
    now: DateTime<Utc>,
) -> Result<Appointment> {
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
    let email = validate::email("residentEmail", &input.resident_email)?;
    let start = parse_start("start", &input.start)?;
    let phone_key = crate::scheduling::search::phone_key(phone.as_deref());
    crate::store::db::write(conn, |tx| {
        crate::network::site::require_active(tx, input.site_id)?;
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
                resident_phone, reason, notes, extra, created_by, created_at, phone_key, unconfirmed,
                resident_email)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
            utc_text(now),
            phone_key,
            unconfirmed,
            email
        ])?;
        let id = AppointmentId(tx.last_insert_rowid());
        crate::scheduling::search::store_name_keys(tx, id, name.as_deref())?;
        event(
            tx,
            id,
            input.created_by,
            now,
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
        if let Some(summary) = unavailable::overlapping(tx, site, start, slot.end.to_utc())? {
            return Err(unavailable::refusal(&summary));
        }
        if let Some(why) = absence::blocking(tx, slot.permanence_id, start, slot.end.to_utc())? {
            return Err(absence::refusal(&why));
        }
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
        let minutes = duration.unwrap_or(crate::network::permanence::DEFAULT_SLOT_MINUTES);
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

pub(super) fn places_taken(
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
    clock::local_instant(local.date(), local.time()).ok_or_else(|| {
        Error::invalid(
            field,
            "Cette heure n'existe pas ce jour-là (passage à l'heure d'été).",
        )
    })
}

/// Moves a booked appointment to another slot of the same site (« à confirmer » when
/// `unconfirmed`); the move is kept in history.
pub(super) fn reschedule(
    conn: &Connection,
    id: AppointmentId,
    new_start: &str,
    by: Option<MediatorId>,
    unconfirmed: bool,
    now: DateTime<Utc>,
) -> Result<Appointment> {
    let start = parse_start("start", new_start)?;
    crate::store::db::write(conn, |tx| {
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
            "UPDATE appointments SET start_at = ?2, end_at = ?3, permanence_id = ?4,
                unconfirmed = ?5 WHERE id = ?1",
            params![
                id.0,
                utc_text(start),
                utc_text(at.end),
                at.permanence_id.map(|p| p.0),
                unconfirmed
            ],
        )?;
        event(
            tx,
            id,
            by,
            now,
            "rescheduled",
            None,
            None,
            Some(current.start.to_utc()),
            Some(start),
        )?;
        get(tx, id)
    })
}
