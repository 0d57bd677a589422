//! The report's charts as vector shapes (filled rectangles, text): the months as columns,
//! rates and breakdowns as horizontal bars, each under its finding. They draw the numbers
//! of [`crate::records::stats::charts`], the ones the screen shows.

use crate::documents::chart::{nice_top, short_month, tick_label};
use crate::documents::pdf::typo::french;
use crate::documents::pdf::{Canvas, Rgb8, Style, Weight};
use crate::records::stats::charts::{Chart, ChartRow, Unit};

pub(super) const ACCENT: Rgb8 = Rgb8(31, 95, 139);
pub(super) const SOFT: Rgb8 = Rgb8(74, 85, 102);
const GRID: Rgb8 = Rgb8(190, 198, 210);
/// The series' colours, as on screen (each ≥ 4.5:1 on white).
const SERIES: [Rgb8; 4] = [
    Rgb8(91, 63, 153),
    Rgb8(31, 95, 139),
    Rgb8(29, 107, 58),
    Rgb8(164, 22, 26),
];

/// The chart's heading and its finding (wrapped) at (`x`, `top`); returns the next free y.
pub(super) fn titled(c: &mut Canvas, x: f32, top: f32, width: f32, chart: &Chart) -> f32 {
    let head = Style::new(10.5, Weight::Bold).color(ACCENT);
    let said = Style::new(8.5, Weight::Bold);
    c.line_at(x, top, &french(&chart.heading), head);
    let mut y = top + 15.0;
    for line in c.wrap(&chart.finding, said, width) {
        c.line_at(x, y, &line, said);
        y += 11.0;
    }
    y + 3.0
}

/// The months: one group of columns each, a legend above, the axis on the left; `height` is
/// the plot's. Returns the bottom of the month labels.
pub(super) fn columns(
    c: &mut Canvas,
    x: f32,
    top: f32,
    width: f32,
    height: f32,
    chart: &Chart,
) -> f32 {
    let small = Style::new(7.5, Weight::Regular);
    let mut lx = x;
    if chart.series.len() > 1 {
        for (j, name) in chart.series.iter().enumerate() {
            c.fill(lx, top + 1.0, 8.0, 8.0, SERIES[j % SERIES.len()]);
            c.line_at(lx + 11.0, top, name, small);
            lx += 11.0 + c.measure(name, small) + 14.0;
        }
    }
    let plot_top = top + if chart.series.len() > 1 { 16.0 } else { 4.0 };
    let axis_w = 30.0;
    let plot_w = width - axis_w;
    let max = chart
        .rows
        .iter()
        .flat_map(|r| r.values.iter())
        .copied()
        .max()
        .unwrap_or(0);
    let top_value = nice_top(max) as f32;
    let y_of = |v: f32| plot_top + height - height * v / top_value;
    for k in 0..=4 {
        let v = top_value * k as f32 / 4.0;
        let y = y_of(v);
        c.fill(x + axis_w, y, plot_w, 0.4, GRID);
        let label = tick_label(chart.unit, v.round() as i64);
        let lw = c.measure(&label, small);
        c.line_at(x + axis_w - 4.0 - lw, y - 4.0, &label, small);
    }
    let n = chart.rows.len().max(1) as f32;
    let group = plot_w / n;
    let series = chart.series.len().max(1) as f32;
    let bar = group * 0.8 / series;
    for (i, row) in chart.rows.iter().enumerate() {
        let gx = x + axis_w + group * i as f32;
        for (j, v) in row.values.iter().enumerate() {
            let h = height * *v as f32 / top_value;
            if h > 0.0 {
                c.fill(
                    gx + group * 0.1 + bar * j as f32,
                    plot_top + height - h,
                    bar,
                    h,
                    SERIES[j % SERIES.len()],
                );
            }
        }
        let (month, year) = row.label.rsplit_once(' ').unwrap_or((&row.label, ""));
        for (k, text) in [short_month(month), year.to_owned()].iter().enumerate() {
            let tw = c.measure(text, small);
            c.line_at(
                gx + (group - tw) / 2.0,
                plot_top + height + 3.0 + 9.0 * k as f32,
                text,
                small,
            );
        }
    }
    plot_top + height + 22.0
}

/// Horizontal bars, one per row counted (at most `max_rows`, the others left to the
/// screen's table; a count of 0 is left out on paper): the label on its line, then the bar
/// and its figures read from the table's cells. Returns the bottom.
pub(super) fn bars(
    c: &mut Canvas,
    x: f32,
    top: f32,
    width: f32,
    chart: &Chart,
    max_rows: usize,
) -> f32 {
    let body = Style::new(8.5, Weight::Regular);
    let rows: Vec<&ChartRow> = chart
        .rows
        .iter()
        .filter(|r| chart.unit != Unit::Count || r.values.first().is_some_and(|v| *v > 0))
        .collect();
    if rows.is_empty() {
        c.line_at(x, top, "Aucun pour cette période.", body.color(SOFT));
        return top + 12.0;
    }
    let figures_w = 78.0;
    let bar_w = width - figures_w;
    let max = rows
        .iter()
        .filter_map(|r| r.values.first())
        .copied()
        .max()
        .unwrap_or(0);
    let top_value = nice_top(max) as f32;
    let mut y = top;
    for row in rows.iter().take(max_rows) {
        let label = c
            .wrap(&row.label, body, width)
            .into_iter()
            .next()
            .unwrap_or_default();
        c.line_at(x, y, &label, body);
        let v = row.values.first().copied().unwrap_or(0) as f32;
        let w = bar_w * v / top_value;
        let bar_top = y + 11.0;
        c.fill(x, bar_top, bar_w, 6.0, Rgb8(236, 240, 245));
        if w > 0.0 {
            c.fill(x, bar_top, w, 6.0, SERIES[1]);
        }
        let cell = |k: usize| row.cells.get(k).cloned().unwrap_or_default();
        let figure = french(&match chart.unit {
            Unit::Count => format!("{} ({})", cell(0), cell(1)),
            Unit::PerMille => format!("{} ({} sur {})", cell(0), cell(1), cell(2)),
        });
        let fw = c.measure(&figure, body);
        c.line_at(x + width - fw, bar_top - 2.0, &figure, body);
        y += 21.0;
    }
    if rows.len() > max_rows {
        let more = rows.len() - max_rows;
        let text = format!(
            "et {more} autre{} (voir Statistiques)",
            if more > 1 { "s" } else { "" }
        );
        c.line_at(x, y, &text, body.color(SOFT));
        y += 12.5;
    }
    y
}
