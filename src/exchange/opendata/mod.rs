//! Open data: the active sites in the national standard of the digital-mediation offer
//! (`standard-mediation-num` v1.0.2, Table Schema in `assets/standards/`), as CSV or JSON,
//! and the import of such a file (see [`import`]).
//!
//! What a site lacks is left empty, never invented. The schema requires a `pivot` (SIRET or
//! RNA of the structure): a site without one is left out of the file and named in the
//! export's warnings, so that the file stays valid. `horaires` is written in OpenStreetMap
//! `opening_hours` syntax from the permanences valid on the day of the export.

mod hours;
pub mod import;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::network::site::{self, Site};

pub use hours::opening_hours;

/// The schema's fields, in its order (a unit test compares them with the schema file).
pub const FIELDS: [&str; 32] = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
];

/// Longest `presentation_resume` the schema accepts; longer notes go to the detail.
const RESUME_MAX: usize = 280;

/// The two file formats of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// `lieux-mediation-numerique.csv` or `.json`.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Csv => "lieux-mediation-numerique.csv",
            Format::Json => "lieux-mediation-numerique.json",
        }
    }
}

/// An export: the file's bytes, and what was left out and why.
#[derive(Debug, Clone)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub sites: usize,
    /// One French sentence per site left out.
    pub warnings: Vec<String>,
}

impl Export {
    /// What the person is told once it is written: « 5 lieux ».
    pub fn summary(&self) -> String {
        crate::fr::count(
            i64::try_from(self.sites).unwrap_or(i64::MAX),
            "lieu",
            "lieux",
        )
    }
}

/// A permanence as the file needs it: ISO weekday, "HH:MM" start and end, kind code.
type Range = (u8, String, String, String);

/// One site in the standard: a value (possibly empty) for each of [`FIELDS`].
type Row = [String; FIELDS.len()];

/// The active sites in `format`, with the hours valid on `today`.
pub fn export(conn: &Connection, format: Format, today: NaiveDate) -> Result<Export> {
    let (rows, warnings) = crate::store::db::read(conn, |conn| rows(conn, today))?;
    let bytes = match format {
        Format::Csv => csv_bytes(&rows)?,
        Format::Json => json_bytes(&rows)?,
    };
    Ok(Export {
        bytes,
        sites: rows.len(),
        warnings,
    })
}

fn rows(conn: &Connection, today: NaiveDate) -> Result<(Vec<Row>, Vec<String>)> {
    let extra = site_extras(conn)?;
    let hours = weekly_hours(conn, today)?;
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for s in site::list(conn, false)? {
        let Some(pivot) = s.pivot.clone() else {
            warnings.push(format!(
                "« {} » n'est pas exporté : le standard exige le SIRET ou le numéro RNA de la \
                 structure. Ajoutez-le dans la fiche du lieu.",
                s.name
            ));
            continue;
        };
        let (external, updated) = extra.get(&s.id.0).cloned().unwrap_or_default();
        let ranges = hours.get(&s.id.0).map(Vec::as_slice).unwrap_or_default();
        rows.push(row(&s, pivot, external, updated, ranges));
    }
    Ok((rows, warnings))
}

fn row(
    s: &Site,
    pivot: String,
    external: Option<String>,
    updated: String,
    ranges: &[Range],
) -> Row {
    let mut r: Row = Default::default();
    let mut set = |field: &str, value: String| {
        if let Some(i) = FIELDS.iter().position(|f| *f == field) {
            r[i] = value;
        }
    };
    set(
        "id",
        external.unwrap_or_else(|| format!("permanences-{}", s.id.0)),
    );
    set("pivot", pivot);
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
    set("date_maj", updated);
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

/// A French number in the schema's form (`+33388123450`), or `None` when it cannot be one.
fn international_phone(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let out = if phone.trim_start().starts_with('+') {
        format!("+{digits}")
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("+33{}", &digits[1..])
    } else {
        return None;
    };
    let prefixes = [
        "+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681",
    ];
    prefixes
        .iter()
        .any(|p| {
            out.strip_prefix(p)
                .is_some_and(|rest| (6..=9).contains(&rest.len()))
        })
        .then_some(out)
}

/// The schema's INSEE pattern: two department characters (01–19, 21–99, 2A, 2B), three digits.
fn insee_ok(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && b[2..].iter().all(u8::is_ascii_digit)
        && match (b[0], b[1]) {
            (b'2', b'A' | b'B' | b'1'..=b'9') => true,
            (b'0' | b'1' | b'3'..=b'9', d) => d.is_ascii_digit(),
            _ => false,
        }
}

/// Per site: the id of an imported site, and the day of the last change of the site or of
/// one of its permanences.
fn site_extras(conn: &Connection) -> Result<HashMap<i64, (Option<String>, String)>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.external_id,
                substr(max(s.updated_at, coalesce((SELECT max(updated_at) FROM permanences
                                                   WHERE site_id = s.id), '')), 1, 10)
         FROM sites s WHERE s.archived_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per site: (weekday, start, end, kind) of the permanences valid on `today`.
fn weekly_hours(conn: &Connection, today: NaiveDate) -> Result<HashMap<i64, Vec<Range>>> {
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

fn csv_bytes(rows: &[Row]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    w.write_record(FIELDS).map_err(csv_error)?;
    for r in rows {
        w.write_record(r).map_err(csv_error)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e))
}

/// An array of objects with every field of the schema, in its order (validators compare the
/// keys with the schema's fields in order, and serde_json's map would sort them): `null` for
/// what is missing, numbers for the coordinates, text otherwise.
fn json_bytes(rows: &[Row]) -> Result<Vec<u8>> {
    let mut out = String::from("[");
    for (i, r) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
        for (j, (f, v)) in FIELDS.iter().zip(r).enumerate() {
            let value = match (*f, v.as_str()) {
                (_, "") => serde_json::Value::Null,
                ("latitude" | "longitude", n) => n
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number),
                (_, t) => serde_json::Value::String(t.to_owned()),
            };
            out.push_str(if j == 0 { "\n    \"" } else { ",\n    \"" });
            out.push_str(f);
            out.push_str("\": ");
            out.push_str(&value.to_string());
        }
        out.push_str("\n  }");
    }
    out.push_str("\n]\n");
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_the_schema_s_in_its_order() -> std::result::Result<(), serde_json::Error> {
        let schema: serde_json::Value = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/standards/lieux-mediation-numerique.schema.json"
        )))?;
        let names: Vec<String> = schema["fields"]
            .as_array()
            .map(|f| {
                f.iter()
                    .filter_map(|x| x["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(names, FIELDS);
        Ok(())
    }

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
    }
}
