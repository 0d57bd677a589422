//! Thin Tauri commands: unpack arguments, call one core function, convert the error.
//! They are `async` so that SQLite work runs off the UI thread.

pub mod activities;
pub mod agenda;
pub mod app;
pub mod closure;
pub mod documents;
pub mod exchange;
pub mod mediator;
pub mod permanence;
pub mod privacy;
pub mod protection;
pub mod remind;
pub mod sharing;
pub mod site;
pub mod stats;
pub mod visit;

use std::path::PathBuf;

use permanences::{ErrorKind, ErrorReport};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Where to save `name`: the native dialog, or, for the end-to-end tests only (a WebDriver
/// cannot drive a GTK dialog), the folder named by `PERMANENCES_SAVE_DIR` without asking.
pub(crate) async fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    filter: (&str, &[&str]),
    name: &str,
) -> Result<Option<PathBuf>, ErrorReport> {
    if let Some(dir) = std::env::var_os("PERMANENCES_SAVE_DIR") {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let dialog = app
        .dialog()
        .file()
        .add_filter(filter.0, filter.1)
        .set_file_name(name);
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| {
            failure(format!(
                "La fenêtre d'enregistrement n'a pas pu s'ouvrir ({e})."
            ))
        })?;
    Ok(chosen.and_then(|p| p.into_path().ok()))
}

/// A file to read, chosen with the native dialog under `filter` (`extensions` without dots),
/// or `None` when cancelled. For the end-to-end tests only, `PERMANENCES_OPEN_FILE` names it
/// without the GTK dialog; a file not there is a cancelled choice.
pub(crate) async fn open_path<R: Runtime>(
    app: &AppHandle<R>,
    filter: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, ErrorReport> {
    if let Some(file) = std::env::var_os("PERMANENCES_OPEN_FILE") {
        return Ok(Some(PathBuf::from(file)).filter(|p| p.is_file()));
    }
    let dialog = app.dialog().file().add_filter(filter, extensions);
    Ok(
        tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
            .await
            .map_err(|e| failure(format!("La fenêtre de choix n'a pas pu s'ouvrir ({e}).")))?
            .and_then(|p| p.into_path().ok()),
    )
}

/// An error of the shell itself (a dialog that did not open…), for the UI.
pub(crate) fn failure(message: String) -> ErrorReport {
    ErrorReport {
        kind: ErrorKind::Io,
        message,
        field: None,
    }
}
