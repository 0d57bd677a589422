//! A consistent copy of an open database in one file, by SQLite's online backup API: what a
//! backup is made of, and what is kept of a file before its schema is brought up to date.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::Result;
use crate::store::file;

/// The folder of the copies, beside the database file: the backups, and the copies kept
/// before an upgrade.
pub const FOLDER: &str = "sauvegardes";

/// The copy of a file kept before its schema is brought from `version` to the current one:
/// `sauvegardes/permanences-avant-mise-a-jour-v6.sqlite3` beside the database, encrypted
/// alike. Never pruned with the daily backups; `permanences restore FILE` puts it back.
pub fn before_upgrade_path(db_path: &Path, version: i64) -> PathBuf {
    folder(db_path).join(format!("permanences-avant-mise-a-jour-v{version}.sqlite3"))
}

/// The copies' folder ([`FOLDER`]) of the database at `db_path`.
pub fn folder(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map_or_else(|| PathBuf::from(FOLDER), |d| d.join(FOLDER))
}

/// Copies the open database `conn` into a new file `dest` (replaced if it exists), with the
/// online backup API; `key` must be the database's passphrase if it has one, so that the copy
/// is encrypted alike. The copy is written beside `dest` and renamed when complete.
pub fn copy(conn: &Connection, key: Option<&str>, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let staging = file::sibling(dest, "en-cours");
    file::remove_if_exists(&staging)?;
    let copied = (|| -> Result<()> {
        let mut copy = Connection::open_with_flags(
            &staging,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if let Some(key) = key {
            copy.pragma_update(None, "key", key)?;
        }
        // 1024 pages a step, no pause: the app's own writes wait at most one step.
        rusqlite::backup::Backup::new(conn, &mut copy)?.run_to_completion(
            1024,
            std::time::Duration::ZERO,
            None,
        )?;
        // The copy inherits WAL mode; a backup is one self-contained file.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    })();
    match copied {
        Ok(()) => file::replace(&staging, dest),
        Err(e) => {
            let _ = std::fs::remove_file(&staging);
            Err(e)
        }
    }
}
