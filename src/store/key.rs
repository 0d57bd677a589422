//! Telling an encrypted database from a plain one, and giving a connection its key: what
//! [`super::db`] needs to open any file. Setting, changing and removing the passphrase is
//! [`super::vault`]'s.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The first 16 bytes of every plain SQLite file.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The fewest distinct byte values in the first 512 bytes of an encrypted file. SQLCipher's
/// first page is a random salt then ciphertext: 512 random bytes hold about 221 distinct
/// values, and fewer than 128 has a vanishing chance. A file of text, zeros or a repeated
/// byte holds far fewer.
const MIN_DISTINCT_BYTES: usize = 128;

/// Whether the file at `path` is encrypted: it exists, does not start with the plain SQLite
/// header, is made of whole pages (512 to 64 KiB, as every SQLCipher file is) and its first
/// page looks random, which tells it apart from other files (a text file, a page of zeros).
/// (A database damaged into random bytes looks the same: opening it with a passphrase then
/// fails with the "wrong passphrase" message.)
pub fn is_encrypted(path: &Path) -> Result<bool> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    let len = file.metadata()?.len();
    if len < 512 || len % 512 != 0 {
        return Ok(false);
    }
    let mut first = Vec::with_capacity(512);
    file.by_ref().take(512).read_to_end(&mut first)?;
    if first.starts_with(PLAIN_HEADER) {
        return Ok(false);
    }
    let mut seen = [false; 256];
    for &b in &first {
        seen[usize::from(b)] = true;
    }
    Ok(seen.iter().filter(|&&s| s).count() >= MIN_DISTINCT_BYTES)
}

/// The error of an encrypted database opened without its passphrase.
pub(crate) fn locked_error() -> Error {
    Error::invalid(
        "passphrase",
        "Cette base de données est protégée par une phrase secrète. Indiquez-la pour l'ouvrir \
         (en ligne de commande : variable PERMANENCES_PASSPHRASE).",
    )
}

pub(crate) fn wrong_passphrase() -> Error {
    Error::invalid(
        "passphrase",
        "La phrase secrète est incorrecte (ou le fichier n'est pas une base de Permanences). \
         Vérifiez les majuscules et les accents, puis réessayez.",
    )
}

/// Gives `conn` its key: must run before anything else touches the file. A wrong key is
/// caught here, by reading the schema, so that nothing is written with it.
pub(crate) fn apply_key(conn: &Connection, key: &str) -> Result<()> {
    // SQLCipher prints every failed decryption to stderr; a wrong passphrase is reported
    // in French below, so its log is silenced.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    conn.pragma_update(None, "key", key)?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|_| ())
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => wrong_passphrase(),
        _ => e.into(),
    })
}
