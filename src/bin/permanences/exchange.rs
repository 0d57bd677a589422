//! `export` and `import`: calendars and open data, for the coordinators' scripts.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use permanences::clock;
use permanences::exchange::activities::{self, folder, ExportFormat, ExportRequest};
use permanences::exchange::calendar::{self, CalendarRequest, CalendarScope};
use permanences::exchange::opendata::{self, import, Format};
use permanences::exchange::publish;
use permanences::network::mediator::MediatorId;
use permanences::network::site::SiteId;
use permanences::Error;
use rusqlite::Connection;

use super::help::{HELP, HELP_ARGS};

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
    /// Accompagnements de ce poste : tableur au format de La Coop de la médiation numérique (xlsx ou csv), ou fichier d'échange pour la coordination (json)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] export activities --format xlsx|csv|json [--from DATE] [--to DATE] [--site ID] [--mediator ID] [--personal] -o FICHIER")]
    Activities {
        /// xlsx, csv ou json
        #[arg(long, value_name = "FORMAT", value_parser = parse_activity_format)]
        format: ExportFormat,
        /// Premier jour (par défaut : le 1er janvier de cette année)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Dernier jour, inclus (par défaut : aujourd'hui)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Un seul lieu
        #[arg(long, value_name = "ID")]
        site: Option<i64>,
        /// Un seul médiateur ou une seule médiatrice (colonnes de l'export d'un médiateur de la Coop)
        #[arg(long, value_name = "ID")]
        mediator: Option<i64>,
        /// Avec xlsx ou csv : ajoute les noms des personnes suivies et les notes (données personnelles)
        #[arg(long)]
        personal: bool,
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
    /// Rassemble les accompagnements d'autres postes : un fichier d'échange (json) ou tous ceux d'un dossier ; un fichier relu ne change rien, un plus récent remplace le précédent
    #[command(help_template = HELP_ARGS,
        override_usage = "permanences [--db FICHIER] import activities FICHIER|DOSSIER")]
    Activities {
        /// Fichier d'échange d'un poste (activites-….json), ou dossier qui en contient
        #[arg(value_name = "FICHIER|DOSSIER")]
        path: PathBuf,
    },
}

fn parse_activity_format(text: &str) -> Result<ExportFormat, String> {
    match text.to_lowercase().as_str() {
        "xlsx" => Ok(ExportFormat::Xlsx),
        "csv" => Ok(ExportFormat::Csv),
        "json" => Ok(ExportFormat::Json),
        _ => Err(format!("format « {text} » inconnu (xlsx, csv ou json)")),
    }
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
        ExportCommand::Activities {
            format,
            from,
            to,
            site,
            mediator,
            personal,
            output,
        } => {
            let today = clock::today(now);
            let request = ExportRequest {
                format,
                from: from.unwrap_or_else(|| format!("{}-01-01", today.format("%Y"))),
                to: to.unwrap_or_else(|| today.to_string()),
                site_id: site.map(SiteId),
                mediator_id: mediator.map(MediatorId),
                personal,
            };
            let export = activities::export(conn, &request, now)?;
            permanences::store::file::write_atomic(&output, &export.bytes)?;
            writeln!(
                out,
                "Accompagnements écrits : {} ({}).",
                output.display(),
                export.summary
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
    let file = match command {
        ImportCommand::Opendata { file } => file,
        ImportCommand::Activities { path } => {
            let reports = activities::import_path(conn, &path, now)?;
            if reports.is_empty() {
                writeln!(
                    out,
                    "Aucun fichier d'activités d'un autre poste n'a été trouvé."
                )?;
            }
            let mut complete = true;
            for report in &reports {
                writeln!(out, "{}", report.summary)?;
                for r in &report.refused {
                    eprintln!("permanences : {}", r.message);
                    complete = false;
                }
            }
            return Ok(complete);
        }
    };
    let bytes = std::fs::read(&file).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{} ne peut pas être lu ({e})", file.display()),
        ))
    })?;
    let report = import::import(conn, &bytes, now)?;
    writeln!(out, "{}", report.summary)?;
    // Imported, with something left out (hours the weekly permanences cannot hold…).
    for n in &report.notes {
        writeln!(out, "{}", n.message)?;
    }
    for r in &report.refused {
        eprintln!("permanences : {}", r.message);
    }
    Ok(report.refused.is_empty())
}

/// `gather`: imports the new or changed desk files of the gathering folder, then lists the
/// desks gathered here (their numbers are what `stats --desk` takes).
pub fn gather(conn: &Connection, now: DateTime<Utc>, out: &mut impl Write) -> Result<(), Error> {
    let status = folder::status(conn)?;
    if !status.settings.read_others {
        writeln!(
            out,
            "Ce poste ne rassemble pas les activités d'autres postes : choisissez le dossier de collecte dans les Paramètres de l'application, ou utilisez « import activities »."
        )?;
    } else {
        for report in folder::gather(conn, now)? {
            writeln!(out, "{}", report.summary)?;
            for r in &report.refused {
                eprintln!("permanences : {}", r.message);
            }
        }
    }
    for d in folder::status(conn)?.desks {
        writeln!(
            out,
            "Poste {} : {} ({} activités)",
            d.id, d.name, d.activities
        )?;
    }
    Ok(())
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
