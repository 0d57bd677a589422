use chrono::NaiveDate;
use permanences::network::mediator::MediatorId;
use permanences::network::site::SiteId;
use permanences::network::vocab::AppointmentStatus;
use permanences::scheduling::agenda::{self, Agenda, Span};
use permanences::scheduling::appointment::{
    self, Appointment, AppointmentId, BookingInput, SeriesOutcome, StatusChange, Taking,
};
use permanences::scheduling::slot::{self, Slot, SlotSearch};
use permanences::scheduling::waiting::{self, Resolution, WaitingEntry, WaitingId, WaitingInput};
use permanences::scheduling::walk_in::{self, WalkIn, WalkInId, WalkInInput, WalkInStatus};
use permanences::ErrorReport;
use tauri::State;

use crate::commands::sharing::taking;
use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn agenda(
    state: State<'_, AppState>,
    site_id: Option<SiteId>,
    date: Option<NaiveDate>,
    span: Span,
) -> Result<Agenda, ErrorReport> {
    let date = date.unwrap_or_else(|| permanences::clock::today(state.now()));
    state.with(|c| agenda::show(c, site_id, date, span, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn next_free_slots(
    state: State<'_, AppState>,
    search: SlotSearch,
    limit: u8,
) -> Result<Vec<Slot>, ErrorReport> {
    state.with(|c| slot::next_free(c, state.now(), &search, usize::from(limit)))
}

/// Books an appointment (or an exceptional one); in a network, its place is claimed on the
/// server first, for a few seconds at most ([`taking`]).
#[tauri::command]
#[specta::specta]
pub async fn book_appointment(
    state: State<'_, AppState>,
    input: BookingInput,
) -> Result<Appointment, ErrorReport> {
    taking(&state, move |c, claimer, now| {
        appointment::take(c, claimer, Taking::Book(&input), now)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn book_series(
    state: State<'_, AppState>,
    input: BookingInput,
    every_weeks: u8,
    count: u8,
) -> Result<SeriesOutcome, ErrorReport> {
    taking(&state, move |c, claimer, now| {
        appointment::take_series(c, claimer, &input, every_weeks, count, now)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_appointment_status(
    state: State<'_, AppState>,
    id: AppointmentId,
    status: AppointmentStatus,
    by: Option<MediatorId>,
) -> Result<StatusChange, ErrorReport> {
    state.with(|c| appointment::set_status(c, id, status, by, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn undo_appointment_status(
    state: State<'_, AppState>,
    id: AppointmentId,
    by: Option<MediatorId>,
) -> Result<Appointment, ErrorReport> {
    state.with(|c| appointment::undo_status(c, id, by, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn reschedule_appointment(
    state: State<'_, AppState>,
    id: AppointmentId,
    start: String,
    by: Option<MediatorId>,
) -> Result<Appointment, ErrorReport> {
    taking(&state, move |c, claimer, now| {
        appointment::take(
            c,
            claimer,
            Taking::Move {
                id,
                start: &start,
                by,
            },
            now,
        )
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn walk_in_queue(
    state: State<'_, AppState>,
    site_id: SiteId,
    date: Option<NaiveDate>,
) -> Result<Vec<WalkIn>, ErrorReport> {
    let date = date.unwrap_or_else(|| permanences::clock::today(state.now()));
    state.with(|c| walk_in::queue(c, site_id, date))
}

#[tauri::command]
#[specta::specta]
pub async fn walk_in_arrive(
    state: State<'_, AppState>,
    input: WalkInInput,
) -> Result<WalkIn, ErrorReport> {
    state.with(|c| walk_in::arrive(c, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn set_walk_in_status(
    state: State<'_, AppState>,
    id: WalkInId,
    status: WalkInStatus,
) -> Result<WalkIn, ErrorReport> {
    state.with(|c| walk_in::set_status(c, id, status, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn add_waiting(
    state: State<'_, AppState>,
    input: WaitingInput,
) -> Result<WaitingEntry, ErrorReport> {
    state.with(|c| waiting::add(c, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn resolve_waiting(
    state: State<'_, AppState>,
    id: WaitingId,
    resolution: Resolution,
) -> Result<(), ErrorReport> {
    state.with(|c| waiting::resolve(c, id, resolution, state.now()))
}
