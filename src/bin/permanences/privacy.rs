//! `purge` and `beneficiary export|erase`: retention and the rights of a followed person.
//! What they print is counts and file names: never a person's name, phone or e-mail (the
//! export prints them only into the file asked for, or on standard output when no file is).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use permanences::beneficiary::BeneficiaryId;
use permanences::privacy::{self, PurgeCause, PurgeCounts};
use permanences::Error;
use rusqlite::Connection;

use crate::HELP;

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

/// "3 personnes suivies, 2 rendez-vous, 0 passage sans rendez-vous, 1 inscription en liste
/// d'attente".
fn counts_text(n: &PurgeCounts) -> String {
    let s = |k: i64| if k > 1 { "s" } else { "" };
    format!(
        "{} personne{} suivie{}, {} rendez-vous, {} passage{} sans rendez-vous, {} inscription{} en liste d'attente",
        n.beneficiaries,
        s(n.beneficiaries),
        s(n.beneficiaries),
        n.appointments,
        n.walk_ins,
        s(n.walk_ins),
        n.waiting,
        s(n.waiting)
    )
}

/// Erases what the retention settings no longer allow to keep (or counts it, `--dry-run`).
pub fn purge(conn: &Connection, dry_run: bool, out: &mut impl Write) -> Result<(), Error> {
    let now = chrono::Utc::now();
    if dry_run {
        let n = privacy::due(conn, now)?;
        writeln!(
            out,
            "À effacer (rien n'a été modifié) : {}.",
            counts_text(&n)
        )?;
    } else {
        let n = privacy::purge(conn, now, PurgeCause::Manual)?;
        writeln!(out, "Effacé : {}.", counts_text(&n))?;
    }
    Ok(())
}

pub fn beneficiary(
    conn: &Connection,
    command: BeneficiaryCommand,
    out: &mut impl Write,
) -> Result<(), Error> {
    let now = chrono::Utc::now();
    match command {
        BeneficiaryCommand::Export { id, output, pdf } => {
            let record = privacy::export(conn, BeneficiaryId(id), now)?;
            match (output, pdf) {
                (Some(path), true) => crate::written(out, &path, &privacy::export_pdf(&record)?)?,
                (Some(path), false) => {
                    permanences::publish::write_atomic(&path, &privacy::export_json(&record)?)?;
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
