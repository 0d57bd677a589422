//! « Protection des données » in Paramètres: the passphrase (unlock, set, change, remove) and
//! the backups (now, list, how many, restore from the list or from a chosen file).

use std::path::PathBuf;

use permanences::store::backup::{self, BackupFile, BackupSummary};
use permanences::{store::vault, Error, ErrorReport};
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::failure;
use crate::AppState;

/// What the section shows.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProtectionStatus {
    /// The database is protected by a passphrase.
    pub encrypted: bool,
    /// The shortest passphrase accepted, in characters.
    pub min_passphrase_chars: u32,
    /// How many backups are kept.
    pub keep: u32,
    /// The backups folder.
    pub folder: String,
    /// The backups, newest first.
    pub backups: Vec<BackupFile>,
}

#[tauri::command]
#[specta::specta]
pub async fn protection_status(
    state: State<'_, AppState>,
) -> Result<ProtectionStatus, ErrorReport> {
    let keep = state.with(backup::keep_count)?;
    Ok(ProtectionStatus {
        encrypted: state.encrypted(),
        min_passphrase_chars: u32::try_from(vault::MIN_PASSPHRASE_CHARS).unwrap_or(u32::MAX),
        keep,
        folder: backup::folder(&state.db_path).display().to_string(),
        backups: backup::list(&state.db_path)?,
    })
}

/// Opens the encrypted database with its passphrase (the unlock screen).
#[tauri::command]
#[specta::specta]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Result<(), ErrorReport> {
    state.unlock(&passphrase)
}

/// Encrypts the database with a new passphrase, typed twice.
#[tauri::command]
#[specta::specta]
pub async fn set_passphrase(
    state: State<'_, AppState>,
    passphrase: String,
    confirmation: String,
) -> Result<(), ErrorReport> {
    state.reopen_after(|path, _| {
        vault::set_passphrase(path, &passphrase, &confirmation).map(|()| ((), Some(passphrase)))
    })
}

/// Replaces the passphrase; the current one is asked again.
#[tauri::command]
#[specta::specta]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    passphrase: String,
    confirmation: String,
) -> Result<(), ErrorReport> {
    state.reopen_after(|path, _| {
        vault::change_passphrase(path, &current, &passphrase, &confirmation)
            .map(|()| ((), Some(passphrase)))
    })
}

/// Removes the protection (the database becomes a plain file again).
#[tauri::command]
#[specta::specta]
pub async fn remove_passphrase(
    state: State<'_, AppState>,
    current: String,
) -> Result<(), ErrorReport> {
    state.reopen_after(|path, _| vault::remove_passphrase(path, &current).map(|()| ((), None)))
}

/// Takes a backup now, into the backups folder.
#[tauri::command]
#[specta::specta]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupFile, ErrorReport> {
    let key = state.key()?;
    let path = state.db_path.clone();
    state.with(|c| backup::create_in_folder(c, key.as_deref(), &path, state.now()))
}

/// How many backups to keep (1 to 100).
#[tauri::command]
#[specta::specta]
pub async fn set_backup_keep(state: State<'_, AppState>, keep: u32) -> Result<(), ErrorReport> {
    state.with(|c| backup::set_keep_count(c, keep))
}

/// Asks for a backup file with the native dialog; it is remembered for
/// [`inspect_backup`] and [`restore_backup`] (the UI never hands a path back). Returns its
/// name, or `None` when cancelled. For the end-to-end tests only, `PERMANENCES_OPEN_FILE`
/// names the file without showing the GTK dialog.
#[tauri::command]
#[specta::specta]
pub async fn choose_backup_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<String>, ErrorReport> {
    let chosen = match std::env::var_os("PERMANENCES_OPEN_FILE") {
        Some(file) => Some(PathBuf::from(file)),
        None => {
            let dialog = app
                .dialog()
                .file()
                .add_filter("Sauvegarde de Permanences", &["sqlite3", "db", "sqlite"]);
            tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
                .await
                .map_err(|e| failure(format!("La fenêtre de choix n'a pas pu s'ouvrir ({e}).")))?
                .and_then(|p| p.into_path().ok())
        }
    };
    let name = chosen.as_ref().map(|p| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    });
    *state
        .chosen_backup
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = chosen;
    Ok(name)
}

/// The file to restore: a backup of the list by name, or (`None`) the file chosen last.
fn source(state: &AppState, name: Option<String>) -> Result<PathBuf, ErrorReport> {
    match name {
        Some(name) => Ok(backup::path_of(&state.db_path, &name)?),
        None => state
            .chosen_backup
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .ok_or_else(|| {
                ErrorReport::from(Error::NotFound(
                    "Choisissez d'abord le fichier à restaurer.".to_owned(),
                ))
            }),
    }
}

/// Checks a backup and sums it up, before the user confirms; changes nothing.
#[tauri::command]
#[specta::specta]
pub async fn inspect_backup(
    state: State<'_, AppState>,
    name: Option<String>,
) -> Result<BackupSummary, ErrorReport> {
    let from = source(&state, name)?;
    let key = state.key()?;
    Ok(backup::inspect(&state.db_path, &from, key.as_deref())?)
}

/// Restores a backup (checked again), after backing the current database up.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    state: State<'_, AppState>,
    name: Option<String>,
) -> Result<BackupSummary, ErrorReport> {
    let from = source(&state, name)?;
    state.reopen_after(|path, key| {
        backup::restore(path, &from, key, state.now()).map(|s| {
            let key = if s.encrypted {
                key.map(str::to_owned)
            } else {
                None
            };
            (s, key)
        })
    })
}
