use permanences::records::stats::charts::{self, Charts};
use permanences::records::stats::{self, Stats, StatsQuery};
use permanences::ErrorReport;
use tauri::{AppHandle, Runtime, State};

use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn activity_stats(
    state: State<'_, AppState>,
    query: StatsQuery,
) -> Result<Stats, ErrorReport> {
    state.with(|c| stats::compute(c, &query))
}

/// The charts of the period: months, themes, procedures, publics, absence rates.
#[tauri::command]
#[specta::specta]
pub async fn activity_charts(
    state: State<'_, AppState>,
    query: StatsQuery,
) -> Result<Charts, ErrorReport> {
    state.with(|c| charts::compute_charts(c, &query))
}

/// Asks where to save the visits CSV (native dialog), then writes it. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_visits_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    query: StatsQuery,
    personal: bool,
) -> Result<Option<String>, ErrorReport> {
    let bytes = state.with(|c| stats::csv::visits(c, &query, personal))?;
    let name = format!("accompagnements-{}-{}.csv", query.from, query.to).replace('/', "-");
    ask_and_save(app, bytes, name, "Tableur (CSV)", "csv").await
}

/// Asks where to save the PDF activity report, then writes it. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_activity_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    query: StatsQuery,
) -> Result<Option<String>, ErrorReport> {
    let pdf =
        state.with(|c| permanences::documents::report::activity_report(c, &query, state.now()))?;
    let name = format!("bilan-activite-{}-{}.pdf", query.from, query.to).replace('/', "-");
    ask_and_save(app, pdf.bytes, name, "Document PDF", "pdf").await
}

async fn ask_and_save<R: Runtime>(
    app: AppHandle<R>,
    bytes: Vec<u8>,
    name: String,
    filter: &str,
    extension: &str,
) -> Result<Option<String>, ErrorReport> {
    let Some(path) = super::save_path(&app, (filter, &[extension]), &name).await? else {
        return Ok(None);
    };
    permanences::store::file::write_atomic(&path, &bytes).map_err(ErrorReport::from)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
#[specta::specta]
pub async fn stats_period(
    span: stats::PeriodSpan,
    year: i32,
    number: u32,
) -> Result<stats::PeriodBounds, ErrorReport> {
    stats::period_bounds(span, year, number).map_err(ErrorReport::from)
}
