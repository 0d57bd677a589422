//! Paramètres › Réseau: joining the network's CalDAV server, its status line, syncing now,
//! leaving. Syncs that talk to the server run on their own connection (`network_sync`,
//! and the thread of `crate::sync`), so the window never waits on the server for another
//! command.

use permanences::exchange::caldav::{
    self, Conflict, ConflictId, JoinRequest, NetworkStatus, Settle, SyncReport,
};
use permanences::store::db;
use permanences::ErrorReport;
use tauri::State;

use crate::AppState;

/// The status line and figures (a local read: no request to the server).
#[tauri::command]
#[specta::specta]
pub async fn network_status(state: State<'_, AppState>) -> Result<NetworkStatus, ErrorReport> {
    state.with(caldav::status)
}

/// « Tester la connexion »: the calendar home found, or what is wrong, in French.
#[tauri::command]
#[specta::specta]
pub async fn network_test(request: JoinRequest) -> Result<String, ErrorReport> {
    tauri::async_runtime::spawn_blocking(move || caldav::test_connection(&request))
        .await
        .map_err(|e| permanences::Error::Network(e.to_string()))?
        .map_err(ErrorReport::from)
}

/// Joins the network, then syncs: the sites already shared arrive.
#[tauri::command]
#[specta::specta]
pub async fn network_join(
    state: State<'_, AppState>,
    request: JoinRequest,
) -> Result<SyncReport, ErrorReport> {
    own_connection(&state, move |conn, now| {
        caldav::join(conn, &request, now)?;
        caldav::sync_all(conn, now)
    })
    .await
}

/// Sends what this desk queued (a booking's event, once its place is claimed and the booking
/// confirmed), without waiting on the others' changes. How many records were sent.
#[tauri::command]
#[specta::specta]
pub async fn network_send(state: State<'_, AppState>) -> Result<u32, ErrorReport> {
    let sent = own_connection(&state, caldav::send).await?;
    Ok(u32::try_from(sent).unwrap_or(u32::MAX))
}

/// « Synchroniser maintenant »: every shared calendar is read, so that what a calendar client
/// changed arrives at once (the sync thread reads only the calendars other desks marked, and
/// every one each ten minutes).
#[tauri::command]
#[specta::specta]
pub async fn network_sync(state: State<'_, AppState>) -> Result<SyncReport, ErrorReport> {
    own_connection(&state, caldav::sync_all).await
}

/// Leaves the network; the data stays on this computer.
#[tauri::command]
#[specta::specta]
pub async fn network_leave(state: State<'_, AppState>) -> Result<bool, ErrorReport> {
    state.with(caldav::leave)
}

/// The conflicts to settle.
#[tauri::command]
#[specta::specta]
pub async fn network_conflicts(state: State<'_, AppState>) -> Result<Vec<Conflict>, ErrorReport> {
    state.with(caldav::conflicts)
}

/// Settles a conflict: kept as an extra place, or this desk's version sent again.
#[tauri::command]
#[specta::specta]
pub async fn settle_conflict(
    state: State<'_, AppState>,
    id: ConflictId,
    how: Settle,
) -> Result<(), ErrorReport> {
    state.with(|c| caldav::settle(c, id, how, state.now()))
}

/// Runs `talk` on a connection of its own, on a thread that may wait on the server, so that
/// the window's other commands never wait behind it.
async fn own_connection<T: Send + 'static>(
    state: &AppState,
    talk: impl FnOnce(&rusqlite::Connection, chrono::DateTime<chrono::Utc>) -> permanences::Result<T>
        + Send
        + 'static,
) -> Result<T, ErrorReport> {
    let (path, key, now) = (state.db_path.clone(), state.key()?, state.now());
    tauri::async_runtime::spawn_blocking(move || {
        let conn = db::open_keyed(&path, key.as_deref())?;
        talk(&conn, now)
    })
    .await
    .map_err(|e| permanences::Error::Network(e.to_string()))?
    .map_err(ErrorReport::from)
}
