use permanences::network::closure::{self, Closure, ClosureId, ClosureInput};
use permanences::ErrorReport;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn create_closure(
    state: State<'_, AppState>,
    input: ClosureInput,
) -> Result<Closure, ErrorReport> {
    state.with(|c| closure::create(c, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn delete_closure(state: State<'_, AppState>, id: ClosureId) -> Result<(), ErrorReport> {
    state.with(|c| closure::delete(c, id))
}
