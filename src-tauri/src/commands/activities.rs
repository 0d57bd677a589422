//! Activities between desks: the Coop's spreadsheet and the exchange file (native save
//! dialog), a desk's file read by a coordinator (native open dialog), and the gathering
//! folder's settings.

use permanences::exchange::activities::folder::{self, GatheringSettings, GatheringStatus};
use permanences::exchange::activities::gather::GatherReport;
use permanences::exchange::activities::{self, ExportFormat, ExportRequest};
use permanences::ErrorReport;
use tauri::{AppHandle, Runtime, State};

use super::exchange::SavedFile;
use super::{open_path, save_path};
use crate::AppState;

/// Writes this desk's activities of a period where the user chooses. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_activities<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<Option<SavedFile>, ErrorReport> {
    let export = state.with(|c| activities::export(c, &request, state.now()))?;
    let filter = match request.format {
        ExportFormat::Xlsx => ("Classeur Excel", &["xlsx"][..]),
        ExportFormat::Csv => ("Tableau CSV", &["csv"][..]),
        ExportFormat::Json => ("Fichier d'échange JSON", &["json"][..]),
    };
    let Some(path) = save_path(&app, filter, &export.file_name).await? else {
        return Ok(None);
    };
    permanences::store::file::write_atomic(&path, &export.bytes).map_err(ErrorReport::from)?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        summary: export.summary,
        warnings: Vec::new(),
    }))
}

/// Asks for a desk's exchange file and gathers its activities. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_activities<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<Vec<GatherReport>>, ErrorReport> {
    let chosen = open_path(&app, "Fichier d'activités d'un poste (JSON)", &["json"]).await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    state
        .with(|c| activities::import_path(c, &path, state.now()))
        .map(Some)
}

#[tauri::command]
#[specta::specta]
pub async fn gathering_status(state: State<'_, AppState>) -> Result<GatheringStatus, ErrorReport> {
    state.with(folder::status)
}

/// Saves the gathering settings, then writes this desk's file and gathers at once.
#[tauri::command]
#[specta::specta]
pub async fn set_gathering_settings(
    state: State<'_, AppState>,
    settings: GatheringSettings,
) -> Result<GatheringStatus, ErrorReport> {
    state.with(|c| folder::set(c, &settings, state.now()))
}

/// Imports the new or changed desk files of the gathering folder now.
#[tauri::command]
#[specta::specta]
pub async fn gather_now(state: State<'_, AppState>) -> Result<Vec<GatherReport>, ErrorReport> {
    state.with(|c| folder::gather(c, state.now()))
}
