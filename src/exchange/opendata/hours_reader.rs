//! Reading `horaires` (OpenStreetMap `opening_hours`) back into weekly hours, for the import.
//! The writer is [`super::hours`].
//!
//! The text is parsed by `opening-hours-syntax` (the whole grammar of the OSM wiki); this module
//! keeps what a weekly permanence can say and names the rest. Rules apply in order: a later
//! `;` rule naming a day replaces that day's hours (`Mo-Th 09:00-12:00; Tu 14:00-18:00` leaves
//! Tuesday the afternoon only), `off` or `closed` empties it, a `,` rule adds hours to the days
//! it names. `PH off` says what the app does anyway (no permanence on a public holiday): it is
//! accepted silently.
//!
//! A rule that a weekly permanence cannot say (months, dates, weeks, school holidays, the first
//! Monday of the month, hours on public holidays, sunrise, an open end, a comment, `||`,
//! `unknown`, a whole day, past midnight, a closed part of a day) is named, and every day it
//! could change gets no hours at all: a day is imported only when the text says exactly what
//! happens on it every week, never guessed.

use chrono::NaiveTime;
use opening_hours_syntax::rules::day::{HolidayKind, WeekDayRange};
use opening_hours_syntax::rules::time::{Time, TimeSpan};
use opening_hours_syntax::rules::{RuleKind, RuleOperator, RuleSequence};
use opening_hours_syntax::ExtendedTime;

/// Minutes since midnight, start and end.
type Span = (u16, u16);

/// What a `horaires` text says about an ordinary week.
#[derive(Debug, Default, PartialEq)]
pub struct WeeklyHours {
    /// Per ISO weekday (index 0 = Monday): start and end, sorted, overlapping ranges merged.
    pub days: [Vec<(NaiveTime, NaiveTime)>; 7],
    /// The text is not in the `opening_hours` syntax at all: nothing was read.
    pub unparsed: bool,
    /// One French phrase per rule left out: `« Sa[1] 10:00-12:00 » (certaines semaines du
    /// mois seulement)`.
    pub unread: Vec<String>,
    /// The ISO weekdays (1–7) that such a rule could change: they get no hours.
    pub dropped: Vec<u8>,
}

/// Reads `text`; see the module's documentation for what is kept.
pub fn read(text: &str) -> WeeklyHours {
    let Ok(expression) = opening_hours_syntax::parse(text) else {
        return WeeklyHours {
            unparsed: true,
            dropped: (1..=7).collect(),
            ..WeeklyHours::default()
        };
    };
    let mut days: [Vec<Span>; 7] = Default::default();
    let mut unsure = [false; 7];
    let mut unread = Vec::new();
    for rule in &expression.rules {
        let selected = weekdays(rule);
        let holiday_hours = rule.kind != RuleKind::Closed
            && rule.day_selector.weekday.iter().any(is_public_holiday);
        if holiday_hours {
            unread.push(format!(
                "« {rule} » (les jours fériés : une permanence n'a jamais lieu un jour férié)"
            ));
        }
        if selected == [false; 7] {
            // Public holidays only: `PH off`, or hours already named just above.
            continue;
        }
        match spans(rule) {
            Err(why) => {
                unread.push(format!("« {rule} » ({why})"));
                for (d, on) in selected.iter().enumerate() {
                    unsure[d] |= on;
                }
            }
            Ok(spans) => {
                for (d, _) in selected.iter().enumerate().filter(|(_, on)| **on) {
                    if rule.operator == RuleOperator::Normal {
                        days[d].clear();
                        unsure[d] = false;
                    }
                    days[d].extend(&spans);
                }
            }
        }
    }
    let mut out = WeeklyHours {
        unread,
        ..WeeklyHours::default()
    };
    for d in 0..7 {
        if unsure[d] {
            out.dropped.push(weekday_number(d));
        } else {
            out.days[d] = merged(&mut days[d]);
        }
    }
    out
}

