//! Opening hours in OpenStreetMap `opening_hours` syntax, from the weekly permanences.
//!
//! Each rule names its days once: `Mo-We 09:00-12:00; Tu 14:00-17:00` would be wrong (the
//! `;` rule overrides the earlier one, so Tuesday would lose its morning), so days with the
//! same hours are grouped and every day appears in exactly one rule:
//! `Mo,We 09:00-12:00; Tu 09:00-12:00,14:00-17:00; PH off`.
//! `PH off` says what the app does: no permanence is held on public holidays.

const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// `ranges`: (ISO weekday 1–7, "HH:MM" start, "HH:MM" end). Empty when there is none.
pub fn opening_hours(ranges: &[(u8, String, String)]) -> String {
    let mut per_day: [Vec<String>; 7] = Default::default();
    for (day, start, end) in ranges {
        if let Some(list) = per_day.get_mut(usize::from(day.saturating_sub(1))) {
            list.push(format!("{start}-{end}"));
        }
    }
    for list in &mut per_day {
        list.sort();
        list.dedup();
    }
    let mut rules: Vec<(Vec<usize>, String)> = Vec::new();
    for (i, list) in per_day.iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let hours = list.join(",");
        match rules.iter_mut().find(|(_, h)| *h == hours) {
            Some((days, _)) => days.push(i),
            None => rules.push((vec![i], hours)),
        }
    }
    if rules.is_empty() {
        return String::new();
    }
    let mut out: Vec<String> = rules
        .into_iter()
        .map(|(days, hours)| format!("{} {hours}", day_list(&days)))
        .collect();
    out.push("PH off".to_owned());
    out.join("; ")
}

/// `Mo,We` or `Mo-Fr` (runs of three days or more become a range).
fn day_list(days: &[usize]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && days[j + 1] == days[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{}-{}", DAYS[days[i]], DAYS[days[j]]));
        } else {
            parts.extend(days[i..=j].iter().map(|d| DAYS[*d].to_owned()));
        }
        i = j + 1;
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(day: u8, a: &str, b: &str) -> (u8, String, String) {
        (day, a.into(), b.into())
    }

    #[test]
    fn days_with_the_same_hours_share_one_rule_and_no_day_is_named_twice() {
        let h = opening_hours(&[
            r(1, "09:00", "12:00"),
            r(3, "09:00", "12:00"),
            r(2, "14:00", "17:00"),
            r(2, "09:00", "12:00"),
        ]);
        assert_eq!(h, "Mo,We 09:00-12:00; Tu 09:00-12:00,14:00-17:00; PH off");
    }

    #[test]
    fn runs_of_days_become_ranges() {
        let week: Vec<_> = (1..=5).map(|d| r(d, "09:00", "12:00")).collect();
        assert_eq!(opening_hours(&week), "Mo-Fr 09:00-12:00; PH off");
        assert_eq!(opening_hours(&[]), "");
    }
}
