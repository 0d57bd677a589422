//! Joining a network, its status, leaving it. The account (address, user) is kept in the
//! database; its password in the desktop's keyring ([`super::secret`]), never in the database
//! nor in a message or a log.

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
    /// The password must be typed for this session: no keyring gave it (the app asks).
    pub password_needed: bool,
    /// Where the password is, when it is not in the desktop's keyring, in French (kept for
    /// this session only; still in the database, no keyring having answered to take it).
    pub password_note: Option<String>,
    /// « Synchronisé à 14 h 32 », « Hors ligne depuis 10 h 05 — 3 changements en attente »,
    /// « 1 conflit à régler »; empty when the desk is in no network.
    pub line: String,
}

/// The account, its password from the keyring or this session ([`super::secret::password`]:
/// a `password` validation error when none is known).
pub(super) fn account(conn: &Connection) -> Result<Option<Account>> {
    let row = conn
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
        .optional()?;
    let Some(mut acct) = row else {
        return Ok(None);
    };
    // The column holds a password only in a database from before the keyring (moved now if
    // a keyring answers).
    acct.password = super::secret::password(conn, &acct.username, &acct.home, &acct.password)?;
    Ok(Some(acct))
}

/// The account's user and calendar home, without its password (a local read).
pub(super) fn names(conn: &Connection) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row("SELECT username, home FROM network_account", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
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
                // Never the password: it goes to the keyring, below.
                "",
                request.plain_http,
                request.share_names,
                clock::utc_text(now)
            ],
        )?;
        for (id, calendar) in &calendars {
            tx.execute(
                "INSERT INTO network_sites (site_id, calendar, own) VALUES (?1, ?2, 1)",
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
    })?;
    super::secret::keep(conn, request.username.trim(), &home, &request.password);
    Ok(())
}

/// Leaves the network: the account and what the desk knew of the server are forgotten; the
/// sites, permanences and appointments stay on this computer (and on the server).
///
/// Its password is removed from the keyring (and from this session).
pub fn leave(conn: &Connection) -> Result<bool> {
    if let Some((username, home)) = names(conn)? {
        super::secret::remove(conn, &username, &home);
    }
    crate::store::db::write(conn, |tx| {
        let was = tx.execute("DELETE FROM network_account", [])? > 0;
        // The mediators' absences came from the network's calendars: they go with it.
        crate::scheduling::absence::forget_all(tx)?;
        for table in [
            "network_sites",
            "network_resources",
            "network_claims",
            "network_outbox",
            "network_conflicts",
            "network_marks",
            "network_mediator_calendars",
        ] {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        Ok(was)
    })
}

/// The password of the network this desk joined, given for this session (the command line's
/// `PERMANENCES_CALDAV_PASSWORD` or its question, the app's dialog) where no keyring holds it.
/// A keyring that answers now keeps it for the next sessions.
pub fn give_password(conn: &Connection, password: &str) -> Result<()> {
    if password.is_empty() {
        return Err(Error::invalid(
            "password",
            "Tapez le mot de passe du serveur du réseau.",
        ));
    }
    let Some((username, home)) = names(conn)? else {
        return Err(Error::invalid(
            "password",
            "Ce poste ne fait partie d'aucun réseau : aucun mot de passe à donner.",
        ));
    };
    super::secret::given(conn, &username, &home, password);
    Ok(())
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
            password_needed: false,
            password_note: None,
            line: String::new(),
        });
    };
    let stored: String =
        conn.query_row("SELECT password FROM network_account", [], |r| r.get(0))?;
    let password_needed = super::secret::needed(conn);
    let password_note = if !stored.is_empty() {
        Some(
            "Le mot de passe du serveur du réseau est encore enregistré dans la base de données \
             (version précédente) : aucun trousseau de mots de passe ne répondait pour l'y ranger. \
             Il y sera déplacé dès qu'un trousseau répondra."
                .to_owned(),
        )
    } else if password_needed || super::secret::session_only(conn) {
        Some(super::secret::NO_KEYRING.to_owned())
    } else {
        None
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
        password_needed,
        password_note,
        line: parts.join(" — "),
    })
}
