use permanences::network::permanence::{self, Permanence, PermanenceId, PermanenceInput};
use permanences::ErrorReport;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn create_permanence(
    state: State<'_, AppState>,
    input: PermanenceInput,
) -> Result<Permanence, ErrorReport> {
    state.with(|c| permanence::create(c, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn update_permanence(
    state: State<'_, AppState>,
    id: PermanenceId,
    input: PermanenceInput,
) -> Result<Permanence, ErrorReport> {
    state.with(|c| permanence::update(c, id, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn delete_permanence(
    state: State<'_, AppState>,
    id: PermanenceId,
) -> Result<(), ErrorReport> {
    state.with(|c| permanence::delete(c, id))
}
