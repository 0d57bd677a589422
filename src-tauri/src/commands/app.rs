use permanences::network::vocab::{self, Vocabularies};
use permanences::ErrorReport;
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::AppState;

/// What the window needs to know at start.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The version of the app (the workspace's).
    pub version: String,
    /// The licence, as an SPDX expression (« À propos » in Paramètres).
    pub license: String,
    /// Where the data lives, shown in Paramètres.
    pub db_path: String,
    /// Set when the database could not be opened: the UI shows it instead of the screens.
    pub db_error: Option<ErrorReport>,
    /// The database is encrypted and waits for its passphrase: the UI shows the unlock
    /// screen instead of the screens.
    pub locked: bool,
    /// Today in Paris (`YYYY-MM-DD`), from the app's clock: the screens' default periods
    /// follow it, never the web view's own clock.
    pub today: String,
    /// `make footprint` is measuring this run (`PERMANENCES_FOOTPRINT` is set): the UI then
    /// tours the main screens once and reports each one drawn through [`footprint_mark`].
    pub measuring: bool,
}

/// The environment variable that `scripts/footprint.sh` sets.
const FOOTPRINT: &str = "PERMANENCES_FOOTPRINT";

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ErrorReport> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        license: env!("CARGO_PKG_LICENSE").to_owned(),
        db_path: state.db_path.display().to_string(),
        db_error: state.open_error(),
        locked: state.locked(),
        today: permanences::clock::today(state.now()).to_string(),
        measuring: std::env::var_os(FOOTPRINT).is_some(),
    })
}

/// While measuring, prints "footprint STEP" on standard output when the UI has drawn a screen
/// (the script times the start up to "footprint agenda"). Does nothing otherwise.
#[tauri::command]
#[specta::specta]
pub async fn footprint_mark(step: String) -> Result<(), ErrorReport> {
    if std::env::var_os(FOOTPRINT).is_some() {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        // Nobody reading is not an error of the app: the measure is simply lost.
        let _ = writeln!(out, "footprint {step}").and_then(|()| out.flush());
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn vocabularies() -> Result<Vocabularies, ErrorReport> {
    Ok(vocab::all())
}
