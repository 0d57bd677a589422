//! The occurrences of an event a calendar client wrote (RFC 5545, 3.8.5): one, or those of a
//! repeating event (`RRULE`, `RDATE`) less its `EXDATE`s, with the occurrences that a
//! `RECURRENCE-ID` override moved or cancelled (a weekly meeting moved one week, dropped
//! another), over the window the desk keeps: the permanences' own
//! ([`crate::exchange::calendar::Window::around`], 30 days back to a year ahead). The rule is
//! expanded by the `rrule` crate at the wall-clock time of its `DTSTART`'s zone (a floating
//! time, an unknown zone and an all-day date: Paris), so that a 15:30 meeting stays at 15:30
//! across the clock changes.
//!
//! Bounded: an unbounded rule gives what falls in the window; at most [`MAX_OCCURRENCES`]
//! occurrences are kept, and the expansion stops after [`MAX_STEPS`] occurrences of the rule,
//! in or before the window (a rule of every minute since 1990 stops there, its later
//! occurrences not blocking), so that a sync never freezes on one event.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, Event, Property};

use super::when::{self, Times};
use crate::clock::{self, Paris};
use crate::scheduling::unavailable::Occurrence;

/// The most occurrences of one event kept in the window (a daily rule has about 400).
pub(super) const MAX_OCCURRENCES: usize = 1000;

/// The most occurrences of one rule walked through, before and in the window.
pub(super) const MAX_STEPS: usize = 100_000;

/// What an event of a calendar client blocks.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Blocking {
    pub occurrences: Vec<Occurrence>,
    /// For a repeating event, the window `[from, until)` it was expanded over.
    pub expanded: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

/// The window the desk keeps at `now`, as instants: Paris midnight 30 days back, to the
/// Paris midnight that ends the day a year ahead.
pub(super) fn window(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let w = crate::exchange::calendar::Window::around(clock::today(now));
    let midnight = |d: NaiveDate| clock::local_instant(d, NaiveTime::MIN).unwrap_or(now);
    (midnight(w.from), midnight(w.to.succ_opt().unwrap_or(w.to)))
}

/// What the event in `events` (the VEVENTs of one resource: the event and its overrides)
/// blocks at `now`; `None` when it blocks nothing (cancelled, marked free, no readable time).
pub(super) fn blocking(events: &[&Event], now: DateTime<Utc>) -> Option<Blocking> {
    let master = events
        .iter()
        .find(|e| e.property_value("RECURRENCE-ID").is_none())
        .or(events.first())?;
    let (times, summary) = when::foreign(master)?;
    let repeats =
        master.property_value("RRULE").is_some() || master.multi_properties().contains_key("RDATE");
    if !repeats {
        return Some(Blocking {
            occurrences: vec![Occurrence {
                start: times.start,
                end: times.end,
                summary,
            }],
            expanded: None,
        });
    }
    let (from, until) = window(now);
    let mut occurrences: Vec<Occurrence> = starts(master, times, (from, until))?
        .into_iter()
        .map(|start| Occurrence {
            start,
            end: end_of(start, times),
            summary: summary.clone(),
        })
        .collect();
    for moved in events
        .iter()
        .filter(|e| e.property_value("RECURRENCE-ID").is_some())
    {
        let Some(id) = moved
            .properties()
            .get("RECURRENCE-ID")
            .and_then(|p| instances(p).into_iter().next())
        else {
            continue;
        };
        occurrences.retain(|o| !id.matches(o.start));
        if let Some((t, own)) = when::foreign(moved) {
            if t.start < until && t.end > from {
                occurrences.push(Occurrence {
                    start: t.start,
                    end: t.end,
                    summary: if own.trim().is_empty() {
                        summary.clone()
                    } else {
                        own
                    },
                });
            }
        }
    }
    occurrences.sort_by_key(|o| o.start);
    occurrences.dedup_by_key(|o| o.start);
    occurrences.truncate(MAX_OCCURRENCES);
    Some(Blocking {
        occurrences,
        expanded: Some((from, until)),
    })
}

/// The end of the occurrence starting at `start`: as long as the first (RFC 5545, 3.8.5.3);
/// an all-day one lasts as many Paris days (a day of 23 or 25 hours at a clock change).
fn end_of(start: DateTime<Utc>, first: Times) -> DateTime<Utc> {
    if first.all_day {
        let day = |t: DateTime<Utc>| t.with_timezone(&Paris).date_naive();
        let days = (day(first.end) - day(first.start)).num_days();
        let last = day(start) + chrono::Duration::days(days);
        if let Some(end) = when::day_start(last) {
            return end;
        }
    }
    start + (first.end - first.start)
}

