use permanences::network::mediator::MediatorId;
use permanences::records::beneficiary::{self, Beneficiary, BeneficiaryId, FollowInput};
use permanences::records::visit::codes::{self, VisitVocabularies};
use permanences::records::visit::terms::{self, Term, TermId, Vocabulary};
use permanences::records::visit::{self, Visit, VisitFilter, VisitId, VisitInput};
use permanences::scheduling::appointment::AppointmentId;
use permanences::ErrorReport;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn visit_vocabularies() -> Result<VisitVocabularies, ErrorReport> {
    Ok(codes::all())
}

#[tauri::command]
#[specta::specta]
pub async fn list_terms(
    state: State<'_, AppState>,
    include_archived: bool,
) -> Result<Vec<Term>, ErrorReport> {
    state.with(|c| terms::list(c, include_archived))
}

#[tauri::command]
#[specta::specta]
pub async fn add_term(
    state: State<'_, AppState>,
    vocabulary: Vocabulary,
    label: String,
) -> Result<Term, ErrorReport> {
    state.with(|c| terms::add(c, vocabulary, &label))
}

#[tauri::command]
#[specta::specta]
pub async fn set_term_archived(
    state: State<'_, AppState>,
    id: TermId,
    archived: bool,
) -> Result<Term, ErrorReport> {
    state.with(|c| terms::set_archived(c, id, archived))
}

#[tauri::command]
#[specta::specta]
pub async fn delete_term(state: State<'_, AppState>, id: TermId) -> Result<(), ErrorReport> {
    state.with(|c| terms::delete(c, id))
}

#[tauri::command]
#[specta::specta]
pub async fn list_visits(
    state: State<'_, AppState>,
    filter: VisitFilter,
    limit: u32,
) -> Result<Vec<Visit>, ErrorReport> {
    state.with(|c| visit::list(c, &filter, limit))
}

#[tauri::command]
#[specta::specta]
pub async fn record_visit(
    state: State<'_, AppState>,
    input: VisitInput,
) -> Result<Visit, ErrorReport> {
    state.with(|c| visit::record(c, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn update_visit(
    state: State<'_, AppState>,
    id: VisitId,
    input: VisitInput,
) -> Result<Visit, ErrorReport> {
    state.with(|c| visit::update(c, id, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn delete_visit(state: State<'_, AppState>, id: VisitId) -> Result<(), ErrorReport> {
    state.with(|c| visit::delete(c, id))
}

#[tauri::command]
#[specta::specta]
pub async fn visit_draft_from_appointment(
    state: State<'_, AppState>,
    appointment_id: AppointmentId,
    mediator_id: Option<MediatorId>,
) -> Result<VisitInput, ErrorReport> {
    state.with(|c| visit::from_appointment(c, appointment_id, mediator_id))
}

#[tauri::command]
#[specta::specta]
pub async fn visit_draft_from_visit(
    state: State<'_, AppState>,
    id: VisitId,
) -> Result<VisitInput, ErrorReport> {
    state.with(|c| visit::from_visit(c, id, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn follow_beneficiary(
    state: State<'_, AppState>,
    input: FollowInput,
) -> Result<Beneficiary, ErrorReport> {
    state.with(|c| beneficiary::follow(c, &input, state.now()))
}

#[tauri::command]
#[specta::specta]
pub async fn update_beneficiary(
    state: State<'_, AppState>,
    id: BeneficiaryId,
    input: FollowInput,
) -> Result<Beneficiary, ErrorReport> {
    state.with(|c| beneficiary::update(c, id, &input))
}

#[tauri::command]
#[specta::specta]
pub async fn search_beneficiaries(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<Beneficiary>, ErrorReport> {
    state.with(|c| beneficiary::search(c, &query))
}

#[tauri::command]
#[specta::specta]
pub async fn beneficiary_history(
    state: State<'_, AppState>,
    id: BeneficiaryId,
) -> Result<Vec<Visit>, ErrorReport> {
    state.with(|c| visit::list_for_beneficiary(c, id))
}

#[tauri::command]
#[specta::specta]
pub async fn visit_draft_blank(
    state: State<'_, AppState>,
    site_id: Option<permanences::network::site::SiteId>,
    mediator_id: Option<MediatorId>,
) -> Result<VisitInput, ErrorReport> {
    Ok(visit::blank(site_id, mediator_id, state.now()))
}
