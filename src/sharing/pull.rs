//! Receiving what changed on the server: for each shared calendar, the members changed since
//! its last sync token (RFC 6578), fetched in one request and applied in one transaction;
//! calendars of sites shared by other desks are found under the home and taken in.
//!
//! What the sync applies is not queued back (`network_account.applying`). A change made by a
//! calendar client (an appointment moved from a phone) is checked as a booking would be: a
//! move into a full slot or out of every permanence is kept aside as a conflict, not applied.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::account::Account;
use super::dav::Dav;
use super::marks;
use super::places;
use super::push;
use super::received::{closure, deleted, link, permanence};
use super::shared::{self, AppointmentData, Kind, Shared};
use super::write::remember;
use crate::clock;
use crate::error::Result;
use crate::network::permanence::PermanenceId;
use crate::network::site::SiteId;
use crate::network::vocab::{AppointmentStatus as Status, Reason};
use crate::scheduling::appointment::{self, AppointmentId, Incoming};
use crate::scheduling::unavailable;

/// Brings one shared site's calendar up to date (after a booking: its sync token then covers
/// the desk's own writes, so that a server which leaves out what was created and deleted
/// since a token, as Xandikos does, still tells a deletion made right after).
pub(super) fn one_site(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    site: i64,
    now: DateTime<Utc>,
) -> Result<usize> {
    match push::calendar_of(conn, site)? {
        Some(calendar) => by_address(conn, account, dav, &calendar, now),
        None => Ok(0),
    }
}

/// Brings a known site's calendar up to date from its address (the changes calendar named it).
pub(super) fn by_address(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    calendar: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let row: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT site_id, sync_token FROM network_sites WHERE calendar = ?1",
            [calendar],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        Some((site, token)) => one(
            conn,
            account,
            dav,
            Some(site),
            calendar,
            token.as_deref(),
            now,
        ),
        None => Ok(0),
    }
}

/// What changed in `calendar` since `token`, or its whole listing when no token was kept or
/// the server no longer knows it (`true`: a full listing, which says nothing of what is
/// gone), with the text of each member when the server sends it in the same answer (a first
/// read is then one request: see [`Dav::texts`]). Never `None` today (the `Option` is what
/// [`apply`] takes): a calendar the server no longer has is an error, not an empty listing.
pub(super) fn listing(
    dav: &Dav,
    calendar: &str,
    token: Option<&str>,
) -> Result<Option<(super::dav::Changes, bool)>> {
    Ok(match dav.changes_with_data(calendar, token)? {
        Some(c) => Some((c, token.is_none())),
        None => dav.changes_with_data(calendar, None)?.map(|c| (c, true)),
    })
}

fn one(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    site: Option<i64>,
    calendar: &str,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let read = listing(dav, calendar, token)?;
    apply(conn, account, dav, site, calendar, read, now)
}

