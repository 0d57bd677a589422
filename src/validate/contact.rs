//! Checks of a place's contact and identity fields: postcode, INSEE code, phone, e-mail,
//! website, SIRET or RNA, coordinates.

use super::optional;
use crate::error::{Error, Result};

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

/// The search key of a phone number: its digits, an international French number (+33 or
/// 0033) written the national way, so that "06 12 34 56 78", "06.12.34.56.78" and
/// "+33 6 12 34 56 78" all give "0612345678". Empty when there is no digit.
pub fn phone_key(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let international = if text.trim_start().starts_with('+') {
        digits.strip_prefix("33")
    } else {
        digits.strip_prefix("0033")
    };
    match international {
        Some(rest) if !rest.is_empty() => format!("0{}", rest.trim_start_matches('0')),
        _ => digits,
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

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

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
    #[case("06 12 34 56 78", "0612345678")]
    #[case("06.12.34.56.78", "0612345678")]
    #[case("06-12-34-56-78", "0612345678")]
    #[case("+33 6 12 34 56 78", "0612345678")]
    #[case("+33 (0)6 12 34 56 78", "0612345678")]
    #[case("0033 6 12 34 56 78", "0612345678")]
    #[case("+32 2 123 45 67", "3221234567")]
    #[case("06 12", "0612")]
    #[case("Hélène", "")]
    fn phone_keys_are_national_digits(#[case] typed: &str, #[case] key: &str) {
        assert_eq!(phone_key(typed), key, "{typed} is searched as {key}");
    }
}
