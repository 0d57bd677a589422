//! Importing sites from a file in the national standard (CSV or JSON), to start a network
//! from the national map's data. Files of the national map older than v1.0.2 are read too
//! (see [`older`]).
//!
//! Every row is checked with the same rules as the site form. Refused rows are reported with
//! their line (CSV: the line of the file where the record starts, the header being line 1;
//! JSON: the position in the array) and a French reason; the others are imported, all in one
//! transaction: an unexpected failure leaves the database as it was. An imported row may
//! still come with notes (hours or values that could not be taken), also by line.
//!
//! `horaires` becomes the site's weekly permanences (see [`hours`]); what a weekly
//! permanence cannot say is named in the notes, never guessed. The placeholder `pivot`
//! `00000000000000` (structure unknown) is stored as no pivot. Everything the row said is
//! kept (see [`crate::exchange::opendata::source`]), so that the export gives back what the
//! app does not change.
//!
//! Importing a file again: a row whose `id` was imported before updates that site (the
//! standard's fields only: its team, accessibility and transport notes stay as they are,
//! archived stays archived) instead of adding a second one; its permanences are replaced only
//! when the file's hours changed and the app did not change them. Importing the same file
//! twice changes nothing.

mod hours;
mod older;
mod read;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::error::{Error, Result};
use crate::exchange::opendata::row::site_row;
use crate::exchange::opendata::schema::{valid, vocabulary};
use crate::exchange::opendata::source::{self, Source};
use crate::exchange::opendata::FIELDS;
use crate::network::site::{self, Site, SiteId, SiteInput};
use crate::network::vocab::{Public, Service, Typology};
use read::Record;

/// The `pivot` the national map gives a place whose structure it does not know.
const UNKNOWN_PIVOT: &str = "00000000000000";

/// A row that was not imported.
pub use crate::error::RefusedRow;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub created: u32,
    pub updated: u32,
    pub refused: Vec<RefusedRow>,
    /// Rows imported with something left out, one per row (same form as `refused`):
    /// « Ligne 4 : horaires : « Sa[1] 10:00-12:00 » (…) ne peut pas devenir… ».
    pub notes: Vec<RefusedRow>,
    /// « Import terminé : 5 lieu(x) ajouté(s), 0 mis à jour, 1 ligne(s) refusée(s). »
    pub summary: String,
}

/// Imports `bytes` (CSV, comma or semicolon separated, or a JSON array of objects).
pub fn import(conn: &Connection, bytes: &[u8], now: DateTime<Utc>) -> Result<ImportReport> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::invalid(
            "file",
            "Le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8 et recommencez.",
        )
    })?;
    let (records, unit) = read::records(text.trim_start_matches('\u{feff}'))?;
    crate::store::db::write(conn, |tx| {
        let mut report = ImportReport {
            created: 0,
            updated: 0,
            refused: Vec::new(),
            notes: Vec::new(),
            summary: String::new(),
        };
        let mut seen = HashSet::new();
        for r in records {
            let said = |message: String| RefusedRow {
                line: r.line,
                message: format!("{unit} {} : {message}", r.line),
            };
            let id = r.values.get("id").cloned().unwrap_or_default();
            if id.is_empty() {
                report
                    .refused
                    .push(said("l'identifiant (colonne « id ») manque.".into()));
                continue;
            }
            if !seen.insert(id.clone()) {
                report.refused.push(said(format!(
                    "l'identifiant « {id} » figure déjà plus haut dans le fichier."
                )));
                continue;
            }
            if let Some(why) = r.unreadable.clone().or_else(|| read::formula(&r.values)) {
                report.refused.push(said(why));
                continue;
            }
            match save(tx, &id, &r, now) {
                Ok((created, notes)) => {
                    if created {
                        report.created += 1;
                    } else {
                        report.updated += 1;
                    }
                    if !notes.is_empty() {
                        report.notes.push(said(notes.join(" ")));
                    }
                }
                Err(e @ (Error::Validation { .. } | Error::Conflict { .. })) => {
                    report.refused.push(said(e.to_string()));
                }
                Err(e) => return Err(e),
            }
        }
        report.summary = format!(
            "Import terminé : {} lieu(x) ajouté(s), {} mis à jour, {} ligne(s) refusée(s){}.",
            report.created,
            report.updated,
            report.refused.len(),
            match report.notes.len() {
                0 => String::new(),
                n => format!(", {n} lieu(x) importé(s) avec une remarque"),
            }
        );
        Ok(report)
    })
}

