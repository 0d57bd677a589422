//! Opening the database: the one place SQLite is configured and migrated.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Marks a file as ours (`PRAGMA application_id`), so that another program's SQLite file is
/// refused instead of being migrated. The bytes spell "PERM".
pub(crate) const APPLICATION_ID: i32 = 0x5045_524D;

/// One migration's SQL, embedded at build time.
macro_rules! sql {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/", $file))
    };
}

/// The schema history, oldest first, up to the first migration that also runs code (see
/// [`migrations`]). Append only: a released migration is never edited.
const MIGRATIONS: &[M<'static>] = &[
    M::up(sql!("0001_init.sql")),
    M::up(sql!("0002_scheduling.sql")),
    M::up(sql!("0003_visits.sql")),
    M::up(sql!("0004_opendata_publishing.sql")),
    M::up(sql!("0005_retention.sql")),
    M::up(sql!("0006_backups.sql")),
    M::up(sql!("0007_activities.sql")),
    M::up(sql!("0008_opendata_source.sql")),
];

/// The whole schema history: [`MIGRATIONS`], then those with a step in code.
pub(crate) fn migrations() -> Vec<M<'static>> {
    let mut all = MIGRATIONS.to_vec();
    all.push(M::up_with_hook(
        sql!("0009_find_and_remind.sql"),
        crate::store::backfill::search_keys,
    ));
    all.push(M::up(sql!("0010_network_sharing.sql")));
    all.push(M::up(sql!("0011_purge_index.sql")));
    all.push(M::up(sql!("0012_change_marks.sql")));
    all.push(M::up(sql!("0013_sharing_area.sql")));
    all.push(M::up(sql!("0014_resident_email.sql")));
    all.push(M::up(sql!("0015_deletions_travel.sql")));
    all.push(M::up(sql!("0016_unavailabilities.sql")));
    all.push(M::up(sql!("0017_repeating_unavailabilities.sql")));
    all.push(M::up(sql!("0018_mediator_absences.sql")));
    all
}

/// The schema version this build writes (`PRAGMA user_version` after migrating).
pub fn schema_version() -> usize {
    migrations().len()
}

/// How long a writer waits for another one (the CLI beside the open app) before giving up.
const BUSY_TIMEOUT_MS: u32 = 10_000;

/// The database file used when none is named: `permanences.sqlite3` in the user's data folder
/// (`~/.local/share/fr.permanences.app/` on Linux), shared by the app and the command line.
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("fr.permanences.app")
        .join("permanences.sqlite3")
}

/// Opens (creating it if needed) the database at `path`, configures it and brings its schema
/// up to date. Fails with a French [`Error::Database`] when the file is not a Permanences
/// database or was written by a newer version of the app.
pub fn open(path: &Path) -> Result<Connection> {
    open_keyed(path, None)
}

/// Like [`open`], for a database that may be encrypted: `key` is its passphrase (see
/// [`crate::store::vault`]). A new file opened with a key is created encrypted. An encrypted file
/// opened without a key, or with a wrong one, is refused in French and left unchanged.
pub fn open_keyed(path: &Path, key: Option<&str>) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::Database(format!(
                    "Impossible de créer le dossier {} : {e}.",
                    dir.display()
                ))
            })?;
        }
    }
    let open = || {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| unreadable(path, &e))
    };
    let mut conn = open()?;
    match key {
        Some(key) => crate::store::key::apply_key(&conn, key)?,
        // The header is read through SQLite first, and the file opened apart only when SQLite
        // cannot read it: closing any other handle on the file drops the POSIX locks that this
        // process's open connections hold on it (the app's, while its backup or daily thread
        // opens a second one). Another program closing the database then takes itself for
        // the last one and deletes the WAL those connections go on writing to.
        None => {
            let readable = conn
                .query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))
                .is_ok();
            if !readable {
                drop(conn);
                if crate::store::key::is_encrypted(path)? {
                    return Err(crate::store::key::locked_error());
                }
                conn = open()?;
            }
        }
    }
    prepare(conn, Some((path, key)))
}

/// An empty database in memory, fully migrated: for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    prepare(Connection::open_in_memory()?, None)
}

