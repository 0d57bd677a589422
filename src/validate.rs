//! Input checks shared by the domain modules. Each returns a French [`Error::Validation`]
//! that names the field as the form labels it.

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

/// A French postcode: exactly five digits.
pub fn postcode(field: &'static str, value: &str) -> Result<String> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if v.len() == 5 && v.chars().all(|c| c.is_ascii_digit()) {
        Ok(v)
    } else {
        Err(Error::invalid(
            field,
            "Code postal : il faut cinq chiffres, par exemple 67000.",
        ))
    }
}

/// An INSEE commune code: five characters, digits or 2A/2B for Corsica.
pub fn insee_code(field: &'static str, value: &Option<String>) -> Result<Option<String>> {
    let Some(v) = optional(value) else {
        return Ok(None);
    };
    let v = v.to_uppercase();
    let b = v.as_bytes();
    let ok = b.len() == 5
        && (b[0].is_ascii_digit() && b[1].is_ascii_digit()
            || b[0] == b'2' && (b[1] == b'A' || b[1] == b'B'))
        && b[2..].iter().all(u8::is_ascii_digit);
    if ok {
        Ok(Some(v))
    } else {
        Err(Error::invalid(
            field,
            "Code INSEE : cinq caractères, par exemple 67482 (laissez vide si vous ne le connaissez pas).",
        ))
    }
}

/// A French phone number: 10 digits starting with 0, or an international +33… form.
/// Spaces, dots and dashes are accepted and kept as typed.
pub fn phone(field: &'static str, value: &Option<String>) -> Result<Option<String>> {
    let Some(v) = optional(value) else {
        return Ok(None);
    };
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '(' | ')'));
    let ok = allowed
        && if v.starts_with('+') {
            (8..=15).contains(&digits.len())
        } else {
            digits.len() == 10 && digits.starts_with('0')
        };
    if ok {
        Ok(Some(v))
    } else {
        Err(Error::invalid(
            field,
            "Téléphone : dix chiffres, par exemple 03 88 12 34 56.",
        ))
    }
}

/// An e-mail address of the plain `name@domain.tld` shape.
pub fn email(field: &'static str, value: &Option<String>) -> Result<Option<String>> {
    let Some(v) = optional(value) else {
        return Ok(None);
    };
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if ok {
        Ok(Some(v))
    } else {
        Err(Error::invalid(
            field,
            "Adresse e-mail : elle doit ressembler à nom@exemple.fr.",
        ))
    }
}

/// A web address; `https://` is added when the scheme is missing.
pub fn website(field: &'static str, value: &Option<String>) -> Result<Option<String>> {
    let Some(v) = optional(value) else {
        return Ok(None);
    };
    let url = if v.starts_with("http://") || v.starts_with("https://") {
        v
    } else {
        format!("https://{v}")
    };
    let host = url.split("://").nth(1).unwrap_or("");
    if host.contains('.') && !url.contains(char::is_whitespace) {
        Ok(Some(url))
    } else {
        Err(Error::invalid(
            field,
            "Site web : adresse incomplète, par exemple https://www.strasbourg.eu.",
        ))
    }
}

/// A SIRET (14 digits, with its Luhn check digit) or an RNA number (W + 9 digits).
pub fn pivot(field: &'static str, value: &Option<String>) -> Result<Option<String>> {
    let Some(v) = optional(value) else {
        return Ok(None);
    };
    let v: String = v
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let is_rna = v.len() == 10 && v.starts_with('W') && v[1..].chars().all(|c| c.is_ascii_digit());
    let is_siret = v.len() == 14 && v.chars().all(|c| c.is_ascii_digit()) && luhn_ok(&v);
    if is_rna || is_siret {
        Ok(Some(v))
    } else {
        Err(Error::invalid(
            field,
            "SIRET ou RNA : 14 chiffres pour un SIRET (vérifiez-le sur annuaire-entreprises.data.gouv.fr), \
             ou W suivi de 9 chiffres pour un numéro RNA.",
        ))
    }
}

fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 {
                    d2 - 9
                } else {
                    d2
                }
            } else {
                d
            }
        })
        .sum();
    // La Poste's establishments share a SIREN whose SIRETs do not follow Luhn.
    sum.is_multiple_of(10)
        || (digits.starts_with("356000000")
            && digits
                .bytes()
                .map(|b| u32::from(b - b'0'))
                .sum::<u32>()
                .is_multiple_of(5))
}

/// Both coordinates or none, each in range.
pub fn point(lat: Option<f64>, lon: Option<f64>) -> Result<Option<(f64, f64)>> {
    match (lat, lon) {
        (None, None) => Ok(None),
        (Some(la), Some(lo)) => {
            if !(-90.0..=90.0).contains(&la) || !la.is_finite() {
                return Err(Error::invalid(
                    "latitude",
                    "Latitude : entre -90 et 90, par exemple 48.5734.",
                ));
            }
            if !(-180.0..=180.0).contains(&lo) || !lo.is_finite() {
                return Err(Error::invalid(
                    "longitude",
                    "Longitude : entre -180 et 180, par exemple 7.7521.",
                ));
            }
            Ok(Some((la, lo)))
        }
        (Some(_), None) => Err(Error::invalid(
            "longitude",
            "Longitude : indiquez-la aussi, ou effacez la latitude.",
        )),
        (None, Some(_)) => Err(Error::invalid(
            "latitude",
            "Latitude : indiquez-la aussi, ou effacez la longitude.",
        )),
    }
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

    #[rstest]
    #[case("73282932000074", true)] // a SIRET with a valid Luhn digit
    #[case("73282932000075", false)]
    #[case("W672001234", true)]
    #[case("W67200123", false)]
    #[case("1234", false)]
    fn pivot_accepts_siret_and_rna(#[case] input: &str, #[case] ok: bool) {
        assert_eq!(pivot("pivot", &Some(input.into())).is_ok(), ok, "{input}");
    }

    #[rstest]
    #[case("03 88 12 34 56", true)]
    #[case("+33 3 88 12 34 56", true)]
    #[case("0388", false)]
    #[case("appelez-nous", false)]
    fn phones(#[case] input: &str, #[case] ok: bool) {
        assert_eq!(phone("phone", &Some(input.into())).is_ok(), ok, "{input}");
    }

    #[rstest]
    #[case("accueil@mediatheque.fr", true)]
    #[case("accueil@mediatheque", false)]
    #[case("accueil mediatheque.fr", false)]
    fn emails(#[case] input: &str, #[case] ok: bool) {
        assert_eq!(email("email", &Some(input.into())).is_ok(), ok, "{input}");
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

    #[test]
    fn website_gets_a_scheme() {
        assert_eq!(
            website("website", &Some("www.strasbourg.eu".into()))
                .ok()
                .flatten()
                .as_deref(),
            Some("https://www.strasbourg.eu")
        );
        assert!(website("website", &Some("rien".into())).is_err());
    }

    #[test]
    fn a_point_needs_both_coordinates() {
        assert!(point(Some(48.58), None).is_err());
        assert!(point(Some(91.0), Some(7.0)).is_err());
        assert_eq!(
            point(Some(48.58), Some(7.75)).ok().flatten(),
            Some((48.58, 7.75))
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
