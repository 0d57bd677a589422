//! The one clock: the Europe/Paris zone where permanences are held, local ↔ UTC conversions,
//! the stored text of an instant, and [`now`], the only reader of the wall clock.
//!
//! Every other function of the core that depends on "now" or "today" takes it as an
//! argument; the two fronts (the app shell and the command line) call [`now`] and pass it
//! down, and tests pin it. A suite that followed the real date would go red one weekday in
//! seven.

use std::sync::OnceLock;

use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
pub use chrono_tz::Europe::Paris;

/// The environment variable that sets the clock's start for tests (`make sweep`, the
/// end-to-end tests, the command-line tests): an RFC 3339 instant, or a Paris wall-clock
/// time `YYYY-MM-DDTHH:MM`. The clock then runs on from that instant. The product never
/// reads it unless it is set.
pub const PIN_VARIABLE: &str = "PERMANENCES_NOW";

/// The current instant: the wall clock, or the pinned clock of [`PIN_VARIABLE`].
pub fn now() -> DateTime<Utc> {
    static SHIFT: OnceLock<Option<chrono::TimeDelta>> = OnceLock::new();
    let real = Utc::now();
    let shift = SHIFT.get_or_init(|| {
        let text = std::env::var(PIN_VARIABLE).ok()?;
        parse_pin(&text).map(|pinned| pinned - real)
    });
    match shift {
        Some(shift) => real + *shift,
        None => real,
    }
}

/// Reads a pinned instant: RFC 3339, or a Paris wall-clock time (`2027-03-30T10:40`).
pub fn parse_pin(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok()?;
    local_instant(local.date(), local.time())
}

/// The date in Paris at instant `now`.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Paris).date_naive()
}

/// The UTC instant of a Paris wall-clock time, or `None` inside the spring-forward gap
/// (the first of the two instants in the autumn's repeated hour).
pub fn local_instant(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    match Paris.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// The UTC bounds of the Paris days `from` to `to` included.
pub fn day_bounds(from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = local_instant(from, NaiveTime::MIN)
        .unwrap_or_else(|| from.and_time(NaiveTime::MIN).and_utc());
    let after = to.checked_add_days(Days::new(1)).unwrap_or(to);
    let end = local_instant(after, NaiveTime::MIN)
        .unwrap_or_else(|| after.and_time(NaiveTime::MIN).and_utc());
    (start, end)
}

/// The dates from `from` to `to` included.
pub fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// Stored form of an instant, as in every `*_at` column: `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_text(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    // Written directly: chrono's format strings are parsed on every call, and a gathering
    // writes three of these per activity (500 000 activities for a network's year).
    match t.year() {
        year @ 0..=9999 => format!(
            "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        _ => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// A stored instant ([`utc_text`]'s form) read back.
pub fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ")
        .ok()
        .map(|t| t.and_utc())
}

/// A user's date, `YYYY-MM-DD` (the forms and the command line), if it is one.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_text_writes_what_the_format_string_wrote() {
        let times = [
            (2026, 12, 1, 9, 40, 5),
            (1999, 1, 9, 0, 0, 0),
            (2024, 2, 29, 23, 59, 59),
            (10, 3, 4, 5, 6, 7),
        ];
        for (y, mo, d, h, mi, s) in times {
            let Some(t) = Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single() else {
                panic!("a valid time");
            };
            assert_eq!(utc_text(t), t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
        assert_eq!(
            utc_text(DateTime::<Utc>::UNIX_EPOCH),
            "1970-01-01T00:00:00Z"
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_pin_is_read_as_an_instant_or_a_paris_wall_clock_time() {
        let summer = parse_pin("2027-03-30T10:40").map(utc_text);
        assert_eq!(
            summer.as_deref(),
            Some("2027-03-30T08:40:00Z"),
            "CEST is UTC+2"
        );
        let winter = parse_pin("2026-12-01T10:40").map(utc_text);
        assert_eq!(
            winter.as_deref(),
            Some("2026-12-01T09:40:00Z"),
            "CET is UTC+1"
        );
        let rfc = parse_pin("2027-03-30T10:40:00+02:00").map(utc_text);
        assert_eq!(rfc.as_deref(), Some("2027-03-30T08:40:00Z"));
        assert_eq!(parse_pin("mardi"), None, "not a time: no pin");
        assert_eq!(
            parse_pin("2027-03-28T02:30"),
            None,
            "inside the spring-forward gap"
        );
    }

    #[test]
    fn today_is_the_paris_date() {
        let late = parse_pin("2026-12-31T23:30:00Z").unwrap_or_default();
        assert_eq!(
            today(late),
            d(2027, 1, 1),
            "00:30 in Paris is already the new year"
        );
    }

    #[test]
    fn day_bounds_follow_the_daylight_saving_changes() {
        let (start, end) = day_bounds(d(2027, 3, 28), d(2027, 3, 28));
        assert_eq!(
            (end - start).num_hours(),
            23,
            "spring forward: a 23-hour day"
        );
        let (start, end) = day_bounds(d(2026, 10, 25), d(2026, 10, 25));
        assert_eq!((end - start).num_hours(), 25, "fall back: a 25-hour day");
        assert_eq!(days(d(2027, 3, 27), d(2027, 3, 29)).count(), 3);
    }

    #[test]
    fn user_dates_are_read_strictly() {
        assert_eq!(parse_date(" 2027-03-30 "), Some(d(2027, 3, 30)));
        assert_eq!(parse_date("30/03/2027"), None);
        assert_eq!(parse_date("2027-02-30"), None);
    }
}
