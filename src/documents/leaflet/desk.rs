//! The desk's documents: the resident's appointment slip, and the internal day and week sheets
//! (they carry names: marked "document interne", never part of a public export).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use super::{ACCENT, SOFT};
use crate::documents::pdf::typo::french;
use crate::documents::pdf::{Canvas, Column, Meta, Paper, Pdf, Rgb8, Style, Weight};
use crate::error::Result;
use crate::network::site::{self, SiteId};
use crate::network::vocab::{AppointmentStatus, PermanenceKind};
use crate::scheduling::agenda::{self, Span};
use crate::scheduling::appointment::{self, AppointmentId};
use crate::scheduling::waiting;

const WARNING: Rgb8 = Rgb8(164, 22, 26);
const INTERNAL: &str =
    "DOCUMENT INTERNE – contient des données personnelles : ne pas afficher, ne pas diffuser.";

/// What the slip of an appointment « à confirmer » says.
pub const UNCONFIRMED: &str =
    "Place à confirmer : si elle n’était plus libre, le lieu vous proposera un autre horaire.";

/// The slip handed to a resident: when, where, what to bring, how to cancel (and, booked
/// while the network's server did not answer, that the place is still to be confirmed).
pub fn appointment_slip(conn: &Connection, id: AppointmentId, now: DateTime<Utc>) -> Result<Pdf> {
    let a = appointment::get(conn, id)?;
    let place = site::get(conn, a.site_id)?;
    let mut c = Canvas::new(Paper::A6, 22.0)?;
    let w = c.inner_width();
    let body = Style::new(10.5, Weight::Regular);
    c.paragraph(
        "Votre rendez-vous",
        Style::new(14.0, Weight::Bold).color(ACCENT),
        w,
    );
    c.y += 4.0;
    c.paragraph(&a.day, Style::new(16.0, Weight::Bold), w);
    c.paragraph(&a.hours, Style::new(16.0, Weight::Bold), w);
    if a.unconfirmed {
        // Booked while the network's server did not answer: the person is told plainly.
        c.y += 4.0;
        c.paragraph(
            &french(UNCONFIRMED),
            Style::new(10.0, Weight::Bold).color(WARNING),
            w,
        );
    }
    c.y += 6.0;
    c.paragraph(&french(&place.name), Style::new(11.5, Weight::Bold), w);
    let mut address = place.address.clone();
    if let Some(more) = &place.address_complement {
        address.push_str(&format!(", {more}"));
    }
    c.paragraph(
        &french(&format!("{address}\n{} {}", place.postcode, place.city)),
        body,
        w,
    );
    if let Some(reason) = a.reason {
        c.y += 6.0;
        c.paragraph(&french(&format!("Pour : {}", reason.label())), body, w);
    }
    if let Some(bring) = &a.what_to_bring {
        c.y += 6.0;
        c.paragraph(&french("À apporter :"), Style::new(10.5, Weight::Bold), w);
        c.paragraph(&french(bring), body, w);
    }
    c.y += 6.0;
    let cancel = match &place.phone {
        Some(phone) => {
            format!("Empêché(e) ? Prévenez-nous au {phone} : la place ira à quelqu'un d'autre.")
        }
        None => "Empêché(e) ? Prévenez le lieu : la place ira à quelqu'un d'autre.".to_owned(),
    };
    c.paragraph(
        &french(&cancel),
        Style::new(9.5, Weight::Regular).color(SOFT),
        w,
    );
    c.finish(&Meta {
        title: &format!("Rendez-vous du {}", a.day),
        subject: "Rappel de rendez-vous : date, lieu, documents à apporter",
        created: now,
        author: &place.name,
    })
}

