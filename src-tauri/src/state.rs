//! The app's one shared state: the database connection, or why it could not be opened.

use std::path::PathBuf;
use std::sync::Mutex;

use permanences::{db, publish, ErrorReport};
use rusqlite::Connection;

/// Held by Tauri for the life of the app.
pub struct AppState {
    pub db_path: PathBuf,
    conn: Result<Mutex<Connection>, ErrorReport>,
}

impl AppState {
    /// Opens the database; a failure is kept and shown by the UI instead of crashing.
    /// Published files are brought up to date at once (a new day moves calendar windows).
    pub fn open(db_path: PathBuf) -> Self {
        let conn = db::open(&db_path)
            .inspect(republish)
            .map(Mutex::new)
            .map_err(ErrorReport::from);
        AppState { db_path, conn }
    }

    /// Why the database is unavailable, if it is.
    pub fn open_error(&self) -> Option<ErrorReport> {
        self.conn.as_ref().err().cloned()
    }

    /// Runs one core call on the connection, turning its error into the IPC form.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> permanences::Result<T>,
    ) -> Result<T, ErrorReport> {
        let conn = self.conn.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave SQLite half-written (every write is a
        // transaction), so a poisoned lock is safe to reuse.
        let guard = conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let result = f(&guard).map_err(ErrorReport::from);
        // After every command: one cheap query when nothing the published files show changed.
        republish(&guard);
        result
    }
}

/// Rewrites the published files if needed. A failure does not fail the user's command: it is
/// recorded in the publishing status (shown in Paramètres) and logged.
fn republish(conn: &Connection) {
    if let Err(e) = publish::refresh(conn, chrono::Utc::now()) {
        eprintln!("Permanences : publication : {e}");
    }
}
