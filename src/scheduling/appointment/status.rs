//! Ending an appointment (honoured, absent, cancelled) and undoing that, with the waiting
//! list to call when a place is freed.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::mediator::MediatorId;
use crate::network::permanence::PermanenceId;
use crate::network::vocab::AppointmentStatus as Status;
use crate::scheduling::waiting::{self, WaitingEntry};

use super::booking::places_taken;
use super::{event, get, Appointment, AppointmentId};

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
    crate::store::db::write(conn, |tx| {
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
        let today = crate::clock::today(now);
        if matches!(status, Status::Honoured | Status::NoShow) && current.start.date_naive() > today
        {
            return Err(Error::invalid(
                "status",
                "Ce rendez-vous est à venir : sa venue ou son absence se note le jour même.",
            ));
        }
        write_status(tx, id, current.status, status, by, now, "status")?;
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
    now: DateTime<Utc>,
) -> Result<Appointment> {
    crate::store::db::write(conn, |tx| {
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
        write_status(tx, id, new, old, by, now, "undo")?;
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
    at: DateTime<Utc>,
    kind: &str,
) -> Result<()> {
    // A change can be undone once; the undo itself cannot.
    let undo_to = (kind == "status").then_some(old);
    tx.prepare_cached(
        "UPDATE appointments SET status = ?2, status_by = ?3, status_at = ?4, undo_status = ?5
         WHERE id = ?1",
    )?
    .execute(params![id.0, new, by.map(|m| m.0), utc_text(at), undo_to])?;
    event(tx, id, by, at, kind, Some(old), Some(new), None, None)
}
