//! The gathering folder: a folder the network shares (Nextcloud, a USB stick…). A desk keeps
//! its activity file there up to date ([`refresh`], after every change, as publishing does);
//! a coordinator imports every new or changed desk file from there ([`gather`], at start-up,
//! daily and on demand).
//!
//! A desk's file covers 1 January of the previous year to today: older activities purged by
//! the desk's retention stay at the coordinator's. Files are written atomically, so that the
//! sync client never carries half of one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::file::{self, Desk, Selection};
use super::gather::{self, GatherReport};
use super::rows;
use crate::error::{Error, Result};

/// The settings, as chosen in Paramètres.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GatheringSettings {
    /// `None`: no gathering folder.
    pub folder: Option<String>,
    /// This desk keeps its activity file in the folder.
    pub write_own: bool,
    /// This desk (a coordinator) imports the other desks' files from the folder.
    pub read_others: bool,
    /// The name the coordinator sees for this desk; empty: « Poste » and a number.
    pub desk_name: String,
}

/// A desk whose activities were gathered here.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GatheredDesk {
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    pub name: String,
    #[specta(type = specta_typescript::Number)]
    pub activities: i64,
    /// When its newest file was written there (RFC 3339, UTC).
    pub exported_at: String,
}

/// The settings, what was gathered, and how the last attempts went.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GatheringStatus {
    pub settings: GatheringSettings,
    /// This desk's file name in the folder.
    pub own_file: String,
    pub written_at: Option<String>,
    pub scanned_at: Option<String>,
    /// Why the last write or import failed, in French; `None` when it worked.
    pub last_error: Option<String>,
    pub desks: Vec<GatheredDesk>,
}

/// `activites-centre-social-3f2a9c1b.json`: the desk's name and the start of its identifier.
pub fn own_file_name(desk: &Desk) -> String {
    let slug = crate::fr::slug(&desk.name);
    let short: String = desk
        .uid
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    format!("activites-{slug}-{short}.json")
}

