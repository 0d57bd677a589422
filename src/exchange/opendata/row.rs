//! One site as the app would write it in the standard, from what the app stores: its fields,
//! and its permanences valid on a day as `horaires` and `modalites_acces`. The export gives
//! these values, or the imported file's where the app did not change them (see
//! [`super::source`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{opening_hours, FIELDS};
use crate::error::Result;
use crate::network::site::Site;

/// Longest `presentation_resume` the schema accepts; longer notes go to the detail.
pub(super) const RESUME_MAX: usize = 280;

/// A permanence as the file needs it: ISO weekday, "HH:MM" start and end, kind code.
pub(super) type Range = (u8, String, String, String);

/// One site in the standard: a value (possibly empty) for each of [`FIELDS`].
pub(super) type Row = [String; FIELDS.len()];

/// The position of `field` in [`FIELDS`].
pub(super) fn index(field: &str) -> Option<usize> {
    FIELDS.iter().position(|f| *f == field)
}

/// The app's values for `s`, with `ranges` its permanences of the day. `id` and `date_maj`
/// stay empty (the export sets them); `pivot` is empty when the site has none.
pub(super) fn site_row(s: &Site, ranges: &[Range]) -> Row {
    let mut r: Row = Default::default();
    let mut set = |field: &str, value: String| {
        if let Some(i) = index(field) {
            r[i] = value;
        }
    };
    set("pivot", s.pivot.clone().unwrap_or_default());
    set("nom", s.name.clone());
    set("commune", s.city.clone());
    set("code_postal", s.postcode.clone());
    set(
        "code_insee",
        s.insee_code
            .clone()
            .filter(|c| insee_ok(c))
            .unwrap_or_default(),
    );
    set("adresse", s.address.clone());
    set(
        "complement_adresse",
        s.address_complement.clone().unwrap_or_default(),
    );
    if let (Some(lat), Some(lon)) = (s.latitude, s.longitude) {
        set("latitude", lat.to_string());
        set("longitude", lon.to_string());
    }
    set(
        "typologie",
        s.typology.map(|t| t.code().to_owned()).unwrap_or_default(),
    );
    set(
        "telephone",
        s.phone
            .as_deref()
            .and_then(international_phone)
            .unwrap_or_default(),
    );
    set("courriels", s.email.clone().unwrap_or_default());
    set("site_web", s.website.clone().unwrap_or_default());
    let weekly: Vec<(u8, String, String)> = ranges
        .iter()
        .map(|(d, a, b, _)| (*d, a.clone(), b.clone()))
        .collect();
    set("horaires", opening_hours(&weekly));
    if let Some(notes) = &s.public_notes {
        let field = if notes.chars().count() <= RESUME_MAX {
            "presentation_resume"
        } else {
            "presentation_detail"
        };
        set(field, notes.clone());
    }
    let labels = |v: Vec<&str>| v.join("|");
    set(
        "services",
        labels(s.services.iter().map(|x| x.label()).collect()),
    );
    set(
        "publics_specifiquement_adresses",
        labels(s.publics.iter().map(|x| x.label()).collect()),
    );
    set("modalites_acces", access(s, ranges));
    r
}

/// How people come, from the kinds of the permanences: drop-in ones mean "Se présenter";
/// appointments are taken by phone or e-mail when the site gives one.
fn access(s: &Site, ranges: &[Range]) -> String {
    let drop_in = ranges.iter().any(|r| r.3 != "appointment");
    let booked = ranges.iter().any(|r| r.3 != "drop_in");
    let mut out = Vec::new();
    if drop_in {
        out.push("Se présenter");
    }
    if booked && s.phone.as_deref().and_then(international_phone).is_some() {
        out.push("Téléphoner");
    }
    if booked && s.email.is_some() {
        out.push("Contacter par mail");
    }
    out.join("|")
}

/// The prefixes the schema's `telephone` pattern accepts.
const PHONE_PREFIXES: [&str; 10] = [
    "+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681",
];

/// A French number in the schema's form (`+33388123450`), or `None` when it cannot be one.
pub(super) fn international_phone(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let out = if phone.trim_start().starts_with('+') {
        format!("+{digits}")
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("+33{}", &digits[1..])
    } else {
        return None;
    };
    schema_phone(&out).then_some(out)
}

/// The schema's `telephone` pattern: a prefix, then 6 to 9 digits.
pub(super) fn schema_phone(phone: &str) -> bool {
    PHONE_PREFIXES.iter().any(|p| {
        phone.strip_prefix(p).is_some_and(|rest| {
            (6..=9).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// The schema's INSEE pattern: two department characters (01–19, 21–99, 2A, 2B), three digits.
pub(super) fn insee_ok(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && b[2..].iter().all(u8::is_ascii_digit)
        && match (b[0], b[1]) {
            (b'2', b'A' | b'B' | b'1'..=b'9') => true,
            (b'0' | b'1' | b'3'..=b'9', d) => d.is_ascii_digit(),
            _ => false,
        }
}

/// Per site: (weekday, start, end, kind) of the permanences valid on `today`.
pub(super) fn weekly_hours(
    conn: &Connection,
    today: NaiveDate,
) -> Result<HashMap<i64, Vec<Range>>> {
    let mut stmt = conn.prepare(
        "SELECT site_id, weekday, start_time, end_time, kind FROM permanences
         WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until >= ?1)
         ORDER BY site_id, weekday, start_time",
    )?;
    let mut out: HashMap<i64, Vec<_>> = HashMap::new();
    let rows = stmt.query_map([today], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
    })?;
    for row in rows {
        let (site, range): (i64, _) = row?;
        out.entry(site).or_default().push(range);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_insee_codes_take_the_schema_s_form_or_stay_empty() {
        assert_eq!(
            international_phone("03 88 12 34 50").as_deref(),
            Some("+33388123450")
        );
        assert_eq!(
            international_phone("+33 1 80 05 98 80").as_deref(),
            Some("+33180059880")
        );
        assert_eq!(
            international_phone("+32 2 123 45 67"),
            None,
            "Belgium is not in the schema"
        );
        assert!(insee_ok("67482") && insee_ok("2A004") && !insee_ok("20004") && !insee_ok("6748"));
        assert!(schema_phone("+590590123456") && !schema_phone("+33 388123450"));
    }
}