/// The starts of the occurrences of `master`'s rule (and `RDATE`s) that overlap the window,
/// less its `EXDATE`s. `None` without a readable `DTSTART`.
fn starts(
    master: &Event,
    first: Times,
    (from, until): (DateTime<Utc>, DateTime<Utc>),
) -> Option<Vec<DateTime<Utc>>> {
    let (zone, local) = match DatePerhapsTime::from_property(master.properties().get("DTSTART")?)? {
        DatePerhapsTime::Date(d) => (Paris, d.and_time(NaiveTime::MIN)),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(u)) => (chrono_tz::UTC, u.naive_utc()),
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(n)) => (Paris, n),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            (tzid.trim_matches('"').parse().unwrap_or(Paris), date_time)
        }
    };
    let tz = rrule::Tz::Tz(zone);
    let dt_start = at(tz, local)?;
    let mut set = rrule::RRuleSet::new(dt_start).limit();
    match master
        .property_value("RRULE")
        .and_then(|text| rule(text, zone, dt_start))
    {
        Some(r) => set = set.rrule(r),
        // Without a rule (RDATEs only), or with one this program cannot read: DTSTART is the
        // first occurrence (RFC 5545, 3.8.5.2).
        None => set = set.rdate(dt_start),
    }
    for p in multi(master, "RDATE") {
        for i in instances(p) {
            let t = match i {
                Instance::At(u) => Some(u.with_timezone(&tz)),
                Instance::Day(d) => at(tz, d.and_time(local.time())),
            };
            if let Some(t) = t {
                set = set.rdate(t);
            }
        }
    }
    let excluded: Vec<Instance> = multi(master, "EXDATE").flat_map(instances).collect();
    let mut out = Vec::new();
    for start in (&set).into_iter().take(MAX_STEPS) {
        let start = start.with_timezone(&Utc);
        if start >= until || out.len() >= MAX_OCCURRENCES {
            break;
        }
        if end_of(start, first) > from && !excluded.iter().any(|x| x.matches(start)) {
            out.push(start);
        }
    }
    Some(out)
}

/// A wall-clock time in `tz`: the first of a repeated autumn hour, a time in the spring gap
/// an hour later (as clients show it).
fn at(tz: rrule::Tz, local: NaiveDateTime) -> Option<DateTime<rrule::Tz>> {
    tz.from_local_datetime(&local).earliest().or_else(|| {
        tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
    })
}

/// The `RRULE`'s text as a rule starting at `dt_start`. Its `UNTIL` is read here, in the
/// rule's zone: clients write it in UTC, floating, or as a date (the whole day included),
/// while the crate wants UTC beside a zone.
fn rule(text: &str, zone: chrono_tz::Tz, dt_start: DateTime<rrule::Tz>) -> Option<rrule::RRule> {
    let until = text.split(';').find_map(|part| {
        let (k, v) = part.split_once('=')?;
        k.trim().eq_ignore_ascii_case("UNTIL").then(|| v.trim())
    });
    let mut r = super::recur::read(text)?;
    if let Some(u) = until {
        r = r.until(until_instant(u, zone)?.with_timezone(&rrule::Tz::UTC));
    }
    r.validate(dt_start).ok()
}

fn until_instant(text: &str, zone: chrono_tz::Tz) -> Option<DateTime<Utc>> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y%m%d") {
        let next = day.succ_opt()?.and_time(NaiveTime::MIN);
        let end = zone.from_local_datetime(&next).earliest()?;
        return Some(end.with_timezone(&Utc) - chrono::Duration::seconds(1));
    }
    if let Some(utc) = text.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .ok()
            .map(|t| t.and_utc());
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").ok()?;
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The properties named `name` (`RDATE`, `EXDATE` may be given several times).
fn multi<'a>(event: &'a Event, name: &str) -> impl Iterator<Item = &'a Property> {
    event
        .multi_properties()
        .get(name)
        .into_iter()
        .flatten()
        .chain(event.properties().get(name))
}

/// An occurrence as `EXDATE`, `RDATE` or `RECURRENCE-ID` name it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Instance {
    /// A date (`VALUE=DATE`): the occurrence starting that Paris day.
    Day(NaiveDate),
    /// A date-time, read as [`when::instant`] reads one.
    At(DateTime<Utc>),
}

