//! The desk's phone calls: finding an appointment when a resident phones, and the residents
//! to remind (« À prévenir ») with their « Prévenu(e) » tick.

use permanences::documents::pdf::qr::{self, QrRuns};
use permanences::network::site::SiteId;
use permanences::scheduling::appointment::AppointmentId;
use permanences::scheduling::reminder::{self, Reminder, Reminders};
use permanences::scheduling::search::{self, Findings};
use permanences::ErrorReport;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use super::failure;
use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn find_appointments(
    state: State<'_, AppState>,
    text: String,
    limit: u8,
) -> Result<Findings, ErrorReport> {
    state.with(|c| search::find(c, &text, state.now(), usize::from(limit)))
}

#[tauri::command]
#[specta::specta]
pub async fn reminders(
    state: State<'_, AppState>,
    site_id: Option<SiteId>,
    date: String,
) -> Result<Reminders, ErrorReport> {
    state.with(|c| reminder::list_typed(c, site_id, &date, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn set_reminded(
    state: State<'_, AppState>,
    id: AppointmentId,
    reminded: bool,
) -> Result<Reminder, ErrorReport> {
    state.with(|c| reminder::set_reminded(c, id, reminded, state.now()))
}

/// Opens the desk's mail program on the reminder of appointment `id`: its address, subject
/// and text filled in (the `mailto:` link the core builds; the window never passes a link of
/// its own). The app sends nothing: the person sends it from their mail program.
#[tauri::command]
#[specta::specta]
pub async fn write_reminder_email<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: AppointmentId,
) -> Result<(), ErrorReport> {
    let one = state.with(|c| reminder::one(c, id))?;
    let Some(link) = one.mailto else {
        return Err(failure(
            "Cette personne n'a pas laissé d'adresse e-mail.".to_owned(),
        ));
    };
    app.opener().open_url(link, None::<&str>).map_err(|e| {
        failure(format!(
            "Aucun logiciel de messagerie n'a pu s'ouvrir ({e}). Copiez le texte et \
             collez-le dans un e-mail à {}.",
            one.email.unwrap_or_default()
        ))
    })
}

/// The QR code of a reminder's `SMSTO:` text, to scan with the desk's phone.
#[tauri::command]
#[specta::specta]
pub async fn sms_qr(text: String) -> Result<QrRuns, ErrorReport> {
    qr::runs(&text).map_err(ErrorReport::from)
}
