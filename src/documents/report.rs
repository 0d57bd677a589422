//! The one-page activity report for funders (A4, the leaflets' fonts): key figures, then the
//! breakdowns. Its numbers are those of [`crate::records::stats::compute`], formatted the same way as on screen.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::documents::pdf::typo::french;
use crate::documents::pdf::{Canvas, Meta, Paper, Pdf, Rgb8, Style, Weight};
use crate::error::Result;
use crate::records::stats::{compute, percent, Count, KeyFigure, Stats, StatsQuery};

const ACCENT: Rgb8 = Rgb8(31, 95, 139);
const SOFT: Rgb8 = Rgb8(74, 85, 102);
const TILE: Rgb8 = Rgb8(232, 240, 247);
const LINE: Rgb8 = Rgb8(190, 198, 210);

/// Most lines a breakdown shows; the rest are summed on an "Autres" line.
const MAX_LINES: usize = 9;

/// The report of a period as a PDF.
pub fn activity_report(conn: &Connection, query: &StatsQuery, now: DateTime<Utc>) -> Result<Pdf> {
    let s = compute(conn, query)?;
    render(&s, now)
}

fn render(s: &Stats, now: DateTime<Utc>) -> Result<Pdf> {
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
    let gap = 20.0;
    let col = (w - gap) / 2.0;
    let (left, right) = (c.margin, c.margin + col + gap);
    let top = c.y;
    let mut y = breakdown(&mut c, left, top, col, "Thématiques", &s.themes, s.visits);
    y = breakdown(
        &mut c,
        left,
        y + 8.0,
        col,
        "Démarches administratives",
        &s.procedures,
        s.visits,
    );
    let left_end = breakdown(&mut c, left, y + 8.0, col, "Lieux", &s.places, s.visits);
    let mut y = breakdown(&mut c, right, top, col, "Âge", &s.age_brackets, s.people);
    y = breakdown(
        &mut c,
        right,
        y + 8.0,
        col,
        "Situation",
        &s.social_statuses,
        s.people,
    );
    let right_end = breakdown(
        &mut c,
        right,
        y + 8.0,
        col,
        "Durée des accompagnements",
        &s.durations,
        s.visits,
    );
    c.y = left_end.max(right_end) + 12.0;
    let a = &s.appointments;
    c.paragraph(
        &french(&format!(
            "Rendez-vous de la période : pris {}, honorés {}, absences {}, annulés {}, à venir ou non notés {}. Taux d'absence : {}.",
            a.booked, a.honoured, a.no_show, a.cancelled, a.pending, a.no_show_rate
        )),
        Style::new(9.5, Weight::Regular),
        w,
    );
    c.y += 6.0;
    c.paragraph(
        &french(
            "Comment on compte : un accompagnement anonyme compte pour une personne ; une personne suivie compte une fois, quel que soit le nombre de ses venues ; chaque participant non nommé d'un atelier compte pour une personne. Âge et situation décrivent les personnes des accompagnements individuels et les participants nommés. Pourcentages : des accompagnements (thématiques, lieux, durées) ou des personnes décrites (âge, situation). Codes et catégories du compte rendu d'activité national de la médiation numérique.",
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

/// A titled list "label … count (share)" at (`x`, `top`), `width` wide; returns its bottom.
fn breakdown(
    c: &mut Canvas,
    x: f32,
    top: f32,
    width: f32,
    title: &str,
    counts: &[Count],
    whole: i64,
) -> f32 {
    let head = Style::new(10.5, Weight::Bold).color(ACCENT);
    let body = Style::new(9.0, Weight::Regular);
    let line_h = 12.5;
    c.line_at(x, top, &french(title), head);
    let mut y = top + 16.0;
    let mut shown: Vec<(String, i64)> = counts
        .iter()
        .take(MAX_LINES)
        .map(|k| (k.label.clone(), k.count))
        .collect();
    if counts.len() > MAX_LINES {
        let rest: i64 = counts[MAX_LINES..].iter().map(|k| k.count).sum();
        shown.push(("Autres".to_owned(), rest));
    }
    if shown.is_empty() {
        c.line_at(x, y, "Aucun pour cette période.", body.color(SOFT));
        return y + line_h;
    }
    let figures_w = 78.0;
    for (label, n) in shown {
        let text = c
            .wrap(&french(&label), body, width - figures_w - 6.0)
            .into_iter()
            .next()
            .unwrap_or_default();
        c.line_at(x, y, &text, body);
        let figure = format!("{n}  ({})", percent(n, whole));
        let fw = c.measure(&figure, body);
        c.line_at(x + width - fw, y, &figure, body);
        c.fill(x, y + line_h - 2.0, width, 0.4, LINE);
        y += line_h;
    }
    y
}
