//! A calendar chosen as a mediator's unavailability: one calendar of the network's account
//! (the mediator's own agenda, filled from a phone), read at every sync from its token like
//! the sites' calendars. Its events (single, all-day, floating, `DURATION`, repeating: read by
//! the same code as a site's foreign events) are handed to [`crate::scheduling::absence`],
//! which blocks the places of the permanences that mediator staffs while they last.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use super::account::Account;
use super::dav::{Collection, Dav};
use super::shared::{self, Shared};
use super::{marks, places};
use crate::error::{Error, Result};
use crate::network::mediator::MediatorId;
use crate::scheduling::absence::{self, Absence};

/// A calendar of the network's account, as the desk may choose it for a mediator.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AccountCalendar {
    /// Its display name (the last part of its address when it has none).
    pub name: String,
    /// The mediator it is read for, if it is chosen.
    pub mediator_id: Option<MediatorId>,
}

/// A mediator whose absences are read from a calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MediatorCalendar {
    pub mediator_id: MediatorId,
    pub mediator: String,
    /// The calendar's display name.
    pub calendar: String,
}

/// The calendars of the network's account a desk may choose for a mediator: not those
/// Permanences writes (sites, places, changes). Asks the server; outside a network, none.
pub fn account_calendars(conn: &Connection) -> Result<Vec<AccountCalendar>> {
    if !super::joined(conn)? {
        return Ok(Vec::new());
    }
    let acct = joined(conn)?;
    let chosen = chosen(conn)?;
    let mut out: Vec<AccountCalendar> = choosable(&acct.dav().collections(&acct.home)?)
        .into_iter()
        .map(|c| {
            let name = name_of(&c);
            let mediator_id = chosen
                .iter()
                .find(|m| m.calendar == name)
                .map(|m| m.mediator_id);
            AccountCalendar { name, mediator_id }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The mediators whose absences are read from a calendar, by name (a local read).
pub fn chosen(conn: &Connection) -> Result<Vec<MediatorCalendar>> {
    Ok(conn
        .prepare(
            "SELECT n.mediator_id, m.name, n.name FROM network_mediator_calendars n
               JOIN mediators m ON m.id = n.mediator_id ORDER BY m.name, m.id",
        )?
        .query_map([], |r| {
            Ok(MediatorCalendar {
                mediator_id: MediatorId(r.get(0)?),
                mediator: r.get(1)?,
                calendar: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Chooses the calendar (by its display name) read as `mediator`'s absences, and reads it at
/// once; `None` stops reading it and frees the places its events blocked (the conflicts they
/// raised end by themselves). Outside a network, for an unknown mediator or a calendar the
/// account does not have (or one already chosen for another mediator): a French message, and
/// nothing changes.
pub fn choose(
    conn: &Connection,
    mediator: MediatorId,
    calendar: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let acct = joined(conn)?;
    let known: Option<i64> = conn
        .query_row(
            "SELECT id FROM mediators WHERE id = ?1",
            [mediator.0],
            |r| r.get(0),
        )
        .optional()?;
    if known.is_none() {
        return Err(Error::NotFound(format!(
            "Aucun médiateur n'a le numéro {} : voyez la liste de l'équipe.",
            mediator.0
        )));
    }
    let Some(wanted) = calendar.map(str::trim) else {
        return crate::store::db::write(conn, |tx| {
            tx.execute(
                "DELETE FROM network_mediator_calendars WHERE mediator_id = ?1",
                [mediator.0],
            )?;
            let freed = absence::remove_mediator(tx, mediator)?;
            super::conflict::absence_gone(tx, &freed, now)
        });
    };
    if wanted.is_empty() {
        return Err(Error::invalid(
            "calendar",
            "Donnez le nom de l'agenda à lire comme les absences de ce médiateur.",
        ));
    }
    let dav = acct.dav();
    let found = choosable(&dav.collections(&acct.home)?);
    let Some(picked) = found.iter().find(|c| name_of(c) == wanted) else {
        let names: Vec<String> = found.iter().map(name_of).collect();
        return Err(Error::invalid(
            "calendar",
            format!(
                "Le compte du réseau n'a pas d'agenda « {wanted} » sur le serveur. {}",
                if names.is_empty() {
                    "Il n'en a aucun autre que ceux de Permanences : créez celui du médiateur \
                     depuis son téléphone ou son logiciel d'agenda, sous ce compte."
                        .to_owned()
                } else {
                    format!("Ses agendas : {}.", names.join(", "))
                }
            ),
        ));
    };
    crate::store::db::write(conn, |tx| {
        let other: Option<String> = tx
            .query_row(
                "SELECT m.name FROM network_mediator_calendars n
                   JOIN mediators m ON m.id = n.mediator_id
                 WHERE n.calendar = ?1 AND n.mediator_id <> ?2",
                params![picked.href, mediator.0],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(Error::invalid(
                "calendar",
                format!("L'agenda « {wanted} » est déjà lu comme les absences de {other}."),
            ));
        }
        let before: Option<String> = tx
            .query_row(
                "SELECT calendar FROM network_mediator_calendars WHERE mediator_id = ?1",
                [mediator.0],
                |r| r.get(0),
            )
            .optional()?;
        if before.as_deref() != Some(picked.href.as_str()) {
            // Another calendar: the former one's events no longer block.
            let freed = absence::remove_mediator(tx, mediator)?;
            super::conflict::absence_gone(tx, &freed, now)?;
        }
        tx.execute(
            "INSERT INTO network_mediator_calendars (mediator_id, calendar, name) VALUES (?1, ?2, ?3)
             ON CONFLICT (mediator_id) DO UPDATE SET name = excluded.name,
                sync_token = CASE WHEN calendar = excluded.calendar THEN sync_token END,
                calendar = excluded.calendar",
            params![mediator.0, picked.href, wanted],
        )?;
        Ok(())
    })?;
    super::alone(conn, || {
        read(conn, &dav, mediator, &picked.href, None, now).map(|_| ())
    })
}

/// Reads every chosen calendar from its token (a sync's step); returns how many events were
/// applied. A calendar deleted from the server (the mediator removed it from their phone) is
/// no longer read, and its absences free their places: the sync does not stop on it.
pub(super) fn read_all(
    conn: &Connection,
    acct: &Account,
    dav: &Dav,
    now: DateTime<Utc>,
) -> Result<usize> {
    let rows: Vec<(i64, String, Option<String>)> = conn
        .prepare("SELECT mediator_id, calendar, sync_token FROM network_mediator_calendars")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut n = 0;
    for (mediator, calendar, token) in rows {
        let mediator = MediatorId(mediator);
        match read(conn, dav, mediator, &calendar, token.as_deref(), now) {
            Ok(read) => n += read,
            Err(e) => {
                // Gone from the home: forgotten; still there (or no answer): a real failure.
                let gone = dav
                    .collections(&acct.home)
                    .is_ok_and(|listed| !listed.iter().any(|c| c.href == calendar));
                if !gone {
                    return Err(e);
                }
                crate::store::db::write(conn, |tx| {
                    tx.execute(
                        "DELETE FROM network_mediator_calendars WHERE mediator_id = ?1",
                        [mediator.0],
                    )?;
                    let freed = absence::remove_mediator(tx, mediator)?;
                    super::conflict::absence_gone(tx, &freed, now)
                })?;
            }
        }
    }
    Ok(n)
}

fn read(
    conn: &Connection,
    dav: &Dav,
    mediator: MediatorId,
    calendar: &str,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let Some((mut changes, full)) = super::pull::listing(dav, calendar, token)? else {
        return Ok(0);
    };
    if full {
        // A full listing says nothing of what is gone: what was read before and is not listed.
        let listed: Vec<&str> = changes.changed.iter().map(|i| i.href.as_str()).collect();
        let gone: Vec<String> = absence::sources_under(conn, calendar)?
            .into_iter()
            .filter(|s| !listed.contains(&s.as_str()))
            .collect();
        changes.removed.extend(gone);
    }
    let mut wanted: Vec<String> = changes.changed.iter().map(|i| i.href.clone()).collect();
    let (_, until) = super::repeat::window(now);
    for source in absence::expanded_before(conn, calendar, until)? {
        if !wanted.contains(&source) && !changes.removed.contains(&source) {
            wanted.push(source);
        }
    }
    let mut events = Vec::new();
    if !wanted.is_empty() {
        for item in dav.texts(calendar, &changes.changed, &wanted)? {
            let read = item.data.as_deref().map(|text| shared::read(text, now));
            // An event this program wrote, cancelled, marked free or unreadable: no absence.
            let blocking = match read {
                Some(Ok(Some(Shared::Foreign(b)))) => Some(b),
                _ => None,
            };
            events.push((item.href, blocking));
        }
    }
    let count = events.len() + changes.removed.len();
    crate::store::db::write(conn, |tx| {
        let mut freed = Vec::new();
        for href in &changes.removed {
            freed.extend(absence::remove(tx, href)?);
        }
        for (href, blocking) in &events {
            let Some(b) = blocking else {
                freed.extend(absence::remove(tx, href)?);
                continue;
            };
            let overlaps = absence::receive(
                tx,
                &Absence {
                    mediator_id: mediator,
                    source: href.clone(),
                    occurrences: b.occurrences.clone(),
                    expanded: b.expanded,
                },
            )?;
            for id in overlaps.overlapped {
                let why = absence::blocking_appointment(tx, id)?.unwrap_or_default();
                super::conflict::on_unavailable(
                    tx,
                    id.0,
                    &format!(
                        "{why} à l'heure de ce rendez-vous (notée dans l'agenda choisi pour ses \
                         absences), et personne d'autre n'assure cette permanence : le créneau \
                         est indisponible. Déplacez le rendez-vous dans l'Agenda, ou gardez-le \
                         si la personne peut tout de même être reçue."
                    ),
                    now,
                )?;
            }
            freed.extend(overlaps.freed);
        }
        super::conflict::absence_gone(tx, &freed, now)?;
        tx.execute(
            "UPDATE network_mediator_calendars SET sync_token = ?2 WHERE mediator_id = ?1",
            params![mediator.0, changes.token],
        )?;
        Ok(())
    })?;
    Ok(count)
}

fn joined(conn: &Connection) -> Result<Account> {
    super::account::account(conn)?.ok_or_else(|| {
        Error::invalid(
            "network",
            "Ce poste n'a pas rejoint de réseau : rejoignez-le d'abord (Paramètres › Réseau, ou \
             permanences network join), puis choisissez l'agenda d'un médiateur.",
        )
    })
}

/// The calendars of the home that Permanences does not write.
fn choosable(collections: &[Collection]) -> Vec<Collection> {
    collections
        .iter()
        .filter(|c| {
            let name = marks::name_of(&c.href);
            c.calendar
                && !name.starts_with("permanences-")
                && !name.starts_with(places::PREFIX)
                && name != marks::CALENDAR
        })
        .cloned()
        .collect()
}

fn name_of(c: &Collection) -> String {
    match c.name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ => marks::name_of(&c.href).to_owned(),
    }
}
