//! `sites`: the network's places.

use std::io::Write;

use clap::Subcommand;
use permanences::network::site;
use permanences::Error;
use rusqlite::Connection;

use super::help::HELP;

#[derive(Subcommand)]
pub enum SitesCommand {
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

/// `sites list`: one line per site (tab-separated), or a JSON array.
pub fn sites(conn: &Connection, command: SitesCommand, out: &mut impl Write) -> Result<(), Error> {
    let SitesCommand::List { json, archived } = command;
    let sites = site::list(conn, archived)?;
    if json {
        writeln!(out, "{}", super::to_json(&sites)?)?;
    } else if sites.is_empty() {
        writeln!(
            out,
            "Aucun lieu. Ajoutez-en un dans l'application, ou essayez « permanences demo »."
        )?;
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
    Ok(())
}
