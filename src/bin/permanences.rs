//! `permanences`: the command line of the coordinators, over the same core as the app.
//!
//! Exit codes: 0 success, 1 failure (one French line on stderr; for an import, one line per
//! refused row, the other rows being imported), 2 bad usage.

// Beside this file, not in src/bin/ (where every file is a binary of its own).
#[path = "permanences/exchange.rs"]
mod exchange;
#[path = "permanences/privacy.rs"]
mod privacy;
#[path = "permanences/vault.rs"]
mod vault;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand};
use permanences::appointment::{self, BookingInput};
use permanences::mediator::MediatorId;
use permanences::site::SiteId;
use permanences::vocab::Reason;
use permanences::{db, demo, generate, leaflet, publish, site, slot, stats, Error};

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
    /// Créneaux d'une période, un objet JSON par ligne (siteId, permanenceId, start, end, capacity, booked…)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] slots [--site ID] --from AAAA-MM-JJ --to AAAA-MM-JJ")]
    Slots {
        /// Un seul lieu (par défaut : tous les lieux actifs)
        #[arg(long, value_name = "ID")]
        site: Option<i64>,
        /// Premier jour
        #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
        from: NaiveDate,
        /// Dernier jour (inclus)
        #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
        to: NaiveDate,
    },
    /// Réserve un rendez-vous, avec les mêmes règles que l'application
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] book --site ID --start DATE-HEURE [options]")]
    Book {
        /// Lieu
        #[arg(long, value_name = "ID")]
        site: i64,
        /// Début, par exemple 2027-03-30T14:00:00+02:00 ou 2027-03-30T14:00 (heure de Paris)
        #[arg(long, value_name = "DATE-HEURE")]
        start: String,
        /// Motif (code : caf, ameli, france_travail, ants_identite, impots, email, smartphone, autre…)
        #[arg(long, value_name = "CODE", value_parser = parse_reason)]
        reason: Option<Reason>,
        /// Prénom ou initiales de la personne (facultatif : anonyme sinon)
        #[arg(long, value_name = "TEXTE")]
        name: Option<String>,
        /// Téléphone de la personne (facultatif)
        #[arg(long, value_name = "NUMÉRO")]
        phone: Option<String>,
        /// Remarques
        #[arg(long, value_name = "TEXTE")]
        notes: Option<String>,
        /// Rendez-vous exceptionnel, hors des permanences
        #[arg(long)]
        extra: bool,
        /// Durée d'un rendez-vous exceptionnel, en minutes
        #[arg(long, value_name = "MINUTES")]
        duration: Option<u16>,
        /// Écrit le rendez-vous en JSON
        #[arg(long)]
        json: bool,
    },
    /// Affiche ou dépliant des lieux et horaires, en PDF
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] leaflet (--site ID | --network) [--size a4|a5] [--large-print] [--logo FICHIER] -o FICHIER.pdf")]
    Leaflet {
        /// Affiche d'un lieu
        #[arg(
            long,
            value_name = "ID",
            conflicts_with = "network",
            required_unless_present = "network"
        )]
        site: Option<i64>,
        /// Dépliant de tous les lieux du réseau
        #[arg(long)]
        network: bool,
        /// Format du papier : a4 ou a5 (par défaut : a4 pour une affiche, a5 pour le dépliant)
        #[arg(long, value_name = "FORMAT", value_parser = parse_size)]
        size: Option<leaflet::Size>,
        /// Gros caractères (16 points au moins), fort contraste
        #[arg(long)]
        large_print: bool,
        /// Logo en haut de l'affiche : une image PNG ou JPEG, ou « permanences » pour celui fourni
        #[arg(long, value_name = "FICHIER", conflicts_with = "network")]
        logo: Option<String>,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
        output: PathBuf,
    },
    /// Coupon de rendez-vous à remettre à la personne (PDF, format A6)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] slip --appointment ID -o FICHIER.pdf")]
    Slip {
        /// Numéro du rendez-vous
        #[arg(long, value_name = "ID")]
        appointment: i64,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
        output: PathBuf,
    },
    /// Feuille du jour pour l'accueil : rendez-vous et liste d'attente (document interne)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] daysheet --site ID --date AAAA-MM-JJ -o FICHIER.pdf")]
    Daysheet {
        /// Lieu
        #[arg(long, value_name = "ID")]
        site: i64,
        /// Jour
        #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
        date: NaiveDate,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
        output: PathBuf,
    },
    /// Rendez-vous de la semaine d'un lieu (document interne)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] weeksheet --site ID --date AAAA-MM-JJ -o FICHIER.pdf")]
    Weeksheet {
        /// Lieu
        #[arg(long, value_name = "ID")]
        site: i64,
        /// Un jour de la semaine voulue
        #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
        date: NaiveDate,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
        output: PathBuf,
    },
    /// Statistiques d'activité d'une période (texte), ou les accompagnements en CSV
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] stats --from DATE --to DATE [--site ID] [--mediator ID] [--csv [--personal]] [-o FICHIER]")]
    Stats {
        #[command(flatten)]
        period: PeriodArgs,
        /// Écrit un accompagnement par ligne, en CSV (séparateur « ; », UTF-8) au lieu des chiffres
        #[arg(long)]
        csv: bool,
        /// Avec --csv : ajoute les noms, contacts et notes des personnes suivies (données personnelles)
        #[arg(long, requires = "csv")]
        personal: bool,
        /// Fichier à écrire (par défaut : la sortie standard)
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: Option<PathBuf>,
    },
    /// Bilan d'activité d'une période pour les financeurs, en PDF (une page)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] report --from DATE --to DATE [--site ID] [--mediator ID] -o FICHIER.pdf")]
    Report {
        #[command(flatten)]
        period: PeriodArgs,
        /// Fichier PDF à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
        output: PathBuf,
    },
    /// Calendriers (ICS) et données ouvertes, dans un fichier
    #[command(subcommand, help_template = HELP_GROUP, subcommand_value_name = "COMMANDE",
        override_usage = "permanences [--db FICHIER] export <COMMANDE> [options]")]
    Export(exchange::ExportCommand),
    /// Ajoute ou met à jour des lieux à partir d'un fichier
    #[command(subcommand, help_template = HELP_GROUP, subcommand_value_name = "COMMANDE",
        override_usage = "permanences [--db FICHIER] import <COMMANDE> [options]")]
    Import(exchange::ImportCommand),
    /// Efface les données personnelles plus anciennes que la durée de conservation (Paramètres) ; n'affiche que des nombres
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] purge [--dry-run]")]
    Purge {
        /// Compte seulement ce qui serait effacé, sans rien modifier
        #[arg(long)]
        dry_run: bool,
    },
    /// Droits d'une personne suivie : voir ses données, les effacer
    #[command(subcommand, help_template = HELP_GROUP, subcommand_value_name = "COMMANDE",
        override_usage = "permanences [--db FICHIER] beneficiary <COMMANDE> [options]")]
    Beneficiary(privacy::BeneficiaryCommand),
    /// Réécrit maintenant les fichiers publiés (dossier choisi dans les Paramètres de l'application) s'ils ne sont plus à jour
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] publish")]
    Publish,
    /// Copie la base de données dans un fichier (chiffrée avec la même phrase secrète si elle l'est)
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] backup -o FICHIER")]
    Backup {
        /// Fichier de sauvegarde à écrire
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: PathBuf,
    },
    /// Remplace la base par une sauvegarde, après l'avoir vérifiée ; la base actuelle est d'abord gardée dans le dossier « sauvegardes »
    #[command(help_template = exchange::HELP_ARGS, override_usage = "permanences [--db FICHIER] restore FICHIER")]
    Restore {
        /// Sauvegarde à remettre en place
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Remplit une base vide d'un grand jeu de données de test (pour les mesures de vitesse)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] generate [--sites N] [--years N] [--fill POURCENT]")]
    Generate {
        /// Nombre de lieux
        #[arg(long, default_value_t = 50)]
        sites: u32,
        /// Nombre d'années (centrées sur aujourd'hui)
        #[arg(long, default_value_t = 10)]
        years: u32,
        /// Part des places de rendez-vous occupées, en pourcentage
        #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u32).range(0..=100))]
        fill: u32,
    },
}

