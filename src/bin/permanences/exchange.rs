//! `export` and `import`: calendars and open data, for the coordinators' scripts.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use permanences::calendar::{self, CalendarRequest, CalendarScope};
use permanences::mediator::MediatorId;
use permanences::opendata::{self, import, Format};
use permanences::site::SiteId;
use permanences::{publish, Error};
use rusqlite::Connection;

use crate::HELP;

/// Like [`HELP`], for a command with a positional argument.
pub(crate) const HELP_ARGS: &str =
    "{about}\n\nUtilisation : {usage}\n\nArguments :\n{positionals}\n\nOptions :\n{options}\n";

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
    out: &mut impl Write,
) -> Result<(), Error> {
    let now = chrono::Utc::now();
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
            let (text, _) = calendar::render(conn, &request, now)?;
            publish::write_atomic(&output, text.as_bytes())?;
            writeln!(
                out,
                "Calendrier écrit : {} ({} événements, {} Ko).",
                output.display(),
                text.matches("BEGIN:VEVENT").count(),
                text.len().div_ceil(1024)
            )?;
        }
        ExportCommand::Opendata { format, output } => {
            let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
            let export = opendata::export(conn, format, today)?;
            publish::write_atomic(&output, &export.bytes)?;
            for w in &export.warnings {
                eprintln!("permanences : attention : {w}");
            }
            writeln!(
                out,
                "Données ouvertes écrites : {} ({} lieux).",
                output.display(),
                export.sites
            )?;
        }
    }
    Ok(())
}

/// Runs an import; `false` when some rows were refused (each is said on stderr).
pub fn import(
    conn: &Connection,
    command: ImportCommand,
    out: &mut impl Write,
) -> Result<bool, Error> {
    let ImportCommand::Opendata { file } = command;
    let bytes = std::fs::read(&file).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{} ne peut pas être lu ({e})", file.display()),
        ))
    })?;
    let report = import::import(conn, &bytes)?;
    writeln!(
        out,
        "Import terminé : {} lieu(x) ajouté(s), {} mis à jour, {} ligne(s) refusée(s).",
        report.created,
        report.updated,
        report.refused.len()
    )?;
    for r in &report.refused {
        eprintln!("permanences : {}", r.message);
    }
    Ok(report.refused.is_empty())
}
