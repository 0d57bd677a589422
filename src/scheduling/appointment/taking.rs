//! Taking a place: the one path by which an appointment gets or changes its place — a
//! booking (in a permanence's slot, or exceptional), each occurrence of a series, a move to
//! another slot. The place is written here first, with the local rules (past, closed, full);
//! then the desk's [`PlaceClaimer`] says whether it is really this desk's. Alone, the local
//! database's word is final ([`Alone`]); in a network, the server's (`crate::sharing`). The
//! answer confirms the place, undoes it (another desk holds it: refused like a full slot), or
//! leaves it « à confirmer » (no answer in time: the next sync confirms it, or makes it a
//! conflict to settle).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;

use super::{booking, get, Appointment, AppointmentId, BookingInput};

/// What a claimer answers for a place just written here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The place is this desk's.
    Held,
    /// Others hold every place of the slot: the booking or the move is undone.
    Taken,
    /// No answer in time (a slow or unreachable server): kept here « à confirmer ».
    Unconfirmed,
}

/// Who has the last word on a place.
pub trait PlaceClaimer {
    /// Whether places at `site` wait for this claimer's word. Asked before the place is
    /// written, so that it is written « à confirmer » from the start: a crash before the
    /// answer leaves it so, and the next sync settles it.
    fn confirms(&self, conn: &Connection, site: SiteId) -> Result<bool>;

    /// Asks for the place that appointment `id` was just given here (its slot, or its new
    /// slot after a move). Called outside any transaction; may wait, for a bounded time.
    fn claim(&self, conn: &Connection, id: AppointmentId) -> Result<Claim>;

    /// Forgets what the claimer kept of appointment `id`, a booking being undone: called in
    /// the transaction that deletes it.
    fn forget(&self, tx: &Connection, id: AppointmentId) -> Result<()>;
}

/// A desk on its own: the local rules are the only ones, every place written is held.
#[derive(Debug, Clone, Copy, Default)]
pub struct Alone;

impl PlaceClaimer for Alone {
    fn confirms(&self, _: &Connection, _: SiteId) -> Result<bool> {
        Ok(false)
    }

    fn claim(&self, _: &Connection, _: AppointmentId) -> Result<Claim> {
        Ok(Claim::Held)
    }

    fn forget(&self, _: &Connection, _: AppointmentId) -> Result<()> {
        Ok(())
    }
}

/// A way of taking a place.
#[derive(Debug, Clone, Copy)]
pub enum Taking<'a> {
    /// A new appointment: in a slot, or exceptional (`input.extra`).
    Book(&'a BookingInput),
    /// A booked appointment moved to `start` (an instant, or a Paris wall-clock time).
    Move {
        id: AppointmentId,
        start: &'a str,
        by: Option<MediatorId>,
    },
}

/// Takes a place: written with the local rules, then claimed. Refused, with nothing kept,
/// when a local rule refuses it or when others hold every place of the slot; kept
/// « à confirmer » (`unconfirmed`) when the claimer could not answer in time.
pub fn take(
    conn: &Connection,
    claimer: &dyn PlaceClaimer,
    taking: Taking<'_>,
    now: DateTime<Utc>,
) -> Result<Appointment> {
    match taking {
        Taking::Book(input) => {
            let waits = claimer.confirms(conn, input.site_id)?;
            let booked = booking::book(conn, input, waits, now)?;
            if !waits {
                return Ok(booked);
            }
            match claimer.claim(conn, booked.id)? {
                Claim::Held => confirm(conn, booked.id),
                Claim::Unconfirmed => Ok(booked),
                Claim::Taken => {
                    withdraw(conn, claimer, booked.id)?;
                    Err(taken())
                }
            }
        }
        Taking::Move { id, start, by } => {
            let before = get(conn, id)?;
            let waits = claimer.confirms(conn, before.site_id)?;
            let moved = booking::reschedule(conn, id, start, by, waits, now)?;
            if !waits {
                return Ok(moved);
            }
            match claimer.claim(conn, id)? {
                Claim::Held => confirm(conn, id),
                Claim::Unconfirmed => Ok(moved),
                Claim::Taken => {
                    move_back(conn, &before)?;
                    Err(taken())
                }
            }
        }
    }
}

/// The refusal of a place that another desk took first.
pub fn taken() -> Error {
    Error::Conflict {
        field: "start",
        message: "Ce créneau vient d'être pris par un autre poste. Choisissez l'un des prochains créneaux libres."
            .into(),
    }
}

/// Marks an appointment's place as confirmed (its claimer answered, now or at a sync).
pub fn confirm(conn: &Connection, id: AppointmentId) -> Result<Appointment> {
    crate::store::db::write(conn, |tx| {
        tx.prepare_cached(
            "UPDATE appointments SET unconfirmed = 0 WHERE id = ?1 AND unconfirmed = 1",
        )?
        .execute([id.0])?;
        get(tx, id)
    })
}

/// Keeps an appointment at its time as an extra place, beyond its slot's capacity (a
/// conflict settled so: the desk decided to receive the person anyway).
pub fn keep_as_extra(conn: &Connection, id: AppointmentId) -> Result<()> {
    conn.prepare_cached("UPDATE appointments SET extra = 1 WHERE id = ?1")?
        .execute([id.0])?;
    Ok(())
}

/// Undoes a booking whose place others hold: the appointment, its history and its search
/// keys go (the person was never told it was booked), and the claimer forgets it.
fn withdraw(conn: &Connection, claimer: &dyn PlaceClaimer, id: AppointmentId) -> Result<()> {
    crate::store::db::write(conn, |tx| {
        claimer.forget(tx, id)?;
        // Its history and search keys go with it (ON DELETE CASCADE).
        tx.prepare_cached("DELETE FROM appointments WHERE id = ?1")?
            .execute([id.0])?;
        Ok(())
    })
}

/// Undoes a move whose new place others hold: the appointment is back where it was (and as
/// confirmed as it was), and the move leaves no line in its history.
fn move_back(conn: &Connection, before: &Appointment) -> Result<()> {
    crate::store::db::write(conn, |tx| {
        tx.prepare_cached(
            "UPDATE appointments SET start_at = ?2, end_at = ?3, permanence_id = ?4,
                unconfirmed = ?5 WHERE id = ?1",
        )?
        .execute(params![
            before.id.0,
            utc_text(before.start.to_utc()),
            utc_text(before.end.to_utc()),
            before.permanence_id.map(|p| p.0),
            before.unconfirmed
        ])?;
        tx.prepare_cached(
            "DELETE FROM appointment_events WHERE id = (SELECT max(id) FROM appointment_events
                WHERE appointment_id = ?1 AND kind = 'rescheduled')",
        )?
        .execute([before.id.0])?;
        Ok(())
    })
}
