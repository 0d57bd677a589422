//! `permanences`: the command line of the coordinators, over the same core as the app.
//!
//! Exit codes: 0 success, 1 failure (one French line on stderr), 2 bad usage.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use permanences::{db, demo, site, Error};

/// Permanences : lieux et horaires des permanences numériques, en ligne de commande.
#[derive(Parser)]
#[command(
    name = "permanences",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    help_template = "{about}\n\nUtilisation : {usage}\n\nCommandes :\n{subcommands}\n\nOptions :\n{options}\n",
    subcommand_help_heading = "Commandes",
    subcommand_value_name = "COMMANDE",
    override_usage = "permanences [--db FICHIER] <COMMANDE> [options]",
    next_help_heading = "Options"
)]
struct Cli {
    /// Fichier de la base de données (par défaut : celui de l'application)
    #[arg(long, global = true, value_name = "FICHIER")]
    db: Option<PathBuf>,
    /// Affiche cette aide
    #[arg(short = 'h', long = "help", global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Affiche la version
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ajoute le réseau d'exemple (quelques lieux de Strasbourg) dans une base vide
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] demo")]
    Demo,
    /// Lieux d'accueil
    #[command(subcommand, help_template = HELP_GROUP, subcommand_value_name = "COMMANDE",
        override_usage = "permanences [--db FICHIER] sites <COMMANDE> [options]")]
    Sites(SitesCommand),
}

#[derive(Subcommand)]
enum SitesCommand {
    /// Liste les lieux actifs (nom, adresse, code postal, commune)
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] sites list [--json] [--archived]")]
    List {
        /// Écrit un tableau JSON (id, name, address, postcode, city…) au lieu d'un texte
        #[arg(long)]
        json: bool,
        /// Inclut les lieux archivés
        #[arg(long)]
        archived: bool,
    },
}

const HELP: &str = "{about}\n\nUtilisation : {usage}\n\nOptions :\n{options}\n";
const HELP_GROUP: &str = "{about}\n\nUtilisation : {usage}\n\nCommandes :\n{subcommands}\n";

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let path = cli.db.clone().unwrap_or_else(db::default_path);
    match run(cli, path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("permanences : {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind as K;
    match e.kind() {
        K::DisplayHelp | K::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        K::DisplayHelpOnMissingArgumentOrSubcommand | K::MissingSubcommand => {
            eprint!("{}", Cli::command().render_help());
            eprintln!("permanences : une commande est attendue (voir permanences --help).");
        }
        _ => {
            let what = e
                .get(clap::error::ContextKind::InvalidArg)
                .or_else(|| e.get(clap::error::ContextKind::InvalidSubcommand))
                .map(|v| format!(" : {v}"))
                .unwrap_or_default();
            let reason = match e.kind() {
                K::UnknownArgument => "option inconnue",
                K::InvalidSubcommand => "commande inconnue",
                K::InvalidValue | K::ValueValidation => "valeur invalide",
                K::MissingRequiredArgument => "argument obligatoire manquant",
                K::ArgumentConflict => "options incompatibles",
                _ => "utilisation incorrecte",
            };
            eprintln!("permanences : {reason}{what}. Voir permanences --help.");
        }
    }
    ExitCode::from(2)
}

fn run(cli: Cli, path: PathBuf) -> Result<(), Error> {
    let conn = db::open(&path)?;
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Demo => {
            let s = demo::seed(&conn)?;
            writeln!(
                out,
                "Réseau d'exemple ajouté : {} lieux, {} médiateurs, {} permanences, {} fermetures.",
                s.sites, s.mediators, s.permanences, s.closures
            )?;
        }
        Command::Sites(SitesCommand::List { json, archived }) => {
            let sites = site::list(&conn, archived)?;
            if json {
                let text = serde_json::to_string_pretty(&sites)
                    .map_err(|e| Error::Io(std::io::Error::other(e)))?;
                writeln!(out, "{text}")?;
            } else if sites.is_empty() {
                writeln!(out, "Aucun lieu. Ajoutez-en un dans l'application, ou essayez « permanences demo ».")?;
            } else {
                for s in sites {
                    let archived = if s.archived { " (archivé)" } else { "" };
                    writeln!(
                        out,
                        "{}\t{}\t{}, {} {}{archived}",
                        s.id.0, s.name, s.address, s.postcode, s.city
                    )?;
                }
            }
        }
    }
    Ok(())
}
