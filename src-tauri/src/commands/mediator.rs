use permanences::network::mediator::{self, Mediator, MediatorId, MediatorInput};
use permanences::ErrorReport;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_mediators(
    state: State<'_, AppState>,
    include_archived: bool,
) -> Result<Vec<Mediator>, ErrorReport> {
    state.with(|c| mediator::list(c, include_archived))
}

#[tauri::command]
#[specta::specta]
pub async fn create_mediator(
    state: State<'_, AppState>,
    input: MediatorInput,
) -> Result<Mediator, ErrorReport> {
    state.with(|c| mediator::create(c, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn update_mediator(
    state: State<'_, AppState>,
    id: MediatorId,
    input: MediatorInput,
) -> Result<Mediator, ErrorReport> {
    state.with(|c| mediator::update(c, id, &input))
}

#[tauri::command]
#[specta::specta]
pub async fn set_mediator_archived(
    state: State<'_, AppState>,
    id: MediatorId,
    archived: bool,
) -> Result<Mediator, ErrorReport> {
    state.with(|c| mediator::set_archived(c, id, archived, state.now()))
}
