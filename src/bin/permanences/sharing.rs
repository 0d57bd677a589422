//! `network join | status | leave` and `sync`: sharing the agenda through the network's
//! CalDAV server.

use std::io::{IsTerminal, Write};

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use permanences::network::site::SiteId;
use permanences::sharing::{self, JoinRequest};
use permanences::Error;
use rusqlite::Connection;

use super::help::HELP;

/// The variable the password may be given in (a script, cron).
const PASSWORD_VARIABLE: &str = "PERMANENCES_CALDAV_PASSWORD";

#[derive(Debug, Subcommand)]
pub enum SharingCommand {
    /// Rejoint le réseau : serveur d'agendas (CalDAV) de l'association, lieux partagés ; le mot de passe est demandé, ou lu dans PERMANENCES_CALDAV_PASSWORD
    #[command(
        help_template = HELP,
        override_usage = "permanences [--db FICHIER] network join --url ADRESSE --user NOM [--share all|ID,ID…] [--share-names] [--plain-http]"
    )]
    Join(JoinArgs),
    /// État du partage : dernière synchronisation, changements en attente, conflits
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] network status [--json]")]
    Status {
        /// Un objet JSON
        #[arg(long)]
        json: bool,
    },
    /// Quitte le réseau ; les lieux et rendez-vous restent sur ce poste
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] network leave")]
    Leave,
}

#[derive(Debug, Args)]
pub struct JoinArgs {
    /// Adresse du serveur : sa racine, ou l'adresse de l'agenda donnée par l'association
    #[arg(long, value_name = "ADRESSE")]
    url: String,
    /// Nom d'utilisateur sur le serveur
    #[arg(long, value_name = "NOM")]
    user: String,
    /// Lieux partagés : all (tous, par défaut) ou leurs numéros séparés par des virgules
    #[arg(long, value_name = "all|ID,ID…", default_value = "all")]
    share: String,
    /// Partager aussi le nom et le téléphone des personnes avec les autres postes
    #[arg(long)]
    share_names: bool,
    /// Accepter une adresse http:// (réseau local non chiffré : le mot de passe et les rendez-vous circulent en clair)
    #[arg(long)]
    plain_http: bool,
}

fn password() -> Result<String, Error> {
    if let Ok(p) = std::env::var(PASSWORD_VARIABLE) {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        return Ok(rpassword::prompt_password(
            "Mot de passe du serveur du réseau : ",
        )?);
    }
    Err(Error::invalid(
        "password",
        format!("Mot de passe manquant : tapez-le quand il est demandé, ou donnez-le dans {PASSWORD_VARIABLE}."),
    ))
}

fn sites(text: &str) -> Result<Option<Vec<SiteId>>, Error> {
    if text.trim().eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    text.split(',')
        .map(|t| {
            t.trim().parse::<i64>().map(SiteId).map_err(|_| {
                Error::invalid(
                    "share",
                    format!("--share : « {t} » n'est pas un numéro de lieu (ou « all »)."),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

pub fn run(
    conn: &Connection,
    command: SharingCommand,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    match command {
        SharingCommand::Join(args) => {
            let request = JoinRequest {
                address: args.url,
                username: args.user,
                password: password()?,
                sites: sites(&args.share)?,
                share_names: args.share_names,
                plain_http: args.plain_http,
            };
            sharing::join(conn, &request, now)?;
            writeln!(out, "Réseau rejoint.")?;
            report(conn, now, true, out)
        }
        SharingCommand::Status { json } => {
            let status = sharing::status(conn)?;
            if json {
                writeln!(out, "{}", super::to_json(&status)?)?;
            } else if !status.joined {
                writeln!(out, "Ce poste ne fait partie d'aucun réseau.")?;
            } else {
                writeln!(
                    out,
                    "Réseau : {} (utilisateur {})",
                    status.address.unwrap_or_default(),
                    status.username.unwrap_or_default()
                )?;
                writeln!(out, "Lieux partagés : {}", status.sites.join(", "))?;
                writeln!(
                    out,
                    "Noms et téléphones partagés : {}",
                    if status.share_names { "oui" } else { "non" }
                )?;
                writeln!(out, "{}", status.line)?;
                if let Some(e) = status.last_error {
                    writeln!(out, "Dernière erreur : {e}")?;
                }
            }
            Ok(())
        }
        SharingCommand::Leave => {
            if sharing::leave(conn)? {
                writeln!(
                    out,
                    "Ce poste a quitté le réseau ; ses lieux et rendez-vous restent ici."
                )?;
            } else {
                writeln!(out, "Ce poste ne fait partie d'aucun réseau.")?;
            }
            Ok(())
        }
    }
}

/// `permanences sync`: one sync now, its figures and the status line.
pub fn sync(
    conn: &Connection,
    now: DateTime<Utc>,
    full: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    if !sharing::status(conn)?.joined {
        writeln!(
            out,
            "Ce poste ne fait partie d'aucun réseau : rien à synchroniser."
        )?;
        return Ok(());
    }
    report(conn, now, full, out)
}

fn report(
    conn: &Connection,
    now: DateTime<Utc>,
    full: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    let r = if full {
        sharing::sync_all(conn, now)?
    } else {
        sharing::sync(conn, now)?
    };
    writeln!(
        out,
        "Synchronisation : {} envoyé(s), {} reçu(s).",
        r.sent, r.received
    )?;
    writeln!(out, "{}", r.status.line)?;
    Ok(())
}
