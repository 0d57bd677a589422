//! Importing sites from a file in the national standard (CSV or JSON), to start a network
//! from the national map's data.
//!
//! Every row is checked with the same rules as the site form. Refused rows are reported with
//! their line (CSV: the line of the file where the record starts, the header being line 1;
//! JSON: the position in the array) and a French reason; the others are imported, all in one
//! transaction: an unexpected failure leaves the database as it was.
//!
//! Importing a file again: a row whose `id` was imported before updates that site (the
//! standard's fields only: its permanences, team, accessibility and transport notes stay as
//! they are, archived stays archived) instead of adding a second one. Hours (`horaires`) are
//! not imported: the weekly permanences are entered in the app.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use super::FIELDS;
use crate::error::{Error, Result};
use crate::network::site::{self, Site, SiteId, SiteInput};
use crate::network::vocab::{Public, Service, Typology};

/// A row that was not imported.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRow {
    /// CSV: line in the file; JSON: position in the array (from 1).
    pub line: u32,
    /// "Ligne 4 : Code postal : cinq chiffres…".
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub created: u32,
    pub updated: u32,
    pub refused: Vec<RefusedRow>,
    /// « Import terminé : 5 lieu(x) ajouté(s), 0 mis à jour, 1 ligne(s) refusée(s). »
    pub summary: String,
}

/// One record of the file: its line and its non-empty values by field name.
struct Record {
    line: u32,
    values: HashMap<String, String>,
    /// Why the record cannot be read as the standard's values, if it cannot (JSON: a list or
    /// an object where a value is expected).
    unreadable: Option<String>,
}

/// Imports `bytes` (CSV, comma or semicolon separated, or a JSON array of objects).
pub fn import(conn: &Connection, bytes: &[u8], now: DateTime<Utc>) -> Result<ImportReport> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::invalid(
            "file",
            "Le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8 et recommencez.",
        )
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let (records, unit) = if text.trim_start().starts_with('[') {
        (json_records(text)?, "Élément")
    } else {
        (csv_records(text)?, "Ligne")
    };
    crate::store::db::write(conn, |tx| {
        let mut report = ImportReport {
            created: 0,
            updated: 0,
            refused: Vec::new(),
            summary: String::new(),
        };
        let mut seen = HashSet::new();
        for r in records {
            let refuse = |message: String| RefusedRow {
                line: r.line,
                message: format!("{unit} {} : {message}", r.line),
            };
            let id = r.values.get("id").cloned().unwrap_or_default();
            if id.is_empty() {
                report
                    .refused
                    .push(refuse("l'identifiant (colonne « id ») manque.".into()));
                continue;
            }
            if !seen.insert(id.clone()) {
                report.refused.push(refuse(format!(
                    "l'identifiant « {id} » figure déjà plus haut dans le fichier."
                )));
                continue;
            }
            if let Some(why) = r.unreadable.clone().or_else(|| formula(&r.values)) {
                report.refused.push(refuse(why));
                continue;
            }
            match save(tx, &id, &r.values, now) {
                Ok(true) => report.created += 1,
                Ok(false) => report.updated += 1,
                Err(e @ (Error::Validation { .. } | Error::Conflict { .. })) => {
                    report.refused.push(refuse(e.to_string()));
                }
                Err(e) => return Err(e),
            }
        }
        report.summary = format!(
            "Import terminé : {} lieu(x) ajouté(s), {} mis à jour, {} ligne(s) refusée(s).",
            report.created,
            report.updated,
            report.refused.len()
        );
        Ok(report)
    })
}

/// Creates or updates the site of one record; `true` when created.
fn save(
    tx: &Connection,
    id: &str,
    v: &HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let existing: Option<i64> = tx
        .query_row("SELECT id FROM sites WHERE external_id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let base = match existing {
        Some(sid) => input_of(&site::get(tx, SiteId(sid))?),
        None => SiteInput::default(),
    };
    let input = apply(base, v)?;
    // One savepoint per row: a refused row leaves nothing behind.
    crate::store::db::write(tx, |tx| match existing {
        Some(sid) => site::update(tx, SiteId(sid), &input, now).map(|_| false),
        None => {
            let s = site::create(tx, &input, now)?;
            tx.execute(
                "UPDATE sites SET external_id = ?2 WHERE id = ?1",
                rusqlite::params![s.id.0, id],
            )?;
            Ok(true)
        }
    })
}

/// The standard's fields of `v` over `base` (the stored site when updating).
fn apply(mut s: SiteInput, v: &HashMap<String, String>) -> Result<SiteInput> {
    let get = |f: &str| v.get(f).cloned();
    let first = |f: &str| {
        get(f).and_then(|x| {
            x.split('|')
                .map(str::trim)
                .find(|p| !p.is_empty())
                .map(str::to_owned)
        })
    };
    s.name = get("nom").unwrap_or_default();
    s.address = get("adresse").unwrap_or_default();
    s.address_complement = get("complement_adresse");
    s.postcode = get("code_postal").unwrap_or_default();
    s.city = get("commune").unwrap_or_default();
    s.insee_code = get("code_insee");
    s.latitude = number(v, "latitude")?;
    s.longitude = number(v, "longitude")?;
    s.phone = get("telephone");
    s.email = first("courriels");
    s.website = first("site_web");
    s.pivot = get("pivot");
    s.typology = get("typologie")
        .and_then(|t| t.split('|').find_map(|c| Typology::from_code(c.trim())))
        .or(s.typology);
    s.public_notes = get("presentation_resume")
        .or_else(|| get("presentation_detail"))
        .or(s.public_notes);
    s.services = labels(v, "services", "services", |l| {
        Service::ALL.iter().copied().find(|x| x.label() == l)
    })?;
    s.publics = labels(v, "publics_specifiquement_adresses", "publics", |l| {
        Public::ALL.iter().copied().find(|x| x.label() == l)
    })?;
    // Bas-Rhin, Haut-Rhin and Moselle keep Good Friday and 26 December.
    s.alsace_moselle = Some(
        ["57", "67", "68"]
            .iter()
            .any(|d| s.postcode.trim().starts_with(d)),
    );
    Ok(s)
}

