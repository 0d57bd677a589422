//! Gathering: a coordinator reads the desks' exchange files ([`super::file`]) into the
//! `gathered_*` tables, apart from its own records.
//!
//! Each file replaces what its desk said before for the period it covers: an activity read
//! again unchanged is left as it is, a changed one is rewritten, one of the period that the
//! file no longer has (deleted at the desk) is removed. A file older than the newest one read
//! from its desk (a stale copy) changes nothing, and an activity never counts twice (one
//! already known from another desk, or this desk's own, is refused). A file is read whole in
//! one transaction: refused activities are listed with their position and a French reason,
//! the others are imported, and an unexpected failure leaves everything as it was.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use super::file::{ActivityFile, FORMAT, VERSION};
use super::refs;
use super::rows::{self, Row};
use crate::error::{Error, Result};
use crate::exchange::opendata::import::RefusedRow;
use crate::records::stats::days::DaySums;
use save::{remove_missing, save, Context, Statements, INSERT};

mod save;

/// What reading one file did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GatherReport {
    /// The desk's name.
    pub desk: String,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub removed: u32,
    pub refused: Vec<RefusedRow>,
    /// « Poste « Centre social » : 120 activité(s) ajoutée(s), … »
    pub summary: String,
}

/// Reads an exchange file's bytes (as written by [`super::file::read`]).
pub fn parse(bytes: &[u8]) -> Result<ActivityFile> {
    let bad = |detail: &str| {
        Error::invalid(
            "file",
            format!(
                "Ce fichier n'est pas un fichier d'activités de Permanences ({detail}). \
                 Rien n'a été importé."
            ),
        )
    };
    /// The two fields read first: what the file says it is.
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u64>,
    }
    let text = std::str::from_utf8(bytes).map_err(|_| bad("il n'est pas en UTF-8"))?;
    // One pass when the file is right; what it says it is explains a failure.
    if let Ok(file) = serde_json::from_str::<ActivityFile>(text) {
        if file.format == FORMAT && file.version == VERSION {
            return Ok(file);
        }
    }
    let head: Head = serde_json::from_str(text)
        .map_err(|e| bad(&format!("JSON illisible ligne {}", e.line())))?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(bad(
            "son champ « format » n'est pas « permanences-activites »",
        ));
    }
    if head.version != Some(u64::from(VERSION)) {
        return Err(bad(
            "il vient d'une autre version de Permanences : mettez à jour l'application",
        ));
    }
    serde_json::from_str(text).map_err(|e| bad(&serde_detail(&e.to_string())))
}

/// What serde found wrong, in French (its messages are English): the missing field's name,
/// or that a value has the wrong type or an unknown code.
fn serde_detail(message: &str) -> String {
    let quoted = |after: &str| {
        message
            .split_once(after)
            .and_then(|(_, rest)| rest.split('`').next())
            .map(str::to_owned)
    };
    if let Some(field) = quoted("missing field `") {
        format!("le champ « {field} » manque")
    } else if let Some(code) = quoted("unknown variant `") {
        format!("le code « {code} » n'est pas dans les listes du compte rendu d'activité")
    } else {
        "une valeur n'a pas le type attendu (texte, nombre, liste ou date)".to_owned()
    }
}

/// Imports one desk's file. `now` stamps the import.
pub fn import(conn: &Connection, file: &ActivityFile, now: DateTime<Utc>) -> Result<GatherReport> {
    import_rows(conn, file, &rows::rows(file), now)
}

