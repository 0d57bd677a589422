//! `network join | status | absences | leave` and `sync`: sharing the agenda through the network's
//! CalDAV server.

use std::io::{IsTerminal, Write};

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use permanences::network::mediator::{self, MediatorId};
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
    /// Agenda lu comme les absences d'un médiateur (son agenda de téléphone) : sans option, les agendas du compte et ceux choisis
    #[command(
        help_template = HELP,
        override_usage = "permanences [--db FICHIER] network absences [--mediator ID (--calendar NOM | --none)]"
    )]
    Absences(AbsencesArgs),
}

#[derive(Debug, Args)]
pub struct AbsencesArgs {
    /// Numéro du médiateur (la liste : `permanences network absences`)
    #[arg(long, value_name = "ID")]
    mediator: Option<i64>,
    /// Nom de l'agenda du compte du réseau à lire comme ses absences : chacun de ses événements rend indisponibles les places des permanences qu'il assure sans autre médiateur
    #[arg(long, value_name = "NOM", conflicts_with = "none")]
    calendar: Option<String>,
    /// Ne plus lire aucun agenda comme ses absences : ses places redeviennent libres
    #[arg(long)]
    none: bool,
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
    /// Partager aussi le nom, le téléphone et l'e-mail des personnes avec les autres postes
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

/// Where no keyring holds the network's password (a cron job, a bare session), gives it for
/// this run: from PERMANENCES_CALDAV_PASSWORD, or asked on the terminal. Outside a network, or
/// with the keyring answering, does nothing.
pub fn session_password(conn: &Connection) -> Result<(), Error> {
    if !sharing::joined(conn)? {
        return Ok(());
    }
    if let Ok(p) = std::env::var(PASSWORD_VARIABLE) {
        return sharing::give_password(conn, &p);
    }
    if sharing::password_known(conn)? {
        return Ok(());
    }
    if std::io::stdin().is_terminal() {
        eprintln!(
            "Aucun trousseau de mots de passe ne donne celui du serveur du réseau (session sans \
             bureau, tâche planifiée) : il est demandé pour cette fois."
        );
        let p = rpassword::prompt_password("Mot de passe du serveur du réseau : ")?;
        return sharing::give_password(conn, &p);
    }
    // Neither: the sync says so in French; a booking stays « à confirmer ».
    Ok(())
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
            if let Some(note) = sharing::status(conn)?.password_note {
                writeln!(out, "{note}")?;
            }
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
                if let Some(note) = status.password_note {
                    writeln!(out, "{note}")?;
                }
                if let Some(e) = status.last_error {
                    writeln!(out, "Dernière erreur : {e}")?;
                }
                for ended in sharing::ended_conflicts(conn)? {
                    writeln!(out, "Conflit réglé seul : {}", ended.note)?;
                }
            }
            Ok(())
        }
        SharingCommand::Absences(args) => absences(conn, args, now, out),
        SharingCommand::Leave => {
            if sharing::leave(conn)? {
                writeln!(
                    out,
                    "Ce poste a quitté le réseau ; ses lieux et rendez-vous restent ici. Son mot \
                     de passe a été retiré du trousseau."
                )?;
            } else {
                writeln!(out, "Ce poste ne fait partie d'aucun réseau.")?;
            }
            Ok(())
        }
    }
}

/// `network absences`: lists the account's calendars and those chosen, or chooses one (or
/// none) for a mediator.
fn absences(
    conn: &Connection,
    args: AbsencesArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let Some(id) = args.mediator.map(MediatorId) else {
        if args.calendar.is_some() || args.none {
            return Err(Error::invalid(
                "mediator",
                "--calendar et --none demandent --mediator ID : le médiateur dont l'agenda dit \
                 les absences.",
            ));
        }
        if !sharing::joined(conn)? {
            writeln!(
                out,
                "Ce poste ne fait partie d'aucun réseau : rejoignez-le d'abord (permanences \
                 network join), puis choisissez l'agenda d'un médiateur."
            )?;
            return Ok(());
        }
        session_password(conn)?;
        let calendars = sharing::account_calendars(conn)?;
        let chosen = sharing::absence_calendars(conn)?;
        writeln!(out, "Agendas du compte du réseau :")?;
        if calendars.is_empty() {
            writeln!(out, "  (aucun autre que ceux de Permanences)")?;
        }
        for c in calendars {
            let whose = c
                .mediator_id
                .and_then(|m| chosen.iter().find(|x| x.mediator_id == m))
                .map(|m| format!(" — absences de {} (n° {})", m.mediator, m.mediator_id.0))
                .unwrap_or_default();
            writeln!(out, "  {}{whose}", c.name)?;
        }
        writeln!(out, "Médiateurs :")?;
        for m in mediator::list(conn, false)? {
            let read = chosen
                .iter()
                .find(|x| x.mediator_id == m.id)
                .map_or("aucun agenda d'absences".to_owned(), |x| {
                    format!("absences lues dans « {} »", x.calendar)
                });
            writeln!(out, "  {}\t{}\t{read}", m.id.0, m.name)?;
        }
        return Ok(());
    };
    if args.calendar.is_none() && !args.none {
        return Err(Error::invalid(
            "calendar",
            "Donnez --calendar NOM (l'agenda à lire comme ses absences) ou --none (n'en lire \
             aucun).",
        ));
    }
    session_password(conn)?;
    sharing::choose_absences(conn, id, args.calendar.as_deref(), now)?;
    let name = mediator::get(conn, id)?.name;
    match args.calendar {
        Some(calendar) => writeln!(
            out,
            "Les absences de {name} sont lues dans l'agenda « {} » : pendant chacun de ses \
             événements, les places des permanences que {name} assure sans autre médiateur sont \
             indisponibles.",
            calendar.trim()
        )?,
        None => writeln!(
            out,
            "Plus aucun agenda n'est lu comme les absences de {name} : ses places sont de nouveau \
             libres."
        )?,
    }
    Ok(())
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
    session_password(conn)?;
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