/// The weekdays a rule names (every day when it names none), index 0 = Monday; none when it
/// names public holidays only. Ranges may wrap (`Sa-Mo`).
fn weekdays(rule: &RuleSequence) -> [bool; 7] {
    let list = &rule.day_selector.weekday;
    if list.is_empty() {
        return [true; 7];
    }
    let mut on = [false; 7];
    for range in list {
        match range {
            WeekDayRange::Fixed { range, .. } => {
                let start = range.start().num_days_from_monday();
                let end = range.end().num_days_from_monday();
                let mut d = start;
                loop {
                    on[d as usize] = true;
                    if d == end {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            // School holidays may fall on any day.
            WeekDayRange::Holiday {
                kind: HolidayKind::School,
                ..
            } => on = [true; 7],
            WeekDayRange::Holiday { .. } => {}
        }
    }
    on
}

fn is_public_holiday(range: &WeekDayRange) -> bool {
    matches!(
        range,
        WeekDayRange::Holiday {
            kind: HolidayKind::Public,
            ..
        }
    )
}

/// The hours a rule gives its days every week (none for `off`), or why it gives no such thing.
fn spans(rule: &RuleSequence) -> Result<Vec<Span>, String> {
    let days = &rule.day_selector;
    if rule.operator == RuleOperator::Fallback {
        return Err("règle de repli « || »".into());
    }
    if !days.year.is_empty() || !days.monthday.is_empty() {
        return Err("certaines années, certains mois ou certaines dates seulement".into());
    }
    if !days.week.is_empty() {
        return Err("certaines semaines de l'année seulement".into());
    }
    for range in &days.weekday {
        match range {
            WeekDayRange::Fixed { offset, .. } if *offset != 0 => {
                return Err("jours décalés".into());
            }
            WeekDayRange::Fixed {
                nth_from_start,
                nth_from_end,
                ..
            } if nth_from_start.contains(&false) || nth_from_end.contains(&false) => {
                return Err("certaines semaines du mois seulement".into());
            }
            WeekDayRange::Holiday {
                kind: HolidayKind::School,
                ..
            } => return Err("les vacances scolaires".into()),
            _ => {}
        }
    }
    if !rule.comment.is_empty() {
        return Err(format!("commentaire « {} »", rule.comment));
    }
    let whole_day =
        rule.time_selector.spans.len() == 1
            && rule.time_selector.spans.first().is_some_and(|s| {
                fixed(s) == Some((0, 24 * 60)) && !s.open_end && s.repeats.is_none()
            });
    match (rule.kind, rule.operator, whole_day) {
        (RuleKind::Unknown, _, _) => Err("« unknown » : ouverture incertaine".into()),
        (RuleKind::Closed, RuleOperator::Normal, true) => Ok(Vec::new()),
        (RuleKind::Closed, _, _) => Err("fermeture d'une partie de la journée".into()),
        (RuleKind::Open, _, true) => Err("toute la journée".into()),
        (RuleKind::Open, _, false) => rule.time_selector.spans.iter().map(span).collect(),
    }
}

fn span(s: &TimeSpan) -> Result<Span, String> {
    if matches!(s.range.start, Time::Variable(_)) || matches!(s.range.end, Time::Variable(_)) {
        return Err("heure du lever ou du coucher du soleil".into());
    }
    if s.open_end {
        return Err("heure de fin non précisée".into());
    }
    if s.repeats.is_some() {
        return Err("horaire répété".into());
    }
    match fixed(s) {
        Some((start, end)) if start < end && end < 24 * 60 => Ok((start, end)),
        _ => Err("jusqu'à minuit ou au-delà".into()),
    }
}

/// The minutes of a span between two clock times.
fn fixed(s: &TimeSpan) -> Option<Span> {
    let minutes = |t: &Time| match t {
        Time::Fixed(t) => Some(minutes_of(*t)),
        Time::Variable(_) => None,
    };
    Some((minutes(&s.range.start)?, minutes(&s.range.end)?))
}

fn minutes_of(t: ExtendedTime) -> u16 {
    u16::from(t.hour()) * 60 + u16::from(t.minute())
}

/// Sorted, overlapping ranges joined (`,` rules may overlap; two permanences may not).
fn merged(spans: &mut [Span]) -> Vec<(NaiveTime, NaiveTime)> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::new();
    for &(start, end) in spans.iter() {
        match out.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out.into_iter()
        .filter_map(|(a, b)| Some((clock_time(a)?, clock_time(b)?)))
        .collect()
}

fn clock_time(minutes: u16) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(u32::from(minutes / 60), u32::from(minutes % 60), 0)
}

fn weekday_number(index: usize) -> u8 {
    u8::try_from(index + 1).unwrap_or(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The week as "Mo 09:00-12:00" lines, for short assertions.
    fn week(text: &str) -> Vec<String> {
        const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
        let h = read(text);
        h.days
            .iter()
            .enumerate()
            .flat_map(|(d, spans)| {
                spans.iter().map(move |(a, b)| {
                    format!("{} {}-{}", DAYS[d], a.format("%H:%M"), b.format("%H:%M"))
                })
            })
            .collect()
    }

    #[rstest::rstest]
    #[case::override_a_day(
        "Mo-Th 09:00-12:00,14:00-18:00; Tu 14:00-18:00",
        &["Mo 09:00-12:00", "Mo 14:00-18:00", "Tu 14:00-18:00", "We 09:00-12:00",
          "We 14:00-18:00", "Th 09:00-12:00", "Th 14:00-18:00"]
    )]
    #[case::day_list_and_ph_off(
        "Th,Fr 10:00-12:30; PH off",
        &["Th 10:00-12:30", "Fr 10:00-12:30"]
    )]
    #[case::off_and_closed("Mo-Fr 09:00-12:00; We off; Fr closed", &["Mo 09:00-12:00", "Tu 09:00-12:00", "Th 09:00-12:00"])]
    #[case::wrapping_range("Sa-Mo 10:00-11:00", &["Mo 10:00-11:00", "Sa 10:00-11:00", "Su 10:00-11:00"])]
    #[case::additional_rule_adds(
        "Mo-Fr 09:00-12:00, We 11:00-17:00",
        &["Mo 09:00-12:00", "Tu 09:00-12:00", "We 09:00-17:00", "Th 09:00-12:00", "Fr 09:00-12:00"]
    )]
    #[case::no_day_means_every_day("08:30-09:00; Sa,Su off", &["Mo 08:30-09:00", "Tu 08:30-09:00", "We 08:30-09:00", "Th 08:30-09:00", "Fr 08:30-09:00"])]
    fn rules_apply_in_order(#[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(week(text), expected, "{text}");
        assert_eq!(read(text).unread, Vec::<String>::new(), "{text}: all read");
    }

    #[rstest::rstest]
    #[case::weeks("Mo-Fr 09:00-12:00; week 1-53/2 Fr 14:00-16:00", "semaines de l'année", &[5])]
    #[case::months("Mo,Tu 09:00-12:00; Aug off", "mois", &[1, 2, 3, 4, 5, 6, 7])]
    #[case::nth_weekday("Mo 09:00-12:00; Sa[1] 10:00-12:00", "semaines du mois", &[6])]
    #[case::comment("Mo 09:00-12:00; Tu 14:00-16:00 \"sur rendez-vous\"", "commentaire", &[2])]
    #[case::sunrise("Mo 09:00-12:00; We sunrise-12:00", "soleil", &[3])]
    #[case::open_end("Mo 09:00-12:00; Th 18:00+", "fin non précisée", &[4])]
    #[case::fallback("Mo 09:00-12:00 || Tu 10:00-11:00", "repli", &[2])]
    #[case::midnight("Mo 09:00-12:00; Fr 20:00-02:00", "minuit", &[5])]
    #[case::whole_day("Mo 09:00-12:00; Sa", "toute la journée", &[6])]
    #[case::school_holidays("Mo 09:00-12:00; SH off", "vacances scolaires", &[1, 2, 3, 4, 5, 6, 7])]
    #[case::part_closed("Mo-Fr 09:00-18:00; We 12:00-14:00 off", "partie de la journée", &[3])]
    fn what_a_week_cannot_say_is_named_and_its_days_left_empty(
        #[case] text: &str,
        #[case] why: &str,
        #[case] dropped: &[u8],
    ) {
        let h = read(text);
        assert_eq!(h.unread.len(), 1, "{text}: {:?}", h.unread);
        assert!(h.unread[0].contains(why), "{text}: {:?}", h.unread);
        assert_eq!(h.dropped, dropped, "{text}");
        for d in dropped {
            assert!(
                h.days[usize::from(d - 1)].is_empty(),
                "{text}: never guessed"
            );
        }
        if !dropped.contains(&1) {
            assert_eq!(h.days[0].len(), 1, "{text}: Monday is certain, so kept");
        }
    }

    #[test]
    fn a_later_rule_makes_an_unsure_day_certain_again() {
        let h = read("Mo-Fr 09:00-12:00; Aug Mo 10:00-11:00; Mo 14:00-15:00");
        assert_eq!(h.unread.len(), 1);
        assert!(h.dropped.is_empty(), "{h:?}");
        assert_eq!(
            week("Mo-Fr 09:00-12:00; Aug Mo 10:00-11:00; Mo 14:00-15:00")[0],
            "Mo 14:00-15:00"
        );
    }

    #[test]
    fn holiday_hours_are_named_but_leave_the_week_alone() {
        let h = read("Mo-Fr 09:00-12:00; PH 10:00-12:00");
        assert_eq!(h.unread.len(), 1, "{h:?}");
        assert!(h.unread[0].contains("jours fériés"));
        assert!(h.dropped.is_empty());
        assert_eq!(h.days.iter().filter(|d| !d.is_empty()).count(), 5);
    }

    #[test]
    fn a_text_that_is_not_opening_hours_gives_nothing() {
        for text in ["lundi au vendredi 9h-12h", "Mo-Fr 9h00-12h00", ""] {
            let h = read(text);
            assert!(h.unparsed, "{text}");
            assert!(h.days.iter().all(Vec::is_empty), "{text}");
        }
    }
}