/// One site's day at the reception desk: every slot, who is coming, the waiting list.
pub fn day_sheet(
    conn: &Connection,
    site_id: SiteId,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Pdf> {
    let place = site::get(conn, site_id)?;
    let day = agenda::show(conn, Some(site_id), date, Span::Day, now)?;
    let mut c = Canvas::new(Paper::A4, 36.0)?;
    let w = c.inner_width();
    internal_header(&mut c, &place.name, &day.title);
    let body = Style::new(10.5, Weight::Regular);
    for d in &day.days {
        for notice in &d.notices {
            c.paragraph(&french(notice), Style::new(11.0, Weight::Bold), w);
        }
        let mut rows = Vec::new();
        for s in &d.slots {
            if s.slot.kind == PermanenceKind::DropIn {
                rows.push(vec![
                    s.slot.hours.clone(),
                    "Sans rendez-vous".to_owned(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                continue;
            }
            for a in &s.appointments {
                rows.push(row(&s.slot.hours, a));
            }
            if let Some(summary) = &s.slot.unavailable {
                // An event of the site's calendar: its places are not free.
                rows.push(vec![
                    s.slot.hours.clone(),
                    format!("Indisponible — {summary}"),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                continue;
            }
            for _ in s.slot.booked..s.slot.capacity {
                rows.push(vec![
                    s.slot.hours.clone(),
                    "(libre)".to_owned(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
        rows.extend(d.others.iter().map(|a| row(&a.hours, a)));
        if rows.is_empty() {
            c.paragraph("Pas de permanence ce jour-là.", body, w);
        } else {
            c.table(&columns(), &rows, body);
        }
    }
    let waiting = waiting::list_open(conn, Some(site_id))?;
    if !waiting.is_empty() {
        c.y += 14.0;
        c.keep(60.0);
        c.paragraph(
            "Liste d'attente (à rappeler si une place se libère)",
            Style::new(13.0, Weight::Bold).color(ACCENT),
            w,
        );
        let rows: Vec<Vec<String>> = waiting
            .iter()
            .map(|e| {
                vec![
                    e.name.clone(),
                    e.contact.clone(),
                    e.reason.map(|r| r.label().to_owned()).unwrap_or_default(),
                    e.since.clone(),
                ]
            })
            .collect();
        let cols = [
            Column {
                share: 2.0,
                header: "Personne",
            },
            Column {
                share: 2.0,
                header: "Contact",
            },
            Column {
                share: 3.0,
                header: "Motif",
            },
            Column {
                share: 2.0,
                header: "Inscription",
            },
        ];
        c.table(&cols, &rows, body);
    }
    c.finish(&Meta {
        created: now,
        title: &format!("Feuille du jour – {} – {}", place.name, day.title),
        subject: "Document interne : rendez-vous et liste d'attente du jour",
        author: &place.name,
    })
}

/// One site's week, day after day, each with its appointments.
pub fn week_sheet(
    conn: &Connection,
    site_id: SiteId,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Pdf> {
    let place = site::get(conn, site_id)?;
    let week = agenda::show(conn, Some(site_id), date, Span::Week, now)?;
    let mut c = Canvas::new(Paper::A4, 36.0)?;
    let w = c.inner_width();
    internal_header(&mut c, &place.name, &week.title);
    let body = Style::new(10.5, Weight::Regular);
    for d in &week.days {
        let count: usize =
            d.slots.iter().map(|s| s.appointments.len()).sum::<usize>() + d.others.len();
        if d.slots.is_empty() && d.notices.is_empty() && count == 0 {
            continue;
        }
        c.keep(70.0);
        c.y += 8.0;
        c.paragraph(
            &french(&d.label),
            Style::new(13.0, Weight::Bold).color(ACCENT),
            w,
        );
        for notice in &d.notices {
            c.paragraph(&french(notice), body, w);
        }
        let rows: Vec<Vec<String>> = d
            .slots
            .iter()
            .flat_map(|s| s.appointments.iter().map(|a| row(&s.slot.hours, a)))
            .chain(d.others.iter().map(|a| row(&a.hours, a)))
            .collect();
        if rows.is_empty() {
            if !d.slots.is_empty() {
                c.paragraph("Aucun rendez-vous.", body, w);
            }
        } else {
            c.table(&columns(), &rows, body);
        }
    }
    c.finish(&Meta {
        created: now,
        title: &format!("Semaine – {} – {}", place.name, week.title),
        subject: "Document interne : rendez-vous de la semaine",
        author: &place.name,
    })
}

pub(super) fn internal_header(c: &mut Canvas, site: &str, when: &str) {
    let w = c.inner_width();
    c.paragraph(
        &french(INTERNAL),
        Style::new(10.0, Weight::Bold).color(WARNING),
        w,
    );
    c.y += 6.0;
    c.paragraph(
        &french(site),
        Style::new(18.0, Weight::Bold).color(ACCENT),
        w,
    );
    c.paragraph(&french(when), Style::new(14.0, Weight::Bold), w);
    c.y += 8.0;
    c.running_head = Some((
        french(&format!("{site} – {when} – document interne")),
        Style::new(9.0, Weight::Bold).color(WARNING),
    ));
}

fn columns() -> [Column<'static>; 5] {
    [
        Column {
            share: 2.2,
            header: "Heure",
        },
        Column {
            share: 2.6,
            header: "Personne",
        },
        Column {
            share: 2.2,
            header: "Téléphone",
        },
        Column {
            share: 3.0,
            header: "Motif",
        },
        // Wide enough for its header on one line.
        Column {
            share: 2.4,
            header: "Présent(e) ?",
        },
    ]
}

fn row(hours: &str, a: &appointment::Appointment) -> Vec<String> {
    let status = match a.status {
        // Left blank, to tick by hand at the desk.
        AppointmentStatus::Booked => String::new(),
        other => other.label().to_owned(),
    };
    vec![
        hours.to_owned(),
        a.who.clone(),
        a.resident_phone.clone().unwrap_or_default(),
        a.reason.map(|r| r.label().to_owned()).unwrap_or_default(),
        status,
    ]
}
