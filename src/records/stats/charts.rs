//! The charts of a period, computed from the same sums as the tables they stand for: the
//! months (one [`compute`] per month of the period, so that a month's bar is that month's
//! statistics), themes, procedures and publics (the period's own lines), and the absence
//! rates of appointments by month, by reason and by whether the person was reminded.
//!
//! Each chart carries the sentence that states its finding, the series it draws and the
//! table a screen reader reads; the screen, the PDF report and the command line only draw.
//! Rates are drawn in tenths of a percent (integers: no float rounding between fronts).

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use super::absences::{by_reason, by_reminder, Attendance, ByReason};
use super::{compute, Count, Period, Stats, StatsQuery, UNKNOWN};
use crate::error::Result;
use crate::network::vocab::Reason;

/// How a chart lays its bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Layout {
    /// Vertical bars side by side, one group per row (months).
    Columns,
    /// Horizontal bars, one per row, read top to bottom.
    Bars,
}

/// What a chart's values count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    /// People, visits, appointments.
    Count,
    /// Tenths of a percent (125 is 12,5 %).
    PerMille,
}

/// One line of a chart: a month, a theme, an age bracket…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChartRow {
    pub label: String,
    /// One value per series, as drawn.
    #[specta(type = Vec<specta_typescript::Number>)]
    pub values: Vec<i64>,
    /// One cell per column of the table, as read.
    pub cells: Vec<String>,
}

/// A chart and the table of its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    /// "months", "themes", "procedures", "ages", "statuses", "absences", "reasons",
    /// "reminded".
    pub id: String,
    /// What the chart shows: « Mois par mois ».
    pub heading: String,
    /// Its finding, in words: « Le mois le plus chargé : mars 2027 (120 accompagnements) ».
    pub finding: String,
    pub layout: Layout,
    pub unit: Unit,
    /// The names of the drawn series (one colour each).
    pub series: Vec<String>,
    /// The headers of the table after the row label's (« Mois », « Thématique »…).
    pub row_header: String,
    pub columns: Vec<String>,
    pub rows: Vec<ChartRow>,
}

/// The charts of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Charts {
    /// "du 1er janvier 2027 au 31 décembre 2027".
    pub period: String,
    pub charts: Vec<Chart>,
}

/// The charts of the period and filters of `query`.
pub fn compute_charts(conn: &Connection, query: &StatsQuery) -> Result<Charts> {
    let p = query.checked()?;
    crate::store::db::read(conn, |tx| {
        let stats = compute(tx, query)?;
        let months = months_of(tx, query, &p)?;
        let (reasons, gathered) = by_reason(tx, &p)?;
        let (reminded, not_reminded) = by_reminder(tx, &p)?;
        Ok(Charts {
            period: stats.period.clone(),
            charts: vec![
                months_chart(&months),
                counts_chart(
                    "themes",
                    "Thématiques",
                    "Thématique",
                    &stats.themes,
                    "accompagnements",
                ),
                counts_chart(
                    "procedures",
                    "Démarches",
                    "Démarche",
                    &stats.procedures,
                    "accompagnements",
                ),
                counts_chart(
                    "ages",
                    "Âge des personnes",
                    "Tranche d'âge",
                    &stats.age_brackets,
                    "personnes",
                ),
                counts_chart(
                    "statuses",
                    "Situation des personnes",
                    "Situation",
                    &sorted(&stats.social_statuses),
                    "personnes",
                ),
                absences_chart(&months, &stats),
                reasons_chart(reasons, gathered),
                reminded_chart(reminded, not_reminded),
            ],
        })
    })
}

/// One month of the period: its label and its statistics (the period clipped to it).
struct Month {
    label: String,
    stats: Stats,
}

