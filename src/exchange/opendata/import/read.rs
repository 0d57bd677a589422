//! Reading an open-data file into records: CSV (comma or semicolon separated) or a JSON array
//! of objects, each record with its line and its values by v1.0.2 field name (see
//! [`super::older`] for the names of older extracts).

use std::collections::HashMap;

use super::older;
use crate::error::{Error, Result};

/// One record of the file: its line and its non-empty values by field name.
pub(super) struct Record {
    pub line: u32,
    pub values: HashMap<String, String>,
    /// Why the record cannot be read as the standard's values, if it cannot (JSON: a list or
    /// an object where a value is expected).
    pub unreadable: Option<String>,
    /// What was left out while renaming older fields (French phrases).
    pub notes: Vec<String>,
}

/// The records of `text` and the word that names a record's position (« Ligne », « Élément »).
pub(super) fn records(text: &str) -> Result<(Vec<Record>, &'static str)> {
    if text.trim_start().starts_with('[') {
        Ok((json_records(text)?, "Élément"))
    } else {
        Ok((csv_records(text)?, "Ligne"))
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
    let is_older = older::is_older(names.iter().map(String::as_str));
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| not_standard(&csv_detail(&e)))?;
        let line = record
            .position()
            .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let pairs = names
            .iter()
            .map(String::as_str)
            .zip(record.iter().map(str::to_owned));
        let (values, notes) = older::standard(trimmed(pairs), is_older);
        out.push(Record {
            line,
            unreadable: None,
            values,
            notes,
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
        .map(|(i, o)| {
            let pairs = o.iter().map(|(k, v)| {
                let text = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                };
                (k.as_str(), text)
            });
            let (values, notes) = older::standard(
                trimmed(pairs),
                older::is_older(o.keys().map(String::as_str)),
            );
            Record {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                unreadable: o
                    .iter()
                    .find(|(k, v)| older::is_known(k) && (v.is_array() || v.is_object()))
                    .map(|(k, _)| {
                        format!("« {k} » doit être un texte ou un nombre, pas une liste.")
                    }),
                values,
                notes,
            }
        })
        .collect())
}

/// The non-empty, trimmed values of the columns the standard knows (older names included).
fn trimmed<'a>(pairs: impl Iterator<Item = (&'a str, String)>) -> Vec<(&'a str, String)> {
    pairs
        .filter(|(k, _)| older::is_known(k))
        .map(|(k, v)| (k, v.trim().to_owned()))
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

/// A value that a spreadsheet would run as a formula (`=…`, `@…`, `+cmd…`) when the network's
/// files are opened later: refused, as the OWASP advice on CSV injection has it. A phone
/// (`+33…`) or a negative coordinate (`-1.55`) is not one.
pub(super) fn formula(values: &HashMap<String, String>) -> Option<String> {
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
