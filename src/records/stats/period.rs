//! The usual periods of a report (a month, a quarter, a year) as first and last days.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};

/// A calendar period the statistics screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum PeriodSpan {
    Month,
    Quarter,
    Year,
}

/// The first and last days of a calendar period, as the statistics query takes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PeriodBounds {
    /// "2027-03-01".
    pub from: String,
    /// "2027-03-31".
    pub to: String,
}

/// The bounds of month `number` (1–12), quarter `number` (1–4) or the whole `year`.
pub fn period_bounds(span: PeriodSpan, year: i32, number: u32) -> Result<PeriodBounds> {
    let (first_month, months) = match span {
        PeriodSpan::Month if (1..=12).contains(&number) => (number, 1),
        PeriodSpan::Quarter if (1..=4).contains(&number) => (3 * number - 2, 3),
        PeriodSpan::Year => (1, 12),
        _ => return Err(Error::invalid("period", "Cette période n'existe pas.")),
    };
    let from = NaiveDate::from_ymd_opt(year, first_month, 1)
        .ok_or_else(|| Error::invalid("period", "Cette année n'est pas valable."))?;
    let to = from
        .checked_add_months(chrono::Months::new(months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Error::invalid("period", "Cette année n'est pas valable."))?;
    Ok(PeriodBounds {
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
    })
}
