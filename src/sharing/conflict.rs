//! The conflicts a sync could not settle alone, and how the desk settles them: an appointment
//! whose place another desk took while this one was offline (move it in the agenda, or keep
//! it as an extra place), or one moved in a calendar client into a full slot or out of every
//! permanence (move it here, or send this desk's version back); and a record received from
//! another desk that breaks a rule here (a permanence that overlaps one of this desk's), not
//! applied until one of the desks changes it (the desk acknowledges it); and a permanence or
//! closure a calendar client removed from the server (send it back, or delete it here too).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::scheduling::appointment::{self, Appointment, AppointmentId};

/// Identifies a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
// SQLite rowids stay far below 2^53: they cross to TypeScript as plain numbers.
#[specta(type = specta_typescript::Number)]
pub struct ConflictId(pub i64);

/// A conflict to settle.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: ConflictId,
    /// The appointment in conflict; `None` for a received record not applied.
    pub appointment: Option<Appointment>,
    /// What happened and what to do, in French.
    pub message: String,
    /// A permanence or closure a calendar client removed from the server: settled by sending
    /// it back ([`Settle::SendOurs`]) or deleting it here too ([`Settle::Acknowledge`]).
    pub removed: bool,
    /// When the sync found it, stored UTC.
    pub at: String,
}

/// How the desk settles a conflict (moving the appointment in the agenda settles it too,
/// once the move reaches the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Settle {
    /// Kept at its time as an extra place, beyond the slot's capacity.
    KeepAsExtra,
    /// This desk's version sent to the server again (a move made elsewhere is undone).
    SendOurs,
    /// Read and understood (a received record not applied: nothing to send); for a record a
    /// calendar client removed from the server, deleted here too.
    Acknowledge,
}

/// The open conflicts, oldest first.
pub fn conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    let rows: Vec<(i64, Option<i64>, String, String, bool)> = conn
        .prepare(
            "SELECT id, appointment_id, message, at, removed_kind IS NOT NULL FROM network_conflicts
             WHERE settled_at IS NULL AND (appointment_id IS NOT NULL OR href IS NOT NULL)
             ORDER BY at, id",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, a, message, at, removed)| {
            Ok(Conflict {
                id: ConflictId(id),
                appointment: match a {
                    Some(a) => Some(appointment::get(conn, AppointmentId(a))?),
                    None => None,
                },
                message,
                removed,
                at,
            })
        })
        .collect()
}

/// A conflict that ended by itself (the event that caused it went away), shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EndedConflict {
    pub id: ConflictId,
    /// The appointment it was about, if it is still here.
    pub appointment: Option<Appointment>,
    /// How it ended, in French.
    pub note: String,
    /// When the sync saw it end, stored UTC.
    pub ended_at: String,
}

/// How long a conflict that ended by itself is shown: a week before the last sync.
const ENDED_SHOWN: &str = "-7 days";

/// The conflicts that ended by themselves in the week before the last sync and that the desk
/// has not seen yet (it marks one seen with [`Settle::Acknowledge`]), oldest first.
pub fn ended_conflicts(conn: &Connection) -> Result<Vec<EndedConflict>> {
    let rows: Vec<(i64, Option<i64>, String, String)> = conn
        .prepare(
            "SELECT c.id, c.appointment_id, c.ended, c.settled_at FROM network_conflicts c
             WHERE c.ended IS NOT NULL AND c.ended_seen = 0
               AND c.settled_at >= (SELECT strftime('%Y-%m-%dT%H:%M:%SZ', synced_at, ?1)
                                    FROM network_account)
             ORDER BY c.settled_at, c.id",
        )?
        .query_map([ENDED_SHOWN], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, a, note, ended_at)| {
            Ok(EndedConflict {
                id: ConflictId(id),
                appointment: match a {
                    Some(a) => appointment::get(conn, AppointmentId(a)).ok(),
                    None => None,
                },
                note,
                ended_at,
            })
        })
        .collect()
}

