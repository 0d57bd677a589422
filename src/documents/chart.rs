//! A chart of Statistiques as a standalone SVG file (`permanences stats --chart`), for
//! coordinators who assemble their own reports: its finding as title, its numbers in the
//! description (an image's text alternative), bars in colours that keep 4.5:1 on white.

use std::fmt::Write;

use crate::records::stats::charts::{Chart, Layout, Unit};

const WIDTH: f64 = 800.0;
/// Colours of the series, each dark enough on white (≥ 4.5:1) to be read as text too.
pub const COLOURS: [&str; 4] = ["#5b3f99", "#1d5fa6", "#1b6e3a", "#b02a1e"];
const INK: &str = "#1a1a1a";
const GRID: &str = "#767676";
const FONT: &str = "DejaVu Sans, Verdana, sans-serif";

/// The chart as an SVG document.
pub fn svg(chart: &Chart) -> String {
    let mut body = String::new();
    let height = match chart.layout {
        Layout::Columns => columns(chart, &mut body),
        Layout::Bars => bars(chart, &mut body),
    };
    // The finding on as many lines as it needs (DejaVu Sans at 14 px: about 7.7 px a
    // character), the chart below them.
    let lines = wrap(&chart.finding, 96);
    let extra = 18.0 * (lines.len().max(1) - 1) as f64;
    let height = height + extra;
    let finding: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            format!(
                r#"<text x="16" y="{}" font-size="14" fill="{INK}">{}</text>
"#,
                52.0 + 18.0 * i as f64,
                escape(line)
            )
        })
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title desc" font-family="{FONT}" lang="fr">
<title id="title">{}</title>
<desc id="desc">{}</desc>
<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>
<text x="16" y="28" font-size="18" font-weight="bold" fill="{INK}">{}</text>
{finding}<g transform="translate(0 {extra})">
{body}</g>
</svg>
"##,
        escape(&format!("{} : {}", chart.heading, chart.finding)),
        escape(&description(chart)),
        escape(&chart.heading),
    );
    out
}

/// `text` in lines of at most `max` characters, cut between words.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// The chart's table in words: « février 2027 : Taux d'absence 25 %, Absences 1… ».
pub fn description(chart: &Chart) -> String {
    let lines: Vec<String> = chart
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = chart
                .columns
                .iter()
                .zip(&r.cells)
                .map(|(c, v)| format!("{c} {v}"))
                .collect();
            format!("{} : {}", r.label, cells.join(", "))
        })
        .collect();
    if lines.is_empty() {
        format!("{}. Aucune donnée.", chart.finding)
    } else {
        format!("{}. {}.", chart.finding, lines.join(" ; "))
    }
}

/// A round top for an axis: 1, 2 or 5 times a power of ten, at least `max`.
pub fn nice_top(max: i64) -> i64 {
    let mut step = 1;
    loop {
        for k in [1, 2, 5] {
            if k * step >= max.max(1) {
                return k * step;
            }
        }
        step *= 10;
    }
}

/// How an axis value reads: a count, or a percent for rates in tenths.
pub fn tick_label(unit: Unit, v: i64) -> String {
    match unit {
        Unit::Count => v.to_string(),
        Unit::PerMille if v % 10 == 0 => format!("{}\u{a0}%", v / 10),
        Unit::PerMille => format!("{},{}\u{a0}%", v / 10, v % 10),
    }
}

fn legend(chart: &Chart, y: f64, out: &mut String) {
    let mut x = 16.0;
    for (i, name) in chart.series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let _ = writeln!(
            out,
            r#"<rect x="{x}" y="{}" width="14" height="14" fill="{colour}"/><text x="{}" y="{}" font-size="13" fill="{INK}">{}</text>"#,
            y - 11.0,
            x + 20.0,
            y,
            escape(name)
        );
        // DejaVu Sans at 13 px: about 7.5 px a character.
        x += 20.0 + 7.5 * name.chars().count() as f64 + 24.0;
    }
}