fn months_of(tx: &Connection, query: &StatsQuery, p: &Period) -> Result<Vec<Month>> {
    let mut months = Vec::new();
    let mut first = NaiveDate::from_ymd_opt(p.from.year(), p.from.month(), 1).unwrap_or(p.from);
    while first <= p.to {
        let next = first.checked_add_months(Months::new(1)).unwrap_or(p.to);
        let last = next.pred_opt().unwrap_or(next).min(p.to);
        let sub = StatsQuery {
            from: first.max(p.from).format("%Y-%m-%d").to_string(),
            to: last.format("%Y-%m-%d").to_string(),
            ..query.clone()
        };
        months.push(Month {
            label: crate::fr::month_year(first),
            stats: compute(tx, &sub)?,
        });
        if next <= first {
            break;
        }
        first = next;
    }
    Ok(months)
}

fn months_chart(months: &[Month]) -> Chart {
    let rows: Vec<ChartRow> = months
        .iter()
        .map(|m| {
            let s = &m.stats;
            let values = vec![
                s.people,
                s.visits,
                s.appointments.honoured,
                s.appointments.no_show,
            ];
            ChartRow {
                label: m.label.clone(),
                cells: values.iter().map(i64::to_string).collect(),
                values,
            }
        })
        .collect();
    // The visits are the second series.
    let visits = |r: &ChartRow| r.values.get(1).copied().unwrap_or(0);
    let busiest = rows.iter().max_by_key(|r| visits(r));
    let quietest = rows.iter().min_by_key(|r| visits(r));
    let finding = match (busiest, quietest) {
        (Some(b), _) if visits(b) == 0 => "Aucun accompagnement noté sur la période".to_owned(),
        (Some(b), Some(q)) if rows.len() > 1 => format!(
            "Le mois le plus chargé : {} ({}) ; le plus calme : {} ({})",
            b.label,
            crate::fr::count(visits(b), "accompagnement", "accompagnements"),
            q.label,
            visits(q)
        ),
        (Some(b), _) => format!(
            "{} : {}",
            b.label,
            crate::fr::count(visits(b), "accompagnement", "accompagnements")
        ),
        _ => "Aucun accompagnement noté sur la période".to_owned(),
    };
    let series = [
        "Personnes accompagnées",
        "Accompagnements",
        "Rendez-vous honorés",
        "Rendez-vous manqués",
    ]
    .map(str::to_owned)
    .to_vec();
    Chart {
        id: "months".into(),
        heading: "Mois par mois".into(),
        finding,
        layout: Layout::Columns,
        unit: Unit::Count,
        columns: series.clone(),
        series,
        row_header: "Mois".into(),
        rows,
    }
}

