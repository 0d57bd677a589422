//! Encryption at rest, opt-in: a passphrase turns the database into a SQLCipher file that is
//! unreadable without it.
//!
//! The build links SQLCipher (rusqlite `bundled-sqlcipher`); a database opened without a key
//! is plain SQLite, byte for byte, so existing files keep opening. The passphrase lives only in
//! memory (the caller's): it is never written to disk, logged or put in a message.
//!
//! Setting, changing and removing the passphrase all rewrite the whole file the same safe
//! way ([`rekey`]): the WAL is checkpointed, an encrypted (or plain) copy is exported beside
//! the database, checked, synced, then renamed over it. A crash before the rename leaves the
//! old file untouched; after it, the new one complete.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::store::db;
use crate::store::file::{self, remove_if_exists, sibling};
pub use crate::store::key::is_encrypted;
use crate::store::key::{apply_key, locked_error};

/// The shortest passphrase accepted, in characters. SQLCipher stretches it (PBKDF2, 256 000
/// rounds), but a short one still falls to guessing on a stolen PC.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// Checks a new passphrase: long enough, and typed twice the same.
pub fn check_new_passphrase(passphrase: &str, confirmation: &str) -> Result<()> {
    if passphrase.trim().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(
            "passphrase",
            format!(
                "La phrase secrète doit compter au moins {MIN_PASSPHRASE_CHARS} caractères. \
                 Une courte phrase facile à retenir convient, par exemple « le chat dort au soleil »."
            ),
        ));
    }
    if passphrase != confirmation {
        return Err(Error::invalid(
            "confirmation",
            "Les deux phrases secrètes ne sont pas identiques. Tapez-la de nouveau.",
        ));
    }
    Ok(())
}

/// Encrypts a plain database with `new` (checked by [`check_new_passphrase`]).
pub fn set_passphrase(path: &Path, new: &str, confirmation: &str) -> Result<()> {
    check_new_passphrase(new, confirmation)?;
    if is_encrypted(path)? {
        return Err(Error::invalid(
            "passphrase",
            "Cette base est déjà protégée par une phrase secrète : changez-la plutôt.",
        ));
    }
    rekey(path, None, Some(new))
}

/// Replaces the passphrase of an encrypted database (the current one is checked first).
pub fn change_passphrase(path: &Path, current: &str, new: &str, confirmation: &str) -> Result<()> {
    check_current(path, current)?;
    check_new_passphrase(new, confirmation)?;
    rekey(path, Some(current), Some(new))
}

/// Changing or removing the passphrase needs one to be set, and typed.
fn check_current(path: &Path, current: &str) -> Result<()> {
    let refuse = |message: &str| {
        Err(Error::Validation {
            field: "current",
            message: message.to_owned(),
        })
    };
    if !is_encrypted(path)? {
        return refuse("Les données ne sont pas protégées par une phrase secrète.");
    }
    if current.is_empty() {
        return refuse("Saisissez la phrase secrète actuelle.");
    }
    Ok(())
}

/// Turns an encrypted database back into a plain one (the current passphrase is checked).
pub fn remove_passphrase(path: &Path, current: &str) -> Result<()> {
    check_current(path, current)?;
    rekey(path, Some(current), None)
}

/// Rewrites the database at `path` from key `old` to key `new` (`None`: plain). No other
/// connection to the file may stay open in this process; another process's is detected by the
/// checkpoint and refused.
pub fn rekey(path: &Path, old: Option<&str>, new: Option<&str>) -> Result<()> {
    let staging = sibling(path, "chiffrement-en-cours");
    remove_if_exists(&staging)?;
    // A wrong current passphrase is reported on the "current" field of the form.
    let conn = db::open_keyed(path, old).map_err(|e| match e {
        Error::Validation {
            field: "passphrase",
            message,
        } if old.is_some() => Error::Validation {
            field: "current",
            message,
        },
        e => e,
    })?;
    checkpoint(&conn)?;
    let result = export(&conn, &staging, new);
    let source_counts = table_counts(&conn);
    drop(conn);
    let checked = result.and_then(|()| {
        let copy = open_raw(&staging, new, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        verify(&copy)?;
        if table_counts(&copy)? != source_counts? {
            return Err(Error::Database(
                "La copie chiffrée ne contient pas les mêmes données : rien n'a été changé."
                    .to_owned(),
            ));
        }
        Ok(())
    });
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&staging);
        return Err(e);
    }
    replace(&staging, path)
}

/// Copies everything `conn` holds into a new file `dest` with key `key` (plain if `None`),
/// with SQLCipher's own exporter (the only way to change a file's encryption in one pass).
fn export(conn: &Connection, dest: &Path, key: Option<&str>) -> Result<()> {
    conn.execute(
        "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
        rusqlite::params![dest.to_string_lossy(), key.unwrap_or("")],
    )?;
    let exported = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        // The exporter copies tables and rows; the two header fields are copied by hand.
        let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        conn.pragma_update(Some("rekeyed"), "user_version", version)?;
        conn.pragma_update(Some("rekeyed"), "application_id", db::APPLICATION_ID)?;
        Ok(())
    })();
    conn.execute_batch("DETACH DATABASE rekeyed")?;
    exported
}

/// Moves everything in the WAL into the main file, so the file alone is the whole database.
pub(crate) fn checkpoint(conn: &Connection) -> Result<()> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(Error::Database(
            "La base est utilisée par un autre programme (une autre fenêtre de Permanences ou \
             une commande en cours). Fermez-le et réessayez."
                .to_owned(),
        ));
    }
    Ok(())
}

/// Opens `path` with `key` without migrating or configuring anything: for checking copies.
pub(crate) fn open_raw(path: &Path, key: Option<&str>, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    match key {
        Some(key) => apply_key(&conn, key)?,
        None if is_encrypted(path)? => return Err(locked_error()),
        None => {
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|_| {
                Error::Database(
                    "Ce fichier n'est pas une base de données SQLite lisible (abîmé, tronqué ou \
                     d'un autre type)."
                        .to_owned(),
                )
            })?;
        }
    }
    Ok(conn)
}

/// Refuses a file that is not a sound Permanences database of this version or an older one.
pub(crate) fn verify(conn: &Connection) -> Result<()> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != db::APPLICATION_ID {
        return Err(Error::Database(
            "Ce fichier n'est pas une base de données de Permanences.".to_owned(),
        ));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if usize::try_from(version).map_or(true, |v| v > db::schema_version()) {
        return Err(Error::Database(
            "Ce fichier a été enregistré par une version plus récente de Permanences. \
             Installez la dernière version de l'application pour l'utiliser."
                .to_owned(),
        ));
    }
    let damaged = || {
        Error::Database(
            "Ce fichier est abîmé (la vérification d'intégrité a échoué) : il ne peut pas être \
             utilisé."
                .to_owned(),
        )
    };
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|_| damaged())?;
    if verdict != "ok" {
        return Err(damaged());
    }
    Ok(())
}

/// The number of rows of every table, by name: two files with the same counts hold the same
/// data as far as a copy can go wrong.
fn table_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    names
        .into_iter()
        .map(|name| {
            let n: i64 = conn.query_row(
                &format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")),
                [],
                |r| r.get(0),
            )?;
            Ok((name, n))
        })
        .collect()
}

/// Puts the complete, checked file `staging` in the place of the database `path`: the old
/// WAL and shared-memory files (empty after the checkpoint) removed, then the atomic
/// replacement of [`file::replace`].
pub(crate) fn replace(staging: &Path, path: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        file::remove_if_exists(Path::new(&name))?;
    }
    file::replace(staging, path)
}