/// Vertical bars, one group per row; returns the height used.
fn columns(chart: &Chart, out: &mut String) -> f64 {
    legend(chart, 80.0, out);
    let (left, top, plot_h) = (64.0, 100.0, 260.0);
    let plot_w = WIDTH - left - 16.0;
    let max = chart
        .rows
        .iter()
        .flat_map(|r| r.values.iter())
        .copied()
        .max()
        .unwrap_or(0);
    let top_value = nice_top(max);
    let y = |v: i64| top + plot_h - plot_h * v as f64 / top_value as f64;
    for k in 0..=4 {
        let v = top_value * k / 4;
        let _ = writeln!(
            out,
            r#"<line x1="{left}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="{GRID}" stroke-width="0.5"/><text x="{2}" y="{3:.1}" font-size="12" text-anchor="end" fill="{INK}">{4}</text>"#,
            y(v),
            left + plot_w,
            left - 6.0,
            y(v) + 4.0,
            escape(&tick_label(chart.unit, v))
        );
    }
    let n = chart.rows.len().max(1) as f64;
    let group = plot_w / n;
    let series = chart.series.len().max(1) as f64;
    let bar = group * 0.8 / series;
    for (i, row) in chart.rows.iter().enumerate() {
        let x0 = left + group * i as f64 + group * 0.1;
        for (j, v) in row.values.iter().enumerate() {
            let _ = writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{} — {} : {}</title></rect>"#,
                x0 + bar * j as f64,
                y(*v),
                bar,
                top + plot_h - y(*v),
                COLOURS[j % COLOURS.len()],
                escape(&row.label),
                escape(chart.series.get(j).map_or("", String::as_str)),
                escape(&tick_label(chart.unit, *v))
            );
        }
        // "septembre 2026" on two lines: the month, then the year.
        let (month, year) = row.label.rsplit_once(' ').unwrap_or((&row.label, ""));
        let cx = left + group * (i as f64 + 0.5);
        let _ = writeln!(
            out,
            r#"<text x="{cx:.1}" y="{0}" font-size="12" text-anchor="middle" fill="{INK}">{1}</text><text x="{cx:.1}" y="{2}" font-size="12" text-anchor="middle" fill="{INK}">{3}</text>"#,
            top + plot_h + 16.0,
            escape(&short_month(month)),
            top + plot_h + 31.0,
            escape(year)
        );
    }
    top + plot_h + 48.0
}

/// "sept." for "septembre": twelve months fit under the bars.
pub fn short_month(month: &str) -> String {
    match month {
        "janvier" => "janv.",
        "février" => "févr.",
        "juillet" => "juil.",
        "septembre" => "sept.",
        "octobre" => "oct.",
        "novembre" => "nov.",
        "décembre" => "déc.",
        other => other,
    }
    .to_owned()
}

/// Horizontal bars, one per row, their value at their end; returns the height used.
fn bars(chart: &Chart, out: &mut String) -> f64 {
    let (label_w, top, row_h) = (330.0, 76.0, 26.0);
    let plot_w = WIDTH - label_w - 90.0;
    let max = chart
        .rows
        .iter()
        .filter_map(|r| r.values.first())
        .copied()
        .max()
        .unwrap_or(0);
    let top_value = nice_top(max);
    for (i, row) in chart.rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let v = row.values.first().copied().unwrap_or(0);
        let w = plot_w * v as f64 / top_value as f64;
        let shown = row.cells.first().cloned().unwrap_or_default();
        let _ = writeln!(
            out,
            r#"<text x="{0}" y="{1:.1}" font-size="13" text-anchor="end" fill="{INK}">{2}</text><rect x="{3}" y="{4:.1}" width="{5:.1}" height="18" fill="{6}"><title>{2} : {7}</title></rect><text x="{8:.1}" y="{1:.1}" font-size="13" fill="{INK}">{7}</text>"#,
            label_w - 8.0,
            y + 14.0,
            escape(&fit(&row.label, 42)),
            label_w,
            y + 1.0,
            w,
            COLOURS[1],
            escape(&shown),
            label_w + w + 6.0,
        );
    }
    top + row_h * chart.rows.len().max(1) as f64 + 12.0
}

/// `text` cut to `max` characters with an ellipsis (the full label is in the table).
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(
            [0, 1, 3, 7, 10, 11, 99, 101, 480].map(nice_top),
            [1, 1, 5, 10, 10, 20, 100, 200, 500]
        );
        assert_eq!(tick_label(Unit::PerMille, 125), "12,5\u{a0}%");
        assert_eq!(tick_label(Unit::PerMille, 500), "50\u{a0}%");
    }

    #[test]
    fn a_long_finding_wraps_between_words() {
        let text = "Prévenues, les personnes manquent moins souvent : 8,4 % d'absences (357 \
                    rendez-vous) contre 24,1 % sans rappel (344 rendez-vous)";
        let lines = wrap(text, 96);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() <= 96));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(fit("Assurance maladie", 42), "Assurance maladie");
        assert_eq!(fit("abcdef", 4), "abc…");
    }
}