/// A breakdown as horizontal bars, in its own order (themes and procedures come largest
/// first); the « Non renseigné » line is drawn like the others but never the finding.
pub(crate) fn counts_chart(
    id: &str,
    heading: &str,
    row_header: &str,
    lines: &[Count],
    of: &str,
) -> Chart {
    let rows: Vec<ChartRow> = lines
        .iter()
        .map(|c| ChartRow {
            label: c.label.clone(),
            values: vec![c.count],
            cells: vec![c.count.to_string(), c.share.clone()],
        })
        .collect();
    let top = lines
        .iter()
        .filter(|c| c.code != UNKNOWN && c.count > 0)
        .max_by_key(|c| c.count);
    let finding = match top {
        Some(c) => format!("En tête : « {} », {} des {of}", c.label, c.share),
        None => format!("{heading} : rien de noté sur la période"),
    };
    Chart {
        id: id.into(),
        heading: heading.into(),
        finding,
        layout: Layout::Bars,
        unit: Unit::Count,
        series: vec![capitalised(of)],
        row_header: row_header.into(),
        columns: vec![capitalised(of), "Part".into()],
        rows,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Largest first, ties in their original order, « Non renseigné » last.
fn sorted(lines: &[Count]) -> Vec<Count> {
    let mut out = lines.to_vec();
    out.sort_by_key(|c| (c.code == UNKNOWN, std::cmp::Reverse(c.count)));
    out
}

const RATE_COLUMNS: [&str; 3] = [
    "Taux d'absence",
    "Absences",
    "Rendez-vous honorés ou manqués",
];

fn rate_chart(id: &str, heading: &str, row_header: &str, finding: String) -> Chart {
    Chart {
        id: id.into(),
        heading: heading.into(),
        finding,
        layout: Layout::Bars,
        unit: Unit::PerMille,
        series: vec!["Taux d'absence".into()],
        row_header: row_header.into(),
        columns: RATE_COLUMNS.map(str::to_owned).to_vec(),
        rows: Vec::new(),
    }
}

fn absences_chart(months: &[Month], stats: &Stats) -> Chart {
    let lines: Vec<(String, Attendance)> = months
        .iter()
        .map(|m| {
            let a = &m.stats.appointments;
            (
                m.label.clone(),
                Attendance {
                    honoured: a.honoured,
                    no_show: a.no_show,
                },
            )
        })
        .collect();
    let highest = lines
        .iter()
        .filter(|(_, a)| a.base() > 0)
        .max_by_key(|(_, a)| a.per_mille());
    let total = &stats.appointments;
    let finding = match highest {
        None => "Aucun rendez-vous honoré ou manqué sur la période".to_owned(),
        Some((label, a)) => format!(
            "Taux d'absence sur la période : {} ; le plus haut en {label} ({})",
            total.no_show_rate,
            a.rate()
        ),
    };
    let mut chart = rate_chart("absences", "Absences par mois", "Mois", finding);
    chart.layout = Layout::Columns;
    chart.rows = lines.into_iter().map(|(l, a)| rate_row(a, l)).collect();
    chart
}

fn reasons_chart(reasons: ByReason, gathered: Attendance) -> Chart {
    let mut lines: Vec<(String, Attendance)> = reasons
        .into_iter()
        .map(|(r, a)| {
            let label = r.map_or("Motif non précisé", Reason::label).to_owned();
            (label, a)
        })
        .collect();
    // Highest rate first; a reason with no honoured or missed appointment is left out.
    lines.retain(|(_, a)| a.base() > 0);
    lines.sort_by_key(|(_, a)| std::cmp::Reverse(a.per_mille()));
    if gathered.base() > 0 {
        lines.push(("Autres postes (motif non transmis)".into(), gathered));
    }
    let finding = match lines.first() {
        None => "Aucun rendez-vous honoré ou manqué sur la période".to_owned(),
        Some((label, a)) => format!(
            "Le plus d'absences : « {label} », {} sur {} rendez-vous",
            a.rate(),
            a.base()
        ),
    };
    let mut chart = rate_chart("reasons", "Absences par motif", "Motif", finding);
    chart.rows = lines.into_iter().map(|(l, a)| rate_row(a, l)).collect();
    chart
}

fn reminded_chart(reminded: Attendance, not_reminded: Attendance) -> Chart {
    let finding = if reminded.base() == 0 || not_reminded.base() == 0 {
        "Pas encore de quoi comparer : il faut des rendez-vous passés de personnes prévenues et \
         non prévenues"
            .to_owned()
    } else {
        // Compare the exact fractions, not the rounded texts.
        let left = i128::from(reminded.no_show) * i128::from(not_reminded.base());
        let right = i128::from(not_reminded.no_show) * i128::from(reminded.base());
        let verb = match left.cmp(&right) {
            std::cmp::Ordering::Less => "manquent moins souvent",
            std::cmp::Ordering::Equal => "manquent autant",
            std::cmp::Ordering::Greater => "manquent plus souvent",
        };
        format!(
            "Prévenues, les personnes {verb} : {} d'absences ({} rendez-vous) contre {} sans \
             rappel ({} rendez-vous)",
            reminded.rate(),
            reminded.base(),
            not_reminded.rate(),
            not_reminded.base()
        )
    };
    let mut chart = rate_chart("reminded", "Rappel et absences", "Rendez-vous", finding);
    chart.rows = vec![
        rate_row(reminded, "Personne prévenue".into()),
        rate_row(not_reminded, "Personne non prévenue".into()),
    ];
    chart
}

/// A line of a rate chart: the rate drawn, then rate, absences and base read.
fn rate_row(a: Attendance, label: String) -> ChartRow {
    ChartRow {
        label,
        values: vec![a.per_mille()],
        cells: vec![a.rate(), a.no_show.to_string(), a.base().to_string()],
    }
}
