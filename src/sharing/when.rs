//! The times of an event as calendar clients write them (RFC 5545, 3.3.5 and 3.8.2): a
//! date-time in UTC, with a `TZID`, or floating (local time: read in the network's zone,
//! Europe/Paris, as the clients that write them mean it); an all-day date; an end given by
//! `DTEND` or by `DURATION`; and an event of a client's own, as it blocks places.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, Event};

use crate::clock::Paris;

/// When an event takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Times {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Given as dates (`VALUE=DATE`): whole Paris days.
    pub all_day: bool,
}

/// The event's start and end; None without a readable `DTSTART`. Without `DTEND` nor
/// `DURATION`, an all-day event lasts its day and a timed one ends as it starts.
pub(super) fn times(event: &Event) -> Option<Times> {
    let (start, all_day) = match event.get_start()? {
        DatePerhapsTime::Date(d) => (day_start(d)?, true),
        DatePerhapsTime::DateTime(t) => (instant(&t)?, false),
    };
    let end = match event.get_end() {
        Some(DatePerhapsTime::Date(d)) => day_start(d)?,
        Some(DatePerhapsTime::DateTime(t)) => instant(&t)?,
        None => match event.property_value("DURATION") {
            Some(text) => after(start, all_day, text)?,
            None if all_day => after(start, true, "P1D")?,
            None => start,
        },
    };
    Some(Times {
        start,
        end,
        all_day,
    })
}

/// A date-time as an instant: UTC as is; with a time zone known to the tz database, in it;
/// floating, or with a zone this program does not know (a client's own name for it), in
/// Paris.
pub(super) fn instant(t: &CalendarDateTime) -> Option<DateTime<Utc>> {
    match t {
        CalendarDateTime::Utc(u) => Some(*u),
        CalendarDateTime::Floating(local) => paris(*local),
        CalendarDateTime::WithTimezone { date_time, tzid } => {
            match tzid.trim_matches('"').parse::<chrono_tz::Tz>() {
                Ok(zone) => zone
                    .from_local_datetime(date_time)
                    .earliest()
                    .map(|t| t.with_timezone(&Utc))
                    .or_else(|| paris(*date_time)),
                Err(_) => paris(*date_time),
            }
        }
    }
}

/// A Paris wall-clock time as an instant (the first of a repeated autumn hour; a time in the
/// spring gap is read an hour later, as clients show it).
pub(super) fn paris(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    Paris
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            Paris
                .from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
}

pub(super) fn day_start(d: NaiveDate) -> Option<DateTime<Utc>> {
    crate::clock::local_instant(d, NaiveTime::MIN)
}

/// `start` plus an RFC 5545 duration (`PT45M`, `PT1H30M`, `P1D`, `P1W`); whole days of an
/// all-day event are counted on the calendar (a day of 23 or 25 hours at a clock change).
fn after(start: DateTime<Utc>, all_day: bool, text: &str) -> Option<DateTime<Utc>> {
    let (days, seconds) = duration(text)?;
    if all_day && seconds == 0 {
        let date = start.with_timezone(&Paris).date_naive();
        return day_start(date.checked_add_days(Days::new(days))?);
    }
    let days = i64::try_from(days).ok()?;
    Some(start + chrono::Duration::days(days) + chrono::Duration::seconds(seconds))
}

/// (days, seconds) of a positive RFC 5545 duration; None when unreadable or negative.
fn duration(text: &str) -> Option<(u64, i64)> {
    let text = text.trim().to_ascii_uppercase();
    let rest = text.strip_prefix('+').unwrap_or(&text).strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut days = 0u64;
    let mut number = String::new();
    for c in date_part.chars() {
        match c {
            '0'..='9' => number.push(c),
            'W' => days += 7 * number.parse::<u64>().ok()?,
            'D' => days += number.parse::<u64>().ok()?,
            _ => return None,
        }
        if !c.is_ascii_digit() {
            number.clear();
        }
    }
    let mut seconds = 0i64;
    for c in time_part.unwrap_or_default().chars() {
        match c {
            '0'..='9' => number.push(c),
            'H' => seconds += 3600 * number.parse::<i64>().ok()?,
            'M' => seconds += 60 * number.parse::<i64>().ok()?,
            'S' => seconds += number.parse::<i64>().ok()?,
            _ => return None,
        }
        if !c.is_ascii_digit() {
            number.clear();
        }
    }
    (number.is_empty() && (days > 0 || seconds > 0)).then_some((days, seconds))
}

