//! An `RRULE`'s text (RFC 5545, 3.3.10) read into the `rrule` crate's rule through its
//! builder, not through its own text parser: that parser is written with `regex`, which
//! weighed about 1.4 MB in the release binary and 0.3 MB in the package, past its budget
//! (budgets.toml). The parts are `NAME=value` pairs; lists are comma-separated. `UNTIL` is
//! read by the caller (it needs the rule's zone).

use chrono::{Month, Weekday};
use rrule::{Frequency, NWeekday, RRule, Unvalidated};

/// The rule, `None` when a part is not one RFC 5545 defines or its value cannot be read
/// (the caller then keeps the event's first occurrence only). `UNTIL` is left out.
pub(super) fn read(text: &str) -> Option<RRule<Unvalidated>> {
    let mut freq = None;
    let mut rule = RRule::new(Frequency::Daily);
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=')?;
        let value = value.trim();
        rule = match name.trim().to_ascii_uppercase().as_str() {
            "FREQ" => {
                freq = Some(frequency(value)?);
                rule
            }
            "UNTIL" => rule,
            "INTERVAL" => rule.interval(value.parse().ok()?),
            "COUNT" => rule.count(value.parse().ok()?),
            "WKST" => rule.week_start(weekday(value)?),
            "BYSETPOS" => rule.by_set_pos(numbers(value)?),
            "BYMONTH" => {
                let months: Option<Vec<Month>> = numbers::<u8>(value)?
                    .into_iter()
                    .map(|m| Month::try_from(m).ok())
                    .collect();
                rule.by_month(&months?)
            }
            "BYMONTHDAY" => rule.by_month_day(numbers(value)?),
            "BYYEARDAY" => rule.by_year_day(numbers(value)?),
            "BYWEEKNO" => rule.by_week_no(numbers(value)?),
            "BYDAY" => rule.by_weekday(
                value
                    .split(',')
                    .map(|d| nth_weekday(d.trim()))
                    .collect::<Option<Vec<_>>>()?,
            ),
            "BYHOUR" => rule.by_hour(numbers(value)?),
            "BYMINUTE" => rule.by_minute(numbers(value)?),
            "BYSECOND" => rule.by_second(numbers(value)?),
            _ => return None,
        };
    }
    Some(rule.freq(freq?))
}

fn frequency(value: &str) -> Option<Frequency> {
    Some(match value.to_ascii_uppercase().as_str() {
        "YEARLY" => Frequency::Yearly,
        "MONTHLY" => Frequency::Monthly,
        "WEEKLY" => Frequency::Weekly,
        "DAILY" => Frequency::Daily,
        "HOURLY" => Frequency::Hourly,
        "MINUTELY" => Frequency::Minutely,
        "SECONDLY" => Frequency::Secondly,
        _ => return None,
    })
}

fn weekday(value: &str) -> Option<Weekday> {
    Some(match value.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// `TU`, `1MO`, `-1FR`, `+2WE`: a weekday, with its rank in the month or year if any.
fn nth_weekday(value: &str) -> Option<NWeekday> {
    let split = value.len().checked_sub(2)?;
    let (rank, day) = (value.get(..split)?, weekday(value.get(split..)?)?);
    if rank.is_empty() {
        return Some(NWeekday::Every(day));
    }
    let n: i16 = rank.strip_prefix('+').unwrap_or(rank).parse().ok()?;
    (n != 0).then_some(NWeekday::Nth(n, day))
}

fn numbers<T: std::str::FromStr>(value: &str) -> Option<Vec<T>> {
    value
        .split(',')
        .map(|n| {
            let n = n.trim();
            n.strip_prefix('+').unwrap_or(n).parse().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_rfc_5545_is_read() {
        let r = read("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=-1FR,+2MO,TU;BYMONTH=1,6;WKST=SU")
            .expect("a rule");
        assert_eq!(r.get_freq(), Frequency::Monthly);
        assert_eq!(r.get_interval(), 2);
        assert_eq!(r.get_count(), Some(10));
        assert_eq!(
            r.get_by_weekday(),
            &[
                NWeekday::Nth(-1, Weekday::Fri),
                NWeekday::Nth(2, Weekday::Mon),
                NWeekday::Every(Weekday::Tue)
            ]
        );
        assert_eq!(r.get_by_month(), &[1, 6]);
        assert_eq!(r.get_week_start(), Weekday::Sun);
        let r = read("freq=yearly;bymonthday=1,-1;byyearday=100;byweekno=20;bysetpos=-1")
            .expect("lower case is read too");
        assert_eq!(r.get_freq(), Frequency::Yearly);
        assert_eq!(r.get_by_month_day(), &[1, -1]);
        assert_eq!(r.get_by_year_day(), &[100]);
        assert_eq!(r.get_by_week_no(), &[20]);
        assert_eq!(r.get_by_set_pos(), &[-1]);
        let r = read("FREQ=DAILY;BYHOUR=9,14;BYMINUTE=30;BYSECOND=0;UNTIL=20270101T000000Z")
            .expect("UNTIL is left to the caller");
        assert_eq!(r.get_by_hour(), &[9, 14]);
        assert_eq!(r.get_until(), None);
    }

    #[test]
    fn what_is_not_a_rule_is_refused() {
        for bad in [
            "",
            "INTERVAL=2",
            "FREQ=FORTNIGHTLY",
            "FREQ=WEEKLY;BYDAY=XX",
            "FREQ=WEEKLY;BYDAY=0MO",
            "FREQ=WEEKLY;COUNT=many",
            "FREQ=WEEKLY;BYMONTH=13",
            "FREQ=WEEKLY;X-NAME=1",
            "FREQ",
        ] {
            assert!(read(bad).is_none(), "{bad:?} read as a rule");
        }
    }
}
