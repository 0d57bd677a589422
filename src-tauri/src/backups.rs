//! Automatic backups: one at start (unless one is less than an hour old), then one a day
//! while the app is open, from a thread that sleeps until the next one is due. While the
//! database is locked it waits, parked, until the unlock wakes it: no polling.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use permanences::{store::backup, store::db};
use tauri::{AppHandle, Manager};

use crate::AppState;

/// The longest sleep: the monotonic clock stops while the computer is suspended, so the
/// thread looks at the wall clock again at least this often (one wake-up an hour).
const LONGEST_SLEEP: Duration = Duration::from_secs(3600);

/// Starts the backup thread.
pub fn start(app: &AppHandle) {
    let handle = app.clone();
    let spawned = std::thread::Builder::new()
        .name("sauvegardes".into())
        .spawn(move || run(&handle));
    match spawned {
        Ok(join) => app.state::<AppState>().set_scheduler(join.thread().clone()),
        Err(e) => eprintln!("Permanences : sauvegardes automatiques impossibles : {e}"),
    }
}

fn run(app: &AppHandle) {
    let state = app.state::<AppState>();
    let mut at_start = true;
    loop {
        let Ok(key) = state.key() else {
            // Locked (or unusable): woken by the unlock.
            std::thread::park();
            continue;
        };
        let now = state.now();
        let due = if at_start {
            backup::due_at_start(&state.db_path, now).unwrap_or(true)
        } else {
            backup::next_due(&state.db_path).is_ok_and(|t| t <= now)
        };
        at_start = false;
        if due {
            take(&state.db_path, key.as_deref(), now);
        }
        let wait = backup::next_due(&state.db_path)
            .ok()
            .and_then(|t| (t - state.now()).to_std().ok())
            .unwrap_or(Duration::ZERO)
            .clamp(Duration::from_secs(60), LONGEST_SLEEP);
        std::thread::park_timeout(wait);
    }
}

/// One backup, through its own connection so the app's commands never wait for it.
fn take(path: &Path, key: Option<&str>, now: DateTime<Utc>) {
    let taken =
        db::open_keyed(path, key).and_then(|conn| backup::create_in_folder(&conn, key, path, now));
    if let Err(e) = taken {
        eprintln!("Permanences : sauvegarde automatique impossible : {e}");
    }
}