/// The period and scope of statistics.
#[derive(clap::Args)]
struct PeriodArgs {
    /// Premier jour (AAAA-MM-JJ ou JJ/MM/AAAA)
    #[arg(long, value_name = "DATE")]
    from: String,
    /// Dernier jour, inclus
    #[arg(long, value_name = "DATE")]
    to: String,
    /// Un seul lieu (par défaut : tout le réseau)
    #[arg(long, value_name = "ID")]
    site: Option<i64>,
    /// Un seul médiateur ou une seule médiatrice (par défaut : toute l'équipe)
    #[arg(long, value_name = "ID")]
    mediator: Option<i64>,
}

impl PeriodArgs {
    fn query(self) -> stats::StatsQuery {
        stats::StatsQuery {
            from: self.from,
            to: self.to,
            site_id: self.site.map(SiteId),
            mediator_id: self.mediator.map(MediatorId),
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    if !text.trim().starts_with(|c: char| c.is_ascii_digit()) || text.trim().len() != 10 {
        return Err(format!("date attendue sous la forme AAAA-MM-JJ : {text}"));
    }
    // The same rules as the app's forms (a plausible year among them).
    permanences::validate::date("date", "Date", text).map_err(|e| e.to_string())
}

fn parse_size(text: &str) -> Result<leaflet::Size, String> {
    match text.to_lowercase().as_str() {
        "a4" => Ok(leaflet::Size::A4),
        "a5" => Ok(leaflet::Size::A5),
        _ => Err(format!("format « {text} » inconnu (a4 ou a5)")),
    }
}

fn parse_reason(text: &str) -> Result<Reason, String> {
    Reason::from_code(text).ok_or_else(|| {
        let codes: Vec<&str> = Reason::ALL.iter().map(|r| r.code()).collect();
        format!("motif inconnu « {text} » (codes : {})", codes.join(", "))
    })
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

pub(crate) const HELP: &str = "{about}\n\nUtilisation : {usage}\n\nOptions :\n{options}\n";
const HELP_GROUP: &str = "{about}\n\nUtilisation : {usage}\n\nCommandes :\n{subcommands}\n";

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let path = cli.db.clone().unwrap_or_else(db::default_path);
    match run(cli, path) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // A reader that stops early (`| head`) is not a failure.
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
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
            // Our own value parsers explain in French; Rust's number parser does in English.
            let detail = std::error::Error::source(e)
                .map(|s| {
                    if s.downcast_ref::<std::num::ParseIntError>().is_some() {
                        " (un nombre entier est attendu)".to_owned()
                    } else {
                        format!(" ({s})")
                    }
                })
                .unwrap_or_default();
            eprintln!("permanences : {reason}{what}{detail}. Voir permanences --help.");
        }
    }
    ExitCode::from(2)
}

