//! Sending the desk's changes: the queue that the database's triggers fill (`network_outbox`),
//! oldest first; each record is written whole to its resource. An appointment's place is
//! claimed first: a resource named after the permanence, the slot's start and the place
//! number, created only if absent, so that the server refuses the second desk (412).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::account::Account;
use super::dav::{Dav, Removed};
use super::marks;
use super::places::{self, claim, held, place_name, release};
use super::shared::{self, stored, AppointmentData, ClosureData, Kind, PermanenceData, Stored};
use super::write::{known, parent, write};
use crate::error::Result;

/// Appointments that hold a place.
pub(super) const ACTIVE: [&str; 3] = ["booked", "honoured", "no_show"];

/// What a send did.
pub(super) struct Sent {
    /// How many records were sent.
    pub records: usize,
    /// The calendars written to (their marks rewritten), to be read back: the desk's sync
    /// token then covers its own writes (asked for the changes since an older token, Xandikos
    /// leaves out an event created and deleted since, so a deletion made in a calendar client
    /// would be missed).
    pub calendars: Vec<String>,
}

/// Sends every queued change; stops at the first network failure (the rest stays queued).
pub(super) fn outbox(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    now: DateTime<Utc>,
) -> Result<Sent> {
    let mut sent = 0;
    loop {
        let next: Option<(i64, Kind, i64)> = conn
            .query_row(
                "SELECT seq, kind, local_id FROM network_outbox ORDER BY seq LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((seq, kind, id)) = next else {
            // Everything is on the server: the other desks are told which calendars changed.
            return Ok(Sent {
                records: sent,
                calendars: marks::send(conn, account, dav, now)?,
            });
        };
        match kind {
            Kind::Appointment => appointment(conn, account, dav, id, now)?,
            Kind::Permanence => permanence(conn, dav, id, now)?,
            Kind::Closure => closure(conn, dav, id, now)?,
            Kind::Site => crate::store::db::write(conn, |tx| {
                tx.execute(
                    "INSERT OR IGNORE INTO network_outbox (kind, local_id)
                     SELECT 'permanence', id FROM permanences WHERE site_id = ?1",
                    [id],
                )?;
                Ok(())
            })?,
        }
        conn.execute("DELETE FROM network_outbox WHERE seq = ?1", [seq])?;
        sent += 1;
    }
}

/// The calendar of a shared site.
pub(super) fn calendar_of(conn: &Connection, site_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT calendar FROM network_sites WHERE site_id = ?1")?
        .query_row([site_id], |r| r.get(0))
        .optional()?)
}

/// A permanence or closure deleted here: its resource becomes a tombstone that the other desks
/// read and follow (a resource that simply disappears is a calendar client's doing, which
/// they do not follow unasked). The record's network identity is forgotten here, so that a
/// new record given the same local id gets a new one.
fn bury(conn: &Connection, dav: &Dav, kind: Kind, id: i64, now: DateTime<Utc>) -> Result<()> {
    if let (Some((href, _)), Some(uid)) =
        (known(conn, kind, id)?, shared::find_uid(conn, kind, id)?)
    {
        let ics = super::tombstone::tombstone_ics(kind, &uid, now)?;
        write(conn, dav, &href, kind, id, &ics)?;
        crate::store::db::write(conn, |tx| super::tombstone::written(tx, &href, now))?;
    }
    crate::store::db::write(conn, |tx| super::tombstone::forget(tx, kind, id))
}

fn remove(conn: &Connection, dav: &Dav, kind: Kind, id: i64) -> Result<()> {
    if let Some((href, etag)) = known(conn, kind, id)? {
        marks::note(conn, parent(&href))?;
        match dav.delete(&href, etag.as_deref())? {
            Removed::Done | Removed::Gone => {}
            Removed::Precondition => {
                dav.delete(&href, None)?;
            }
        }
        conn.execute("DELETE FROM network_resources WHERE href = ?1", [&href])?;
    }
    Ok(())
}

/// The permanence and its site, as shared.
pub(super) fn permanence_data(conn: &Connection, id: i64) -> Result<Option<(i64, PermanenceData)>> {
    let row = conn
        .query_row(
            "SELECT site_id, weekday, start_time, end_time, kind, slot_minutes, capacity,
                    valid_from, valid_until, notes FROM permanences WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            },
        )
        .optional()?;
    let Some((
        site_id,
        weekday,
        start_time,
        end_time,
        kind,
        slot_minutes,
        capacity,
        valid_from,
        valid_until,
        notes,
    )) = row
    else {
        return Ok(None);
    };
    let data = crate::store::db::write(conn, |tx| {
        Ok(PermanenceData {
            uid: shared::uid_of(tx, Kind::Permanence, id)?,
            site_uid: shared::uid_of(tx, Kind::Site, site_id)?,
            site: shared::site_json(tx, site_id)?,
            weekday,
            start_time,
            end_time,
            kind,
            slot_minutes,
            capacity,
            valid_from,
            valid_until,
            notes,
        })
    })?;
    Ok(Some((site_id, data)))
}