/// Settles a conflict; the change is sent at the next sync. A conflict that ended by itself
/// ([`ended_conflicts`]) is only acknowledged: marked seen, it is not shown again.
pub fn settle(conn: &Connection, id: ConflictId, how: Settle, now: DateTime<Utc>) -> Result<()> {
    let id = id.0;
    crate::store::db::write(conn, |tx| {
        let ended: bool = tx
            .query_row(
                "SELECT ended IS NOT NULL FROM network_conflicts WHERE id = ?1 AND settled_at IS NOT NULL",
                [id],
                |r| r.get(0),
            )
            .unwrap_or(false);
        if ended {
            if how != Settle::Acknowledge {
                return Err(Error::invalid(
                    "how",
                    "Ce conflit s'est réglé seul : il n'y a rien à déplacer ni à renvoyer.",
                ));
            }
            tx.execute(
                "UPDATE network_conflicts SET ended_seen = 1 WHERE id = ?1",
                [id],
            )?;
            return Ok(());
        }
        let (appointment, removed): (Option<i64>, Option<(String, i64)>) = tx
            .query_row(
                "SELECT appointment_id, removed_kind, removed_id FROM network_conflicts
                 WHERE id = ?1 AND settled_at IS NULL",
                [id],
                |r| {
                    let kind: Option<String> = r.get(1)?;
                    let local: Option<i64> = r.get(2)?;
                    Ok((r.get(0)?, kind.zip(local)))
                },
            )
            .map_err(|_| Error::NotFound("Ce conflit n'existe pas ou a déjà été réglé.".into()))?;
        tx.execute(
            "UPDATE network_conflicts SET settled_at = ?2 WHERE id = ?1",
            params![id, crate::clock::utc_text(now)],
        )?;
        if let Some((kind, local)) = removed {
            return settle_removed(tx, &kind, local, how);
        }
        let Some(appointment) = appointment else {
            // A received record not applied: understood, nothing to send.
            return Ok(());
        };
        if how == Settle::Acknowledge {
            return Err(Error::invalid(
                "how",
                "Ce conflit porte sur un rendez-vous : déplacez-le, gardez-le en place supplémentaire \
                 ou renvoyez la version de ce poste.",
            ));
        }
        if how == Settle::KeepAsExtra {
            appointment::keep_as_extra(tx, AppointmentId(appointment))?;
        }
        tx.execute(
            "INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('appointment', ?1)",
            [appointment],
        )?;
        Ok(())
    })
}

/// A permanence or closure a calendar client removed from the server: sent back (queued, its
/// resource made anew), or deleted here too by the area that owns it.
fn settle_removed(tx: &Connection, kind: &str, local: i64, how: Settle) -> Result<()> {
    match how {
        Settle::SendOurs => {
            tx.execute(
                "INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES (?1, ?2)",
                params![kind, local],
            )?;
            Ok(())
        }
        Settle::Acknowledge => {
            let gone = if kind == "closure" {
                crate::network::closure::delete(tx, crate::network::closure::ClosureId(local))
            } else {
                crate::network::permanence::delete(
                    tx,
                    crate::network::permanence::PermanenceId(local),
                )
            };
            match gone {
                Ok(()) | Err(Error::NotFound(_)) => Ok(()),
                Err(e) => Err(e),
            }
        }
        Settle::KeepAsExtra => Err(Error::invalid(
            "how",
            "Ce conflit ne porte pas sur un rendez-vous : remettez l'élément sur le serveur, ou \
             supprimez-le ici aussi.",
        )),
    }
}

/// Records that a calendar client removed the permanence or closure `local` (`kind`) from the
/// server, at `href` (one open conflict per resource).
pub(super) fn on_removed(
    tx: &Connection,
    href: &str,
    kind: super::shared::Kind,
    local: i64,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    on_resource(tx, href, message, now)?;
    tx.execute(
        "UPDATE network_conflicts SET removed_kind = ?2, removed_id = ?3
         WHERE href = ?1 AND settled_at IS NULL",
        params![href, kind.code(), local],
    )?;
    Ok(())
}

/// Records a conflict on an appointment (one open conflict per appointment).
pub(super) fn on_appointment(
    conn: &Connection,
    appointment: i64,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    open_on(conn, appointment, message, now, false)
}

/// Records a conflict on an appointment that an event of the site's calendar (a calendar
/// client's) now overlaps: it ends by itself when that event goes away
/// ([`unavailable_gone`]).
pub(super) fn on_unavailable(
    conn: &Connection,
    appointment: i64,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    open_on(conn, appointment, message, now, true)
}

