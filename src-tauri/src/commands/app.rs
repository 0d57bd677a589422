use permanences::network::mediator::{self, Mediator};
use permanences::network::site::{self, Site};
use permanences::network::vocab::{self, Vocabularies};
use permanences::scheduling::agenda::{self, Agenda, Span};
use permanences::ErrorReport;
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::AppState;

/// What the window needs to know at start.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The version of the app (the workspace's).
    pub version: String,
    /// The licence, as an SPDX expression (« À propos » in Paramètres).
    pub license: String,
    /// Where the data lives, shown in Paramètres.
    pub db_path: String,
    /// Set when the database could not be opened: the UI shows it instead of the screens.
    pub db_error: Option<ErrorReport>,
    /// The database is encrypted and waits for its passphrase: the UI shows the unlock
    /// screen instead of the screens.
    pub locked: bool,
    /// Today in Paris (`YYYY-MM-DD`), from the app's clock: the screens' default periods
    /// follow it, never the web view's own clock.
    pub today: String,
    /// `make footprint` is measuring this run (`PERMANENCES_FOOTPRINT` is set): the UI then
    /// tours the main screens once and reports each one drawn through [`footprint_mark`].
    pub measuring: bool,
}

/// The environment variable that `scripts/footprint.sh` sets.
const FOOTPRINT: &str = "PERMANENCES_FOOTPRINT";

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ErrorReport> {
    Ok(info(&state))
}

fn info(state: &AppState) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        license: env!("CARGO_PKG_LICENSE").to_owned(),
        db_path: state.db_path.display().to_string(),
        db_error: state.open_error(),
        locked: state.locked(),
        today: permanences::clock::today(state.now()).to_string(),
        measuring: std::env::var_os(FOOTPRINT).is_some(),
    }
}

/// The first screen in one trip through the core: the window waits on one answer, not on
/// three in a row (`app_info`, then the lists, then the agenda: budgets.toml, issue 30).
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AgendaOpening {
    pub info: AppInfo,
    /// Some site exists, archived ones included: without any, the window starts on « Lieux ».
    pub any_site: bool,
    /// The active sites, mediators and vocabularies the agenda's choices and dialogs list.
    pub sites: Vec<Site>,
    pub mediators: Vec<Mediator>,
    pub vocabularies: Vocabularies,
    /// The site the agenda opens on ([`agenda::opening_site`]; `None`: « Tous les lieux »).
    pub site_id: Option<site::SiteId>,
    /// Today's agenda there; `None` while the database is locked or unusable.
    pub agenda: Option<Agenda>,
}

/// What the agenda opens on: `remembered` is the « Lieu » last chosen on this computer for
/// this file (a site's id, or [`agenda::ALL_SITES`]), `per_grid` how many sites' days the
/// screen shows side by side.
#[tauri::command]
#[specta::specta]
pub async fn open_agenda(
    state: State<'_, AppState>,
    remembered: Option<String>,
    per_grid: u8,
) -> Result<AgendaOpening, ErrorReport> {
    let info = info(&state);
    let mut opening = AgendaOpening {
        info,
        any_site: false,
        sites: Vec::new(),
        mediators: Vec::new(),
        vocabularies: vocab::all(),
        site_id: None,
        agenda: None,
    };
    if opening.info.locked || opening.info.db_error.is_some() {
        return Ok(opening);
    }
    let now = state.now();
    state.with(|c| {
        opening.sites = site::list(c, false)?;
        opening.any_site = !opening.sites.is_empty() || !site::list(c, true)?.is_empty();
        opening.mediators = mediator::list(c, false)?;
        let listed: Vec<_> = opening.sites.iter().map(|s| s.id).collect();
        opening.site_id =
            agenda::opening_site(&listed, remembered.as_deref(), usize::from(per_grid));
        let today = permanences::clock::today(now);
        opening.agenda = Some(agenda::show(c, opening.site_id, today, Span::Day, now)?);
        Ok(())
    })?;
    Ok(opening)
}

/// While measuring, prints "footprint STEP" on standard output when the UI has drawn a screen
/// (the script times the start up to "footprint agenda"). Does nothing otherwise.
#[tauri::command]
#[specta::specta]
pub async fn footprint_mark(step: String) -> Result<(), ErrorReport> {
    if std::env::var_os(FOOTPRINT).is_some() {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        // Nobody reading is not an error of the app: the measure is simply lost.
        let _ = writeln!(out, "footprint {step}").and_then(|()| out.flush());
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn vocabularies() -> Result<Vocabularies, ErrorReport> {
    Ok(vocab::all())
}