/// `file`: the database's path and passphrase (`None` in memory).
fn prepare(mut conn: Connection, file: Option<(&Path, Option<&str>)>) -> Result<Connection> {
    let path = file.map(|(p, _)| p);
    let shown = path.map_or_else(|| "en mémoire".to_owned(), |p| p.display().to_string());
    // The first read of the header tells a non-database file apart.
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| unreadable_named(&shown, &e))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has_tables: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table')",
        [],
        |r| r.get(0),
    )?;
    if app_id != APPLICATION_ID && (app_id != 0 || has_tables) {
        return Err(Error::Database(format!(
            "Le fichier {shown} n'est pas une base de données de Permanences. \
             Choisissez un autre fichier ou déplacez celui-ci."
        )));
    }
    let latest = schema_version();
    if usize::try_from(version).map_or(true, |v| v > latest) {
        return Err(Error::Database(format!(
            "Le fichier {shown} a été enregistré par une version plus récente de Permanences. \
             Installez la dernière version de l'application pour l'ouvrir."
        )));
    }
    configure(&conn)?;
    if let Some((path, key)) = file {
        if has_tables && usize::try_from(version).is_ok_and(|v| v < latest) {
            keep_before_upgrade(&conn, path, key, version)?;
        }
    }
    Migrations::new(migrations())
        .to_latest(&mut conn)
        .map_err(|e| {
            Error::Database(format!("Mise à jour de la base {shown} impossible : {e}."))
        })?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(conn)
}

/// Takes that copy, unless one is already there: after a failed upgrade, the copy of the file
/// as the previous version left it is the one worth keeping.
fn keep_before_upgrade(
    conn: &Connection,
    path: &Path,
    key: Option<&str>,
    version: i64,
) -> Result<()> {
    let dest = crate::store::snapshot::before_upgrade_path(path, version);
    if dest.exists() {
        return Ok(());
    }
    crate::store::snapshot::copy(conn, key, &dest).map_err(|e| {
        Error::Database(format!(
            "La base {} n'a pas été mise à jour : la copie de sécurité à prendre d'abord \
             ({}) a échoué : {e}",
            path.display(),
            dest.display()
        ))
    })
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL lets the command line read and write while the app has the file open;
    // NORMAL is durable across application crashes in WAL mode (only an OS crash may lose
    // the very last commits), which is the trade-off SQLite recommends for WAL.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted or overwritten records are zeroed in the file, not left in free space: an
    // erased person's name must not be readable from a lost laptop's disk (see privacy).
    conn.pragma_update(None, "secure_delete", "ON")?;
    // 16 MB of page cache (the default is 2 MB): the agenda and the capacity check of a large
    // network keep their index pages in memory; still small on an old PC.
    conn.pragma_update(None, "cache_size", -16_000)?;
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    Ok(())
}

fn unreadable(path: &Path, e: &rusqlite::Error) -> Error {
    unreadable_named(&path.display().to_string(), e)
}

fn unreadable_named(shown: &str, e: &rusqlite::Error) -> Error {
    let detail = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "ce n'est pas une base de données lisible (fichier abîmé ou chiffré)".to_owned()
        }
        Some(rusqlite::ErrorCode::CannotOpen) => "il ne peut pas être ouvert".to_owned(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied) => {
            "l'application n'a pas le droit d'y écrire".to_owned()
        }
        Some(rusqlite::ErrorCode::DiskFull) => "le disque est plein".to_owned(),
        Some(rusqlite::ErrorCode::SystemIoFailure) => {
            "le disque n'a pas pu être lu ou écrit".to_owned()
        }
        _ => e.to_string(),
    };
    Error::Database(format!(
        "Impossible d'ouvrir le fichier {shown} : {detail}. \
         Vérifiez le fichier ou restaurez une sauvegarde."
    ))
}

/// Runs `f` atomically: in an immediate transaction (the write lock is taken first, so two
/// writers queue on `busy_timeout` instead of failing midway), or in a savepoint when a
/// transaction is already open. Any error rolls everything back.
pub fn write<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    atomic(conn, "BEGIN IMMEDIATE", f)
}

/// Runs `f` in one read transaction, so that what it reads is one consistent snapshot.
pub fn read<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    atomic(conn, "BEGIN DEFERRED", f)
}