pub fn status(conn: &Connection) -> Result<GatheringStatus> {
    type Row = (
        String,
        bool,
        bool,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT folder, write_own, read_others, written_at, scanned_at, last_error
             FROM gathering WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let name: Option<String> = conn.query_row("SELECT name FROM desk", [], |r| r.get(0))?;
    let desk = file::own_desk(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.name, d.exported_at,
                (SELECT count(*) FROM gathered_visits g WHERE g.desk_id = d.id)
         FROM desks d ORDER BY d.name",
    )?;
    let desks = stmt
        .query_map([], |r| {
            Ok(GatheredDesk {
                id: r.get(0)?,
                name: r.get(1)?,
                exported_at: r.get(2)?,
                activities: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (settings, written_at, scanned_at, last_error) = match row {
        Some((folder, write_own, read_others, w, s, e)) => (
            GatheringSettings {
                folder: Some(folder),
                write_own,
                read_others,
                desk_name: name.unwrap_or_default(),
            },
            w,
            s,
            e,
        ),
        None => (
            GatheringSettings {
                desk_name: name.unwrap_or_default(),
                ..GatheringSettings::default()
            },
            None,
            None,
            None,
        ),
    };
    Ok(GatheringStatus {
        settings,
        own_file: own_file_name(&desk),
        written_at,
        scanned_at,
        last_error,
        desks,
    })
}

/// Saves the settings, then writes and gathers at once (a failure then shows in the status).
pub fn set(
    conn: &Connection,
    settings: &GatheringSettings,
    now: DateTime<Utc>,
) -> Result<GatheringStatus> {
    // One line: a name, not a note (line breaks would split it in the coordinator's lists).
    let name = crate::validate::text(
        "deskName",
        "Nom de ce poste",
        &Some(settings.desk_name.replace(['\n', '\r', '\t'], " ")),
        80,
    )?;
    let folder = match settings
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        None => None,
        Some(f) => {
            let path = PathBuf::from(f);
            if !path.is_absolute() || !path.is_dir() {
                return Err(Error::invalid(
                    "folder",
                    format!("Dossier : « {f} » n'existe pas. Choisissez un dossier existant."),
                ));
            }
            Some(path)
        }
    };
    crate::store::db::write(conn, |tx| {
        tx.execute("UPDATE desk SET name = ?1 WHERE id = 1", [name.as_deref()])?;
        tx.execute("DELETE FROM gathering", [])?;
        if let Some(folder) = &folder {
            tx.execute(
                "INSERT INTO gathering (id, folder, write_own, read_others) VALUES (1, ?1, ?2, ?3)",
                params![
                    folder.display().to_string(),
                    settings.write_own,
                    settings.read_others
                ],
            )?;
        }
        Ok(())
    })?;
    if folder.is_some() {
        let _ = refresh(conn, now);
        let _ = gather(conn, now);
    }
    status(conn)
}

/// The period a desk's file covers on `today`.
fn period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today);
    (start, today)
}

/// Rewrites this desk's file in the folder if its activities changed since (or the day, or
/// the file is missing). Returns whether it was written.
pub fn refresh(conn: &Connection, now: DateTime<Utc>) -> Result<bool> {
    let state: Option<(String, bool, i64, i64, Option<String>)> = conn
        .query_row(
            "SELECT g.folder, g.write_own, g.written_version, v.version, g.written_at
             FROM gathering g, activity_version v",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((folder, true, written, current, written_at)) = state else {
        return Ok(false);
    };
    let today = crate::clock::today(now);
    let folder = PathBuf::from(folder);
    let desk = file::own_desk(conn)?;
    let path = folder.join(own_file_name(&desk));
    let same_day = written_at
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .is_some_and(|t| crate::clock::today(t.to_utc()) == today);
    if written == current && same_day && path.exists() {
        return Ok(false);
    }
    let (from, to) = period(today);
    let sel = Selection {
        from,
        to,
        site_id: None,
        mediator_id: None,
    };
    let outcome = file::read(conn, sel, now).and_then(|data| {
        let version: i64 =
            conn.query_row("SELECT version FROM activity_version", [], |r| r.get(0))?;
        let bytes = serde_json::to_vec(&data).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        crate::store::file::write_atomic(&path, &bytes)?;
        Ok(version)
    });
    match outcome {
        Ok(version) => {
            conn.execute(
                "UPDATE gathering SET written_version = ?1, written_at = ?2, last_error = NULL",
                params![version, crate::clock::utc_text(now)],
            )?;
            Ok(true)
        }
        Err(e) => {
            let message = format!(
                "Écriture du fichier des activités dans {} impossible : {e}",
                folder.display()
            );
            conn.execute("UPDATE gathering SET last_error = ?1", [&message])?;
            Err(e)
        }
    }
}

/// Imports the new or changed desk files of the gathering folder, when this desk reads the
/// others' (nothing otherwise).
pub fn gather(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<GatherReport>> {
    let state: Option<(String, bool)> = conn
        .query_row("SELECT folder, read_others FROM gathering", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((folder, true)) = state else {
        return Ok(Vec::new());
    };
    let outcome = gather_from(conn, Path::new(&folder), now, true);
    let error = outcome
        .as_ref()
        .err()
        .map(|e| format!("Lecture des fichiers d'activités de {folder} impossible : {e}"));
    conn.execute(
        "UPDATE gathering SET scanned_at = ?1, last_error = ?2",
        params![crate::clock::utc_text(now), error],
    )?;
    outcome
}

/// Imports the exchange files of `folder` (every one, or only those new or changed since the
/// last time). This desk's own file and files that are not exchange files are passed over.
pub fn gather_from(
    conn: &Connection,
    folder: &Path,
    now: DateTime<Utc>,
    only_changed: bool,
) -> Result<Vec<GatherReport>> {
    let own = file::own_desk(conn)?.uid;
    let mut entries: Vec<(String, PathBuf, u64, String)> = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let meta = entry.metadata()?;
        if !meta.is_file() || !name.ends_with(".json") || name.starts_with('.') {
            continue;
        }
        let modified = meta
            .modified()
            .map(|t| crate::clock::utc_text(DateTime::<Utc>::from(t)))
            .unwrap_or_default();
        entries.push((name, entry.path(), meta.len(), modified));
    }
    entries.sort();
    // A larger page cache while the files are read (64 MB instead of 16): a network's year
    // rewrites indexes of hundreds of thousands of rows. And the log is copied into the
    // database every 16 000 pages (64 MB) instead of 1 000: once every few files rather than
    // after each (each copy ends with a flush to disk). Both back to the usual after.
    conn.pragma_update(None, "cache_size", -64_000)?;
    conn.pragma_update(None, "wal_autocheckpoint", 16_000)?;
    let outcome = read_entries(conn, entries, &own, now, only_changed);
    conn.pragma_update(None, "wal_autocheckpoint", 1_000)?;
    conn.pragma_update(None, "cache_size", -16_000)?;
    outcome
}

fn read_entries(
    conn: &Connection,
    entries: Vec<(String, PathBuf, u64, String)>,
    own: &str,
    now: DateTime<Utc>,
    only_changed: bool,
) -> Result<Vec<GatherReport>> {
    let mut todo = Vec::new();
    for (name, path, size, modified) in entries {
        let size = i64::try_from(size).unwrap_or(i64::MAX);
        if only_changed {
            let seen: Option<(i64, String)> = conn
                .query_row(
                    "SELECT size, modified FROM gathered_files WHERE name = ?1",
                    [&name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if seen == Some((size, modified.clone())) {
                continue;
            }
        }
        todo.push((name, path, size, modified));
    }
    // The next file is read and parsed on a second thread while this one is written: the
    // two take about as long, and old PCs have two cores. One file waits at most.
    let paths: Vec<PathBuf> = todo.iter().map(|t| t.1.clone()).collect();
    std::thread::scope(|scope| {
        let (send, parsed) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for path in paths {
                let data = std::fs::read(&path).map(|bytes| {
                    gather::parse(&bytes).ok().map(|file| {
                        let rows = rows::rows(&file);
                        (file, rows)
                    })
                });
                if send.send(data).is_err() {
                    break;
                }
            }
        });
        let mut reports = Vec::new();
        for ((name, _, size, modified), data) in todo.into_iter().zip(parsed) {
            // Other JSON files (open data, a calendar list…) may share the folder.
            let Some((data, rows)) = data? else {
                continue;
            };
            if data.desk.uid != own {
                let mut report = gather::import_rows(conn, &data, &rows, now)?;
                report.summary = format!("{name} — {}", report.summary);
                reports.push(report);
            }
            conn.execute(
                "INSERT INTO gathered_files (name, size, modified, imported_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (name) DO UPDATE SET size = excluded.size,
                     modified = excluded.modified, imported_at = excluded.imported_at",
                params![name, size, modified, crate::clock::utc_text(now)],
            )?;
        }
        Ok(reports)
    })
}
