//! Backups: copies of the database taken with SQLite's online backup API (consistent while
//! the app keeps writing), kept in a `sauvegardes/` folder beside the database, the newest
//! N only. An encrypted database's backups are encrypted with the same key.
//!
//! The app takes one at start and then once a day; [`restore`] puts one back.

mod restore;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use crate::error::{Error, Result};
use crate::store::{file, snapshot};

pub use restore::{inspect, restore, BackupSummary};

/// The folder of the backups, beside the database file.
pub use crate::store::snapshot::FOLDER;

/// Automatic backups are this far apart.
pub const INTERVAL: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// The backup at start is skipped when one is younger than this.
pub const START_GAP: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// Backup file names: `permanences-2026-11-28-174512.sqlite3` (UTC), so that sorting the
/// names sorts the backups by age.
const PREFIX: &str = "permanences-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y-%m-%d-%H%M%S";

/// One backup file, as the Paramètres list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    /// The file name inside the backups folder (what the UI hands back to restore it).
    pub name: String,
    /// When it was taken (UTC, RFC 3339).
    pub taken_at: String,
    /// The same, as people read it: "28/11/2026 à 18 h 45" (Paris time).
    pub taken_on: String,
    /// Its size in bytes.
    #[specta(type = specta_typescript::Number)]
    pub size_bytes: u64,
}

/// The backups folder of the database at `db_path`.
pub use crate::store::snapshot::folder;

/// Copies the open database `conn` into a new file `dest` (replaced if it exists), encrypted
/// alike when `key` is its passphrase: see [`snapshot::copy`].
pub fn create(conn: &Connection, key: Option<&str>, dest: &Path) -> Result<()> {
    snapshot::copy(conn, key, dest)
}

/// Takes a backup into the backups folder of `db_path`, named after `now`, then keeps only
/// the newest ones (as many as the setting says).
pub fn create_in_folder(
    conn: &Connection,
    key: Option<&str>,
    db_path: &Path,
    now: DateTime<Utc>,
) -> Result<BackupFile> {
    let (name, now) = free_name(db_path, now);
    let dest = folder(db_path).join(&name);
    create(conn, key, &dest)?;
    prune(db_path, keep_count(conn)?)?;
    let size_bytes = std::fs::metadata(&dest)?.len();
    Ok(BackupFile {
        name,
        taken_at: crate::clock::utc_text(now),
        taken_on: paris(now),
        size_bytes,
    })
}

/// A backup name not yet taken, and the time it stands for. Names are stamped to the second:
/// a second backup in the same second (« Sauvegarder maintenant » then a restore, which first
/// keeps the current file) takes the next free second instead of replacing the first.
pub(crate) fn free_name(db_path: &Path, mut at: DateTime<Utc>) -> (String, DateTime<Utc>) {
    let dir = folder(db_path);
    loop {
        let name = format!("{PREFIX}{}{SUFFIX}", at.format(STAMP));
        if !dir.join(&name).exists() {
            return (name, at);
        }
        at += chrono::TimeDelta::seconds(1);
    }
}

/// "28/11/2026 à 18 h 45", in Paris time.
fn paris(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Paris);
    format!(
        "{} à {}",
        crate::fr::date_short(local.date_naive()),
        crate::fr::time(local.time())
    )
}

/// The backups in the folder of `db_path`, newest first (none if the folder does not exist).
pub fn list(db_path: &Path) -> Result<Vec<BackupFile>> {
    let dir = folder(db_path);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(taken) = taken_at(&name) else {
            continue;
        };
        found.push(BackupFile {
            taken_at: crate::clock::utc_text(taken),
            taken_on: paris(taken),
            size_bytes: entry.metadata()?.len(),
            name,
        });
    }
    found.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(found)
}

/// The instant a backup file name stands for, or `None` if it is not one of ours.
fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    chrono::NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

/// The path of the backup called `name` in the folder of `db_path`; refuses anything that is
/// not a backup file name (no path, no other file of the folder).
pub fn path_of(db_path: &Path, name: &str) -> Result<PathBuf> {
    if taken_at(name).is_none() || name.contains(['/', '\\']) {
        return Err(Error::NotFound(format!(
            "La sauvegarde « {name} » n'existe pas."
        )));
    }
    Ok(folder(db_path).join(name))
}

/// Deletes the oldest backups beyond the newest `keep`.
pub fn prune(db_path: &Path, keep: u32) -> Result<()> {
    let keep = usize::try_from(keep.max(1)).unwrap_or(usize::MAX);
    for old in list(db_path)?.iter().skip(keep) {
        file::remove_if_exists(&folder(db_path).join(&old.name))?;
    }
    Ok(())
}

/// Whether the backup at start is due: none yet, or the newest is older than
/// [`START_GAP`] (so that restarting the app often does not push the daily ones out).
pub fn due_at_start(db_path: &Path, now: DateTime<Utc>) -> Result<bool> {
    let newest = list(db_path)?.first().and_then(|b| taken_at(&b.name));
    Ok(newest.is_none_or(|t| t + START_GAP <= now))
}

/// When the next automatic backup is due: at once if there is none yet, else a day after the
/// newest one.
pub fn next_due(db_path: &Path) -> Result<DateTime<Utc>> {
    let newest = list(db_path)?.first().and_then(|b| taken_at(&b.name));
    Ok(newest.map_or(DateTime::<Utc>::MIN_UTC, |t| t + INTERVAL))
}

/// How many backups are kept (Paramètres; 10 unless changed).
pub fn keep_count(conn: &Connection) -> Result<u32> {
    Ok(
        conn.query_row("SELECT keep FROM backup_settings WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

/// Changes how many backups are kept (1 to 100).
pub fn set_keep_count(conn: &Connection, keep: u32) -> Result<()> {
    if !(1..=100).contains(&keep) {
        return Err(Error::invalid("keep", "Gardez entre 1 et 100 sauvegardes."));
    }
    crate::store::db::write(conn, |tx| {
        tx.execute("UPDATE backup_settings SET keep = ?1 WHERE id = 1", [keep])?;
        Ok(())
    })
}