impl Instance {
    fn matches(self, start: DateTime<Utc>) -> bool {
        match self {
            Instance::Day(d) => start.with_timezone(&Paris).date_naive() == d,
            Instance::At(t) => start == t,
        }
    }
}

/// The values of a date-or-date-time list property (`EXDATE;TZID=Europe/Paris:…,…`).
fn instances(p: &Property) -> Vec<Instance> {
    p.value()
        .split(',')
        .filter_map(|one| {
            let mut single = Property::new(p.key(), one.trim());
            for (key, param) in p.params() {
                single.add_parameter(key, param.value());
            }
            match DatePerhapsTime::from_property(&single)? {
                DatePerhapsTime::Date(d) => Some(Instance::Day(d)),
                DatePerhapsTime::DateTime(t) => when::instant(&t).map(Instance::At),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The VEVENTs of one resource, as a calendar client writes them.
    fn read(events: &[&str]) -> icalendar::Calendar {
        let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//\r\n");
        for lines in events {
            text.push_str("BEGIN:VEVENT\r\nUID:r\r\nDTSTAMP:20261001T090000Z\r\n");
            text.push_str(lines);
            text.push_str("END:VEVENT\r\n");
        }
        text.push_str("END:VCALENDAR\r\n");
        text.parse().expect("a calendar")
    }

    fn occurrences(events: &[&str], now: &str) -> Vec<(String, String, String)> {
        let calendar = read(events);
        let events: Vec<&Event> = calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        let now = clock::parse_utc(now).expect("a UTC instant");
        blocking(&events, now)
            .expect("it blocks")
            .occurrences
            .into_iter()
            .map(|o| (clock::utc_text(o.start), clock::utc_text(o.end), o.summary))
            .collect()
    }

    fn starts(list: &[(String, String, String)]) -> Vec<&str> {
        list.iter().map(|(s, _, _)| s.as_str()).collect()
    }

    const NOW: &str = "2026-10-01T08:00:00Z";

    /// 15:30 every Tuesday in Paris, across the change back to winter time (25 October 2026):
    /// 13:30 UTC before, 14:30 UTC after, whether written with its zone or floating.
    #[test]
    fn a_weekly_meeting_keeps_its_paris_time_across_the_october_change() {
        for start in [
            "DTSTART;TZID=Europe/Paris:20261013T153000\r\n",
            "DTSTART:20261013T153000\r\n",
        ] {
            let rule = format!(
                "{start}DURATION:PT45M\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Réunion\r\n"
            );
            let got = occurrences(&[&rule], NOW);
            assert_eq!(
                got,
                [
                    ("2026-10-13T13:30:00Z", "2026-10-13T14:15:00Z"),
                    ("2026-10-20T13:30:00Z", "2026-10-20T14:15:00Z"),
                    ("2026-10-27T14:30:00Z", "2026-10-27T15:15:00Z"),
                ]
                .map(|(s, e)| (s.to_owned(), e.to_owned(), "Réunion".to_owned())),
                "{start}"
            );
        }
        // Written in UTC, it stays at 13:30 UTC (14:30 in Paris after the change).
        let utc = occurrences(
            &["DTSTART:20261013T133000Z\r\nDTEND:20261013T141500Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"],
            NOW,
        );
        assert_eq!(starts(&utc)[2], "2026-10-27T13:30:00Z");
    }

    /// An all-day event every day lasts its Paris days, 25 hours on 25 October.
    #[test]
    fn all_day_occurrences_are_whole_paris_days() {
        let got = occurrences(
            &["DTSTART;VALUE=DATE:20261024\r\nRRULE:FREQ=DAILY;UNTIL=20261026\r\nSUMMARY:Formation\r\n"],
            NOW,
        );
        let spans: Vec<(&str, &str)> = got
            .iter()
            .map(|(s, e, _)| (s.as_str(), e.as_str()))
            .collect();
        assert_eq!(
            spans,
            [
                ("2026-10-23T22:00:00Z", "2026-10-24T22:00:00Z"),
                ("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"),
                ("2026-10-25T23:00:00Z", "2026-10-26T23:00:00Z"),
            ],
            "UNTIL given as a date includes that day"
        );
    }

    /// EXDATE (with its zone, as a date, several in one line) drops occurrences; an override
    /// moves one (with its own summary) and a cancelled override drops another.
    #[test]
    fn exdates_and_overrides_are_followed() {
        let master = "DTSTART;TZID=Europe/Paris:20261006T100000\r\nDTEND;TZID=Europe/Paris:20261006T110000\r\n\
                      RRULE:FREQ=WEEKLY\r\nSUMMARY:Permanence CAF\r\n\
                      EXDATE;TZID=Europe/Paris:20261013T100000,20261020T100000\r\n\
                      EXDATE;VALUE=DATE:20261103\r\n";
        let moved = "RECURRENCE-ID;TZID=Europe/Paris:20261027T100000\r\n\
                     DTSTART;TZID=Europe/Paris:20261028T140000\r\nDTEND;TZID=Europe/Paris:20261028T150000\r\n\
                     SUMMARY:Permanence CAF (déplacée)\r\n";
        let cancelled = "RECURRENCE-ID;TZID=Europe/Paris:20261110T100000\r\n\
                         DTSTART;TZID=Europe/Paris:20261110T100000\r\nDTEND;TZID=Europe/Paris:20261110T110000\r\n\
                         STATUS:CANCELLED\r\n";
        let got = occurrences(&[master, moved, cancelled], NOW);
        let first: Vec<(&str, &str)> = got
            .iter()
            .take(4)
            .map(|(s, _, summary)| (s.as_str(), summary.as_str()))
            .collect();
        assert_eq!(
            first,
            [
                ("2026-10-06T08:00:00Z", "Permanence CAF"),
                ("2026-10-28T13:00:00Z", "Permanence CAF (déplacée)"),
                ("2026-11-17T09:00:00Z", "Permanence CAF"),
                ("2026-11-24T09:00:00Z", "Permanence CAF"),
            ]
        );
    }

    /// An unbounded rule gives what falls in the window the desk keeps (30 days back, a year
    /// ahead), nothing outside it.
    #[test]
    fn an_unbounded_rule_is_expanded_over_the_window_only() {
        let got = occurrences(
            &["DTSTART;TZID=Europe/Paris:20200107T153000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;BYDAY=TU\r\n"],
            NOW,
        );
        let (from, until) = window(clock::parse_utc(NOW).unwrap());
        assert_eq!(clock::utc_text(from), "2026-08-31T22:00:00Z");
        assert_eq!(clock::utc_text(until), "2027-10-01T22:00:00Z");
        assert_eq!(starts(&got).first(), Some(&"2026-09-01T13:30:00Z"));
        assert_eq!(starts(&got).last(), Some(&"2027-09-28T13:30:00Z"));
        assert_eq!(got.len(), 57, "every Tuesday of the window");
    }

    /// A rule of thousands of occurrences is cut, never walked for ever: every minute since
    /// 2000 stops after MAX_STEPS (long before the window); every minute from today keeps
    /// MAX_OCCURRENCES.
    #[test]
    fn a_rule_of_thousands_of_occurrences_is_bounded() {
        let old = occurrences(
            &["DTSTART:20000101T000000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=MINUTELY\r\n"],
            NOW,
        );
        assert!(old.is_empty(), "{} occurrences", old.len());
        let now = occurrences(
            &["DTSTART:20261001T000000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=MINUTELY\r\n"],
            NOW,
        );
        assert_eq!(now.len(), MAX_OCCURRENCES);
    }

    /// A single event is one occurrence, not tied to the window; a cancelled series or one
    /// marked free blocks nothing.
    #[test]
    fn single_events_and_free_series() {
        let one = occurrences(
            &["DTSTART;TZID=Europe/Paris:20250101T100000\r\nDURATION:PT1H\r\nSUMMARY:Ancien\r\n"],
            NOW,
        );
        assert_eq!(starts(&one), ["2025-01-01T09:00:00Z"]);
        for free in ["STATUS:CANCELLED\r\n", "TRANSP:TRANSPARENT\r\n"] {
            let text =
                format!("DTSTART:20261013T153000\r\nDURATION:PT45M\r\nRRULE:FREQ=WEEKLY\r\n{free}");
            let calendar = read(&[&text]);
            let events: Vec<&Event> = calendar
                .components
                .iter()
                .filter_map(|c| c.as_event())
                .collect();
            assert_eq!(
                blocking(&events, clock::parse_utc(NOW).unwrap()),
                None,
                "{free}"
            );
        }
    }
}