/// Opens a conflict on an appointment unless one is open already; `unavailable` when an
/// event of a calendar raised it (it can end by itself).
fn open_on(
    conn: &Connection,
    appointment: i64,
    message: &str,
    now: DateTime<Utc>,
    unavailable: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO network_conflicts (appointment_id, message, at, unavailable)
         SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM network_conflicts
            WHERE appointment_id = ?1 AND settled_at IS NULL)",
        params![
            appointment,
            message,
            crate::clock::utc_text(now),
            unavailable
        ],
    )?;
    Ok(())
}

/// The events of the site's calendar that made these appointments' places unavailable went
/// away (deleted, moved off, marked free) and none overlaps them now: the conflicts they
/// raised end by themselves, with a note of how.
pub(super) fn unavailable_gone(
    tx: &Connection,
    appointments: &[AppointmentId],
    now: DateTime<Utc>,
) -> Result<()> {
    ended(tx, appointments, now, GONE)
}

/// The absences of a mediator that made these appointments' places unavailable went away
/// (deleted or moved in their calendar, or the calendar no longer read): as
/// [`unavailable_gone`].
pub(super) fn absence_gone(
    tx: &Connection,
    appointments: &[AppointmentId],
    now: DateTime<Utc>,
) -> Result<()> {
    ended(tx, appointments, now, ABSENCE_GONE)
}

/// Ends the conflicts of these appointments raised by an unavailability, with `note`, unless
/// another one (a site's event, a mediator's absence) still blocks the place.
fn ended(
    tx: &Connection,
    appointments: &[AppointmentId],
    now: DateTime<Utc>,
    note: &str,
) -> Result<()> {
    for id in appointments {
        if crate::scheduling::unavailable::overlapping_appointment(tx, *id)?.is_some()
            || crate::scheduling::absence::blocking_appointment(tx, *id)?.is_some()
        {
            continue;
        }
        tx.prepare_cached(
            "UPDATE network_conflicts SET settled_at = ?2, ended = ?3
             WHERE appointment_id = ?1 AND settled_at IS NULL AND unavailable = 1",
        )?
        .execute(params![id.0, crate::clock::utc_text(now), note])?;
    }
    Ok(())
}

/// How a conflict raised by an event of the site's calendar ended without the desk.
pub const GONE: &str = "L'événement de l'agenda du lieu qui rendait ce créneau indisponible a été \
    supprimé ou déplacé : le rendez-vous n'est plus en conflit, rien n'est à régler.";

/// How a conflict raised by a mediator's absence ended without the desk.
pub const ABSENCE_GONE: &str = "L'absence du médiateur qui rendait ce créneau indisponible a été \
    supprimée ou déplacée dans son agenda (ou cet agenda n'est plus lu) : le rendez-vous n'est \
    plus en conflit, rien n'est à régler.";

/// Records that the received resource at `href` could not be applied here (one open
/// conflict per resource: a newer version refused again replaces the message).
pub(super) fn on_resource(
    tx: &Connection,
    href: &str,
    message: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = crate::clock::utc_text(now);
    let updated = tx.execute(
        "UPDATE network_conflicts SET message = ?2, at = ?3 WHERE href = ?1 AND settled_at IS NULL",
        params![href, message, at],
    )?;
    if updated == 0 {
        tx.execute(
            "INSERT INTO network_conflicts (href, message, at) VALUES (?1, ?2, ?3)",
            params![href, message, at],
        )?;
    }
    Ok(())
}

/// Once the received resource at `href` is applied, its open conflict is settled.
pub(super) fn settled_on_resource(tx: &Connection, href: &str, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "UPDATE network_conflicts SET settled_at = ?2 WHERE href = ?1 AND settled_at IS NULL",
    )?
    .execute(params![href, crate::clock::utc_text(now)])?;
    Ok(())
}

/// Once an appointment's version reached the server, its open conflicts are settled.
pub(super) fn settled_by_sending(
    conn: &Connection,
    appointment: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE network_conflicts SET settled_at = ?2 WHERE appointment_id = ?1 AND settled_at IS NULL",
        params![appointment, crate::clock::utc_text(now)],
    )?;
    Ok(())
}