/// Runs the command; `Ok(false)` when it partly failed and said so (refused import rows).
/// Files published from this database are then brought up to date (see [`publish`]).
fn run(cli: Cli, path: PathBuf) -> Result<bool, Error> {
    let key = vault::passphrase(&path)?;
    let mut out = std::io::stdout().lock();
    if let Command::Restore { file } = &cli.command {
        // Before any connection is open: the file is replaced.
        vault::restore(&path, file, key.as_deref(), &mut out)?;
        return Ok(true);
    }
    let conn = db::open_keyed(&path, key.as_deref())?;
    let mut complete = true;
    let republish = !matches!(cli.command, Command::Publish);
    match cli.command {
        Command::Export(command) => exchange::export(&conn, command, &mut out)?,
        Command::Import(command) => complete = exchange::import(&conn, command, &mut out)?,
        Command::Purge { dry_run } => privacy::purge(&conn, dry_run, &mut out)?,
        Command::Beneficiary(command) => privacy::beneficiary(&conn, command, &mut out)?,
        Command::Backup { output } => vault::backup(&conn, key.as_deref(), &output, &mut out)?,
        Command::Restore { .. } => {}
        Command::Publish => match publish::refresh(&conn, chrono::Utc::now())? {
            0 if publish::status(&conn)?.settings.folder.is_none() => writeln!(
                out,
                "La publication automatique n'est pas en place : choisissez un dossier dans les Paramètres de l'application."
            )?,
            0 => writeln!(out, "Les fichiers publiés sont à jour.")?,
            n => writeln!(out, "{n} fichier(s) publié(s).")?,
        },
        Command::Demo => {
            let s = demo::seed(&conn)?;
            writeln!(
                out,
                "Réseau d'exemple ajouté : {} lieux, {} médiateurs, {} permanences, {} fermetures, {} rendez-vous, {} accompagnements.",
                s.sites, s.mediators, s.permanences, s.closures, s.appointments, s.visits
            )?;
        }
        Command::Slots { site, from, to } => {
            for s in slot::list(&conn, site.map(SiteId), from, to)? {
                writeln!(out, "{}", to_json(&s)?)?;
            }
        }
        Command::Book {
            site,
            start,
            reason,
            name,
            phone,
            notes,
            extra,
            duration,
            json,
        } => {
            let input = BookingInput {
                site_id: SiteId(site),
                start,
                duration_minutes: duration,
                resident_name: name,
                resident_phone: phone,
                reason,
                notes,
                created_by: None,
                extra,
            };
            let a = appointment::book(&conn, &input, chrono::Utc::now())?;
            if json {
                writeln!(out, "{}", to_json(&a)?)?;
            } else {
                writeln!(
                    out,
                    "Rendez-vous n° {} enregistré : {}, {}.",
                    a.id.0,
                    a.day,
                    a.hours.replace('\u{a0}', " ")
                )?;
            }
        }
        Command::Leaflet {
            site,
            network,
            size,
            large_print,
            logo,
            output,
        } => {
            let pdf = match site {
                Some(id) if !network => {
                    let logo = match logo.as_deref() {
                        None => leaflet::Logo::None,
                        Some("permanences") => leaflet::Logo::Bundled,
                        Some(path) => leaflet::Logo::File {
                            path: path.to_owned(),
                        },
                    };
                    let size = size.unwrap_or(leaflet::Size::A4);
                    let options = leaflet::PrintOptions {
                        logo,
                        ..leaflet::PrintOptions::new(size, large_print)
                    };
                    leaflet::site_poster(&conn, SiteId(id), options)?
                }
                _ => {
                    let size = size.unwrap_or(leaflet::Size::A5);
                    leaflet::network_leaflet(&conn, leaflet::PrintOptions::new(size, large_print))?
                }
            };
            written(&mut out, &output, &pdf)?;
        }
        Command::Slip {
            appointment,
            output,
        } => {
            let pdf = leaflet::appointment_slip(&conn, appointment::AppointmentId(appointment))?;
            written(&mut out, &output, &pdf)?;
        }
        Command::Daysheet { site, date, output } => {
            let pdf = leaflet::day_sheet(&conn, SiteId(site), date, chrono::Utc::now())?;
            written(&mut out, &output, &pdf)?;
        }
        Command::Weeksheet { site, date, output } => {
            let pdf = leaflet::week_sheet(&conn, SiteId(site), date, chrono::Utc::now())?;
            written(&mut out, &output, &pdf)?;
        }
        Command::Stats {
            period,
            csv,
            personal,
            output,
        } => {
            let query = period.query();
            let bytes = if csv {
                stats::csv::visits(&conn, &query, personal)?
            } else {
                stats::report::text(&stats::compute(&conn, &query)?).into_bytes()
            };
            match output {
                Some(path) => {
                    permanences::pdf::save(&path, &bytes)?;
                    writeln!(out, "Fichier écrit : {}.", path.display())?;
                }
                None => out.write_all(&bytes)?,
            }
        }
        Command::Report { period, output } => {
            let pdf = stats::report::activity_report(&conn, &period.query())?;
            written(&mut out, &output, &pdf)?;
        }
        Command::Generate { sites, years, fill } => {
            let size = generate::Size {
                sites,
                years,
                fill_percent: fill,
            };
            let g = generate::generate(&conn, size, chrono::Utc::now().date_naive())?;
            writeln!(
                out,
                "Jeu de test écrit : {} lieux, {} permanences, {} rendez-vous.",
                g.sites, g.permanences, g.appointments
            )?;
        }
        Command::Sites(SitesCommand::List { json, archived }) => {
            let sites = site::list(&conn, archived)?;
            if json {
                writeln!(out, "{}", to_json(&sites)?)?;
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
    if republish {
        if let Err(e) = publish::refresh(&conn, chrono::Utc::now()) {
            eprintln!("permanences : attention : {e}");
        }
    }
    Ok(complete)
}

fn written(
    out: &mut impl Write,
    path: &std::path::Path,
    pdf: &permanences::pdf::Pdf,
) -> Result<(), Error> {
    permanences::pdf::save(path, &pdf.bytes)?;
    let pages = if pdf.pages > 1 {
        format!("{} pages", pdf.pages)
    } else {
        "1 page".to_owned()
    };
    writeln!(
        out,
        "PDF écrit : {} ({pages}, {} Ko).",
        path.display(),
        pdf.bytes.len().div_ceil(1024)
    )?;
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::Io(std::io::Error::other(e)))
}
