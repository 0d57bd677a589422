//! Weekly series: the same person every n weeks at the same local time.

use chrono::{DateTime, Days, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use crate::error::{Error, Result};
use crate::fr;

use super::taking::{take, Alone, PlaceClaimer, Taking};
use super::{parse_start, Appointment, BookingInput};

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

/// [`take_series`] on a desk in no network.
pub fn book_series(
    conn: &Connection,
    input: &BookingInput,
    every_weeks: u8,
    count: u8,
    now: DateTime<Utc>,
) -> Result<SeriesOutcome> {
    take_series(conn, &Alone, input, every_weeks, count, now)
}

/// Books the same person every `every_weeks` weeks, `count` times, at the same local time,
/// each occurrence taking its place as a single booking does ([`take`]). Each occurrence
/// that cannot be booked (a local rule, or a place others hold) is reported; the others are
/// booked. Occurrences are written one by one: the claimer may wait on the network between
/// them, which must never hold the database's write lock.
pub fn take_series(
    conn: &Connection,
    claimer: &dyn PlaceClaimer,
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
    // Alone, the series is one transaction: all of it is written, or nothing on a failure.
    // In a network, each occurrence is its own (its claim waits outside any transaction).
    let each = |conn: &Connection| {
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
            match take(conn, claimer, Taking::Book(&one), now) {
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
    };
    if claimer.confirms(conn, input.site_id)? {
        each(conn)
    } else {
        crate::store::db::write(conn, each)
    }
}
