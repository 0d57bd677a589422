//! `demo` and `generate`: sample data, anchored on the command's "now".

use std::io::Write;

use chrono::{DateTime, Utc};
use permanences::sample::{demo, generate};
use permanences::Error;
use rusqlite::Connection;

#[derive(clap::Args)]
pub struct GenerateArgs {
    /// Nombre de lieux
    #[arg(long, default_value_t = 50)]
    sites: u32,
    /// Nombre d'années (centrées sur aujourd'hui)
    #[arg(long, default_value_t = 10)]
    years: u32,
    /// Part des places de rendez-vous occupées, en pourcentage
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u32).range(0..=100))]
    fill: u32,
}

/// `demo`: the sample network, in an empty database.
pub fn demo(conn: &Connection, now: DateTime<Utc>, out: &mut impl Write) -> Result<(), Error> {
    let s = demo::seed(conn, now)?;
    writeln!(
        out,
        "Réseau d'exemple ajouté : {} lieux, {} médiateurs, {} permanences, {} fermetures, {} rendez-vous, {} accompagnements.",
        s.sites, s.mediators, s.permanences, s.closures, s.appointments, s.visits
    )?;
    Ok(())
}

/// `generate`: a large data set for speed measures, in an empty database.
pub fn generate(
    conn: &Connection,
    args: GenerateArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let size = generate::Size {
        sites: args.sites,
        years: args.years,
        fill_percent: args.fill,
    };
    let g = generate::generate(conn, size, now)?;
    writeln!(
        out,
        "Jeu de test écrit : {} lieux, {} permanences, {} rendez-vous.",
        g.sites, g.permanences, g.appointments
    )?;
    Ok(())
}
