//! The call list of « À prévenir »: the residents to remind of their appointment on a day, with
//! their phone and a box to tick by hand (internal: it carries names and numbers).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::desk::internal_header;
use crate::documents::pdf::typo::french;
use crate::documents::pdf::{Canvas, Column, Meta, Paper, Pdf, Style, Weight};
use crate::error::Result;
use crate::network::site::{self, SiteId};
use crate::scheduling::reminder;

/// The residents to call for `date` (the next open day when `None`), at one site or all.
pub fn call_list(
    conn: &Connection,
    site_id: Option<SiteId>,
    date: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Pdf> {
    let list = reminder::list(conn, site_id, date, now)?;
    let place = match site_id {
        Some(id) => site::get(conn, id)?.name,
        None => "Tous les lieux".to_owned(),
    };
    let mut c = Canvas::new(Paper::A4, 36.0)?;
    let w = c.inner_width();
    let when = format!("À prévenir : {}", list.day);
    internal_header(&mut c, &place, &when);
    let body = Style::new(10.5, Weight::Regular);
    if list.items.is_empty() {
        c.paragraph(
            "Personne à prévenir : aucun rendez-vous prévu avec un numéro de téléphone ou un e-mail.",
            body,
            w,
        );
    } else {
        let rows: Vec<Vec<String>> = list
            .items
            .iter()
            .map(|r| {
                vec![
                    r.time.clone(),
                    r.who.clone(),
                    r.contact.clone(),
                    r.site_name.clone(),
                    r.reason.map(|x| x.label().to_owned()).unwrap_or_default(),
                    // Ticked in the app already, or left blank to tick by hand.
                    if r.reminded { "oui" } else { "" }.to_owned(),
                ]
            })
            .collect();
        c.table(&COLUMNS, &rows, body);
        c.y += 10.0;
        c.paragraph(
            &french(
                "Le texte à lire ou à envoyer par SMS est dans l'application (Agenda › À prévenir) : \
                 date, heure, adresse et ce qu'il faut apporter. Ou scannez le code de la personne \
                 avec l'appareil photo du téléphone du lieu : le SMS s'ouvre, numéro et texte \
                 remplis, prêt à envoyer (l'e-mail, pour qui n'a laissé qu'une adresse e-mail).",
            ),
            Style::new(9.5, Weight::Regular),
            w,
        );
        sms_codes(&mut c, &list.items, body)?;
    }
    c.finish(&Meta {
        created: now,
        title: &format!("{when} – {place}"),
        subject: "Document interne : personnes à prévenir de leur rendez-vous",
        author: &place,
    })
}

/// A QR code per person, carrying the reminder's `SMSTO:` form (or its `mailto:` link when
/// the person left only an e-mail), with who and when beside it, two a line.
fn sms_codes(c: &mut Canvas, items: &[reminder::Reminder], body: Style) -> Result<()> {
    // About 4.2 cm: a long text makes a dense code, still read by a phone at this size.
    let side = 120.0;
    let half = c.inner_width() / 2.0;
    c.y += 8.0;
    for pair in items.chunks(2) {
        c.keep(side + 8.0);
        let top = c.y;
        for (k, r) in pair.iter().enumerate() {
            let x = c.margin + half * k as f32;
            c.qr(x, top, side, &r.code)?;
            c.y = top + 12.0;
            let text_w = half - side - 12.0;
            c.paragraph_at(
                x + side + 6.0,
                &format!("{} – {}", r.time, r.who),
                body,
                text_w,
            );
            c.paragraph_at(x + side + 6.0, &r.contact, body, text_w);
        }
        c.y = top + side + 8.0;
    }
    Ok(())
}

const COLUMNS: [Column<'static>; 6] = [
    Column {
        share: 1.4,
        header: "Heure",
    },
    Column {
        share: 2.4,
        header: "Personne",
    },
    Column {
        share: 2.4,
        header: "Téléphone ou e-mail",
    },
    Column {
        share: 2.8,
        header: "Lieu",
    },
    Column {
        share: 3.0,
        header: "Motif",
    },
    Column {
        share: 2.2,
        header: "Prévenu(e)",
    },
];
