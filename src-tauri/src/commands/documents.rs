use std::path::PathBuf;

use permanences::documents::leaflet::{self, DocumentPreview, DocumentRequest};
use permanences::ErrorReport;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::{failure, save_path};
use crate::bundle::guide_picture;
use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn document_preview<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> Result<DocumentPreview, ErrorReport> {
    let pictures = |name: &str| guide_picture(&app, name);
    state.with(|c| leaflet::preview(c, &request, state.now(), &pictures))
}

/// Asks where to save (native dialog), then writes the PDF there. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> Result<Option<String>, ErrorReport> {
    let pictures = |name: &str| guide_picture(&app, name);
    let (pdf, name) = state.with(|c| leaflet::render(c, &request, state.now(), &pictures))?;
    let Some(path) = save_path(&app, ("Document PDF", &["pdf"]), &name).await? else {
        return Ok(None);
    };
    permanences::store::file::write_atomic(&path, &pdf.bytes).map_err(ErrorReport::from)?;
    Ok(Some(path.display().to_string()))
}

/// Writes the PDF to a temporary file and opens it in the system's PDF viewer, to print it.
#[tauri::command]
#[specta::specta]
pub async fn print_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> Result<(), ErrorReport> {
    let pictures = |name: &str| guide_picture(&app, name);
    let (pdf, name) = state.with(|c| leaflet::render(c, &request, state.now(), &pictures))?;
    // The end-to-end tests (no PDF reader under Xvfb) read the printed file in the folder of
    // `PERMANENCES_SAVE_DIR`, as for a save, instead of a reader opening it.
    if let Some(dir) = std::env::var_os("PERMANENCES_SAVE_DIR") {
        let path = PathBuf::from(dir).join(format!("imprime-{name}"));
        return permanences::store::file::write_atomic(&path, &pdf.bytes)
            .map_err(ErrorReport::from);
    }
    let dir = std::env::temp_dir().join("permanences");
    std::fs::create_dir_all(&dir).map_err(|e| ErrorReport::from(permanences::Error::Io(e)))?;
    let path = dir.join(name);
    permanences::store::file::write_atomic(&path, &pdf.bytes).map_err(ErrorReport::from)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            failure(format!(
                "Aucun lecteur de PDF n'a pu ouvrir le document ({e}). Enregistrez-le plutôt."
            ))
        })
}

/// Asks for an image to print as the poster's logo (native dialog). `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_logo<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>, ErrorReport> {
    let dialog = app
        .dialog()
        .file()
        .add_filter("Image PNG ou JPEG", &["png", "jpg", "jpeg"]);
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|e| failure(format!("La fenêtre de choix n'a pas pu s'ouvrir ({e}).")))?;
    Ok(chosen
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}
