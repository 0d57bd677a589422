//! The activities gathered from the other desks of a network (`gathered_*` tables, and
//! `desks`): owned here, beside this desk's own visits, and counted by [`super::stats`].
//! `exchange::activities` reads the desks' files and hands them here.
//!
//! Each file replaces what its desk said before for the period it covers: an activity read
//! again unchanged is left as it is, a changed one is rewritten, one of the period that the
//! file no longer has (deleted at the desk) is removed. A file older than the newest one read
//! from its desk (a stale copy) changes nothing, and an activity never counts twice (one
//! already known from another desk, or this desk's own, is refused). A file is read whole in
//! one transaction: refused activities are listed with their position and a French reason,
//! the others are imported, and an unexpected failure leaves everything as it was.

pub mod format;
mod refs;
pub mod rows;
mod save;

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use crate::error::{Error, RefusedRow, Result};
use crate::records::stats::days::DaySums;
use format::ActivityFile;
use rows::Row;
use save::{remove_missing, save, Context, Statements, INSERT};

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

/// Writes one desk's file (its [`rows::rows`] worked out) into the gathered tables, in one
/// transaction. `own` is this desk's identifier: its own file is refused.
pub fn import_rows(
    conn: &Connection,
    file: &ActivityFile,
    rows: &[Row],
    own: &str,
    now: DateTime<Utc>,
) -> Result<GatherReport> {
    if file.to < file.from {
        return Err(Error::invalid(
            "file",
            "La période du fichier finit avant de commencer : rien n'a été importé.",
        ));
    }
    crate::store::db::write(conn, |tx| {
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

enum Saved {
    Added,
    Updated,
    Unchanged,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::invalid("activity", message)
}
