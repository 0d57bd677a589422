//! The activity report for funders (A4, the leaflets' fonts). Page one: key figures, the
//! months of the period, themes and ages; page two: the other breakdowns and the absences.
//! Its numbers are those of [`crate::records::stats::compute`] and its charts those of
//! [`crate::records::stats::charts`], formatted as on screen, drawn as vector shapes.

mod draw;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::documents::pdf::typo::french;
use crate::documents::pdf::{Canvas, Meta, Paper, Pdf, Rgb8, Style, Weight};
use crate::error::Result;
use crate::records::stats::charts::{compute_charts, counts_chart, Chart, Charts};
use crate::records::stats::{compute, KeyFigure, Stats, StatsQuery};
use draw::{ACCENT, SOFT};

const TILE: Rgb8 = Rgb8(232, 240, 247);

/// Most lines a breakdown shows; the screen's tables have them all.
const MAX_LINES: usize = 8;

/// The report of a period as a PDF.
pub fn activity_report(conn: &Connection, query: &StatsQuery, now: DateTime<Utc>) -> Result<Pdf> {
    let s = compute(conn, query)?;
    let charts = compute_charts(conn, query)?;
    render(&s, &charts, now)
}

fn chart<'a>(charts: &'a Charts, id: &str) -> Option<&'a Chart> {
    charts.charts.iter().find(|c| c.id == id)
}

fn render(s: &Stats, charts: &Charts, now: DateTime<Utc>) -> Result<Pdf> {
    let mut c = Canvas::new(Paper::A4, 40.0)?;
    let w = c.inner_width();
    c.paragraph(
        "Bilan d'activité",
        Style::new(22.0, Weight::Bold).color(ACCENT),
        w,
    );
    c.paragraph(&french(&s.scope), Style::new(14.0, Weight::Bold), w);
    c.paragraph(
        &french(&format!("Période {} – {}", s.period, s.team)),
        Style::new(10.5, Weight::Regular).color(SOFT),
        w,
    );
    c.y += 10.0;
    tiles(&mut c, s);
    c.y += 14.0;
    let x = c.margin;
    if let Some(months) = chart(charts, "months") {
        let top = c.y;
        let y = draw::titled(&mut c, x, top, w, months);
        c.y = draw::columns(&mut c, x, y, w, 130.0, months) + 12.0;
    }
    let gap = 20.0;
    let col = (w - gap) / 2.0;
    let right = x + col + gap;
    // Two columns of charts, side by side, from the cursor; the cursor goes below both. A
    // pair that would not fit starts the next page (charts are drawn at fixed places).
    let pair = |c: &mut Canvas, left: Option<&Chart>, right_chart: Option<&Chart>, rows: usize| {
        c.keep(60.0 + 21.0 * rows as f32);
        let top = c.y;
        let mut bottom = top;
        for (cx, ch) in [(x, left), (right, right_chart)] {
            if let Some(ch) = ch {
                let y = draw::titled(c, cx, top, col, ch);
                bottom = bottom.max(draw::bars(c, cx, y, col, ch, rows));
            }
        }
        c.y = bottom + 12.0;
    };
    pair(
        &mut c,
        chart(charts, "themes"),
        chart(charts, "ages"),
        MAX_LINES,
    );
    c.new_page();
    pair(
        &mut c,
        chart(charts, "procedures"),
        chart(charts, "statuses"),
        MAX_LINES,
    );
    let places = counts_chart("places", "Lieux", "Lieu", &s.places, "accompagnements");
    let durations = counts_chart(
        "durations",
        "Durée des accompagnements",
        "Durée",
        &s.durations,
        "accompagnements",
    );
    pair(&mut c, Some(&places), Some(&durations), MAX_LINES);
    if let Some(absences) = chart(charts, "absences") {
        c.keep(150.0);
        let top = c.y;
        let y = draw::titled(&mut c, x, top, w, absences);
        c.y = draw::columns(&mut c, x, y, w, 70.0, absences) + 12.0;
    }
    // The reasons with the highest rates; all of them are on screen.
    pair(
        &mut c,
        chart(charts, "reasons"),
        chart(charts, "reminded"),
        6,
    );
    let a = &s.appointments;
    c.paragraph(
        &french(&format!(
            "Rendez-vous de la période : pris {}, honorés {}, absences {}, annulés {}, à venir ou non notés {}. Taux d'absence : {}. « Prévenue » : la case « Prévenu(e) » de la liste À prévenir a été cochée avant le rendez-vous (rendez-vous de ce poste seulement).",
            a.booked, a.honoured, a.no_show, a.cancelled, a.pending, a.no_show_rate
        )),
        Style::new(9.0, Weight::Regular),
        w,
    );
    c.y += 6.0;
    c.paragraph(
        &french(
            "Comment on compte : un accompagnement anonyme compte pour une personne ; une personne suivie compte une fois, quel que soit le nombre de ses venues (une fois par mois dans « Mois par mois ») ; chaque participant non nommé d'un atelier compte pour une personne. Âge et situation décrivent les personnes des accompagnements individuels et les participants nommés. Pourcentages : des accompagnements (thématiques, démarches) ou des personnes (âge, situation). Taux d'absence : absences sur rendez-vous honorés ou manqués. Codes et catégories du compte rendu d'activité national de la médiation numérique.",
        ),
        Style::new(8.0, Weight::Regular).color(SOFT),
        w,
    );
    let title = format!("Bilan d'activité – {} – {}", s.scope, s.period);
    c.finish(&Meta {
        title: &title,
        subject: "Bilan d'activité de médiation numérique pour les financeurs",
        created: now,
        author: &s.scope,
    })
}

/// Six tiles of key figures, three per row.
fn tiles(c: &mut Canvas, s: &Stats) {
    let w = c.inner_width();
    let gap = 10.0;
    let tile_w = (w - 2.0 * gap) / 3.0;
    let tile_h = 62.0;
    for (
        i,
        KeyFigure {
            label,
            value,
            detail,
        },
    ) in s.figures.iter().enumerate()
    {
        let x = c.margin + (i % 3) as f32 * (tile_w + gap);
        let top = c.y + (i / 3) as f32 * (tile_h + gap);
        c.fill(x, top, tile_w, tile_h, TILE);
        c.line_at(
            x + 8.0,
            top + 7.0,
            &french(label),
            Style::new(9.0, Weight::Bold).color(SOFT),
        );
        c.line_at(
            x + 8.0,
            top + 20.0,
            &french(value),
            Style::new(20.0, Weight::Bold).color(ACCENT),
        );
        let detail_style = Style::new(8.0, Weight::Regular);
        if let Some(line) = c.wrap(&french(detail), detail_style, tile_w - 16.0).first() {
            c.line_at(x + 8.0, top + 47.0, line, detail_style);
        }
    }
    c.y += 2.0 * tile_h + gap;
}
