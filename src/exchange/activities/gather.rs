//! Gathering: a coordinator reads the desks' exchange files ([`super::file`]); the
//! activities are written into the `gathered_*` tables by `records::gathered`, apart from its
//! own records.
//!
//! Each file replaces what its desk said before for the period it covers: an activity read
//! again unchanged is left as it is, a changed one is rewritten, one of the period that the
//! file no longer has (deleted at the desk) is removed. A file older than the newest one read
//! from its desk (a stale copy) changes nothing, and an activity never counts twice (one
//! already known from another desk, or this desk's own, is refused). A file is read whole in
//! one transaction: refused activities are listed with their position and a French reason,
//! the others are imported, and an unexpected failure leaves everything as it was.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::file::{ActivityFile, FORMAT, VERSION};
use super::rows::{self, Row};
use crate::error::{Error, Result};
use crate::records::gathered;
pub use crate::records::gathered::GatherReport;

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

/// [`import`], with the file's [`rows::rows`] already worked out: written into the gathered
/// tables by their owner, `records::gathered`.
pub fn import_rows(
    conn: &Connection,
    file: &ActivityFile,
    rows: &[Row],
    now: DateTime<Utc>,
) -> Result<GatherReport> {
    let own = super::file::own_desk(conn)?.uid;
    gathered::import_rows(conn, file, rows, &own, now)
}