/// An event this program did not write, as it makes places unavailable: its times and
/// summary; None when it blocks nothing (cancelled, marked free with `TRANSP:TRANSPARENT`,
/// or without a readable time).
pub(super) fn foreign(event: &Event) -> Option<(Times, String)> {
    let said = |name: &str, value: &str| {
        event
            .property_value(name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
    };
    if said("STATUS", "CANCELLED") || said("TRANSP", "TRANSPARENT") {
        return None;
    }
    let times = times(event)?;
    (times.end > times.start).then(|| {
        let summary = event.get_summary().map(unescape).unwrap_or_default();
        (times, summary)
    })
}

/// RFC 5545 TEXT unescaping: `\,` `\;` `\\` `\n`.
pub(super) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Whether the server's text holds the same record as the text sent (their
/// `X-PERMANENCES-DATA`, compared as JSON: a server may fold or reorder the lines).
pub(super) fn same_record(server: &str, sent: &str) -> bool {
    let data = |text: &str| -> Option<serde_json::Value> {
        let calendar: icalendar::Calendar = text.parse().ok()?;
        let event = calendar.components.iter().find_map(|c| c.as_event())?;
        serde_json::from_str(&unescape(event.property_value("X-PERMANENCES-DATA")?)).ok()
    };
    matches!((data(server), data(sent)), (Some(a), Some(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(lines: &str) -> Event {
        let text = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//\r\nBEGIN:VEVENT\r\nUID:x\r\n\
             DTSTAMP:20261201T090000Z\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        let calendar: icalendar::Calendar = text.parse().expect("a calendar");
        calendar
            .components
            .iter()
            .find_map(|c| c.as_event())
            .cloned()
            .expect("an event")
    }

    fn utc(text: &str) -> DateTime<Utc> {
        crate::clock::parse_utc(text).expect("a UTC instant")
    }

    #[test]
    fn a_floating_time_is_paris_local_time() {
        let t = times(&event(
            "DTSTART:20261208T153000\r\nDTEND:20261208T161500\r\n",
        ))
        .unwrap();
        assert_eq!(
            t.start,
            utc("2026-12-08T14:30:00Z"),
            "15:30 in Paris in winter"
        );
        assert_eq!(t.end, utc("2026-12-08T15:15:00Z"));
        assert!(!t.all_day);
        let summer = times(&event("DTSTART:20270608T153000\r\n")).unwrap();
        assert_eq!(summer.start, utc("2027-06-08T13:30:00Z"), "UTC+2 in summer");
    }

    #[test]
    fn a_zone_and_utc_are_read_as_written() {
        let t = times(&event(
            "DTSTART;TZID=America/New_York:20261208T090000\r\nDTEND:20261208T150000Z\r\n",
        ))
        .unwrap();
        assert_eq!(t.start, utc("2026-12-08T14:00:00Z"));
        assert_eq!(t.end, utc("2026-12-08T15:00:00Z"));
        let unknown = times(&event(
            "DTSTART;TZID=Romance Standard Time:20261208T153000\r\nDURATION:PT45M\r\n",
        ))
        .unwrap();
        assert_eq!(
            unknown.start,
            utc("2026-12-08T14:30:00Z"),
            "an unknown zone: Paris"
        );
        assert_eq!(unknown.end, utc("2026-12-08T15:15:00Z"), "45 minutes later");
    }

    #[test]
    fn all_day_events_last_their_paris_days() {
        let one = times(&event("DTSTART;VALUE=DATE:20261208\r\n")).unwrap();
        assert!(one.all_day);
        assert_eq!(one.start, utc("2026-12-07T23:00:00Z"));
        assert_eq!(one.end, utc("2026-12-08T23:00:00Z"));
        let two = times(&event(
            "DTSTART;VALUE=DATE:20261208\r\nDTEND;VALUE=DATE:20261210\r\n",
        ))
        .unwrap();
        assert_eq!(two.end, utc("2026-12-09T23:00:00Z"));
        // The day the clocks go back has 25 hours: P1D is that whole day.
        let autumn = times(&event("DTSTART;VALUE=DATE:20271031\r\nDURATION:P1D\r\n")).unwrap();
        assert_eq!(autumn.end - autumn.start, chrono::Duration::hours(25));
    }

    #[test]
    fn durations_are_read_and_nonsense_refused() {
        assert_eq!(duration("PT1H30M"), Some((0, 5400)));
        assert_eq!(duration("P1W"), Some((7, 0)));
        assert_eq!(duration("P1DT2H"), Some((1, 7200)));
        assert_eq!(
            duration("-PT15M"),
            None,
            "a negative duration ends before it starts"
        );
        assert_eq!(duration("PT"), None);
        assert_eq!(duration("1H"), None);
        assert_eq!(duration("PT15"), None, "a number without its unit");
    }
}
