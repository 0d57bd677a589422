//! Paramètres › Réseau: joining the network's CalDAV server, its status line, syncing now,
//! leaving. Syncs that talk to the server run on their own connection (`sharing_sync`,
//! and the thread of `crate::sync`), so the window never waits on the server for another
//! command.

use chrono::{DateTime, Utc};
use permanences::network::mediator::MediatorId;
use permanences::scheduling::appointment::{Alone, PlaceClaimer};
use permanences::sharing::{
    self, AccountCalendar, Conflict, ConflictId, EndedConflict, JoinRequest, Settle, SharingStatus,
    SyncReport,
};
use permanences::store::db;
use permanences::ErrorReport;
use tauri::State;

use crate::AppState;

/// The status line and figures (a local read: no request to the server).
#[tauri::command]
#[specta::specta]
pub async fn sharing_status(state: State<'_, AppState>) -> Result<SharingStatus, ErrorReport> {
    state.with(sharing::status)
}

/// « Tester la connexion »: the calendar home found, or what is wrong, in French.
#[tauri::command]
#[specta::specta]
pub async fn sharing_test(request: JoinRequest) -> Result<String, ErrorReport> {
    tauri::async_runtime::spawn_blocking(move || sharing::test_connection(&request))
        .await
        .map_err(|e| permanences::Error::Network(e.to_string()))?
        .map_err(ErrorReport::from)
}

/// Joins the network, then syncs: the sites already shared arrive.
#[tauri::command]
#[specta::specta]
pub async fn sharing_join(
    state: State<'_, AppState>,
    request: JoinRequest,
) -> Result<SyncReport, ErrorReport> {
    own_connection(&state, move |conn, now| {
        sharing::join(conn, &request, now)?;
        sharing::sync_all(conn, now)
    })
    .await
}

/// « Synchroniser maintenant »: every shared calendar is read, so that what a calendar client
/// changed arrives at once (the sync thread reads only the calendars other desks marked, and
/// every one each ten minutes).
#[tauri::command]
#[specta::specta]
pub async fn sharing_sync(state: State<'_, AppState>) -> Result<SyncReport, ErrorReport> {
    own_connection(&state, sharing::sync_all).await
}

/// The network's password, typed in the dialog the app shows when no keyring gave it (a
/// session without GNOME Keyring or KWallet): kept for this session (and in a keyring that
/// answers now); the sync thread then syncs at once.
#[tauri::command]
#[specta::specta]
pub async fn sharing_password(
    state: State<'_, AppState>,
    password: String,
) -> Result<(), ErrorReport> {
    // On a connection of its own: the keyring (D-Bus) is not asked under the app's lock.
    own_connection(&state, move |conn, _| {
        sharing::give_password(conn, &password)
    })
    .await?;
    crate::sync::soon();
    Ok(())
}

/// Leaves the network; the data stays on this computer.
#[tauri::command]
#[specta::specta]
pub async fn sharing_leave(state: State<'_, AppState>) -> Result<bool, ErrorReport> {
    // On a connection of its own: the keyring (D-Bus) is not asked under the app's lock.
    own_connection(&state, |conn, _| sharing::leave(conn)).await
}

/// The conflicts to settle.
#[tauri::command]
#[specta::specta]
pub async fn sharing_conflicts(state: State<'_, AppState>) -> Result<Vec<Conflict>, ErrorReport> {
    state.with(sharing::conflicts)
}

/// The conflicts that ended by themselves lately and that the desk has not seen yet.
#[tauri::command]
#[specta::specta]
pub async fn sharing_ended_conflicts(
    state: State<'_, AppState>,
) -> Result<Vec<EndedConflict>, ErrorReport> {
    state.with(sharing::ended_conflicts)
}

/// The calendars of the network's account a mediator's absences may be read from (asks the
/// server; none outside a network).
#[tauri::command]
#[specta::specta]
pub async fn sharing_calendars(
    state: State<'_, AppState>,
) -> Result<Vec<AccountCalendar>, ErrorReport> {
    own_connection(&state, |conn, _| sharing::account_calendars(conn)).await
}

/// Chooses the calendar read as a mediator's absences (by its name), or none.
#[tauri::command]
#[specta::specta]
pub async fn sharing_choose_absences(
    state: State<'_, AppState>,
    mediator_id: MediatorId,
    calendar: Option<String>,
) -> Result<(), ErrorReport> {
    own_connection(&state, move |conn, now| {
        sharing::choose_absences(conn, mediator_id, calendar.as_deref(), now)
    })
    .await
}

/// Settles a conflict: kept as an extra place, or this desk's version sent again.
#[tauri::command]
#[specta::specta]
pub async fn settle_conflict(
    state: State<'_, AppState>,
    id: ConflictId,
    how: Settle,
) -> Result<(), ErrorReport> {
    state.with(|c| sharing::settle(c, id, how, state.now()))
}

/// Runs `take`, a way of taking a place, with this desk's claimer. Alone, on the app's
/// connection. In a network, on a connection and a thread of its own, with the network's
/// claimer (it waits for the server a few seconds at most): the window's other commands go
/// on meanwhile. The sync thread then sends the appointment's event at once.
pub async fn taking<T: Send + 'static>(
    state: &AppState,
    take: impl FnOnce(&rusqlite::Connection, &dyn PlaceClaimer, DateTime<Utc>) -> permanences::Result<T>
        + Send
        + 'static,
) -> Result<T, ErrorReport> {
    if !state.with(sharing::joined)? {
        return state.with(|c| take(c, &Alone, state.now()));
    }
    let taken = own_connection(state, move |conn, now| {
        take(conn, &sharing::claimer(now), now)
    })
    .await;
    crate::sync::soon();
    taken
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
