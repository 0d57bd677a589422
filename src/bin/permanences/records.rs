//! `stats`: the activity figures of a period, or the visits as a spreadsheet.

use std::io::Write;
use std::path::PathBuf;

use permanences::network::mediator::MediatorId;
use permanences::network::site::SiteId;
use permanences::records::stats;
use permanences::Error;
use rusqlite::Connection;

/// The period and scope of statistics.
#[derive(clap::Args)]
pub struct PeriodArgs {
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
    /// Un seul poste : 0 pour ce poste-ci, ou le numéro d'un poste rassemblé (voir « gather ») ; par défaut : tous
    #[arg(long, value_name = "N")]
    desk: Option<i64>,
}

impl PeriodArgs {
    pub fn query(self) -> stats::StatsQuery {
        stats::StatsQuery {
            from: self.from,
            to: self.to,
            site_id: self.site.map(SiteId),
            mediator_id: self.mediator.map(MediatorId),
            desk_id: self.desk.map(stats::DeskId),
        }
    }
}

#[derive(clap::Args)]
pub struct StatsArgs {
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
}

/// `stats`: the figures as text, or (`--csv`) one visit per line.
pub fn stats(conn: &Connection, args: StatsArgs, out: &mut impl Write) -> Result<(), Error> {
    let query = args.period.query();
    let bytes = if args.csv {
        stats::csv::visits(conn, &query, args.personal)?
    } else {
        stats::figures::text(&stats::compute(conn, &query)?).into_bytes()
    };
    match args.output {
        Some(path) => {
            permanences::store::file::write_atomic(&path, &bytes)?;
            writeln!(out, "Fichier écrit : {}.", path.display())?;
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}
