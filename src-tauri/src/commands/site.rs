use permanences::network::detail::SiteDetail;
use permanences::network::site::{self, Site, SiteId, SiteInput};
use permanences::ErrorReport;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_sites(
    state: State<'_, AppState>,
    include_archived: bool,
) -> Result<Vec<Site>, ErrorReport> {
    state.with(|c| site::list(c, include_archived))
}

#[tauri::command]
#[specta::specta]
pub async fn site_detail(
    state: State<'_, AppState>,
    id: SiteId,
) -> Result<SiteDetail, ErrorReport> {
    state.with(|c| {
        permanences::network::detail::site_detail(c, id, permanences::clock::today(state.now()))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn create_site(
    state: State<'_, AppState>,
    input: SiteInput,
) -> Result<Site, ErrorReport> {
    state.with(|c| site::create(c, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn update_site(
    state: State<'_, AppState>,
    id: SiteId,
    input: SiteInput,
) -> Result<Site, ErrorReport> {
    state.with(|c| site::update(c, id, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn set_site_archived(
    state: State<'_, AppState>,
    id: SiteId,
    archived: bool,
) -> Result<Site, ErrorReport> {
    state.with(|c| site::set_archived(c, id, archived, state.now()))
}
