//! The permanences and closures received from the server, handed to the areas that own them
//! (`network::site`, `network::permanence`, `network::closure`): checked as a person's entry
//! is, each record linked to its network identity. A record that breaks a rule here (a
//! permanence that overlaps one of this desk's) is not applied: it becomes a conflict to
//! settle, and the others are applied.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::shared::{self, ClosureData, Kind, PermanenceData};
use super::write::remember;
use crate::error::{Error, Result};
use crate::network::closure::{self, ClosureId, ClosureInput};
use crate::network::permanence::{self, PermanenceId, PermanenceInput};
use crate::network::site::{self, SiteId, SiteInput};
use crate::network::vocab::{PermanenceKind, Typology, WheelchairAccess};

pub(super) fn link(tx: &Connection, kind: Kind, id: i64, uid: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO network_uids (kind, local_id, uid) VALUES (?1, ?2, ?3)",
        params![kind, id, uid],
    )?;
    Ok(())
}

/// The site's shared columns as a person's entry.
fn site_input(p: &PermanenceData) -> SiteInput {
    let text = |k: &str| p.site.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let number = |k: &str| p.site.get(k).and_then(serde_json::Value::as_f64);
    SiteInput {
        name: text("name").unwrap_or_default(),
        address: text("street").unwrap_or_default(),
        address_complement: text("address_complement"),
        postcode: text("postcode").unwrap_or_default(),
        city: text("city").unwrap_or_default(),
        insee_code: text("insee_code"),
        latitude: number("latitude"),
        longitude: number("longitude"),
        phone: text("phone"),
        email: text("email"),
        website: text("website"),
        wheelchair_access: text("wheelchair_access")
            .as_deref()
            .and_then(WheelchairAccess::from_code),
        public_transport: text("public_transport"),
        public_notes: text("public_notes"),
        pivot: None,
        typology: text("typology").as_deref().and_then(Typology::from_code),
        alsace_moselle: p
            .site
            .get("alsace_moselle")
            .and_then(|v| v.as_bool().or_else(|| v.as_i64().map(|n| n != 0))),
        services: Vec::new(),
        publics: Vec::new(),
    }
}

/// The local site of a shared one, made or brought up to date from the permanence's copy.
fn site(tx: &Connection, p: &PermanenceData, now: DateTime<Utc>) -> Result<SiteId> {
    let known = shared::local_of(tx, Kind::Site, &p.site_uid)?.map(SiteId);
    let id = site::receive(tx, known, &site_input(p), now)?;
    if known.is_none() {
        link(tx, Kind::Site, id.0, &p.site_uid)?;
    }
    // Archived or restored at the desk that sent it (a desk of an older version sends no
    // `archived_at`: the site stays as it is here).
    if let Some(at) = p.site.get("archived_at") {
        let archived = !at.is_null();
        if site::get(tx, id)?.archived != archived {
            site::set_archived(tx, id, archived, now)?;
        }
    }
    Ok(id)
}

pub(super) fn permanence(
    tx: &Connection,
    href: &str,
    etag: Option<&str>,
    p: &PermanenceData,
    now: DateTime<Utc>,
) -> Result<()> {
    let applied = crate::store::db::write(tx, |tx| {
        let site = site(tx, p, now)?;
        let known = shared::local_of(tx, Kind::Permanence, &p.uid)?.map(PermanenceId);
        let input = PermanenceInput {
            site_id: site,
            weekday: u8::try_from(p.weekday).unwrap_or(0),
            start_time: p.start_time.clone(),
            end_time: p.end_time.clone(),
            kind: PermanenceKind::from_code(&p.kind),
            slot_minutes: u16::try_from(p.slot_minutes).ok(),
            capacity: u16::try_from(p.capacity).ok(),
            valid_from: Some(p.valid_from.clone()),
            valid_until: p.valid_until.clone(),
            notes: p.notes.clone(),
            mediator_ids: Vec::new(),
        };
        let id = permanence::receive(tx, site, known, &input, now)?;
        if known.is_none() {
            link(tx, Kind::Permanence, id.0, &p.uid)?;
        }
        remember(tx, href, Kind::Permanence, id.0, etag)
    });
    refused_or(tx, applied, href, now, |why| {
        format!(
            "Une permanence reçue d'un autre poste n'a pas été ajoutée ici : {why} Elle le sera dès \
             que l'un des deux postes aura changé ses horaires."
        )
    })
}

pub(super) fn closure(
    tx: &Connection,
    href: &str,
    etag: Option<&str>,
    c: &ClosureData,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(site_id) = shared::local_of(tx, Kind::Site, &c.site_uid)? else {
        return Ok(());
    };
    let applied = crate::store::db::write(tx, |tx| {
        let known = shared::local_of(tx, Kind::Closure, &c.uid)?.map(ClosureId);
        let input = ClosureInput {
            site_id: SiteId(site_id),
            start_date: c.start_date.clone(),
            end_date: Some(c.end_date.clone()),
            reason: c.reason.clone(),
        };
        let id = closure::receive(tx, known, &input, now)?;
        if known.is_none() {
            link(tx, Kind::Closure, id.0, &c.uid)?;
        }
        remember(tx, href, Kind::Closure, id.0, etag)
    });
    refused_or(tx, applied, href, now, |why| {
        format!("Une fermeture reçue d'un autre poste n'a pas été ajoutée ici : {why}")
    })
}

/// A tombstone: the permanence or closure `uid`, deleted at another desk, is deleted here too
/// (through the area that owns it). One that cannot be (a permanence with appointments here)
/// stays, as a conflict to acknowledge.
pub(super) fn deleted(
    tx: &Connection,
    href: &str,
    kind: Kind,
    uid: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(id) = shared::local_of(tx, kind, uid)? else {
        // Never known here, or already deleted (this desk's own tombstone read back).
        return Ok(());
    };
    let applied = crate::store::db::write(tx, |tx| {
        let gone = match kind {
            Kind::Permanence => permanence::delete(tx, PermanenceId(id)),
            Kind::Closure => closure::delete(tx, ClosureId(id)),
            Kind::Site | Kind::Appointment => Ok(()),
        };
        match gone {
            Ok(()) | Err(Error::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
        super::tombstone::forget(tx, kind, id)
    });
    refused_or(tx, applied, href, now, |why| match kind {
        Kind::Closure => format!(
            "Une fermeture supprimée par un autre poste n'a pas pu être supprimée ici : {why}"
        ),
        _ => format!(
            "Une permanence supprimée par un autre poste n'a pas pu être supprimée ici : {why}"
        ),
    })
}

/// What a received record that breaks a rule becomes: a conflict on its resource (nothing
/// of it written); any other failure stops the sync. Applied, it settles the conflict that
/// an earlier version of it had.
fn refused_or(
    tx: &Connection,
    applied: Result<()>,
    href: &str,
    now: DateTime<Utc>,
    message: impl FnOnce(&str) -> String,
) -> Result<()> {
    match applied {
        Err(e @ (Error::Validation { .. } | Error::Conflict { .. })) => {
            super::conflict::on_resource(tx, href, &message(&e.to_string()), now)
        }
        Ok(()) => super::conflict::settled_on_resource(tx, href, now),
        Err(e) => Err(e),
    }
}
