use permanences::vocab::{self, Vocabularies};
use permanences::ErrorReport;
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::AppState;

/// What the window needs to know at start.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// Where the data lives, shown in Paramètres.
    pub db_path: String,
    /// Set when the database could not be opened: the UI shows it instead of the screens.
    pub db_error: Option<ErrorReport>,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ErrorReport> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        db_path: state.db_path.display().to_string(),
        db_error: state.open_error(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn vocabularies() -> Result<Vocabularies, ErrorReport> {
    Ok(vocab::all())
}
