//! The network's leaflet: every active site with its address and hours, by commune.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{current, day_lines, paper, PrintOptions, Scale, Size, ACCENT, SOFT};
use crate::documents::pdf::typo::french;
use crate::documents::pdf::{Canvas, Meta, Pdf, Style, Weight};
use crate::error::Result;
use crate::fr::slug;
use crate::network::permanence::Permanence;
use crate::network::site::{self, Site};
use crate::network::vocab::WEEKDAYS;

/// Every active site with its address and hours, by commune, on A5 (or A4) pages.
pub fn network_leaflet(
    conn: &Connection,
    options: PrintOptions,
    now: DateTime<Utc>,
) -> Result<Pdf> {
    let today = crate::clock::today(now);
    let mut sites = site::list(conn, false)?;
    // By commune as a reader looks them up: « Écully » before « Lyon », and « STRASBOURG » (as
    // some imported files write it) under the same heading as « Strasbourg », written in the
    // ordinary way when one of its sites does.
    sites.sort_by_cached_key(|s| (slug(&s.city), s.postcode.clone(), slug(&s.name)));
    let mut headings: HashMap<String, &str> = HashMap::new();
    for site in &sites {
        let heading = headings.entry(slug(&site.city)).or_insert(&site.city);
        if *heading == heading.to_uppercase() {
            *heading = &site.city;
        }
    }
    let s = Scale::of(&options, false);
    let mut c = Canvas::new(
        paper(options.size),
        if options.size == Size::A4 { 40.0 } else { 28.0 },
    )?;
    let w = c.inner_width();
    c.paragraph(
        &french("Se faire aider pour le numérique"),
        Style::new(s.title, Weight::Bold).color(ACCENT),
        w,
    );
    c.paragraph(
        &french("Des médiateurs vous aident pour vos démarches en ligne, votre e-mail, votre téléphone."),
        Style::new(s.body, Weight::Regular),
        w,
    );
    c.y += s.body * 0.4;
    c.paragraph(
        &french("« sans rendez-vous » : venez directement aux heures indiquées.\n« sur rendez-vous » : appelez le lieu avant de venir."),
        Style::new(s.small, Weight::Regular).color(SOFT),
        w,
    );
    c.y += s.body * 0.6;
    c.running_head = Some((
        french("Se faire aider pour le numérique (suite)"),
        Style::new(s.small, Weight::Bold).color(SOFT),
    ));
    let mut city = String::new();
    for site in &sites {
        let permanences = current(
            crate::network::permanence::list_for_site(conn, site.id, today)?,
            today,
        );
        if permanences.is_empty() {
            continue;
        }
        let entry = entry_text(site, &permanences);
        let needed =
            c.text_height(&entry, Style::new(s.body, Weight::Regular), w) + 3.0 * s.heading;
        c.keep(needed.min(c.height() / 2.0));
        if slug(&site.city) != city {
            city = slug(&site.city);
            c.y += s.body * 0.3;
            c.paragraph(
                &french(headings.get(&city).copied().unwrap_or(&site.city)),
                Style::new(s.heading, Weight::Bold).color(ACCENT),
                w,
            );
            c.rule(ACCENT, 0.8);
            c.y += s.body * 0.3;
        }
        c.paragraph(&french(&site.name), Style::new(s.body, Weight::Bold), w);
        c.paragraph(&french(&entry), Style::new(s.body, Weight::Regular), w);
        c.y += s.body * 0.6;
    }
    if sites.is_empty() {
        c.paragraph(
            "Aucun lieu n'est encore enregistré.",
            Style::new(s.body, Weight::Regular),
            w,
        );
    }
    c.finish(&Meta {
        title: "Se faire aider pour le numérique – lieux et horaires",
        subject: "Les lieux de médiation numérique du réseau et leurs horaires",
        created: now,
        author: "Permanences",
    })
}

fn entry_text(site: &Site, permanences: &[Permanence]) -> String {
    let mut lines = vec![format!("{}, {} {}", site.address, site.postcode, site.city)];
    if let Some(phone) = &site.phone {
        lines.push(format!("Tél. {phone}"));
    }
    for (i, day) in WEEKDAYS.iter().enumerate() {
        for l in day_lines(permanences, (i + 1) as u8) {
            lines.push(format!("{day} {l}"));
        }
    }
    lines.join("\n")
}
