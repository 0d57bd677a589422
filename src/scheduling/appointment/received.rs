//! Appointments received from the other desks of a network (or changed on the server by a
//! calendar client), written as scheduling writes its own: checked, kept in the history,
//! and found by name or phone like any other. `crate::sharing` reads them off the server and
//! hands them here; it never writes the appointments itself.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use crate::clock::{self, utc_text};
use crate::error::Result;
use crate::fr;
use crate::network::permanence::PermanenceId;
use crate::network::site::SiteId;
use crate::network::vocab::{AppointmentStatus as Status, PermanenceKind, Reason};
use crate::scheduling::search;
use crate::scheduling::slot::Calendar;

use super::booking::places_taken;
use super::{event, get, Appointment, AppointmentId};

/// An appointment as the server holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The appointment it is here, when this desk knows it already.
    pub id: Option<AppointmentId>,
    pub site_id: SiteId,
    pub permanence_id: Option<PermanenceId>,
    /// Where the desk that wrote it put it.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Where its event shows it now, when a calendar client moved it since.
    pub shown: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub status: Status,
    pub reason: Option<Reason>,
    pub extra: bool,
    /// The person's name, phone and e-mail, when the network shares them (`None`: this desk
    /// keeps what it has).
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// What receiving did.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    pub appointment: Appointment,
    /// It was moved by a calendar client to the time its event shows, and that time holds it.
    pub moved: bool,
    /// It was moved by a calendar client to a time that cannot hold it (no slot then, or
    /// the slot full): it stays where its desk put it, and this says why, for a conflict.
    pub refused: Option<String>,
}

/// Writes an appointment received from the network: created, or brought up to date, with a
/// line in its history for a new booking, a move and a change of status, and its search
/// keys renewed when its name or phone changed.
pub fn receive(tx: &Connection, incoming: &Incoming, now: DateTime<Utc>) -> Result<Received> {
    let (mut start, mut end) = (incoming.start, incoming.end);
    let mut moved = false;
    let mut refused = None;
    if let Some((shown_start, shown_end)) = incoming.shown {
        if shown_start != incoming.start && incoming.status.holds_a_place() {
            match why_not(tx, incoming.site_id, shown_start, incoming.id)? {
                Some(why) => refused = Some(refusal(shown_start, &why)),
                None => {
                    (start, end) = (shown_start, shown_end);
                    moved = true;
                }
            }
        }
    }
    let id = match incoming.id {
        Some(id) => update(tx, id, incoming, start, end, now)?,
        None => insert(tx, incoming, start, end, now)?,
    };
    Ok(Received {
        appointment: get(tx, id)?,
        moved,
        refused,
    })
}

/// An appointment whose event was deleted on the server (from a calendar client): cancelled
/// by the site, never deleted here (nothing is lost), with a line in its history. Whether it
/// held a place (and so changed).
pub fn cancelled_elsewhere(tx: &Connection, id: AppointmentId, now: DateTime<Utc>) -> Result<bool> {
    let before = get(tx, id)?;
    if !before.status.holds_a_place() {
        return Ok(false);
    }
    tx.prepare_cached("UPDATE appointments SET status = ?2 WHERE id = ?1")?
        .execute(params![id.0, Status::Revoked])?;
    let (old, new) = (Some(before.status), Some(Status::Revoked));
    event(tx, id, None, now, "status", old, new, None, None)?;
    Ok(true)
}

fn insert(
    tx: &Connection,
    i: &Incoming,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<AppointmentId> {
    tx.prepare_cached(
        "INSERT INTO appointments (site_id, permanence_id, start_at, end_at, resident_name,
            resident_phone, reason, status, extra, created_at, phone_key, resident_email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        i.site_id.0,
        i.permanence_id.map(|p| p.0),
        utc_text(start),
        utc_text(end),
        i.name,
        i.phone,
        i.reason,
        i.status,
        i.extra,
        utc_text(now),
        search::phone_key(i.phone.as_deref()),
        i.email
    ])?;
    let id = AppointmentId(tx.last_insert_rowid());
    search::store_name_keys(tx, id, i.name.as_deref())?;
    event(
        tx,
        id,
        None,
        now,
        "booked",
        None,
        Some(i.status),
        None,
        Some(start),
    )?;
    Ok(id)
}

fn update(
    tx: &Connection,
    id: AppointmentId,
    i: &Incoming,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<AppointmentId> {
    let before = get(tx, id)?;
    let name = i.name.clone().or(before.resident_name.clone());
    let phone = i.phone.clone().or(before.resident_phone.clone());
    let email = i.email.clone().or(before.resident_email.clone());
    tx.prepare_cached(
        "UPDATE appointments SET start_at = ?2, end_at = ?3, status = ?4, reason = ?5,
            permanence_id = ?6, extra = ?7, resident_name = ?8, resident_phone = ?9,
            phone_key = ?10, resident_email = ?11 WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        utc_text(start),
        utc_text(end),
        i.status,
        i.reason,
        i.permanence_id.map(|p| p.0),
        i.extra,
        name,
        phone,
        search::phone_key(phone.as_deref()),
        email
    ])?;
    if name != before.resident_name {
        tx.prepare_cached("DELETE FROM appointment_names WHERE appointment_id = ?1")?
            .execute([id.0])?;
        search::store_name_keys(tx, id, name.as_deref())?;
    }
    if start != before.start.to_utc() {
        let old = Some(before.start.to_utc());
        event(
            tx,
            id,
            None,
            now,
            "rescheduled",
            None,
            None,
            old,
            Some(start),
        )?;
    }
    if i.status != before.status {
        let (old, new) = (Some(before.status), Some(i.status));
        event(tx, id, None, now, "status", old, new, None, None)?;
    }
    Ok(id)
}

/// Why `start` cannot hold an appointment at `site`, if it cannot: no appointment slot
/// starts then, or its places are all taken (the appointment itself not counted).
fn why_not(
    tx: &Connection,
    site: SiteId,
    start: DateTime<Utc>,
    itself: Option<AppointmentId>,
) -> Result<Option<String>> {
    let date = clock::today(start);
    let calendar = Calendar::load(tx, Some(site), date, date)?;
    let slot = calendar.slots_on(date).into_iter().find(|s| {
        s.start.to_utc() == start && s.site_id == site && s.kind != PermanenceKind::DropIn
    });
    let Some(slot) = slot else {
        return Ok(Some(
            "aucune permanence sur rendez-vous ne commence à cette heure".into(),
        ));
    };
    if let Some(summary) =
        crate::scheduling::unavailable::overlapping(tx, site, start, slot.end.to_utc())?
    {
        return Ok(Some(format!(
            "le créneau est indisponible (« {summary} » dans l'agenda du lieu)"
        )));
    }
    if let Some(why) =
        crate::scheduling::absence::blocking(tx, slot.permanence_id, start, slot.end.to_utc())?
    {
        return Ok(Some(format!(
            "le créneau est indisponible ({} à cette heure)",
            crate::scheduling::absence::lower_first(&why)
        )));
    }
    let taken = places_taken(tx, site, start, slot.end.to_utc(), itself)?;
    Ok((taken >= i64::from(slot.capacity)).then(|| "le créneau est complet".into()))
}

fn refusal(start: DateTime<Utc>, why: &str) -> String {
    let local = start.with_timezone(&clock::Paris);
    format!(
        "Ce rendez-vous a été déplacé dans un autre agenda au {} à {} : {why}. Il reste à son \
         heure ; déplacez-le ici ou remettez-le.",
        fr::date_long(local.date_naive()),
        fr::time(local.time())
    )
}
