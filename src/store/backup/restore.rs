//! Putting a backup back: the file is checked on a copy, summed up for the user to confirm,
//! and only then takes the place of the database, the current file being backed up first.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use specta::Type;

use crate::error::{Error, Result};
use crate::store::{db, file, vault};

/// What a backup file holds, shown before restoring it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    /// When the file was last written (UTC, RFC 3339).
    pub saved_at: String,
    /// The same, as people read it: "28/11/2026 à 18 h 45" (Paris time).
    pub saved_on: String,
    /// Whether it is encrypted (it then opens with the same passphrase).
    pub encrypted: bool,
    #[specta(type = specta_typescript::Number)]
    pub sites: i64,
    #[specta(type = specta_typescript::Number)]
    pub permanences: i64,
    #[specta(type = specta_typescript::Number)]
    pub appointments: i64,
    #[specta(type = specta_typescript::Number)]
    pub visits: i64,
    /// Followed people (beneficiaries).
    #[specta(type = specta_typescript::Number)]
    pub followed: i64,
}

impl BackupSummary {
    /// One French line: "du 28/11/2026 à 18 h 45 : 6 lieux, 12 permanences, …".
    pub fn describe(&self) -> String {
        format!(
            "du {} : {} lieu(x), {} permanence(s), {} rendez-vous, {} accompagnement(s), \
             {} personne(s) suivie(s){}",
            self.saved_on,
            self.sites,
            self.permanences,
            self.appointments,
            self.visits,
            self.followed,
            if self.encrypted { " (chiffrée)" } else { "" }
        )
    }
}

/// Checks the file `from` as a candidate to replace the database at `db_path` and sums it
/// up; nothing is changed. `key` is the passphrase to try if the file is encrypted.
/// Refused in French: an unreadable, truncated, damaged or foreign file, one from a newer
/// version, an encrypted one without the right passphrase.
pub fn inspect(db_path: &Path, from: &Path, key: Option<&str>) -> Result<BackupSummary> {
    let staging = stage(db_path, from)?;
    let summary = check(&staging, from, key);
    let _ = std::fs::remove_file(&staging);
    summary
}

/// Replaces the database at `db_path` by the file `from`, after checking it like [`inspect`].
/// The current database is first backed up into the backups folder. No connection to
/// `db_path` may stay open in this process; reopen it afterwards (with `key` if the summary
/// says it is encrypted). On any refusal the current file is left as it was.
pub fn restore(
    db_path: &Path,
    from: &Path,
    key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<BackupSummary> {
    let staging = stage(db_path, from)?;
    let prepared = check(&staging, from, key).and_then(|summary| {
        keep_current(db_path, key, now)?;
        Ok(summary)
    });
    let summary = match prepared {
        Ok(summary) => summary,
        Err(e) => {
            let _ = std::fs::remove_file(&staging);
            return Err(e);
        }
    };
    vault::replace(&staging, db_path)?;
    // Brings an older backup's schema up to date now, so a failure shows here.
    let key = if summary.encrypted { key } else { None };
    db::open_keyed(db_path, key)?;
    Ok(summary)
}

/// Copies `from` beside the database, where it is checked and from where it is renamed.
fn stage(db_path: &Path, from: &Path) -> Result<std::path::PathBuf> {
    let staging = file::sibling(db_path, "restauration-en-cours");
    file::remove_if_exists(&staging)?;
    std::fs::copy(from, &staging).map_err(|e| {
        Error::Database(format!(
            "Le fichier {} ne peut pas être lu : {e}.",
            from.display()
        ))
    })?;
    Ok(staging)
}

fn check(staging: &Path, from: &Path, key: Option<&str>) -> Result<BackupSummary> {
    let encrypted = vault::is_encrypted(staging)?;
    let key = if encrypted { key } else { None };
    let conn = vault::open_raw(staging, key, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    vault::verify(&conn)?;
    let modified: DateTime<Utc> = std::fs::metadata(from)?.modified()?.into();
    Ok(BackupSummary {
        saved_at: crate::clock::utc_text(modified),
        saved_on: super::paris(modified),
        encrypted,
        sites: count(&conn, "sites")?,
        permanences: count(&conn, "permanences")?,
        appointments: count(&conn, "appointments")?,
        visits: count(&conn, "visits")?,
        followed: count(&conn, "beneficiaries")?,
    })
}

/// Rows of `table`, 0 if an older schema does not have it yet.
fn count(conn: &Connection, table: &str) -> Result<i64> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [table],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(0);
    }
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}

/// Backs the current database up before it is replaced: through SQLite when it opens, else
/// (a damaged file, the reason for restoring) as a raw copy of the file.
fn keep_current(db_path: &Path, key: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    if !db_path.exists() {
        return Ok(());
    }
    let key = if vault::is_encrypted(db_path)? {
        key
    } else {
        None
    };
    let backed_up = db::open_keyed(db_path, key).and_then(|conn| {
        vault::checkpoint(&conn)?;
        super::create_in_folder(&conn, key, db_path, now)
    });
    if backed_up.is_err() {
        let (name, _) = super::free_name(db_path, now);
        std::fs::create_dir_all(super::folder(db_path))?;
        std::fs::copy(db_path, super::folder(db_path).join(name))?;
    }
    Ok(())
}
