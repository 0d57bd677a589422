//! Joining a network, its status, leaving it. The account (address, user, password) is kept in
//! the database: encrypted at rest with the rest of the file when a passphrase is set; the
//! password is never written to a message or a log.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::dav::Dav;
use super::shared::{self, Kind};
use crate::clock;
use crate::error::{Error, Result};
use crate::network::site::SiteId;

/// How long one request may take before the server counts as unreachable.
pub(super) const TIMEOUT: Duration = Duration::from_secs(20);

/// What a desk gives to join a network.
#[derive(Debug, Clone, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JoinRequest {
    /// The server's address: its root, `/.well-known/caldav`, or the calendar home itself.
    pub address: String,
    pub username: String,
    pub password: String,
    /// The sites this desk shares; `None`: all its active sites.
    pub sites: Option<Vec<SiteId>>,
    /// « Partager le nom, le téléphone et l'e-mail avec les autres postes ».
    pub share_names: bool,
    /// « Réseau local non chiffré »: plain http:// to another machine.
    pub plain_http: bool,
}

/// The account as stored.
#[derive(Debug, Clone)]
pub(super) struct Account {
    pub home: String,
    pub username: String,
    pub password: String,
    pub plain_http: bool,
    pub share_names: bool,
}

impl Account {
    pub fn dav(&self) -> Dav {
        Dav::new(&self.username, &self.password, TIMEOUT, self.plain_http)
    }
}

/// The network as the desk sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SharingStatus {
    pub joined: bool,
    pub address: Option<String>,
    pub username: Option<String>,
    pub share_names: bool,
    /// The sites in the network's agenda.
    pub sites: Vec<String>,
    /// Local changes not yet on the server.
    pub pending: u32,
    /// Conflicts to settle.
    pub conflicts: u32,
    /// The last sync that reached the server, stored UTC.
    pub synced_at: Option<String>,
    pub offline_since: Option<String>,
    pub last_error: Option<String>,
    /// « Synchronisé à 14 h 32 », « Hors ligne depuis 10 h 05 — 3 changements en attente »,
    /// « 1 conflit à régler »; empty when the desk is in no network.
    pub line: String,
}

pub(super) fn account(conn: &Connection) -> Result<Option<Account>> {
    Ok(conn
        .query_row(
            "SELECT home, username, password, plain_http, share_names FROM network_account",
            [],
            |r| {
                Ok(Account {
                    home: r.get(0)?,
                    username: r.get(1)?,
                    password: r.get(2)?,
                    plain_http: r.get(3)?,
                    share_names: r.get(4)?,
                })
            },
        )
        .optional()?)
}

fn check(request: &JoinRequest) -> Result<()> {
    if request.address.trim().is_empty() {
        return Err(Error::invalid(
            "address",
            "Indiquez l'adresse du serveur du réseau.",
        ));
    }
    if request.username.trim().is_empty() {
        return Err(Error::invalid(
            "username",
            "Indiquez le nom d'utilisateur du réseau.",
        ));
    }
    Ok(())
}

/// « Tester la connexion »: finds the calendar home, or says in French what is wrong.
pub fn test_connection(request: &JoinRequest) -> Result<String> {
    check(request)?;
    let dav = Dav::new(
        request.username.trim(),
        &request.password,
        TIMEOUT,
        request.plain_http,
    );
    dav.discover(request.address.trim())
}

