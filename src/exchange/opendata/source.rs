//! What an imported file said about a site (table `site_source`), so that the export gives it
//! back as it came wherever the app did not change it: import then export loses nothing.
//!
//! Three things are kept per imported site: the file's values (v1.0.2 names, only the
//! non-empty ones, as they came); the values the app itself would export for the site right
//! after that import; and its permanences at that moment. A field is "changed here" when the
//! app's value today differs from the app's value then. The export then takes, field by field:
//! - for what the app does not store (`source`, `itinerance`, `structure_parente`,
//!   `prise_en_charge_specifique`, `frais_a_charge`, `dispositif_programmes_nationaux`,
//!   `formations_labels`, `autres_formations_labels`, `modalites_accompagnement`,
//!   `fiche_acces_libre`, `prise_rdv`): the file's value;
//! - for what it stores (name, address, notes, `horaires` and `modalites_acces` from the
//!   permanences, `pivot`…): the file's value while the app's is unchanged, so that a list the
//!   app keeps one item of (`typologie`, `courriels`, `site_web`), a text it keeps in another
//!   field, hours it could not read or a placeholder `pivot` (`00000000000000`, stored as none)
//!   come back as they were; the app's value once it is changed here;
//! - `date_maj`: the file's, unless some field was changed here (then the day of the change).
//!
//! The file's value is only given back where the schema accepts it (see [`super::schema`]);
//! otherwise the app's.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::row::{index, Row};
use super::schema::valid;
use super::FIELDS;
use crate::error::{Error, Result};
use crate::network::site::SiteId;

/// A permanence as the source record keeps it: weekday, start, end, kind, valid from, until.
pub(super) type Held = (u8, String, String, String, String, Option<String>);

/// What an import kept about one site.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Source {
    /// The file's non-empty values, by v1.0.2 field name.
    pub file: BTreeMap<String, String>,
    /// The app's non-empty values for the site right after the import (no `id`, `date_maj`).
    pub app: BTreeMap<String, String>,
    /// The site's permanences right after the import, in order.
    pub permanences: Vec<Held>,
}

/// The fields the app computes from what it stores (see [`super::row::site_row`]).
const STORED: [&str; 19] = [
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
    "services",
    "publics_specifiquement_adresses",
    "modalites_acces",
];

/// Whether the app computes `field` from what it stores (the others are the file's only).
pub(super) fn is_stored(field: &str) -> bool {
    STORED.contains(&field)
}

/// The non-empty values of a row, by field name (`id` and `date_maj` left out).
pub(super) fn values_of(row: &Row) -> BTreeMap<String, String> {
    FIELDS
        .iter()
        .zip(row)
        .filter(|(f, v)| !v.is_empty() && **f != "id" && **f != "date_maj")
        .map(|(f, v)| ((*f).to_owned(), v.clone()))
        .collect()
}

/// The exported row of a site with a source record: `ours` (the app's values today, `id` and
/// `date_maj` set) merged with what the file said. `true` when a field was changed here.
pub(super) fn merge(ours: &Row, source: &Source) -> (Row, bool) {
    let mut out = ours.clone();
    let mut changed = false;
    let text = |map: &BTreeMap<String, String>, f: &str| map.get(f).cloned().unwrap_or_default();
    for (i, field) in FIELDS.iter().enumerate() {
        if *field == "id" || *field == "date_maj" {
            continue;
        }
        let file = text(&source.file, field);
        if STORED.contains(field) {
            if ours[i] != text(&source.app, field) {
                changed = true;
            } else if valid(field, &file) {
                out[i] = file;
            }
        } else {
            out[i] = if valid(field, &file) {
                file
            } else {
                String::new()
            };
        }
    }
    if let Some(i) = index("date_maj") {
        let file = text(&source.file, "date_maj");
        if !changed && valid("date_maj", &file) {
            out[i] = file;
        }
    }
    (out, changed)
}

/// Every site's source record.
pub(super) fn all(conn: &Connection) -> Result<HashMap<i64, Source>> {
    let mut stmt = conn.prepare("SELECT site_id, file, app, permanences FROM site_source")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (site, file, app, permanences) = row?;
        out.insert(site, decode(&file, &app, &permanences)?);
    }
    Ok(out)
}

/// One site's source record, if it was imported (since the app keeps them).
pub(super) fn get(conn: &Connection, site: SiteId) -> Result<Option<Source>> {
    let row = conn
        .query_row(
            "SELECT file, app, permanences FROM site_source WHERE site_id = ?1",
            [site.0],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(f, a, p): (String, String, String)| decode(&f, &a, &p))
        .transpose()
}

/// Keeps `source` for `site`; writes nothing when it is already what is kept, so that
/// importing the same file again changes nothing (and publishes nothing).
pub(super) fn put(
    conn: &Connection,
    site: SiteId,
    source: &Source,
    now: DateTime<Utc>,
) -> Result<()> {
    if get(conn, site)?.as_ref() == Some(source) {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO site_source (site_id, file, app, permanences, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (site_id) DO UPDATE SET file = ?2, app = ?3, permanences = ?4,
             imported_at = ?5",
        params![
            site.0,
            encode(&source.file)?,
            encode(&source.app)?,
            encode(&source.permanences)?,
            crate::clock::utc_text(now)
        ],
    )?;
    Ok(())
}

/// The site's permanences, all of them, as [`Source::permanences`] keeps them.
pub(super) fn held(conn: &Connection, site: SiteId) -> Result<Vec<Held>> {
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, start_time, end_time, kind, valid_from, valid_until FROM permanences
         WHERE site_id = ?1 ORDER BY weekday, start_time, valid_from, id",
    )?;
    let rows = stmt.query_map([site.0], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn encode(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Database(e.to_string()))
}

fn decode(file: &str, app: &str, permanences: &str) -> Result<Source> {
    let damaged = |e: serde_json::Error| {
        Error::Database(format!(
            "Les données d'un lieu importé sont abîmées ({e}) : importez à nouveau le fichier."
        ))
    };
    Ok(Source {
        file: serde_json::from_str(file).map_err(damaged)?,
        app: serde_json::from_str(app).map_err(damaged)?,
        permanences: serde_json::from_str(permanences).map_err(damaged)?,
    })
}