/// [`import`], with the file's [`rows::rows`] already worked out.
pub fn import_rows(
    conn: &Connection,
    file: &ActivityFile,
    rows: &[Row],
    now: DateTime<Utc>,
) -> Result<GatherReport> {
    if file.to < file.from {
        return Err(Error::invalid(
            "file",
            "La période du fichier finit avant de commencer : rien n'a été importé.",
        ));
    }
    crate::store::db::write(conn, |tx| {
        let own: String = tx.query_row("SELECT uid FROM desk WHERE id = 1", [], |r| r.get(0))?;
        if own == file.desk.uid {
            return Err(Error::invalid(
                "file",
                "Ce fichier est celui de ce poste-ci : ses activités y sont déjà. Rien n'a été \
                 importé.",
            ));
        }
        let mut report = GatherReport {
            desk: file.desk.name.clone(),
            added: 0,
            updated: 0,
            unchanged: 0,
            removed: 0,
            refused: Vec::new(),
            summary: String::new(),
        };
        let Some(desk) = refs::desk(tx, file, now)? else {
            report.summary = format!(
                "Poste « {} » : ce fichier est plus ancien que le dernier lu de ce poste, \
                 rien n'a changé.",
                file.desk.name
            );
            return Ok(report);
        };
        let sites = refs::sites(tx, desk, file)?;
        let people = refs::people(tx, desk, file)?;
        let terms = refs::terms(tx, file)?;
        // A coordinator rarely records activities itself: then no activity can be its own.
        let own_visits = tx.query_row("SELECT EXISTS (SELECT 1 FROM visits)", [], |r| r.get(0))?;
        let fresh = !tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM gathered_visits WHERE desk_id = ?1)",
            [desk],
            |r| r.get::<_, bool>(0),
        )?;
        let mut kept = HashSet::new();
        let mut sums = DaySums::default();
        // Prepared once for the file (a cached statement is looked up by its whole text).
        let mut st = Statements {
            own: tx.prepare_cached("SELECT 1 FROM visits WHERE uid = ?1")?,
            known: tx
                .prepare_cached("SELECT id, desk_id, digest FROM gathered_visits WHERE uid = ?1")?,
            delete: tx.prepare_cached("DELETE FROM gathered_visits WHERE id = ?1")?,
            insert: tx.prepare_cached(INSERT)?,
            participant: tx.prepare_cached(
                "INSERT OR IGNORE INTO gathered_participants (visit_id, person_id, day, site_id,
                     desk_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
        };
        // In time order: the day-first indexes then grow at their end, page after page.
        let mut order: Vec<usize> = (0..file.activities.len()).collect();
        order.sort_by_key(|i| file.activities[*i].start);
        if rows.len() != file.activities.len() {
            return Err(Error::invalid(
                "file",
                "Les activités du fichier ont changé pendant sa lecture : rien n'a été importé.",
            ));
        }
        for i in order {
            let a = &file.activities[i];
            let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let refuse = |message: String| RefusedRow {
                line: position,
                message: format!("Activité {position} : {message}"),
            };
            let context = Context {
                desk,
                file,
                sites: &sites,
                people: &people,
                terms: &terms,
                own_visits,
                fresh,
            };
            match save(tx, &mut st, &context, a, &rows[i], &mut sums) {
                Ok(Saved::Added) => report.added += 1,
                Ok(Saved::Updated) => report.updated += 1,
                Ok(Saved::Unchanged) => report.unchanged += 1,
                Err(e @ Error::Validation { .. }) => {
                    report.refused.push(refuse(e.to_string()));
                    continue;
                }
                Err(e) => return Err(e),
            }
            if !fresh {
                kept.insert(a.uid.as_str());
            }
        }
        report.refused.sort_by_key(|r| r.line);
        // A desk read for the first time had nothing to remove.
        if !fresh {
            report.removed = remove_missing(tx, desk, file, &kept)?;
        }
        // The desk's activities of the period are now exactly those kept from the file (the
        // unchanged ones included, with their site as matched today: see refs::sites).
        if report.added + report.updated + report.removed > 0 {
            sums.write(tx, desk, file.from, file.to)?;
        }
        refs::appointments(tx, desk, file, &sites)?;
        report.summary = format!(
            "Poste « {} » : {} activité(s) ajoutée(s), {} mise(s) à jour, {} inchangée(s), \
             {} retirée(s), {} refusée(s).",
            file.desk.name,
            report.added,
            report.updated,
            report.unchanged,
            report.removed,
            report.refused.len()
        );
        Ok(report)
    })
}

pub(super) enum Saved {
    Added,
    Updated,
    Unchanged,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::invalid("activity", message)
}
