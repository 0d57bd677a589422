//! `slots` and `book`: the agenda's openings and booking, with the app's rules.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};
use permanences::network::site::SiteId;
use permanences::network::vocab::Reason;
use permanences::scheduling::appointment::{self, BookingInput, Taking};
use permanences::scheduling::slot;
use permanences::Error;
use rusqlite::Connection;

use super::help::parse_date;

#[derive(clap::Args)]
pub struct SlotsArgs {
    /// Un seul lieu (par défaut : tous les lieux actifs)
    #[arg(long, value_name = "ID")]
    site: Option<i64>,
    /// Premier jour
    #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
    from: NaiveDate,
    /// Dernier jour (inclus)
    #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
    to: NaiveDate,
}

#[derive(clap::Args)]
pub struct BookArgs {
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
    /// Adresse e-mail de la personne (facultatif), pour la prévenir par e-mail
    #[arg(long, value_name = "ADRESSE")]
    email: Option<String>,
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
}

fn parse_reason(text: &str) -> Result<Reason, String> {
    Reason::from_code(text).ok_or_else(|| {
        let codes: Vec<&str> = Reason::ALL.iter().map(|r| r.code()).collect();
        format!("motif inconnu « {text} » (codes : {})", codes.join(", "))
    })
}

/// `slots`: one JSON object per line.
pub fn slots(conn: &Connection, args: SlotsArgs, out: &mut impl Write) -> Result<(), Error> {
    for s in slot::list(conn, args.site.map(SiteId), args.from, args.to)? {
        writeln!(out, "{}", super::to_json(&s)?)?;
    }
    Ok(())
}

/// `book`: the same rules as the app (capacity, closures, no double booking).
pub fn book(
    conn: &Connection,
    args: BookArgs,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let input = BookingInput {
        site_id: SiteId(args.site),
        start: args.start,
        duration_minutes: args.duration,
        resident_name: args.name,
        resident_phone: args.phone,
        resident_email: args.email,
        reason: args.reason,
        notes: args.notes,
        created_by: None,
        extra: args.extra,
    };
    // In a network, the place is claimed on the server (a few seconds at most) before the
    // booking is confirmed.
    super::sharing::session_password(conn)?;
    let claimer = permanences::sharing::claimer(now);
    let a = appointment::take(conn, &claimer, Taking::Book(&input), now)?;
    let hours = a.hours.replace('\u{a0}', " ");
    if args.json {
        writeln!(out, "{}", super::to_json(&a)?)?;
    } else if a.unconfirmed {
        writeln!(
            out,
            "Rendez-vous n° {} noté, à confirmer : {}, {hours}. Le serveur du réseau n'a pas \
             répondu à temps ; la place sera confirmée à la prochaine synchronisation \
             (permanences sync), ou signalée comme conflit si un autre poste l'a prise.",
            a.id.0, a.day
        )?;
    } else {
        writeln!(
            out,
            "Rendez-vous n° {} enregistré : {}, {hours}.",
            a.id.0, a.day
        )?;
    }
    // Confirmed by the server: its event goes to the network now. Unconfirmed, the server did
    // not answer: it waits for `permanences sync` rather than for the server again here.
    if !a.unconfirmed {
        let _ = permanences::sharing::send(conn, now);
    }
    Ok(())
}
