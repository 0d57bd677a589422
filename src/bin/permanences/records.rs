//! `stats`: the activity figures of a period, one of its charts as SVG, or the visits as a
//! spreadsheet.

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
    /// Écrit un graphique en SVG au lieu des chiffres (avec -o FICHIER.svg) : months (mois par mois), themes, procedures, ages, statuses, absences (par mois), reasons (absences par motif), reminded (absences avec et sans rappel)
    #[arg(
        long,
        value_enum,
        value_name = "GRAPHIQUE",
        conflicts_with = "csv",
        requires = "output"
    )]
    chart: Option<ChartName>,
    /// Fichier à écrire (par défaut : la sortie standard)
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    output: Option<PathBuf>,
}

/// The charts `stats --chart` draws, by their id in [`stats::charts::Chart`].
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ChartName {
    Months,
    Themes,
    Procedures,
    Ages,
    Statuses,
    Absences,
    Reasons,
    Reminded,
}

impl ChartName {
    fn id(self) -> &'static str {
        match self {
            ChartName::Months => "months",
            ChartName::Themes => "themes",
            ChartName::Procedures => "procedures",
            ChartName::Ages => "ages",
            ChartName::Statuses => "statuses",
            ChartName::Absences => "absences",
            ChartName::Reasons => "reasons",
            ChartName::Reminded => "reminded",
        }
    }
}

/// `stats`: the figures as text, or (`--csv`) one visit per line.
pub fn stats(conn: &Connection, args: StatsArgs, out: &mut impl Write) -> Result<(), Error> {
    let query = args.period.query();
    let bytes = if let Some(name) = args.chart {
        let charts = stats::charts::compute_charts(conn, &query)?;
        let chart = charts
            .charts
            .iter()
            .find(|c| c.id == name.id())
            .ok_or_else(|| Error::NotFound("Ce graphique n'existe pas.".into()))?;
        permanences::documents::chart::svg(chart).into_bytes()
    } else if args.csv {
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
