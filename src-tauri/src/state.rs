//! The app's one shared state: the database connection, or why there is none (locked by a
//! passphrase, or unusable), and the passphrase of this session, in memory only.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use permanences::exchange::publish;
use permanences::store::{db, vault};
use permanences::{clock, ErrorKind, ErrorReport};
use rusqlite::Connection;

/// Held by Tauri for the life of the app.
pub struct AppState {
    pub db_path: PathBuf,
    db: Mutex<Db>,
    /// The backup scheduler's thread, woken when the database becomes available.
    scheduler: Mutex<Option<std::thread::Thread>>,
    /// The file last chosen in the "restore from a file" dialog (never a path from the UI).
    pub chosen_backup: Mutex<Option<PathBuf>>,
    /// Where "now" comes from: [`clock::now`] in the app, a pinned instant in tests.
    clock: fn() -> DateTime<Utc>,
}

enum Db {
    /// Open; `key` is the passphrase it was opened with (never written anywhere).
    Open {
        conn: Connection,
        key: Option<String>,
    },
    /// An encrypted file waits for its passphrase (the unlock screen).
    Locked,
    /// The file cannot be used; the UI shows why.
    Failed(ErrorReport),
}

impl AppState {
    /// Opens the database, unless it is encrypted (then the UI asks the passphrase first);
    /// a failure is kept and shown by the UI instead of crashing.
    pub fn open(db_path: PathBuf) -> Self {
        Self::open_with_clock(db_path, clock::now)
    }

    /// Like [`Self::open`], with the clock every command reads "now" from.
    pub fn open_with_clock(db_path: PathBuf, clock: fn() -> DateTime<Utc>) -> Self {
        let db = match vault::is_encrypted(&db_path) {
            Ok(true) => Db::Locked,
            Ok(false) => opened(&db_path, None, clock()),
            Err(e) => Db::Failed(e.into()),
        };
        AppState {
            db_path,
            db: Mutex::new(db),
            scheduler: Mutex::new(None),
            chosen_backup: Mutex::new(None),
            clock,
        }
    }

    /// The current instant, for the core calls that depend on it.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn lock(&self) -> MutexGuard<'_, Db> {
        // A panic while holding the lock cannot leave SQLite half-written (every write is a
        // transaction), so a poisoned lock is safe to reuse.
        self.db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Why the database is unavailable, if it is unusable (not merely locked).
    pub fn open_error(&self) -> Option<ErrorReport> {
        match &*self.lock() {
            Db::Failed(e) => Some(e.clone()),
            _ => None,
        }
    }

    /// Whether the database waits for its passphrase.
    pub fn locked(&self) -> bool {
        matches!(*self.lock(), Db::Locked)
    }

    /// Whether the open database is encrypted.
    pub fn encrypted(&self) -> bool {
        matches!(&*self.lock(), Db::Open { key: Some(_), .. })
    }

    /// The passphrase of this session, for a second connection (the backup thread).
    pub fn key(&self) -> Result<Option<String>, ErrorReport> {
        match &*self.lock() {
            Db::Open { key, .. } => Ok(key.clone()),
            Db::Locked => Err(locked()),
            Db::Failed(e) => Err(e.clone()),
        }
    }

    /// Runs one core call on the connection, turning its error into the IPC form.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> permanences::Result<T>,
    ) -> Result<T, ErrorReport> {
        let guard = self.lock();
        let conn = match &*guard {
            Db::Open { conn, .. } => conn,
            Db::Locked => return Err(locked()),
            Db::Failed(e) => return Err(e.clone()),
        };
        let result = f(conn).map_err(ErrorReport::from);
        // After every command: one cheap query when nothing the published files show changed.
        republish(conn, self.now());
        result
    }

    /// Opens the locked database with `passphrase`; a wrong one leaves it locked.
    pub fn unlock(&self, passphrase: &str) -> Result<(), ErrorReport> {
        let mut guard = self.lock();
        if !matches!(*guard, Db::Locked) {
            return Ok(());
        }
        let conn = db::open_keyed(&self.db_path, Some(passphrase))?;
        // The start-up purge could not run on the locked file: it runs now.
        crate::daily::purge_now(&conn, self.now());
        republish(&conn, self.now());
        *guard = Db::Open {
            conn,
            key: Some(passphrase.to_owned()),
        };
        drop(guard);
        self.wake_scheduler();
        Ok(())
    }

    /// Closes the connection, runs `change` on the database file (which gets the key it
    /// returns, or keeps its key when `change` fails), then reopens it. For setting or
    /// removing the passphrase and for restoring a backup: no connection may stay open.
    pub fn reopen_after<T>(
        &self,
        change: impl FnOnce(&std::path::Path, Option<&str>) -> permanences::Result<(T, Option<String>)>,
    ) -> Result<T, ErrorReport> {
        let mut guard = self.lock();
        let key = match std::mem::replace(&mut *guard, Db::Locked) {
            Db::Open { conn, key } => {
                drop(conn);
                key
            }
            other => {
                *guard = other;
                return Err(locked());
            }
        };
        let result = change(&self.db_path, key.as_deref());
        let key = match &result {
            Ok((_, new_key)) => new_key.clone(),
            Err(_) => key,
        };
        *guard = opened(&self.db_path, key, self.now());
        drop(guard);
        self.wake_scheduler();
        result.map(|(v, _)| v).map_err(ErrorReport::from)
    }

    /// Registers the backup thread, to be woken by [`Self::unlock`].
    pub fn set_scheduler(&self, thread: std::thread::Thread) {
        *self
            .scheduler
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(thread);
    }

    fn wake_scheduler(&self) {
        if let Some(t) = &*self
            .scheduler
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
        {
            t.unpark();
        }
    }
}

/// The database opened with `key`; published files brought up to date at once (a new day
/// moves calendar windows).
fn opened(path: &std::path::Path, key: Option<String>, now: DateTime<Utc>) -> Db {
    match db::open_keyed(path, key.as_deref()) {
        Ok(conn) => {
            republish(&conn, now);
            Db::Open { conn, key }
        }
        Err(e) if vault::is_encrypted(path).unwrap_or(false) && key.is_none() => {
            let _ = e;
            Db::Locked
        }
        Err(e) => Db::Failed(e.into()),
    }
}

fn locked() -> ErrorReport {
    ErrorReport {
        kind: ErrorKind::Validation,
        message: "La base de données est verrouillée : indiquez d'abord la phrase secrète."
            .to_owned(),
        field: Some("passphrase".to_owned()),
    }
}

/// Rewrites the published files if needed. A failure does not fail the user's command: it is
/// recorded in the publishing status (shown in Paramètres) and logged.
fn republish(conn: &Connection, now: DateTime<Utc>) {
    if let Err(e) = publish::refresh(conn, now) {
        eprintln!("Permanences : publication : {e}");
    }
    if let Err(e) = permanences::exchange::activities::folder::refresh(conn, now) {
        eprintln!("Permanences : fichier des activités : {e}");
    }
}