fn number(v: &HashMap<String, String>, field: &'static str) -> Result<Option<f64>> {
    match v.get(field) {
        None => Ok(None),
        Some(t) => t.trim().replace(',', ".").parse().map(Some).map_err(|_| {
            Error::invalid(
                field,
                format!(
                    "{field} : « {t} » n'est pas un nombre (degrés décimaux, par exemple 48.5866)."
                ),
            )
        }),
    }
}

fn labels<T>(
    v: &HashMap<String, String>,
    field: &'static str,
    what: &str,
    find: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>> {
    let Some(text) = v.get(field) else {
        return Ok(Vec::new());
    };
    text.split('|')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            find(l).ok_or_else(|| {
                Error::invalid(
                    field,
                    format!("{field} : « {l} » n'est pas dans la liste des {what} du standard."),
                )
            })
        })
        .collect()
}

/// The form input that would store `site` as it is.
fn input_of(s: &Site) -> SiteInput {
    SiteInput {
        name: s.name.clone(),
        address: s.address.clone(),
        address_complement: s.address_complement.clone(),
        postcode: s.postcode.clone(),
        city: s.city.clone(),
        insee_code: s.insee_code.clone(),
        latitude: s.latitude,
        longitude: s.longitude,
        phone: s.phone.clone(),
        email: s.email.clone(),
        website: s.website.clone(),
        wheelchair_access: Some(s.wheelchair_access),
        public_transport: s.public_transport.clone(),
        public_notes: s.public_notes.clone(),
        pivot: s.pivot.clone(),
        typology: s.typology,
        alsace_moselle: Some(s.alsace_moselle),
        services: s.services.clone(),
        publics: s.publics.clone(),
    }
}

fn csv_records(text: &str) -> Result<Vec<Record>> {
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| not_standard(&csv_detail(&e)))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    require_columns(&names)?;
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| not_standard(&csv_detail(&e)))?;
        let line = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        out.push(Record {
            line,
            unreadable: None,
            values: values(
                names
                    .iter()
                    .map(String::as_str)
                    .zip(record.iter().map(str::to_owned)),
            ),
        });
    }
    Ok(out)
}

fn json_records(text: &str) -> Result<Vec<Record>> {
    let list: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(text).map_err(|e| not_standard(&json_detail(&e)))?;
    let names: Vec<String> = list
        .first()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    if !list.is_empty() {
        require_columns(&names)?;
    }
    Ok(list
        .into_iter()
        .enumerate()
        .map(|(i, o)| Record {
            line: u32::try_from(i + 1).unwrap_or(u32::MAX),
            unreadable: o
                .iter()
                .find(|(k, v)| FIELDS.contains(&k.as_str()) && (v.is_array() || v.is_object()))
                .map(|(k, _)| format!("« {k} » doit être un texte ou un nombre, pas une liste.")),
            values: values(o.iter().map(|(k, v)| {
                let text = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                };
                (k.as_str(), text)
            })),
        })
        .collect())
}

/// A value that a spreadsheet would run as a formula (`=…`, `@…`, `+cmd…`) when the network's
/// files are opened later: refused, as the OWASP advice on CSV injection has it. A phone
/// (`+33…`) or a negative coordinate (`-1.55`) is not one.
fn formula(values: &HashMap<String, String>) -> Option<String> {
    let (field, value) = values.iter().find(|(_, v)| {
        let mut chars = v.chars();
        match (chars.next(), chars.next()) {
            (Some('=' | '@'), _) => true,
            (Some('+' | '-'), Some(next)) => !(next.is_ascii_digit() || next == ' ' || next == '.'),
            _ => false,
        }
    })?;
    let shown: String = value.chars().take(40).collect();
    Some(format!(
        "la valeur « {shown} » de la colonne « {field} » ressemble à une formule de tableur : \
         retirez le signe du début."
    ))
}

/// The non-empty, trimmed values of the standard's fields.
fn values<'a>(pairs: impl Iterator<Item = (&'a str, String)>) -> HashMap<String, String> {
    pairs
        .filter(|(k, _)| FIELDS.contains(k))
        .map(|(k, v)| (k.to_owned(), v.trim().to_owned()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn require_columns(names: &[String]) -> Result<()> {
    for f in ["id", "nom", "adresse", "code_postal", "commune"] {
        if !names.iter().any(|n| n == f) {
            return Err(not_standard(&format!("la colonne « {f} » manque")));
        }
    }
    Ok(())
}

/// What is wrong with a JSON file, in French (serde's messages are English).
fn json_detail(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "le fichier JSON s'arrête avant la fin : il est coupé".to_owned(),
        Category::Syntax => format!("JSON mal formé ligne {}, colonne {}", e.line(), e.column()),
        Category::Data => "il faut une liste d'objets, un par lieu, aux valeurs simples".to_owned(),
        Category::Io => "le fichier n'a pas pu être lu".to_owned(),
    }
}

/// What is wrong with a CSV file, in French.
fn csv_detail(e: &csv::Error) -> String {
    match e.position() {
        Some(p) => format!("ligne {} illisible", p.line()),
        None => "fichier illisible".to_owned(),
    }
}

fn not_standard(detail: &str) -> Error {
    Error::invalid(
        "file",
        format!(
            "Ce fichier ne suit pas le standard des lieux de médiation numérique ({detail}). \
             Rien n'a été importé."
        ),
    )
}
