//! The daily purge (and the gathering of other desks' activity files, for a coordinator)
//! while the app is open: once at start-up, then every 24 hours.
//!
//! A thread that sleeps until the next run (no polling: the app stays idle in between). The
//! sleep counts time awake, so a laptop suspended overnight purges a little later; the next
//! start-up purges anyway.

use std::time::Duration;

use permanences::privacy::{self, PurgeCause};
use permanences::store::db;
use tauri::{AppHandle, Manager};

use crate::AppState;

const PERIOD: Duration = Duration::from_secs(24 * 60 * 60);

/// Starts the purge thread. Its failures are logged (counts and French messages only: the
/// core's messages never hold personal data) and retried at the next run.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("purge".into())
        .spawn(move || loop {
            let state = app.state::<AppState>();
            // A locked (encrypted) database is purged when it is unlocked instead.
            if let Ok(key) = state.key() {
                // Its own connection, dropped after: the purge reads every appointment
                // (0.2-0.4 s on the 1 M set), which must neither hold up the agenda at
                // start nor stay in the app's page cache.
                match db::open_keyed(&state.db_path, key.as_deref()) {
                    Ok(conn) => {
                        purge_now(&conn, state.now());
                        gather_now(&conn, state.now());
                    }
                    Err(e) => eprintln!("Permanences : purge quotidienne : {e}"),
                }
            }
            std::thread::sleep(PERIOD);
        });
    if let Err(e) = spawned {
        eprintln!("Permanences : la purge quotidienne n'a pas pu démarrer : {e}");
    }
}

/// Imports the other desks' new or changed activity files from the gathering folder, when
/// this desk gathers them (a coordinator): at start-up, then daily.
pub fn gather_now(conn: &rusqlite::Connection, now: chrono::DateTime<chrono::Utc>) {
    if let Err(e) = permanences::exchange::activities::folder::gather(conn, now) {
        eprintln!("Permanences : collecte des activités : {e}");
    }
}

/// Runs the automatic purge on `conn`; a failure is logged and retried at the next run.
pub fn purge_now(conn: &rusqlite::Connection, now: chrono::DateTime<chrono::Utc>) {
    if let Err(e) = privacy::purge(conn, now, PurgeCause::Daily) {
        eprintln!("Permanences : purge quotidienne : {e}");
    }
}
