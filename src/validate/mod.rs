//! Input checks shared by the domain modules. Each returns a French [`Error::Validation`]
//! that names the field as the form labels it.

mod contact;

pub use contact::{email, insee_code, phone, phone_key, pivot, point, postcode, website};

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::error::{Error, Result};

/// Trims `value`; `None` when nothing is left.
pub fn optional(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Trims `value` and requires it to be non-empty, at most `max` characters long and free of
/// control characters.
pub fn required(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(
            field,
            format!("{label} : ce champ est obligatoire."),
        ));
    }
    plain(field, label, v, max)?;
    Ok(v.to_owned())
}

/// An optional free text: trimmed, `None` when empty, at most `max` characters, free of
/// control characters.
pub fn text(
    field: &'static str,
    label: &str,
    value: &Option<String>,
    max: usize,
) -> Result<Option<String>> {
    let v = optional(value);
    if let Some(t) = &v {
        plain(field, label, t, max)?;
    }
    Ok(v)
}

/// Refuses text longer than `max` characters, or holding control characters (a pasted escape
/// sequence, a NUL byte: they garble printed sheets, exports and terminals). Line breaks and
/// tabs are text.
fn plain(field: &'static str, label: &str, v: &str, max: usize) -> Result<()> {
    if v.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{label} : {max} caractères au plus."),
        ));
    }
    if v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Error::invalid(
            field,
            format!(
                "{label} : ce texte contient des caractères invisibles. Retapez-le au clavier."
            ),
        ));
    }
    Ok(())
}

/// A wall-clock time typed by a person: `14:00`, `14h`, `14h30`, `9:05`, `14 h 30`.
pub fn time(field: &'static str, label: &str, value: &str) -> Result<NaiveTime> {
    let v: String = value
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let parsed = v
        .split_once([':', 'h'])
        .map(|(h, m)| (h, if m.is_empty() { "00" } else { m }))
        .or_else(|| (!v.is_empty() && v.len() <= 2).then_some((v.as_str(), "00")))
        .and_then(|(h, m)| {
            let h: u32 = h.parse().ok()?;
            let m: u32 = (m.len() == 2).then(|| m.parse().ok()).flatten()?;
            NaiveTime::from_hms_opt(h, m, 0)
        });
    parsed.ok_or_else(|| {
        Error::invalid(
            field,
            format!(
                "{label} : heure non reconnue « {} ». Écrivez par exemple 14:00 ou 14h30.",
                value.trim()
            ),
        )
    })
}

/// A calendar date typed as `2027-03-30` or `30/03/2027`.
pub fn date(field: &'static str, label: &str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    let d = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .map_err(|_| {
            Error::invalid(
                field,
                format!("{label} : date non reconnue « {v} ». Écrivez par exemple 30/03/2027."),
            )
        })?;
    // A typo in the year (0026, 20266) must not store a date nobody meant.
    if !(1900..=2200).contains(&d.year()) {
        return Err(Error::invalid(
            field,
            format!("{label} : l'année de « {v} » n'est pas plausible. Vérifiez la date."),
        ));
    }
    Ok(d)
}

/// An optional date (empty means none).
pub fn optional_date(
    field: &'static str,
    label: &str,
    value: &Option<String>,
) -> Result<Option<NaiveDate>> {
    optional(value).map(|v| date(field, label, &v)).transpose()
}
#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("14:00", 14, 0)]
    #[case("14h", 14, 0)]
    #[case("14h30", 14, 30)]
    #[case(" 9:05 ", 9, 5)]
    #[case("14 h 30", 14, 30)]
    #[case("8", 8, 0)]
    fn times_people_type_are_understood(#[case] input: &str, #[case] h: u32, #[case] m: u32) {
        let t = time("startTime", "Début", input).ok();
        assert_eq!(
            t,
            NaiveTime::from_hms_opt(h, m, 0),
            "{input} should read as {h}:{m:02}"
        );
    }

    #[rstest]
    #[case("25:00")]
    #[case("14:5")]
    #[case("midi")]
    #[case("")]
    #[case("14:60")]
    fn bad_times_are_refused_naming_the_field(#[case] input: &str) {
        let e = time("startTime", "Début", input).err();
        assert!(
            matches!(
                e,
                Some(Error::Validation {
                    field: "startTime",
                    ..
                })
            ),
            "{input}: {e:?}"
        );
    }

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 30);
        assert_eq!(date("d", "Date", "2027-03-30").ok(), d);
        assert_eq!(date("d", "Date", "30/03/2027").ok(), d);
        assert!(
            date("d", "Date", "31/02/2027").is_err(),
            "31 February does not exist"
        );
    }

    #[rstest]
    #[case("0000-01-01")]
    #[case("0026-03-02")]
    #[case("20266-03-02")]
    #[case("2201-01-01")]
    fn implausible_years_are_refused(#[case] text: &str) {
        let e = date("date", "Date", text).err().map(|e| e.to_string());
        assert!(
            e.as_deref().is_some_and(|m| m.contains("Date :")),
            "{text}: {e:?}"
        );
    }

    #[rstest]
    #[case("Awa\u{0}")]
    #[case("\u{1b}[2JAwa")]
    #[case("Awa\u{7}")]
    #[case("A\u{7f}wa")]
    fn control_characters_are_refused(#[case] text: &str) {
        let e = required("name", "Nom", text, 80)
            .err()
            .map(|e| e.to_string());
        assert!(
            e.as_deref()
                .is_some_and(|m| m.contains("caractères invisibles")),
            "{text:?}: {e:?}"
        );
        assert!(text_is_refused(text), "{text:?} as an optional text");
    }

    fn text_is_refused(t: &str) -> bool {
        text("notes", "Remarques", &Some(t.to_owned()), 2000).is_err()
    }

    #[test]
    fn line_breaks_and_tabs_are_text_and_length_is_capped() {
        let notes = Some("Première ligne\n\tseconde ligne\r\n".to_owned());
        assert_eq!(
            text("notes", "Remarques", &notes, 2000)
                .ok()
                .flatten()
                .as_deref(),
            Some("Première ligne\n\tseconde ligne")
        );
        assert!(text("notes", "Remarques", &Some("é".repeat(2001)), 2000).is_err());
        assert_eq!(
            text("notes", "Remarques", &Some("  ".into()), 10).ok(),
            Some(None)
        );
    }
}