fn atomic<T>(
    conn: &Connection,
    begin: &str,
    f: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    let outer = conn.is_autocommit();
    let (begin, commit, rollback) = if outer {
        (begin, "COMMIT", "ROLLBACK")
    } else {
        (
            "SAVEPOINT atomic",
            "RELEASE atomic",
            "ROLLBACK TO atomic; RELEASE atomic",
        )
    };
    conn.execute_batch(begin)?;
    match f(conn) {
        Ok(v) => match conn.execute_batch(commit) {
            Ok(()) => Ok(v),
            Err(e) => {
                // A failed COMMIT may leave the transaction open: close it before reporting.
                let _ = conn.execute_batch(rollback);
                Err(e.into())
            }
        },
        Err(e) => {
            if !conn.is_autocommit() {
                conn.execute_batch(rollback)?;
            }
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_is_migrated_and_configured() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let conn = open(&dir.path().join("a.sqlite3"))?;
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        assert_eq!(mode, "wal", "WAL lets the CLI and the app share the file");
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        assert_eq!(fk, 1, "foreign keys must be enforced");
        let secure: i64 = conn.query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
        assert_eq!(secure, 1, "erased personal data must be zeroed in the file");
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(usize::try_from(version).ok(), Some(schema_version()));
        Ok(())
    }

    #[test]
    fn reopening_keeps_data() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sub").join("b.sqlite3");
        open(&path)?.execute(
            "INSERT INTO mediators (name, created_at) VALUES ('Awa', '2026-01-01T00:00:00Z')",
            [],
        )?;
        let n: i64 = open(&path)?.query_row("SELECT count(*) FROM mediators", [], |r| r.get(0))?;
        assert_eq!(n, 1, "a second open must see what the first wrote");
        Ok(())
    }

    #[test]
    fn garbage_file_is_refused_in_french() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("notes.sqlite3");
        std::fs::write(
            &path,
            "ceci n'est pas une base de données, juste du texte ".repeat(100),
        )?;
        let err = open(&path).err().map(|e| (e.kind(), e.to_string()));
        let (kind, msg) = err.unwrap_or_else(|| panic!("a text file must not open as a database"));
        assert_eq!(kind, crate::ErrorKind::Database);
        assert!(msg.contains("Impossible d'ouvrir"), "message was: {msg}");
        let text = std::fs::read_to_string(&path)?;
        assert!(
            text.starts_with("ceci n'est pas"),
            "the file must be left untouched"
        );
        Ok(())
    }

    #[test]
    fn newer_schema_is_refused() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("future.sqlite3");
        open(&path)?.pragma_update(None, "user_version", 999)?;
        let msg = open(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("version plus récente"), "message was: {msg}");
        Ok(())
    }

    #[test]
    fn foreign_sqlite_file_is_refused() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("other.sqlite3");
        Connection::open(&path)?.execute("CREATE TABLE recettes (nom TEXT)", [])?;
        let msg = open(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            msg.contains("n'est pas une base de données de Permanences"),
            "{msg}"
        );
        Ok(())
    }

    /// A file as the previous schema left it: migrated up to `version` only, with one row.
    fn older_file(path: &Path, key: Option<&str>, version: usize) -> Result<()> {
        let mut conn = Connection::open(path)?;
        if let Some(key) = key {
            conn.pragma_update(None, "key", key)?;
        }
        Migrations::new(migrations())
            .to_version(&mut conn, version)
            .map_err(|e| Error::Database(e.to_string()))?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.execute(
            "INSERT INTO mediators (name, created_at) VALUES ('Awa', '2026-01-01T00:00:00Z')",
            [],
        )?;
        Ok(())
    }

    #[rstest::rstest]
    #[case::plain(None)]
    #[case::encrypted(Some("trois mots secrets"))]
    fn an_upgrade_keeps_a_copy_of_the_file_first(#[case] key: Option<&str>) -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("ancienne.sqlite3");
        let old = schema_version() - 1;
        older_file(&path, key, old)?;
        let conn = open_keyed(&path, key)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(usize::try_from(version).ok(), Some(schema_version()));
        drop(conn);

        let copy = crate::store::snapshot::before_upgrade_path(&path, i64::try_from(old).unwrap());
        assert!(copy.is_file(), "the copy must be taken before migrating");
        assert_eq!(
            crate::store::key::is_encrypted(&copy)?,
            key.is_some(),
            "an encrypted file's copy must be encrypted alike"
        );
        let kept = Connection::open(&copy)?;
        if let Some(key) = key {
            kept.pragma_update(None, "key", key)?;
        }
        let kept_version: i64 = kept.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(
            usize::try_from(kept_version).ok(),
            Some(old),
            "the copy is the file as the previous version left it"
        );
        let name: String = kept.query_row("SELECT name FROM mediators", [], |r| r.get(0))?;
        assert_eq!(name, "Awa");

        // Opening the up-to-date file again takes no other copy.
        let before = std::fs::read_dir(copy.parent().unwrap_or(dir.path()))?.count();
        drop(open_keyed(&path, key)?);
        let after = std::fs::read_dir(copy.parent().unwrap_or(dir.path()))?.count();
        assert_eq!(before, after, "no copy when nothing is migrated");
        Ok(())
    }

    #[test]
    fn a_new_file_takes_no_copy() -> Result<()> {
        let dir = tempfile::tempdir()?;
        drop(open(&dir.path().join("neuve.sqlite3"))?);
        assert!(
            !dir.path().join(crate::store::snapshot::FOLDER).exists(),
            "an empty file has nothing to keep"
        );
        Ok(())
    }

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::new(migrations()).validate().is_ok());
    }
}