/// Joins the network: finds the calendar home, makes the calendars of the shared sites, and
/// queues every shared record to be sent. The caller then syncs.
pub fn join(conn: &Connection, request: &JoinRequest, now: DateTime<Utc>) -> Result<()> {
    check(request)?;
    if account(conn)?.is_some() {
        return Err(Error::invalid(
            "address",
            "Ce poste fait déjà partie d'un réseau : quittez-le d'abord (Paramètres › Réseau).",
        ));
    }
    let home = test_connection(request)?;
    let dav = Dav::new(
        request.username.trim(),
        &request.password,
        TIMEOUT,
        request.plain_http,
    );
    let sites: Vec<(i64, String)> = {
        let mut stmt =
            conn.prepare("SELECT id, name FROM sites WHERE archived_at IS NULL ORDER BY id")?;
        let all = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(i64, String)>>>()?;
        match &request.sites {
            None => all,
            Some(chosen) => {
                for id in chosen {
                    if !all.iter().any(|(s, _)| *s == id.0) {
                        return Err(Error::invalid(
                            "sites",
                            format!(
                                "Le lieu n° {} n'existe pas ou est archivé : rien n'a été partagé.",
                                id.0
                            ),
                        ));
                    }
                }
                all.into_iter()
                    .filter(|(s, _)| chosen.iter().any(|c| c.0 == *s))
                    .collect()
            }
        }
    };
    // Calendars first (network), then one transaction for the records.
    let mut calendars = Vec::new();
    for (id, name) in &sites {
        let uid = crate::store::db::write(conn, |tx| shared::uid_of(tx, Kind::Site, *id))?;
        let calendar = format!("{home}permanences-{uid}/");
        dav.make_calendar(&calendar, &format!("Permanences – {name}"))?;
        calendars.push((*id, calendar));
    }
    let from = clock::utc_text(now - chrono::Duration::days(30));
    crate::store::db::write(conn, |tx| {
        tx.execute(
            "INSERT INTO network_account (id, address, home, username, password, plain_http,
                share_names, joined_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                request.address.trim(),
                home,
                request.username.trim(),
                request.password,
                request.plain_http,
                request.share_names,
                clock::utc_text(now)
            ],
        )?;
        for (id, calendar) in &calendars {
            tx.execute(
                "INSERT INTO network_sites (site_id, calendar) VALUES (?1, ?2)",
                params![id, calendar],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO network_outbox (kind, local_id)
                 SELECT 'permanence', id FROM permanences WHERE site_id = ?1 ORDER BY id",
                [id],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO network_outbox (kind, local_id)
                 SELECT 'closure', id FROM closures WHERE site_id = ?1 ORDER BY id",
                [id],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO network_outbox (kind, local_id)
                 SELECT 'appointment', id FROM appointments WHERE site_id = ?1 AND start_at >= ?2
                 ORDER BY start_at, id",
                params![id, from],
            )?;
        }
        Ok(())
    })
}

/// Leaves the network: the account and what the desk knew of the server are forgotten; the
/// sites, permanences and appointments stay on this computer (and on the server).
pub fn leave(conn: &Connection) -> Result<bool> {
    crate::store::db::write(conn, |tx| {
        let was = tx.execute("DELETE FROM network_account", [])? > 0;
        for table in [
            "network_sites",
            "network_resources",
            "network_claims",
            "network_outbox",
            "network_conflicts",
            "network_marks",
        ] {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        Ok(was)
    })
}

/// The status line and figures.
pub fn status(conn: &Connection) -> Result<SharingStatus> {
    let row = conn
        .query_row(
            "SELECT address, username, share_names, synced_at, offline_since, last_error
             FROM network_account",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((address, username, share_names, synced_at, offline_since, last_error)) = row else {
        return Ok(SharingStatus {
            joined: false,
            address: None,
            username: None,
            share_names: false,
            sites: Vec::new(),
            pending: 0,
            conflicts: 0,
            synced_at: None,
            offline_since: None,
            last_error: None,
            line: String::new(),
        });
    };
    let sites = conn
        .prepare(
            "SELECT s.name FROM network_sites n JOIN sites s ON s.id = n.site_id ORDER BY s.name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let pending: i64 = conn.query_row("SELECT count(*) FROM network_outbox", [], |r| r.get(0))?;
    let conflicts: i64 = conn.query_row(
        "SELECT count(*) FROM network_conflicts WHERE settled_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    let hour = |stored: &Option<String>| {
        stored
            .as_deref()
            .and_then(clock::parse_utc)
            .map(|t| crate::fr::time(t.with_timezone(&clock::Paris).time()))
    };
    let mut parts = Vec::new();
    match (hour(&offline_since), hour(&synced_at)) {
        (Some(since), _) => parts.push(format!("Hors ligne depuis {since}")),
        (None, Some(at)) => parts.push(format!("Synchronisé à {at}")),
        (None, None) => parts.push("Pas encore synchronisé".to_owned()),
    }
    if pending > 0 {
        parts.push(crate::fr::count(
            pending,
            "changement en attente",
            "changements en attente",
        ));
    }
    if conflicts > 0 {
        parts.push(crate::fr::count(
            conflicts,
            "conflit à régler",
            "conflits à régler",
        ));
    }
    Ok(SharingStatus {
        joined: true,
        address: Some(address),
        username: Some(username),
        share_names,
        sites,
        pending: u32::try_from(pending).unwrap_or(u32::MAX),
        conflicts: u32::try_from(conflicts).unwrap_or(u32::MAX),
        synced_at,
        offline_since,
        last_error,
        line: parts.join(" — "),
    })
}
