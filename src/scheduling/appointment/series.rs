//! Weekly series: the same person every n weeks at the same local time.

use chrono::{DateTime, Days, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use crate::error::{Error, Result};
use crate::fr;

use super::{book, parse_start, Appointment, BookingInput};

/// One occurrence of a series that could not be booked.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Refusal {
    /// "mardi 13 avril 2027 à 14 h".
    pub when: String,
    pub message: String,
}

/// What a series booking did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SeriesOutcome {
    pub booked: Vec<Appointment>,
    pub refused: Vec<Refusal>,
}

/// Books the same person every `every_weeks` weeks, `count` times, at the same local time.
/// Each occurrence that cannot be booked is reported; the others are booked.
pub fn book_series(
    conn: &Connection,
    input: &BookingInput,
    every_weeks: u8,
    count: u8,
    now: DateTime<Utc>,
) -> Result<SeriesOutcome> {
    if !(1..=8).contains(&every_weeks) {
        return Err(Error::invalid(
            "everyWeeks",
            "Fréquence : toutes les 1 à 8 semaines.",
        ));
    }
    if !(1..=52).contains(&count) {
        return Err(Error::invalid(
            "count",
            "Nombre de séances : entre 1 et 52.",
        ));
    }
    let first = parse_start("start", &input.start)?
        .with_timezone(&Paris)
        .naive_local();
    crate::store::db::write(conn, |tx| {
        let mut out = SeriesOutcome {
            booked: Vec::new(),
            refused: Vec::new(),
        };
        for k in 0..u64::from(count) {
            let Some(date) = first
                .date()
                .checked_add_days(Days::new(7 * u64::from(every_weeks) * k))
            else {
                break;
            };
            let when = format!("{} à {}", fr::weekday_date(date), fr::time(first.time()));
            let one = BookingInput {
                start: date
                    .and_time(first.time())
                    .format("%Y-%m-%dT%H:%M")
                    .to_string(),
                ..input.clone()
            };
            match book(tx, &one, now) {
                Ok(a) => out.booked.push(a),
                Err(e @ (Error::Validation { .. } | Error::Conflict { .. })) => {
                    out.refused.push(Refusal {
                        when,
                        message: e.to_string(),
                    })
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    })
}
