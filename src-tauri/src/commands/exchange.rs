//! Calendar and open-data files: export (native save dialog), import (native open dialog),
//! and the automatic publishing settings.

use permanences::exchange::calendar::{self, CalendarRequest};
use permanences::exchange::opendata::{self, import::ImportReport, Format};
use permanences::exchange::publish::{self, PublishSettings, PublishStatus};
use permanences::{Error, ErrorReport};
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{failure, open_path, save_path};
use crate::AppState;

/// A file the user saved, and what they should know about it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    pub path: String,
    /// "18 événements", "5 lieux".
    pub summary: String,
    /// Sites left out of an open-data file, and why.
    pub warnings: Vec<String>,
}

/// Writes the calendar asked for (30 days back, one year ahead) where the user chooses.
/// `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_calendar<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: CalendarRequest,
) -> Result<Option<SavedFile>, ErrorReport> {
    let file = state.with(|c| calendar::render(c, &request, state.now()))?;
    let filter = ("Calendrier iCalendar", &["ics"][..]);
    let Some(path) = save_path(&app, filter, &file.file_name).await? else {
        return Ok(None);
    };
    permanences::store::file::write_atomic(&path, file.text.as_bytes())
        .map_err(ErrorReport::from)?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        summary: file.summary(),
        warnings: Vec::new(),
    }))
}

/// Writes the open-data file of the active sites where the user chooses. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_open_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: Format,
) -> Result<Option<SavedFile>, ErrorReport> {
    let today = permanences::clock::today(state.now());
    let export = state.with(|c| opendata::export(c, format, today))?;
    let filter = match format {
        Format::Csv => ("Tableau CSV", &["csv"][..]),
        Format::Json => ("Fichier JSON", &["json"][..]),
    };
    let Some(path) = save_path(&app, filter, format.file_name()).await? else {
        return Ok(None);
    };
    permanences::store::file::write_atomic(&path, &export.bytes).map_err(ErrorReport::from)?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        summary: export.summary(),
        warnings: export.warnings,
    }))
}

/// Asks for a file in the open-data standard and imports its sites. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_open_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<ImportReport>, ErrorReport> {
    let chosen = open_path(&app, "Lieux (CSV ou JSON)", &["csv", "json"]).await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| ErrorReport::from(Error::Io(e)))?;
    state
        .with(|c| opendata::import::import(c, &bytes, state.now()))
        .map(Some)
}

#[tauri::command]
#[specta::specta]
pub async fn publish_status(state: State<'_, AppState>) -> Result<PublishStatus, ErrorReport> {
    state.with(publish::status)
}

/// Saves the publishing settings and publishes at once.
#[tauri::command]
#[specta::specta]
pub async fn set_publish_settings(
    state: State<'_, AppState>,
    settings: PublishSettings,
) -> Result<PublishStatus, ErrorReport> {
    state.with(|c| publish::set(c, &settings, state.now()))
}

/// Asks for the publishing folder (native dialog). `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_folder<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>, ErrorReport> {
    let dialog = app.dialog().file();
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder())
        .await
        .map_err(|e| failure(format!("La fenêtre de choix n'a pas pu s'ouvrir ({e}).")))?;
    Ok(chosen
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}
