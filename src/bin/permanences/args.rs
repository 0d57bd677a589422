//! The command line's arguments: the global options and the list of commands. Each group's
//! own options are declared beside the code that runs them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::help::{HELP, HELP_ARGS, HELP_GROUP};
use super::{documents, exchange, privacy, records, remind, sample, scheduling, sharing, sites};

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
pub struct Cli {
    /// Fichier de la base de données (par défaut : celui de l'application)
    #[arg(long, global = true, value_name = "FICHIER")]
    pub db: Option<PathBuf>,
    /// Affiche cette aide
    #[arg(short = 'h', long = "help", global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Affiche la version
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Ajoute le réseau d'exemple (quelques lieux de Strasbourg) dans une base vide
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] demo")]
    Demo,
    /// Lieux d'accueil
    #[command(subcommand, help_template = HELP_GROUP, subcommand_value_name = "COMMANDE",
        override_usage = "permanences [--db FICHIER] sites <COMMANDE> [options]")]
    Sites(sites::SitesCommand),
    /// Créneaux d'une période, un objet JSON par ligne (siteId, permanenceId, start, end, capacity, booked…)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] slots [--site ID] --from AAAA-MM-JJ --to AAAA-MM-JJ")]
    Slots(scheduling::SlotsArgs),
    /// Réserve un rendez-vous, avec les mêmes règles que l'application
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] book --site ID --start DATE-HEURE [options]")]
    Book(scheduling::BookArgs),
    /// Retrouve un rendez-vous, passé ou à venir, par le nom ou le téléphone
    #[command(help_template = HELP_ARGS,
        override_usage = "permanences [--db FICHIER] find TEXTE [--limit N] [--json]")]
    Find(remind::FindArgs),
    /// Personnes à prévenir de leur rendez-vous (prochain jour d'ouverture ou jour choisi), avec le texte à leur lire ou envoyer
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] reminders [--site ID] [--date AAAA-MM-JJ] [--json | -o FICHIER.pdf]")]
    Reminders(remind::RemindersArgs),
    /// Coche « Prévenu(e) » sur un rendez-vous (--undo pour retirer la coche)
    #[command(help_template = HELP_ARGS,
        override_usage = "permanences [--db FICHIER] remind ID [--undo]")]
    Remind(remind::RemindArgs),
    /// Affiche ou dépliant des lieux et horaires, en PDF
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] leaflet (--site ID | --network | --memo) [--size a4|a5] [--large-print] [--logo FICHIER] -o FICHIER.pdf")]
    Leaflet(documents::LeafletArgs),
    /// Guide de Permanences : les gestes de l'accueil pas à pas (PDF, format A4)
    #[command(help_template = HELP,
        override_usage = "permanences guide -o FICHIER.pdf")]
    Guide(documents::GuideArgs),
    /// Coupon de rendez-vous à remettre à la personne (PDF, format A6)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] slip --appointment ID -o FICHIER.pdf")]
    Slip(documents::SlipArgs),
    /// Feuille du jour pour l'accueil : rendez-vous et liste d'attente (document interne)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] daysheet --site ID --date AAAA-MM-JJ -o FICHIER.pdf")]
    Daysheet(documents::SheetArgs),
    /// Rendez-vous de la semaine d'un lieu (document interne)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] weeksheet --site ID --date AAAA-MM-JJ -o FICHIER.pdf")]
    Weeksheet(documents::SheetArgs),
    /// Statistiques d'activité d'une période (texte), ou les accompagnements en CSV
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] stats --from DATE --to DATE [--site ID] [--mediator ID] [--csv [--personal] | --chart GRAPHIQUE] [-o FICHIER]")]
    Stats(records::StatsArgs),
    /// Bilan d'activité d'une période pour les financeurs, en PDF (une page)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] report --from DATE --to DATE [--site ID] [--mediator ID] -o FICHIER.pdf")]
    Report(documents::ReportArgs),
    /// Calendriers (ICS), données ouvertes et accompagnements, dans un fichier
    #[command(subcommand, help_template = HELP_GROUP, subcommand_value_name = "COMMANDE",
        override_usage = "permanences [--db FICHIER] export <COMMANDE> [options]")]
    Export(exchange::ExportCommand),
    /// Ajoute ou met à jour des lieux, ou rassemble les accompagnements d'autres postes, à partir d'un fichier
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
    /// Importe du dossier de collecte (Paramètres) les fichiers d'activités nouveaux ou changés des autres postes, puis liste les postes rassemblés
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] gather")]
    Gather,
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
    #[command(help_template = HELP_ARGS, override_usage = "permanences [--db FICHIER] restore FICHIER")]
    Restore {
        /// Sauvegarde à remettre en place
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Partage de l'agenda avec les autres postes, par le serveur d'agendas (CalDAV) de l'association
    #[command(subcommand, help_template = HELP_GROUP, subcommand_value_name = "COMMANDE",
        override_usage = "permanences [--db FICHIER] network <COMMANDE> [options]")]
    #[command(name = "network")]
    Sharing(sharing::SharingCommand),
    /// Envoie les changements de ce poste au serveur du réseau et reçoit ceux des autres postes
    #[command(help_template = HELP, override_usage = "permanences [--db FICHIER] sync [--full]")]
    Sync {
        /// Relit tous les agendas du réseau, pas seulement ceux que les autres postes ont
        /// changés : ce qu'un agenda de téléphone ou Thunderbird a modifié arrive aussitôt
        /// (sans cette option : à chaque fois si cette relecture prend moins de 150 ms,
        /// sinon toutes les dix minutes)
        #[arg(long)]
        full: bool,
    },
    /// Remplit une base vide d'un grand jeu de données de test (pour les mesures de vitesse)
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] generate [--sites N] [--years N] [--fill POURCENT]")]
    Generate(sample::GenerateArgs),
}
