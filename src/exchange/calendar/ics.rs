//! A small RFC 5545 writer for the subset the calendars use: content lines with TEXT
//! escaping, folded at 75 octets (never inside a UTF-8 character), CRLF line ends.
//!
//! Why not a crate: `ics` 0.5.8 folds continuation lines at 76 octets (one too many for
//! RFC 5545 §3.1) and `icalendar` 0.17 builds a property map per event and invents a random
//! UID and DTSTAMP for components lacking them; neither writes a VTIMEZONE. The output here
//! is checked by independent parsers in the tests (Python `icalendar`,
//! `recurring-ical-events`, npm `ical.js`).

use chrono::{DateTime, NaiveDateTime, Utc};

/// Longest content line, in octets, line break excluded (RFC 5545 §3.1).
pub const MAX_LINE: usize = 75;

/// The Europe/Paris time zone as iCalendar rules (EU summer time since 1996: last Sunday of
/// March 01:00 UTC to last Sunday of October 01:00 UTC). A unit test checks it against
/// chrono-tz.
const VTIMEZONE_PARIS: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// An iCalendar document being written.
pub struct Ics {
    out: String,
    line: String,
}

impl Ics {
    /// An empty document with room for about `events` events.
    pub fn with_capacity(events: usize) -> Self {
        Ics {
            out: String::with_capacity(1024 + events * 420),
            line: String::with_capacity(256),
        }
    }

    /// A property whose value is written as given (dates, codes, rules). `name` may carry
    /// parameters: `DTSTART;TZID=Europe/Paris`.
    pub fn raw(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        self.line.push_str(value);
        self.flush();
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.texts(name, &[value]);
    }

    /// A multi-valued TEXT property (CATEGORIES): each value escaped, joined by commas.
    pub fn texts(&mut self, name: &str, values: &[&str]) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.line.push(',');
            }
            escape_into(&mut self.line, v);
        }
        self.flush();
    }

    /// The Europe/Paris VTIMEZONE component.
    pub fn vtimezone_paris(&mut self) {
        for l in VTIMEZONE_PARIS {
            self.out.push_str(l);
            self.out.push_str("\r\n");
        }
    }

    /// The length written so far, in bytes.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether nothing was written yet.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The finished document.
    pub fn finish(self) -> String {
        self.out
    }

    /// Appends the pending line, folded: at most 75 octets per physical line, continuation
    /// lines starting with one space (which counts in their 75).
    fn flush(&mut self) {
        let mut rest = self.line.as_str();
        let mut limit = MAX_LINE;
        loop {
            if rest.len() <= limit {
                self.out.push_str(rest);
                self.out.push_str("\r\n");
                return;
            }
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.out.push_str(&rest[..cut]);
            self.out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = MAX_LINE - 1;
        }
    }
}

/// RFC 5545 §3.3.11 TEXT escaping; carriage returns and other control characters are dropped
/// (they are not allowed in a content line), line feeds become `\n`.
fn escape_into(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// A local date-time as iCalendar writes it with a TZID: `20270330T140000`.
pub fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// A UTC instant: `20270330T120000Z`.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Duration, NaiveDate, Offset, TimeZone, Weekday};
    use chrono_tz::Europe::Paris;

    fn lines(doc: &str) -> Vec<&str> {
        doc.split("\r\n").filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut ics = Ics::with_capacity(1);
        let text = "Médiathèque « Olympe de Gouges », 3 rue Kuhn; accès fauteuil\n".repeat(5);
        ics.text("DESCRIPTION", &text);
        let doc = ics.finish();
        assert!(!doc.replace("\r\n", "").contains('\n'), "only CRLF");
        for l in lines(&doc) {
            assert!(l.len() <= MAX_LINE, "{} octets: {l}", l.len());
        }
        let unfolded = doc.replace("\r\n ", "");
        assert!(unfolded.starts_with(
            "DESCRIPTION:Médiathèque « Olympe de Gouges »\\, 3 rue Kuhn\\; accès fauteuil\\n"
        ));
        // Lines are filled up to the limit, less at most the rest of a 2-octet character.
        let first = lines(&doc)[0].len();
        assert!((MAX_LINE - 1..=MAX_LINE).contains(&first), "{first} octets");
    }

    #[test]
    fn categories_escape_each_value() {
        let mut ics = Ics::with_capacity(1);
        ics.texts("CATEGORIES", &["Permanence numérique", "avec, ou sans"]);
        assert_eq!(
            ics.finish(),
            "CATEGORIES:Permanence numérique,avec\\, ou sans\r\n"
        );
    }

    /// The last Sunday of `month` in `year`.
    fn last_sunday(year: i32, month: u32) -> NaiveDate {
        let mut d =
            NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap_or_default() - Duration::days(1);
        while d.weekday() != Weekday::Sun {
            d -= Duration::days(1);
        }
        d
    }

    #[test]
    fn vtimezone_rules_agree_with_chrono_tz_for_decades() {
        for year in 1997..2060 {
            let spring = last_sunday(year, 3);
            let autumn = last_sunday(year, 10);
            let offset = |d: NaiveDate, h: u32| {
                Paris
                    .from_utc_datetime(&d.and_hms_opt(h, 0, 0).unwrap_or_default())
                    .offset()
                    .fix()
                    .local_minus_utc()
            };
            // Transitions at 01:00 UTC (02:00 winter time, 03:00 summer time).
            assert_eq!(
                offset(spring, 0),
                3600,
                "{year}: winter before the spring change"
            );
            assert_eq!(
                offset(spring, 1),
                7200,
                "{year}: summer after the spring change"
            );
            assert_eq!(
                offset(autumn, 0),
                7200,
                "{year}: summer before the autumn change"
            );
            assert_eq!(
                offset(autumn, 1),
                3600,
                "{year}: winter after the autumn change"
            );
        }
    }
}
