//! `export` and `import`: calendars and open data, for the coordinators' scripts.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use permanences::clock;
use permanences::exchange::calendar::{self, CalendarRequest, CalendarScope};
use permanences::exchange::opendata::{self, import, Format};
use permanences::exchange::publish;
use permanences::network::mediator::MediatorId;
use permanences::network::site::SiteId;
use permanences::Error;
use rusqlite::Connection;

use crate::args::{HELP, HELP_ARGS};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Calendrier ICS des permanences : tout le réseau, un lieu ou un médiateur, de 30 jours avant à un an après aujourd'hui
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] export ics [--site ID | --mediator ID] [--with-appointments] [--with-names] -o FICHIER.ics")]
    Ics {
        /// Un seul lieu (par défaut : tout le réseau)
        #[arg(long, value_name = "ID", conflicts_with = "mediator")]
        site: Option<i64>,
        /// Les permanences d'un médiateur ou d'une médiatrice
        #[arg(long, value_name = "ID")]
        mediator: Option<i64>,
        /// Ajoute les rendez-vous (calendrier privé : « Rendez-vous » et le motif seulement)
        #[arg(long)]
        with_appointments: bool,
        /// Ajoute aux rendez-vous le nom et le téléphone de la personne (données personnelles)
        #[arg(long, requires = "with_appointments")]
        with_names: bool,
        /// Fichier .ics à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.ics")]
        output: PathBuf,
    },
    /// Lieux actifs au format du standard national des lieux de médiation numérique
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] export opendata --format csv|json -o FICHIER")]
    Opendata {
        /// csv ou json
        #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
        format: Format,
        /// Fichier à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Importe des lieux d'un fichier du standard national (CSV ou JSON) ; un lieu déjà importé (même id) est mis à jour
    #[command(help_template = HELP_ARGS,
        override_usage = "permanences [--db FICHIER] import opendata FICHIER")]
    Opendata {
        /// Fichier CSV (séparé par des virgules ou des points-virgules) ou JSON
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
}

fn parse_format(text: &str) -> Result<Format, String> {
    match text.to_lowercase().as_str() {
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        _ => Err(format!("format « {text} » inconnu (csv ou json)")),
    }
}

/// Runs an export; the file is written atomically (a script may write into a shared folder).
pub fn export(
    conn: &Connection,
    command: ExportCommand,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    match command {
        ExportCommand::Ics {
            site,
            mediator,
            with_appointments,
            with_names,
            output,
        } => {
            let scope = match (site, mediator) {
                (Some(id), _) => CalendarScope::Site {
                    site_id: SiteId(id),
                },
                (None, Some(id)) => CalendarScope::Mediator {
                    mediator_id: MediatorId(id),
                },
                (None, None) => CalendarScope::Network,
            };
            let request = CalendarRequest {
                scope,
                with_appointments,
                with_names,
            };
            let file = calendar::render(conn, &request, now)?;
            permanences::store::file::write_atomic(&output, file.text.as_bytes())?;
            writeln!(
                out,
                "Calendrier écrit : {} ({}, {} Ko).",
                output.display(),
                file.summary(),
                file.text.len().div_ceil(1024)
            )?;
        }
        ExportCommand::Opendata { format, output } => {
            let export = opendata::export(conn, format, clock::today(now))?;
            permanences::store::file::write_atomic(&output, &export.bytes)?;
            for w in &export.warnings {
                eprintln!("permanences : attention : {w}");
            }
            writeln!(
                out,
                "Données ouvertes écrites : {} ({}).",
                output.display(),
                export.summary()
            )?;
        }
    }
    Ok(())
}

/// Runs an import; `false` when some rows were refused (each is said on stderr).
pub fn import(
    conn: &Connection,
    command: ImportCommand,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<bool, Error> {
    let ImportCommand::Opendata { file } = command;
    let bytes = std::fs::read(&file).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{} ne peut pas être lu ({e})", file.display()),
        ))
    })?;
    let report = import::import(conn, &bytes, now)?;
    writeln!(out, "{}", report.summary)?;
    for r in &report.refused {
        eprintln!("permanences : {}", r.message);
    }
    Ok(report.refused.is_empty())
}

/// `publish`: rewrites the published files now if they are out of date.
pub fn publish(conn: &Connection, now: DateTime<Utc>, out: &mut impl Write) -> Result<(), Error> {
    match publish::refresh(conn, now)? {
        0 if publish::status(conn)?.settings.folder.is_none() => writeln!(
            out,
            "La publication automatique n'est pas en place : choisissez un dossier dans les Paramètres de l'application."
        )?,
        0 => writeln!(out, "Les fichiers publiés sont à jour.")?,
        n => writeln!(out, "{n} fichier(s) publié(s).")?,
    }
    Ok(())
}
