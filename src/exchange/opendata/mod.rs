//! Open data: the active sites in the national standard of the digital-mediation offer
//! (`standard-mediation-num` v1.0.2, Table Schema in `assets/standards/`), as CSV or JSON,
//! and the import of such a file (see [`import`]).
//!
//! What a site lacks is left empty, never invented. The schema requires a `pivot` (SIRET or
//! RNA of the structure): a site without one is left out of the file and named in the
//! export's warnings, so that the file stays valid. `horaires` is written in OpenStreetMap
//! `opening_hours` syntax from the permanences valid on the day of the export.
//!
//! A site imported from such a file is exported as the file said it wherever the app did not
//! change it, `date_maj` and `source` included (see [`source`]): import then export loses
//! nothing.

mod hours;
mod hours_reader;
pub mod import;
mod row;
mod schema;
mod source;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::network::site;
use row::Row;

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
    let hours = row::weekly_hours(conn, today)?;
    let sources = source::all(conn)?;
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for s in site::list(conn, false)? {
        let (external, updated) = extra.get(&s.id.0).cloned().unwrap_or_default();
        let ranges = hours.get(&s.id.0).map(Vec::as_slice).unwrap_or_default();
        let mut ours = row::site_row(&s, ranges);
        set(
            &mut ours,
            "id",
            external.unwrap_or_else(|| format!("permanences-{}", s.id.0)),
        );
        set(&mut ours, "date_maj", updated);
        let r = match sources.get(&s.id.0) {
            Some(source) => source::merge(&ours, source).0,
            None => ours,
        };
        if row::index("pivot").is_some_and(|i| r[i].is_empty()) {
            warnings.push(format!(
                "« {} » n'est pas exporté : le standard exige le SIRET ou le numéro RNA de la \
                 structure. Ajoutez-le dans la fiche du lieu.",
                s.name
            ));
            continue;
        }
        rows.push(r);
    }
    Ok((rows, warnings))
}

fn set(row: &mut Row, field: &str, value: String) {
    if let Some(i) = row::index(field) {
        row[i] = value;
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
}
