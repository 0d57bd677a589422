//! `leaflet`, `slip`, `daysheet`, `weeksheet` and `report`: the PDF documents.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use permanences::documents::guide::Pictures;
use permanences::documents::{leaflet, report};
use permanences::network::site::SiteId;
use permanences::scheduling::appointment::AppointmentId;
use permanences::Error;
use rusqlite::Connection;

use super::help::parse_date;
use super::records::PeriodArgs;
use super::written;

#[derive(clap::Args)]
pub struct LeafletArgs {
    /// Affiche d'un lieu
    #[arg(
        long,
        value_name = "ID",
        conflicts_with_all = ["network", "memo"],
        required_unless_present_any = ["network", "memo"]
    )]
    site: Option<i64>,
    /// Dépliant de tous les lieux du réseau
    #[arg(long, conflicts_with = "memo")]
    network: bool,
    /// Mémo de l'accueil : les cinq gestes du jour et leurs touches (une page A4)
    #[arg(long)]
    memo: bool,
    /// Format du papier : a4 ou a5 (par défaut : a4 pour une affiche, a5 pour le dépliant)
    #[arg(long, value_name = "FORMAT", value_parser = parse_size, conflicts_with = "memo")]
    size: Option<leaflet::Size>,
    /// Gros caractères (16 points au moins), fort contraste
    #[arg(long)]
    large_print: bool,
    /// Logo en haut de l'affiche : une image PNG ou JPEG, ou « permanences » pour celui fourni
    #[arg(long, value_name = "FICHIER", conflicts_with_all = ["network", "memo"])]
    logo: Option<String>,
    /// Fichier PDF à écrire
    #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
    output: PathBuf,
}

#[derive(clap::Args)]
pub struct GuideArgs {
    /// Fichier PDF à écrire
    #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
    output: PathBuf,
}

#[derive(clap::Args)]
pub struct SlipArgs {
    /// Numéro du rendez-vous
    #[arg(long, value_name = "ID")]
    appointment: i64,
    /// Fichier PDF à écrire
    #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
    output: PathBuf,
}

/// A desk sheet: a site and a day (of the week wanted, for the week's sheet).
#[derive(clap::Args)]
pub struct SheetArgs {
    /// Lieu
    #[arg(long, value_name = "ID")]
    site: i64,
    /// Jour (pour la semaine : un jour de la semaine voulue)
    #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
    date: NaiveDate,
    /// Fichier PDF à écrire
    #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
    output: PathBuf,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// Fichier PDF à écrire
    #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
    output: PathBuf,
}

fn parse_size(text: &str) -> Result<leaflet::Size, String> {
    match text.to_lowercase().as_str() {
        "a4" => Ok(leaflet::Size::A4),
        "a5" => Ok(leaflet::Size::A5),
        _ => Err(format!("format « {text} » inconnu (a4 ou a5)")),
    }
}

/// `leaflet`: one site's poster, or the network's leaflet.
pub fn leaflet(
    conn: &Connection,
    args: LeafletArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let pdf = match args.site {
        _ if args.memo => leaflet::desk_memo(args.large_print, now)?,
        Some(id) if !args.network => {
            let logo = match args.logo.as_deref() {
                None => leaflet::Logo::None,
                Some("permanences") => leaflet::Logo::Bundled,
                Some(path) => leaflet::Logo::File {
                    path: path.to_owned(),
                },
            };
            let size = args.size.unwrap_or(leaflet::Size::A4);
            let options = leaflet::PrintOptions {
                logo,
                ..leaflet::PrintOptions::new(size, args.large_print)
            };
            leaflet::site_poster(conn, SiteId(id), options, now)?
        }
        _ => {
            let size = args.size.unwrap_or(leaflet::Size::A5);
            let options = leaflet::PrintOptions::new(size, args.large_print);
            leaflet::network_leaflet(conn, options, now)?
        }
    };
    written(out, &args.output, &pdf)
}

/// `guide`: the « Guide de Permanences » (docs/guide/), in PDF, with the `pictures` of its
/// screens.
pub fn guide(
    args: GuideArgs,
    now: DateTime<Utc>,
    pictures: Pictures<'_>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let pdf = permanences::documents::guide::guide_pdf(now, pictures)?;
    written(out, &args.output, &pdf)
}

/// `slip`: the appointment slip handed to the resident.
pub fn slip(
    conn: &Connection,
    args: SlipArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let pdf = leaflet::appointment_slip(conn, AppointmentId(args.appointment), now)?;
    written(out, &args.output, &pdf)
}

/// `daysheet` (`week` false) or `weeksheet`: internal documents for the desk.
pub fn sheet(
    conn: &Connection,
    args: SheetArgs,
    week: bool,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let site = SiteId(args.site);
    let pdf = if week {
        leaflet::week_sheet(conn, site, args.date, now)?
    } else {
        leaflet::day_sheet(conn, site, args.date, now)?
    };
    written(out, &args.output, &pdf)
}

/// `report`: the funders' one-page activity report.
pub fn report(
    conn: &Connection,
    args: ReportArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let pdf = report::activity_report(conn, &args.period.query(), now)?;
    written(out, &args.output, &pdf)
}
