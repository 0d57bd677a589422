//! Syncing with the network's server while the app is open: soon after a local change (the
//! queue is looked at every 5 seconds: one small local query), and every two minutes for the
//! other desks' changes. Each sync runs on its own connection, dropped after, so the window
//! never waits on the server. Offline, it
//! tries again every 30 seconds; the status line says since when.

use std::time::{Duration, Instant};

use permanences::sharing;
use permanences::store::db;
use tauri::{AppHandle, Manager};

use crate::AppState;

/// Told to the window when a sync brought changes from the network (another desk, a calendar
/// client): the agenda on screen reads its period again, so they appear without a click.
#[derive(Clone, serde::Serialize, serde::Deserialize, specta::Type, tauri_specta::Event)]
pub struct NetworkReceived {
    /// How many changes came in.
    pub received: u32,
}

const TICK: Duration = Duration::from_secs(5);

/// The sync thread, to wake when a booking queued its event.
static THREAD: std::sync::OnceLock<std::thread::Thread> = std::sync::OnceLock::new();

/// Wakes the sync thread: a change was just queued (a booking's event), to be sent now rather
/// than at the next tick.
pub fn soon() {
    if let Some(t) = THREAD.get() {
        t.unpark();
    }
}
const PERIOD: Duration = Duration::from_secs(120);
const RETRY: Duration = Duration::from_secs(30);

pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("sync".into())
        .spawn(move || {
            let _ = THREAD.set(std::thread::current());
            let mut last: Option<Instant> = None;
            loop {
                std::thread::park_timeout(TICK);
                let state = app.state::<AppState>();
                // A local read on the app's connection: is there anything to do?
                let Ok(status) = state.with(sharing::status) else {
                    continue;
                };
                // No keyring gave the password: the window asks for it (and wakes this
                // thread once it is typed); the server is not tried meanwhile.
                if !status.joined || status.password_needed {
                    continue;
                }
                // Offline: tried again every 30 seconds, not at every tick.
                let offline = status.offline_since.is_some();
                let wait = if offline { RETRY } else { PERIOD };
                let due = last.is_none_or(|t| t.elapsed() >= wait);
                if !due && (status.pending == 0 || offline) {
                    continue;
                }
                last = Some(Instant::now());
                let Ok(key) = state.key() else { continue };
                let Ok(conn) = db::open_keyed(&state.db_path, key.as_deref()) else {
                    continue;
                };
                // A failure is in the status line (offline since, the reason): nothing to log.
                if let Ok(report) = sharing::sync(&conn, state.now()) {
                    if report.received > 0 {
                        use tauri_specta::Event;
                        // No window listening (closing): nothing to tell.
                        let _ = NetworkReceived {
                            received: report.received,
                        }
                        .emit(&app);
                    }
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("Permanences : la synchronisation du réseau n'a pas pu démarrer : {e}");
    }
}
