//! `find`, `reminders` and `remind`: finding an appointment when a resident phones, and the
//! residents to remind with their « Prévenu(e) » tick. Nothing is sent: the desk calls.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use permanences::documents::leaflet;
use permanences::network::site::SiteId;
use permanences::scheduling::appointment::AppointmentId;
use permanences::scheduling::{reminder, search};
use permanences::Error;
use rusqlite::Connection;

use super::help::parse_date;

#[derive(clap::Args)]
pub struct FindArgs {
    /// Prénom, initiales ou téléphone, même incomplet (accents, majuscules, espaces, points et tirets ignorés)
    #[arg(value_name = "TEXTE")]
    text: String,
    /// Nombre de résultats au plus
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
    /// Un objet JSON par ligne
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct RemindersArgs {
    /// Un seul lieu (par défaut : tous les lieux)
    #[arg(long, value_name = "ID")]
    site: Option<i64>,
    /// Le jour (par défaut : le prochain jour d'ouverture, fermetures et jours fériés sautés)
    #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Un objet JSON par ligne
    #[arg(long, conflicts_with = "output")]
    json: bool,
    /// Écrit la liste d'appels à imprimer dans ce fichier PDF (document interne)
    #[arg(short = 'o', long = "output", value_name = "FICHIER.pdf")]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct RemindArgs {
    /// Numéro du rendez-vous
    #[arg(value_name = "ID")]
    id: i64,
    /// Retire la coche « Prévenu(e) »
    #[arg(long)]
    undo: bool,
}

fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

/// `find`: upcoming appointments first, then past ones.
pub fn find(
    conn: &Connection,
    args: FindArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let findings = search::find(conn, &args.text, now, args.limit)?;
    if args.json {
        for f in &findings.found {
            writeln!(out, "{}", super::to_json(f)?)?;
        }
        return Ok(());
    }
    if findings.found.is_empty() {
        writeln!(out, "Aucun rendez-vous ne correspond à « {} ».", args.text)?;
    }
    for f in &findings.found {
        writeln!(
            out,
            "n° {} · {} à {} · {} · {} · {}{}",
            f.id.0,
            f.day,
            plain(&f.time),
            f.site_name,
            f.status.label(),
            f.who,
            f.phone
                .as_deref()
                .map(|p| format!(" · {p}"))
                .unwrap_or_default()
        )?;
    }
    if findings.more {
        writeln!(
            out,
            "D'autres rendez-vous correspondent : précisez le nom ou le numéro."
        )?;
    }
    Ok(())
}

/// `reminders`: the day's residents to call, each with the text to read or send.
pub fn reminders(
    conn: &Connection,
    args: RemindersArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    if let Some(path) = &args.output {
        let pdf = leaflet::call_list(conn, args.site.map(SiteId), args.date, now)?;
        return super::written(out, path, &pdf);
    }
    let list = reminder::list(conn, args.site.map(SiteId), args.date, now)?;
    if args.json {
        for r in &list.items {
            writeln!(out, "{}", super::to_json(r)?)?;
        }
        return Ok(());
    }
    writeln!(out, "À prévenir pour le {} :", list.day)?;
    if list.items.is_empty() {
        writeln!(
            out,
            "Personne : aucun rendez-vous avec un numéro de téléphone ou un e-mail."
        )?;
    }
    for r in &list.items {
        writeln!(
            out,
            "\n[{}] n° {} · {} · {} · {} · {}\n{}",
            if r.reminded { "x" } else { " " },
            r.id.0,
            plain(&r.time),
            r.site_name,
            r.who,
            r.contact,
            r.message
        )?;
    }
    Ok(())
}

/// `remind`: ticks « Prévenu(e) » (or removes the tick).
pub fn remind(
    conn: &Connection,
    args: RemindArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let r = reminder::set_reminded(conn, AppointmentId(args.id), !args.undo, now)?;
    writeln!(
        out,
        "Rendez-vous n° {} ({}, {}) : {}.",
        r.id.0,
        r.who,
        plain(&r.time),
        if r.reminded {
            "noté « Prévenu(e) »"
        } else {
            "coche « Prévenu(e) » retirée"
        }
    )?;
    Ok(())
}