/// What a permanence or closure is to send.
pub(super) enum Resource {
    /// Deleted here: a tombstone goes instead ([`bury`]).
    Gone,
    /// Its site is not shared.
    NotShared,
    /// Its address in its site's calendar, and its text.
    Write { href: String, ics: String },
}

/// A permanence's resource, as sent.
pub(super) fn permanence_resource(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Resource> {
    let Some((site_id, data)) = permanence_data(conn, id)? else {
        return Ok(Resource::Gone);
    };
    let Some(calendar) = calendar_of(conn, site_id)? else {
        return Ok(Resource::NotShared);
    };
    // A permanence that opens on no day of the coming year (its site archived, its end
    // passed) is not shown, but its data still travels: the others follow it.
    let ics = match shared::permanence_ics(conn, id, &data, now)? {
        Some(ics) => ics,
        None => super::tombstone::dormant_permanence_ics(&data, now)?,
    };
    Ok(Resource::Write {
        href: format!("{calendar}{}.ics", data.uid),
        ics,
    })
}

fn permanence(conn: &Connection, dav: &Dav, id: i64, now: DateTime<Utc>) -> Result<()> {
    match permanence_resource(conn, id, now)? {
        Resource::Gone => bury(conn, dav, Kind::Permanence, id, now),
        Resource::NotShared => Ok(()),
        Resource::Write { href, ics } => write(conn, dav, &href, Kind::Permanence, id, &ics),
    }
}

/// A closure's resource, as sent.
pub(super) fn closure_resource(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Resource> {
    let row: Option<(i64, String, String, String, String)> = conn
        .query_row(
            "SELECT c.site_id, c.start_date, c.end_date, c.reason, s.name
             FROM closures c JOIN sites s ON s.id = c.site_id WHERE c.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((site_id, start_date, end_date, reason, site_name)) = row else {
        return Ok(Resource::Gone);
    };
    let Some(calendar) = calendar_of(conn, site_id)? else {
        return Ok(Resource::NotShared);
    };
    let data = crate::store::db::write(conn, |tx| {
        Ok(ClosureData {
            uid: shared::uid_of(tx, Kind::Closure, id)?,
            site_uid: shared::uid_of(tx, Kind::Site, site_id)?,
            start_date,
            end_date,
            reason,
        })
    })?;
    let ics = shared::closure_ics(&data, &site_name, now)?;
    Ok(Resource::Write {
        href: format!("{calendar}{}.ics", data.uid),
        ics,
    })
}

fn closure(conn: &Connection, dav: &Dav, id: i64, now: DateTime<Utc>) -> Result<()> {
    match closure_resource(conn, id, now)? {
        Resource::Gone => bury(conn, dav, Kind::Closure, id, now),
        Resource::NotShared => Ok(()),
        Resource::Write { href, ics } => write(conn, dav, &href, Kind::Closure, id, &ics),
    }
}

fn appointment(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(a) = stored(conn, id)? else {
        return remove(conn, dav, Kind::Appointment, id);
    };
    if calendar_of(conn, a.site_id)?.is_none() {
        return Ok(());
    }
    let permanence_uid = permanence_uid_of(conn, &a)?;
    let place = match place(conn, account, dav, id, &a, permanence_uid.as_deref())? {
        Place::Held(place) => place,
        Place::Lost => {
            return super::conflict::on_appointment(
                conn,
                id,
                "Ce créneau a été pris par un autre poste pendant que celui-ci était hors ligne : \
                 déplacez le rendez-vous ou gardez-le en place supplémentaire.",
                now,
            );
        }
    };
    let Some((href, ics)) = appointment_event(conn, account, id, &a, permanence_uid, place, now)?
    else {
        return Ok(());
    };
    write(conn, dav, &href, Kind::Appointment, id, &ics)?;
    sent_appointment(conn, id, now)
}

/// An appointment's event, as sent: its address in its site's calendar and its text, with
/// the place it holds (`None`: it needs none). `None` when its site is not shared.
pub(super) fn appointment_event(
    conn: &Connection,
    account: &Account,
    id: i64,
    a: &Stored,
    permanence_uid: Option<String>,
    place: Option<String>,
    now: DateTime<Utc>,
) -> Result<Option<(String, String)>> {
    let Some(calendar) = calendar_of(conn, a.site_id)? else {
        return Ok(None);
    };
    let (uid, site_uid, desk) = crate::store::db::write(conn, |tx| {
        Ok((
            shared::uid_of(tx, Kind::Appointment, id)?,
            shared::uid_of(tx, Kind::Site, a.site_id)?,
            shared::desk_uid(tx)?,
        ))
    })?;
    let shared_name = |v: &Option<String>| if account.share_names { v.clone() } else { None };
    let data = AppointmentData {
        uid: uid.clone(),
        site_uid,
        permanence_uid,
        start: a.start.clone(),
        end: a.end.clone(),
        status: a.status.clone(),
        reason: a.reason.clone(),
        extra: a.extra,
        desk,
        place: place.map(|h| places::under_home(&account.home, &h).to_owned()),
        name: shared_name(&a.name),
        phone: shared_name(&a.phone),
        email: shared_name(&a.email),
    };
    let location: String = conn.query_row(
        "SELECT name || ', ' || street || ', ' || postcode || ' ' || city FROM sites WHERE id = ?1",
        [a.site_id],
        |r| r.get(0),
    )?;
    let label = a
        .reason
        .as_deref()
        .and_then(crate::network::vocab::Reason::from_code)
        .map(|r| r.label());
    let ics = shared::appointment_ics(&data, &location, label, now)?;
    Ok(Some((format!("{calendar}{uid}.ics"), ics)))
}

/// An appointment's event and its place are on the server: confirmed, and a conflict it had
/// is settled.
pub(super) fn sent_appointment(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    crate::scheduling::appointment::confirm(
        conn,
        crate::scheduling::appointment::AppointmentId(id),
    )?;
    super::conflict::settled_by_sending(conn, id, now)
}

/// The shared UID of an appointment's permanence, if it is in one.
pub(super) fn permanence_uid_of(conn: &Connection, a: &Stored) -> Result<Option<String>> {
    match a.permanence_id {
        Some(p) => Ok(Some(crate::store::db::write(conn, |tx| {
            shared::uid_of(tx, Kind::Permanence, p)
        })?)),
        None => Ok(None),
    }
}

/// Whether an appointment takes a place of its slot: it is booked, honoured or missed
/// ([`ACTIVE`]), and not kept as an extra place.
pub(super) fn takes_place(a: &Stored) -> bool {
    ACTIVE.contains(&a.status.as_str()) && !a.extra
}

/// How many places the slots of an appointment's permanence hold.
pub(super) fn capacity_of(conn: &Connection, a: &Stored) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT capacity FROM permanences WHERE id = ?1",
        [a.permanence_id],
        |r| r.get(0),
    )?)
}

