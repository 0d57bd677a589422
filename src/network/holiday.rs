//! French public holidays, with the two extra days of Alsace-Moselle.

use chrono::{Datelike, Days, NaiveDate};

/// The public holiday falling on `date`, by its French name, if any. With `alsace_moselle`,
/// Good Friday and 26 December count too (Bas-Rhin, Haut-Rhin, Moselle).
pub fn name(date: NaiveDate, alsace_moselle: bool) -> Option<&'static str> {
    let fixed = match (date.month(), date.day()) {
        (1, 1) => Some("Jour de l'an"),
        (5, 1) => Some("Fête du Travail"),
        (5, 8) => Some("Victoire 1945"),
        (7, 14) => Some("Fête nationale"),
        (8, 15) => Some("Assomption"),
        (11, 1) => Some("Toussaint"),
        (11, 11) => Some("Armistice 1918"),
        (12, 25) => Some("Noël"),
        (12, 26) if alsace_moselle => Some("Saint-Étienne"),
        _ => None,
    };
    fixed.or_else(|| movable(date, alsace_moselle))
}

fn movable(date: NaiveDate, alsace_moselle: bool) -> Option<&'static str> {
    // Easter moves between 22 March and 25 April; nothing to compute outside March–June.
    if !(3..=6).contains(&date.month()) {
        return None;
    }
    let easter = computus::gregorian_naive(date.year()).ok()?;
    let offset = (date - easter).num_days();
    match offset {
        -2 if alsace_moselle => Some("Vendredi saint"),
        1 => Some("Lundi de Pâques"),
        39 => Some("Ascension"),
        50 => Some("Lundi de Pentecôte"),
        _ => None,
    }
}

/// Every public holiday of `year`, in date order.
pub fn of_year(year: i32, alsace_moselle: bool) -> Vec<(NaiveDate, &'static str)> {
    let Some(mut d) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while d.year() == year {
        if let Some(n) = name(d, alsace_moselle) {
            out.push((d, n));
        }
        match d.checked_add_days(Days::new(1)) {
            Some(next) => d = next,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn year_2027_in_alsace_moselle() {
        // Easter 2027 is 28 March.
        let days: Vec<_> = of_year(2027, true)
            .into_iter()
            .map(|(date, _)| date)
            .collect();
        assert_eq!(
            days,
            vec![
                d(2027, 1, 1),
                d(2027, 3, 26),
                d(2027, 3, 29),
                d(2027, 5, 1),
                d(2027, 5, 6),
                d(2027, 5, 8),
                d(2027, 5, 17),
                d(2027, 7, 14),
                d(2027, 8, 15),
                d(2027, 11, 1),
                d(2027, 11, 11),
                d(2027, 12, 25),
                d(2027, 12, 26),
            ]
        );
    }

    #[test]
    fn elsewhere_in_france_good_friday_and_saint_stephen_are_working_days() {
        assert_eq!(name(d(2027, 3, 26), false), None);
        assert_eq!(name(d(2027, 12, 26), false), None);
        assert_eq!(of_year(2027, false).len(), 11);
        assert_eq!(
            name(d(2026, 4, 3), true),
            Some("Vendredi saint"),
            "Easter 2026 is 5 April"
        );
        assert_eq!(name(d(2026, 4, 6), false), Some("Lundi de Pâques"));
    }
}
