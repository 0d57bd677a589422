//! `purge` and `beneficiary export|erase`: retention and the rights of a followed person.
//! What they print is counts and file names: never a person's name, phone or e-mail (the
//! export prints them only into the file asked for, or on standard output when no file is).

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use permanences::privacy::{self, PurgeCause};
use permanences::records::beneficiary::BeneficiaryId;
use permanences::Error;
use rusqlite::Connection;

use super::help::HELP;

#[derive(Subcommand)]
pub enum BeneficiaryCommand {
    /// Tout ce qui est conservé sur une personne suivie (droit d'accès) : en JSON, ou en PDF lisible avec --pdf
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] beneficiary export --id ID [-o FICHIER] [--pdf]")]
    Export {
        /// Numéro de la personne suivie
        #[arg(long, value_name = "ID")]
        id: i64,
        /// Fichier à écrire (par défaut : le JSON sur la sortie standard)
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: Option<PathBuf>,
        /// Un PDF lisible au lieu du JSON (avec -o)
        #[arg(long, requires = "output")]
        pdf: bool,
    },
    /// Efface une personne suivie, à sa demande : nom, contact, notes ; ses accompagnements restent, anonymes, dans les statistiques
    #[command(help_template = HELP,
        override_usage = "permanences [--db FICHIER] beneficiary erase --id ID")]
    Erase {
        /// Numéro de la personne suivie
        #[arg(long, value_name = "ID")]
        id: i64,
    },
}

/// Erases what the retention settings no longer allow to keep (or counts it, `--dry-run`).
pub fn purge(
    conn: &Connection,
    dry_run: bool,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    if dry_run {
        let n = privacy::due(conn, now)?;
        writeln!(out, "À effacer (rien n'a été modifié) : {}.", n.text())?;
    } else {
        let n = privacy::purge(conn, now, PurgeCause::Manual)?;
        writeln!(out, "Effacé : {}.", n.text())?;
    }
    Ok(())
}

pub fn beneficiary(
    conn: &Connection,
    command: BeneficiaryCommand,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    match command {
        BeneficiaryCommand::Export { id, output, pdf } => {
            let record = privacy::export(conn, BeneficiaryId(id), now)?;
            match (output, pdf) {
                (Some(path), true) => super::written(out, &path, &privacy::export_pdf(&record)?)?,
                (Some(path), false) => {
                    permanences::store::file::write_atomic(&path, &privacy::export_json(&record)?)?;
                    writeln!(out, "JSON écrit : {}.", path.display())?;
                }
                (None, _) => {
                    out.write_all(&privacy::export_json(&record)?)?;
                    writeln!(out)?;
                }
            }
        }
        BeneficiaryCommand::Erase { id } => {
            let done = privacy::erase(conn, BeneficiaryId(id), now)?;
            writeln!(
                out,
                "Personne effacée. Ses {} accompagnement(s) restent, anonymes, dans les statistiques.",
                done.visits_kept
            )?;
        }
    }
    Ok(())
}
