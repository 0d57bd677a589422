use permanences::network::mediator::{self, Mediator};
use permanences::network::site::{self, Site};
use permanences::network::vocab::{self, Vocabularies};
use permanences::scheduling::agenda::{self, Agenda, Span};
use permanences::ErrorReport;
use std::collections::BTreeMap;

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
    opening(&state, remembered.as_deref(), per_grid)
}

fn opening(
    state: &AppState,
    remembered: Option<&str>,
    per_grid: u8,
) -> Result<AgendaOpening, ErrorReport> {
    let info = info(state);
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
        opening.site_id = agenda::opening_site(&listed, remembered, usize::from(per_grid));
        let today = permanences::clock::today(now);
        opening.agenda = Some(agenda::show(c, opening.site_id, today, Span::Day, now)?);
        Ok(())
    })?;
    Ok(opening)
}

/// How many sites' days the agenda's grid shows side by side: the page's `SITES_PER_GRID`
/// (`ui/src/lib/opening.ts`), which the page compares with the one given at start.
pub const SITES_PER_GRID: u8 = 5;

/// The first screen given to the page before its script runs (see [`first_opening_script`]).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FirstOpening {
    per_grid: u8,
    /// Computed with no « Lieu » remembered.
    opening: AgendaOpening,
    /// The site the agenda would open on for each « Lieu » the page may have remembered
    /// ([`agenda::ALL_SITES`] and each active site's id): the page uses `opening` only where
    /// its own remembered « Lieu » leads to the same site (any other value leads where
    /// nothing remembered does).
    site_for: BTreeMap<String, Option<site::SiteId>>,
}

/// A script run in the page before its own, that gives it the first screen
/// (`window.__PERMANENCES_OPENING__`), computed while the window is being made: the agenda
/// is then drawn without waiting for a trip through the core (`open_agenda`), which cost
/// about 20 ms there at start, the web process being busy with its first layout (issue 30).
/// `None` if the core could not compute it: the page then asks, as it did before.
pub fn first_opening_script(state: &AppState) -> Option<String> {
    let opening = opening(state, None, SITES_PER_GRID).ok()?;
    let listed: Vec<_> = opening.sites.iter().map(|s| s.id).collect();
    let per_grid = usize::from(SITES_PER_GRID);
    let site_for = std::iter::once(agenda::ALL_SITES.to_owned())
        .chain(listed.iter().map(|id| id.0.to_string()))
        .map(|r| {
            let site = agenda::opening_site(&listed, Some(&r), per_grid);
            (r, site)
        })
        .collect();
    let first = FirstOpening {
        per_grid: SITES_PER_GRID,
        opening,
        site_for,
    };
    // JSON text is a JavaScript expression (ES2019 allows U+2028 and U+2029 in its strings).
    let json = serde_json::to_string(&first).ok()?;
    Some(format!("window.__PERMANENCES_OPENING__ = {json};"))
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

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::bad_input::pinned;
    use crate::AppState;

    /// The object the script gives the page, read back as JSON.
    fn given(state: &AppState) -> Value {
        let script = super::first_opening_script(state).expect("a script");
        let json = script
            .strip_prefix("window.__PERMANENCES_OPENING__ = ")
            .and_then(|s| s.strip_suffix(';'))
            .expect("one assignment");
        serde_json::from_str(json).expect("JSON")
    }

    /// The page is given the agenda `open_agenda` answers with nothing remembered, and for
    /// each « Lieu » it may remember, where the core's rule opens: the demo's three sites fit
    /// one grid, so nothing remembered opens « Tous les lieux », as « all » does, and each
    /// site's id opens that site.
    #[test]
    fn the_page_is_given_the_agenda_open_agenda_answers_and_where_each_remembered_lieu_opens() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = dir.path().join("p.sqlite3");
        let state = AppState::open_with_clock(db, pinned);
        state
            .with(|c| permanences::sample::demo::seed(c, pinned()).map(|_| ()))
            .expect("demo");
        let given = given(&state);
        assert_eq!(given["perGrid"], 5);
        let asked = super::opening(&state, None, super::SITES_PER_GRID).expect("opening");
        assert_eq!(
            given["opening"],
            serde_json::to_value(&asked).expect("JSON")
        );
        assert_eq!(given["opening"]["siteId"], Value::Null);
        assert_eq!(given["opening"]["agenda"]["today"], "2026-12-01");
        let site_for = given["siteFor"].as_object().expect("siteFor");
        assert_eq!(site_for["all"], Value::Null);
        let ids: Vec<i64> = asked.sites.iter().map(|s| s.id.0).collect();
        assert_eq!(site_for.len(), ids.len() + 1, "{site_for:?}");
        for id in ids {
            assert_eq!(site_for[&id.to_string()], id, "{site_for:?}");
        }
    }

    /// An empty file: no site, the window starts on « Lieux »; only « all » is listed.
    #[test]
    fn an_empty_file_gives_no_site_and_no_agenda_choice() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let state = AppState::open_with_clock(dir.path().join("p.sqlite3"), pinned);
        let given = given(&state);
        assert_eq!(given["opening"]["anySite"], false);
        assert_eq!(given["siteFor"], serde_json::json!({ "all": null }));
    }
}