/// Applies a [`listing`] of `calendar` (of `site`; `None`: a site not known here yet):
/// what it lacks of a full listing was removed, what changed is read (its text from the
/// listing, or fetched) and handed to the areas that own it, and its token kept.
pub(super) fn apply(
    conn: &Connection,
    account: &Account,
    dav: &Dav,
    site: Option<i64>,
    calendar: &str,
    read: Option<(super::dav::Changes, bool)>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let Some((mut changes, full)) = read else {
        return Ok(0);
    };
    if full {
        // A full listing says nothing of what is gone: what this desk knew in the calendar
        // and the listing lacks was removed.
        let listed: std::collections::HashSet<&str> =
            changes.changed.iter().map(|i| i.href.as_str()).collect();
        let mut known: Vec<String> = conn
            .prepare("SELECT href FROM network_resources WHERE substr(href, 1, length(?1)) = ?1")?
            .query_map([calendar], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        known.extend(unavailable::sources_under(conn, calendar)?);
        let gone: Vec<String> = known
            .into_iter()
            .filter(|h| !listed.contains(h.as_str()))
            .collect();
        changes.removed.extend(gone);
    }
    let mut wanted = Vec::new();
    for item in &changes.changed {
        let seen: Option<String> = conn
            .prepare_cached("SELECT etag FROM network_resources WHERE href = ?1")?
            .query_row([&item.href], |r| r.get(0))
            .optional()?
            .flatten();
        if seen.is_none() || seen != item.etag {
            wanted.push(item.href.clone());
        }
    }
    // Repeating events of calendar clients expanded over a window the desk has moved past
    // (a day later): read again, so that their later occurrences block too.
    let (_, until) = super::repeat::window(now);
    for source in unavailable::expanded_before(conn, calendar, until)? {
        if !wanted.contains(&source) && !changes.removed.contains(&source) {
            wanted.push(source);
        }
    }
    let mut records = Vec::new();
    if !wanted.is_empty() {
        for item in dav.texts(calendar, &changes.changed, &wanted)? {
            let Some(text) = item.data.as_deref() else {
                continue;
            };
            // One unreadable event does not stop the others.
            if let Ok(Some(record)) = shared::read(text, now) {
                records.push((item.href, item.etag, record));
            }
        }
    }
    records.sort_by_key(|(_, _, r)| match r {
        Shared::Permanence(_) => 0,
        Shared::Closure(_) => 1,
        Shared::Deleted { .. } => 2,
        Shared::Appointment { .. } => 3,
        Shared::Foreign { .. } => 4,
    });
    let count = records.len() + changes.removed.len();
    crate::store::db::write(conn, |tx| {
        tx.execute("UPDATE network_account SET applying = 1", [])?;
        for (href, etag, record) in &records {
            let etag = etag.as_deref();
            match record {
                Shared::Permanence(p) => permanence(tx, href, etag, p, now)?,
                Shared::Closure(c) => closure(tx, href, etag, c, now)?,
                Shared::Deleted { kind, uid } => deleted(tx, href, *kind, uid, now)?,
                Shared::Appointment {
                    data,
                    start,
                    end,
                    cancelled,
                } => {
                    let shown = (*start, *end);
                    appointment(tx, account, href, etag, data, shown, *cancelled, now)?;
                }
                // Once the site is known (below).
                Shared::Foreign { .. } => {}
            }
        }
        for href in &changes.removed {
            removed(tx, href, now)?;
        }
        let site = match site {
            Some(s) => Some(s),
            None => {
                let uid = marks::name_of(calendar).trim_start_matches("permanences-");
                shared::local_of(tx, Kind::Site, uid)?
            }
        };
        for (href, _, record) in &records {
            if let (Shared::Foreign(blocking), Some(site)) = (record, site) {
                let u = unavailable::Unavailability {
                    site_id: SiteId(site),
                    source: href.clone(),
                    occurrences: blocking.occurrences.clone(),
                    expanded: blocking.expanded,
                };
                foreign(tx, &u, now)?;
            }
        }
        // An event this program did not write that changed into one it ignores (cancelled,
        // marked free): it no longer blocks.
        for item in &changes.changed {
            let read = records
                .iter()
                .any(|(h, _, r)| *h == item.href && matches!(r, Shared::Foreign { .. }));
            if !read && wanted.contains(&item.href) {
                let freed = unavailable::remove(tx, &item.href)?;
                super::conflict::unavailable_gone(tx, &freed, now)?;
            }
        }
        if let Some(site) = site {
            tx.execute(
                "INSERT INTO network_sites (site_id, calendar, sync_token) VALUES (?1, ?2, ?3)
                 ON CONFLICT (site_id) DO UPDATE SET sync_token = excluded.sync_token",
                params![site, calendar, changes.token],
            )?;
        }
        tx.execute("UPDATE network_account SET applying = 0", [])?;
        Ok(())
    })?;
    Ok(count)
}

#[allow(clippy::too_many_arguments)]
fn appointment(
    tx: &Connection,
    account: &Account,
    href: &str,
    etag: Option<&str>,
    data: &AppointmentData,
    shown: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    cancelled: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(site) = shared::local_of(tx, Kind::Site, &data.site_uid)? else {
        return Ok(());
    };
    let permanence = match &data.permanence_uid {
        Some(uid) => shared::local_of(tx, Kind::Permanence, uid)?,
        None => None,
    };
    let (Some(start), Some(end)) = (clock::parse_utc(&data.start), clock::parse_utc(&data.end))
    else {
        return Ok(());
    };
    let Some(mut status) = Status::from_code(&data.status) else {
        return Ok(());
    };
    if cancelled && status.holds_a_place() {
        status = Status::Revoked;
    }
    let local = shared::local_of(tx, Kind::Appointment, &data.uid)?;
    let incoming = Incoming {
        id: local.map(AppointmentId),
        site_id: SiteId(site),
        permanence_id: permanence.map(PermanenceId),
        start,
        end,
        shown: match shown {
            (Some(s), Some(e)) => Some((s, e)),
            _ => None,
        },
        status,
        reason: data.reason.as_deref().and_then(Reason::from_code),
        extra: data.extra,
        name: data.name.clone(),
        phone: data.phone.clone(),
        email: data.email.clone(),
    };
    let received = appointment::receive(tx, &incoming, now)?;
    let id = received.appointment.id.0;
    if local.is_none() {
        link(tx, Kind::Appointment, id, &data.uid)?;
    }
    match &data.place {
        Some(place) => {
            tx.execute(
                "INSERT INTO network_claims (appointment_id, href) VALUES (?1, ?2)
                 ON CONFLICT (appointment_id) DO UPDATE SET href = excluded.href",
                params![id, places::address(&account.home, place)],
            )?;
        }
        None => {
            tx.execute("DELETE FROM network_claims WHERE appointment_id = ?1", [id])?;
        }
    }
    remember(tx, href, Kind::Appointment, id, etag)?;
    if let Some(message) = received.refused {
        super::conflict::on_appointment(tx, id, &message, now)?;
    } else if received.moved || (cancelled && data.place.is_some()) {
        // Its place follows it: claimed anew (or freed) by this desk, and the data rewritten.
        tx.execute(
            "INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('appointment', ?1)",
            [id],
        )?;
    }
    Ok(())
}

/// An event this program did not write, handed to scheduling: the places of its occurrences
/// are unavailable, each appointment already there becomes a conflict to settle, and the
/// conflict of one it no longer overlaps (moved off) ends by itself.
fn foreign(tx: &Connection, u: &unavailable::Unavailability, now: DateTime<Utc>) -> Result<()> {
    let overlaps = unavailable::receive(tx, u)?;
    for id in overlaps.overlapped {
        let summary = unavailable::overlapping_appointment(tx, id)?.unwrap_or_default();
        super::conflict::on_unavailable(
            tx,
            id.0,
            &format!(
                "« {} » a été noté dans l'agenda du lieu à l'heure de ce rendez-vous : le \
                 créneau est indisponible. Déplacez le rendez-vous dans l'Agenda, ou gardez-le \
                 si la personne peut tout de même être reçue.",
                summary.trim()
            ),
            now,
        )?;
    }
    super::conflict::unavailable_gone(tx, &overlaps.freed, now)
}

/// A resource deleted on the server without a tombstone, so by a calendar client (a desk
/// leaves one, [`deleted`]): an appointment counts as cancelled (never deleted here: nothing is
/// lost); a permanence or closure stays here, as a conflict the desk settles (sent back, or
/// deleted here too). A permanence that no longer opens is not sent (its desk removes its
/// event): nothing to settle. An event this program did not write no longer blocks its places.
fn removed(tx: &Connection, href: &str, now: DateTime<Utc>) -> Result<()> {
    let freed = unavailable::remove(tx, href)?;
    super::conflict::unavailable_gone(tx, &freed, now)?;
    let row: Option<(Kind, i64)> = tx
        .query_row(
            "SELECT kind, local_id FROM network_resources WHERE href = ?1",
            [href],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    let Some((kind, id)) = row else { return Ok(()) };
    tx.execute("DELETE FROM network_resources WHERE href = ?1", [href])?;
    match kind {
        // Its place is freed and its event written again, as cancelled.
        Kind::Appointment if appointment::cancelled_elsewhere(tx, AppointmentId(id), now)? => {
            tx.execute(
                "INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('appointment', ?1)",
                [id],
            )?;
        }
        Kind::Permanence | Kind::Closure => {
            if let Some(message) = removed_message(tx, kind, id, now)? {
                super::conflict::on_removed(tx, href, kind, id, &message, now)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// What the desk reads about a permanence or closure a calendar client removed from the
/// server; `None` when there is nothing to settle (gone here too, or a permanence that ended).
fn removed_message(
    tx: &Connection,
    kind: Kind,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let today = clock::today(now).to_string();
    let sql = match kind {
        Kind::Permanence => {
            "SELECT 'La permanence du ' || CASE p.weekday WHEN 1 THEN 'lundi' WHEN 2 THEN 'mardi'
                WHEN 3 THEN 'mercredi' WHEN 4 THEN 'jeudi' WHEN 5 THEN 'vendredi'
                WHEN 6 THEN 'samedi' ELSE 'dimanche' END || ' de ' || p.start_time || ' à '
                || p.end_time || ' (' || s.name || ')'
             FROM permanences p JOIN sites s ON s.id = p.site_id
             WHERE p.id = ?1 AND (p.valid_until IS NULL OR p.valid_until >= ?2)"
        }
        _ => {
            let row: Option<(String, chrono::NaiveDate, chrono::NaiveDate, String)> = tx
                .query_row(
                    "SELECT c.reason, c.start_date, c.end_date, s.name
                     FROM closures c JOIN sites s ON s.id = c.site_id WHERE c.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            return Ok(row.map(|(reason, start, end, site)| {
                removed_text(&format!(
                    "La fermeture « {reason} » ({}, {site})",
                    crate::fr::date_range(start, end)
                ))
            }));
        }
    };
    let what: Option<String> = tx
        .query_row(sql, params![id, today], |r| r.get(0))
        .optional()?;
    Ok(what.map(|what| removed_text(&what)))
}

fn removed_text(what: &str) -> String {
    format!(
        "{what} a été effacée du serveur par un agenda (téléphone, Thunderbird…), pas par un \
         poste du réseau : elle reste sur ce poste. Remettez-la sur le serveur, ou supprimez-la \
         ici aussi."
    )
}