/// Where an appointment stands with its place on the server.
pub(super) enum Place {
    /// The place it holds (claimed now if it held none for its slot); `None` for one that
    /// needs none (cancelled, an extra place, outside any permanence).
    Held(Option<String>),
    /// Every place of its slot is taken by other desks.
    Lost,
}

/// Makes the server's places agree with the appointment: a place of its slot claimed (and
/// the one it held for another slot freed), or its place freed once it holds none.
pub(super) fn place(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    id: i64,
    a: &Stored,
    permanence_uid: Option<&str>,
) -> Result<Place> {
    let mut place = held(conn, id)?;
    let takes = takes_place(a);
    match permanence_uid {
        Some(p_uid) if takes => {
            let wanted = place_name(p_uid, &a.start, 0);
            let prefix = wanted.trim_end_matches("0.ics");
            let holds_this_slot = place
                .as_deref()
                .is_some_and(|h| h.rsplit('/').next().is_some_and(|n| n.starts_with(prefix)));
            if holds_this_slot {
                return Ok(Place::Held(place));
            }
            let capacity = capacity_of(conn, a)?;
            let old = place.take();
            let Some(href) = claim(conn, dav, &account.home, id, p_uid, capacity, a)? else {
                return Ok(Place::Lost);
            };
            if let Some(old) = old {
                dav.delete(&old, None)?;
            }
            Ok(Place::Held(Some(href)))
        }
        _ if takes => Ok(Place::Held(place)),
        _ => {
            if place.is_some() {
                release(conn, dav, id)?;
            }
            Ok(Place::Held(None))
        }
    }
}

/// The place of an appointment just booked here, claimed on the server: `false` when other
/// desks hold every place of its slot. Its event follows with the queue ([`outbox`]).
pub(super) fn claim_booked(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    id: i64,
) -> Result<bool> {
    let Some(a) = stored(conn, id)? else {
        return Ok(true);
    };
    let permanence_uid = permanence_uid_of(conn, &a)?;
    Ok(matches!(
        place(conn, account, dav, id, &a, permanence_uid.as_deref())?,
        Place::Held(_)
    ))
}
