//! `backup` and `restore`, and the passphrase of an encrypted database for every command.

use std::io::{IsTerminal, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use permanences::store::{backup, vault};
use permanences::Error;
use rusqlite::Connection;

/// The passphrase to open the database at `path` with: none for a plain file; else the
/// PERMANENCES_PASSPHRASE variable, or, on a terminal, asked without echo. Without any, the
/// open is refused with a French message saying how to give it.
pub fn passphrase(path: &Path) -> Result<Option<String>, Error> {
    if !vault::is_encrypted(path)? {
        return Ok(None);
    }
    if let Some(key) = std::env::var("PERMANENCES_PASSPHRASE")
        .ok()
        .filter(|k| !k.is_empty())
    {
        return Ok(Some(key));
    }
    if std::io::stdin().is_terminal() {
        return Ok(Some(rpassword::prompt_password(
            "Phrase secrète de la base de données : ",
        )?));
    }
    Ok(None)
}

/// `permanences backup -o FILE`: a copy of the database, encrypted alike if it is.
pub fn backup(
    conn: &Connection,
    key: Option<&str>,
    output: &Path,
    out: &mut impl Write,
) -> Result<(), Error> {
    backup::create(conn, key, output)?;
    let size = std::fs::metadata(output)?.len();
    writeln!(
        out,
        "Sauvegarde écrite : {} ({} Ko){}.",
        output.display(),
        size.div_ceil(1024),
        if key.is_some() {
            ", chiffrée avec la même phrase secrète"
        } else {
            ""
        }
    )?;
    Ok(())
}

/// `permanences restore FILE`: checks the file, backs the current database up, replaces it.
pub fn restore(
    path: &Path,
    file: &Path,
    key: Option<&str>,
    now: DateTime<Utc>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let summary = backup::restore(path, file, key, now)?;
    writeln!(out, "Base restaurée : sauvegarde {}.", summary.describe())?;
    writeln!(
        out,
        "La base remplacée a été gardée dans {}.",
        backup::folder(path).display()
    )?;
    Ok(())
}
