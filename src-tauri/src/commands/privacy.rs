//! Retention (Paramètres) and the rights of a followed person (Accompagnements).

use permanences::privacy::{
    self, Erasure, PurgeCause, PurgeCounts, RetentionSettings, RetentionStatus,
};
use permanences::records::beneficiary::BeneficiaryId;
use permanences::ErrorReport;
use tauri::{AppHandle, Runtime, State};

use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn retention_status(state: State<'_, AppState>) -> Result<RetentionStatus, ErrorReport> {
    state.with(|c| privacy::retention_status(c, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn set_retention(
    state: State<'_, AppState>,
    settings: RetentionSettings,
) -> Result<RetentionSettings, ErrorReport> {
    state.with(|c| privacy::set_settings(c, &settings))
}

/// « Effacer maintenant les données trop anciennes ».
#[tauri::command]
#[specta::specta]
pub async fn purge_now(state: State<'_, AppState>) -> Result<PurgeCounts, ErrorReport> {
    state.with(|c| privacy::purge(c, state.now(), PurgeCause::Manual))
}

/// Asks where to save everything held about a followed person (PDF, or JSON when `json`),
/// then writes it. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_beneficiary_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: BeneficiaryId,
    json: bool,
) -> Result<Option<String>, ErrorReport> {
    let record = state.with(|c| privacy::export(c, id, state.now()))?;
    // The file name carries the person's number, not their name: it may be listed anywhere.
    let (bytes, name, filter, extension) = if json {
        let bytes = privacy::export_json(&record).map_err(ErrorReport::from)?;
        (
            bytes,
            format!("donnees-personne-{}.json", id.0),
            "JSON",
            "json",
        )
    } else {
        let pdf = privacy::export_pdf(&record).map_err(ErrorReport::from)?;
        (
            pdf.bytes,
            format!("donnees-personne-{}.pdf", id.0),
            "Document PDF",
            "pdf",
        )
    };
    let Some(path) = super::save_path(&app, (filter, &[extension]), &name).await? else {
        return Ok(None);
    };
    permanences::store::file::write_atomic(&path, &bytes).map_err(ErrorReport::from)?;
    Ok(Some(path.display().to_string()))
}

/// « Effacer cette personne », once confirmed.
#[tauri::command]
#[specta::specta]
pub async fn erase_beneficiary(
    state: State<'_, AppState>,
    id: BeneficiaryId,
) -> Result<Erasure, ErrorReport> {
    state.with(|c| privacy::erase(c, id, state.now()))
}