/// Creates or updates the site of one record, its permanences and its source record, in one
/// savepoint (a refused row leaves nothing behind). `true` when created; the row's notes.
fn save(
    tx: &Connection,
    id: &str,
    record: &Record,
    now: DateTime<Utc>,
) -> Result<(bool, Vec<String>)> {
    let v = &record.values;
    let existing: Option<SiteId> = tx
        .query_row("SELECT id FROM sites WHERE external_id = ?1", [id], |r| {
            r.get(0).map(SiteId)
        })
        .optional()?;
    let base = match existing {
        Some(sid) => input_of(&site::get(tx, sid)?),
        None => SiteInput::default(),
    };
    let input = apply(base, v)?;
    let plan = hours::plan(v);
    crate::store::db::write(tx, |tx| {
        let (sid, created) = match existing {
            Some(sid) => {
                update_if_changed(tx, sid, &input, now)?;
                (sid, false)
            }
            None => {
                let s = site::create(tx, &input, now)?;
                site::set_external_id(tx, s.id, id)?;
                (s.id, true)
            }
        };
        let before = source::get(tx, sid)?;
        let (file, kept_notes) = kept(v);
        let mut notes = record.notes.clone();
        notes.extend(kept_notes);
        notes.extend(plan.notes.iter().cloned());
        let s = site::get(tx, sid)?;
        // An archived site's permanences are left alone, like those changed in the app.
        let mut the_app_s = s.archived;
        if !s.archived {
            let said;
            (said, the_app_s) = hours::apply(tx, sid, &plan, before.as_ref(), created, now)?;
            notes.extend(said);
        }
        let permanences = if the_app_s {
            // Still the app's at the next import: keep what the file's import left.
            before.map(|b| b.permanences).unwrap_or_default()
        } else {
            source::held(tx, sid)?
        };
        let app = source::values_of(&site_row(&s, plan.wanted()));
        let kept = Source {
            file,
            app,
            permanences,
        };
        source::put(tx, sid, &kept, now)?;
        Ok((created, notes))
    })
}

/// Updates the site, or leaves it untouched (its change date too) when the file says what it
/// already holds.
fn update_if_changed(
    tx: &Connection,
    sid: SiteId,
    input: &SiteInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let before = site::get(tx, sid)?;
    tx.execute_batch("SAVEPOINT import_site")?;
    let undo = "ROLLBACK TO import_site; RELEASE import_site";
    match site::update(tx, sid, input, now) {
        Ok(after) if after == before => tx.execute_batch(undo)?,
        Ok(_) => tx.execute_batch("RELEASE import_site")?,
        Err(e) => {
            tx.execute_batch(undo)?;
            return Err(e);
        }
    }
    Ok(())
}

/// The file's values as the source record keeps them, without the values of fields the app
/// does not store that the schema would refuse (the export must stay valid): each one said.
fn kept(v: &HashMap<String, String>) -> (BTreeMap<String, String>, Vec<String>) {
    let mut notes = Vec::new();
    let mut out = BTreeMap::new();
    for field in FIELDS {
        let Some(value) = v.get(field) else {
            continue;
        };
        if source::is_stored(field) || valid(field, value) {
            out.insert(field.to_owned(), value.clone());
            continue;
        }
        let wrong = vocabulary(field)
            .and_then(|words| {
                value
                    .split('|')
                    .find(|i| !words.contains(i))
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| value.clone());
        let shown: String = wrong.chars().take(60).collect();
        notes.push(match field {
            "date_maj" => format!(
                "date_maj : « {shown} » n'est pas une date AAAA-MM-JJ : la date de l'import la \
                 remplace."
            ),
            _ => format!(
                "{field} : « {shown} » n'est pas une valeur du standard v1.0.2 : ce champ \
                 n'est pas repris."
            ),
        });
    }
    (out, notes)
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
    s.pivot = get("pivot").filter(|p| p != UNKNOWN_PIVOT);
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
