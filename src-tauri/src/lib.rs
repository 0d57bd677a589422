//! The desktop shell: opens the database named on the command line (or the user's own),
//! and exposes the core to the web UI through typed commands. No domain logic lives here.

mod backups;
#[cfg(test)]
mod bad_input;
pub mod bundle;
mod commands;
mod daily;
mod single;
mod state;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use specta_typescript::Typescript;

pub use state::AppState;

/// Every command the UI may call, for one runtime: the app's (`tauri::Wry`) or the mock one of
/// the tests, handed to `$with`: `tauri_specta::collect_commands` (the commands and their
/// types, for the bindings and the tests) or [`handler_only`] (the app at run time). Commands
/// that use the `AppHandle` are generic over it.
macro_rules! commands {
    ($with:ident, $runtime:path) => {
        $with![
            app::app_info,
            app::open_agenda,
            app::vocabularies,
            app::footprint_mark,
            site::list_sites,
            site::site_detail,
            site::create_site,
            site::update_site,
            site::set_site_archived,
            permanence::create_permanence,
            permanence::update_permanence,
            permanence::delete_permanence,
            closure::create_closure,
            closure::delete_closure,
            mediator::list_mediators,
            mediator::create_mediator,
            mediator::update_mediator,
            mediator::set_mediator_archived,
            agenda::agenda,
            agenda::next_free_slots,
            agenda::book_appointment,
            agenda::book_series,
            agenda::set_appointment_status,
            agenda::undo_appointment_status,
            agenda::reschedule_appointment,
            agenda::walk_in_queue,
            agenda::walk_in_arrive,
            agenda::set_walk_in_status,
            agenda::add_waiting,
            agenda::resolve_waiting,
            remind::find_appointments,
            remind::reminders,
            remind::set_reminded,
            remind::sms_qr,
            remind::write_reminder_email::<$runtime>,
            sharing::sharing_status,
            sharing::sharing_test,
            sharing::sharing_join,
            sharing::sharing_sync,
            sharing::sharing_leave,
            sharing::sharing_password,
            sharing::sharing_conflicts,
            sharing::sharing_ended_conflicts,
            sharing::sharing_calendars,
            sharing::sharing_choose_absences,
            sharing::settle_conflict,
            documents::document_preview::<$runtime>,
            documents::save_document::<$runtime>,
            documents::print_document::<$runtime>,
            documents::choose_logo::<$runtime>,
            visit::visit_vocabularies,
            visit::list_terms,
            visit::add_term,
            visit::set_term_archived,
            visit::delete_term,
            visit::list_visits,
            visit::record_visit,
            visit::update_visit,
            visit::delete_visit,
            visit::visit_draft_from_appointment,
            visit::visit_draft_from_visit,
            visit::visit_draft_blank,
            visit::follow_beneficiary,
            visit::update_beneficiary,
            visit::search_beneficiaries,
            visit::beneficiary_history,
            stats::activity_stats,
            stats::activity_charts,
            stats::stats_period,
            stats::save_visits_csv::<$runtime>,
            stats::save_activity_report::<$runtime>,
            exchange::export_calendar::<$runtime>,
            exchange::export_open_data::<$runtime>,
            exchange::import_open_data::<$runtime>,
            exchange::publish_status,
            exchange::set_publish_settings,
            exchange::choose_folder::<$runtime>,
            activities::export_activities::<$runtime>,
            activities::import_activities::<$runtime>,
            activities::gathering_status,
            activities::set_gathering_settings,
            activities::gather_now,
            privacy::retention_status,
            privacy::set_retention,
            privacy::purge_now,
            privacy::save_beneficiary_export::<$runtime>,
            privacy::erase_beneficiary,
            protection::protection_status,
            protection::unlock,
            protection::set_passphrase,
            protection::change_passphrase,
            protection::remove_passphrase,
            protection::backup_now,
            protection::set_backup_keep,
            protection::choose_backup_file::<$runtime>,
            protection::inspect_backup,
            protection::restore_backup,
        ]
    };
}

/// Tauri's own handler of these commands, without their types: tauri-specta's `collect_commands`
/// computes every command's argument and answer types when its builder is made, which only the
/// bindings need. At start that walked the types of about 130 commands, code from all over the
/// binary (issue 30). Generic arguments (`::<R>`) are dropped, as tauri-specta does for Tauri.
macro_rules! handler_only {
    ($($b:ident $(:: $($p:ident)? $(<$($g:path),*>)? )* ),* $(,)?) => {
        tauri::generate_handler![$($b $($(::$p)? )* ),*]
    };
}

use tauri_specta::collect_commands;

/// Every command the UI may call; the TypeScript bindings are generated from this list.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::*;
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(commands!(collect_commands, tauri::Wry))
        .events(events())
}

/// The events the core sends the page (their types are few: collected at start).
fn events() -> tauri_specta::Events {
    tauri_specta::collect_events![sync::NetworkReceived]
}

/// The same commands on Tauri's mock runtime, to drive them through the real IPC path in tests.
#[cfg(test)]
fn mock_builder() -> tauri_specta::Builder<tauri::test::MockRuntime> {
    use commands::*;
    tauri_specta::Builder::<tauri::test::MockRuntime>::new()
        .commands(commands!(collect_commands, tauri::test::MockRuntime))
}

/// How the bindings are written.
pub fn typescript() -> Typescript {
    Typescript::default().header(
        "// Generated from the Rust commands by `make bindings`. Do not edit.\n// @ts-nocheck",
    )
}

/// The window's options, each described in its manual page (assets/packaging/permanences-app.1).
const DB_OPTION: &str = "--db";
const ZOOM_OPTION: &str = "--zoom";

/// The database file: `--db PATH` on the command line, else `PERMANENCES_DB`, else the user's
/// data folder (the same default as the `permanences` command line).
fn database_path() -> PathBuf {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == DB_OPTION {
            if let Some(p) = args.next() {
                return PathBuf::from(p);
            }
        }
    }
    std::env::var_os("PERMANENCES_DB")
        .map(PathBuf::from)
        .unwrap_or_else(permanences::store::db::default_path)
}

/// The page zoom to open with: `--zoom 2` on the command line for 200 %, as a person who needs
/// larger pages sets it in a browser, and as the end-to-end tests check the layout. Out of
/// 0.5–4, or absent: the normal size.
fn start_zoom() -> Option<f64> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == ZOOM_OPTION {
            return args
                .next()?
                .parse::<f64>()
                .ok()
                .filter(|z| (0.5..=4.0).contains(z));
        }
    }
    None
}

/// The variable that turns WebKitGTK's compositing mode off, read by its web process.
const COMPOSITING_VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Pages drawn straight into the window rather than through WebKitGTK's compositing mode,
/// unless the person who starts the app set the variable already (`=0` to keep the mode).
///
/// The compositing mode keeps a backing store for each layer of the page. On the demo's day
/// it cost the web process 106 MB more (181 MB against 75 MB of PSS, under Xvfb), on a
/// screen of forms, lists and a grid that has no animation or 3D to gain from it: an old PC
/// keeps that memory. Set before any thread starts, and inherited by the web process.
fn draw_without_compositing() {
    if std::env::var_os(COMPOSITING_VARIABLE).is_none() {
        std::env::set_var(COMPOSITING_VARIABLE, "1");
    }
}

/// The variable that turns JavaScriptCore's JIT compilers off, read by the web process.
const JIT_VARIABLE: &str = "JSC_useJIT";

/// The page's script run by JavaScriptCore's interpreter, without its JIT compilers, unless
/// the person who starts the app set the variable already (`JSC_useJIT=1` to keep them).
///
/// The page runs little script: the core does the work, the script shows its answers. Its
/// compiled code and the compilers' own memory cost the web process about 12 MB of PSS once
/// every main screen was opened (release build, demo data, under Xvfb: 130.9 MB with the
/// JIT, 118.5 MB without; the whole app 262.2 MB then 248.6 MB), and the start did not get
/// slower (median of 20 launches in turn, to the agenda drawn: 352.9 ms with, 354.3 ms
/// without, on a shared machine). An old PC keeps that memory; fewer compilers are also
/// less code that turns data into instructions. Set before any thread starts.
fn run_script_without_jit() {
    if std::env::var_os(JIT_VARIABLE).is_none() {
        std::env::set_var(JIT_VARIABLE, "0");
    }
}

/// The name the command line is installed under (`/usr/bin/permanences`, a link to this
/// binary).
pub const COMMAND_LINE_NAME: &str = "permanences";

/// Whether this binary was started as the command line: under the name `permanences` (the
/// package's link), whatever folder it is in. Under its own name it opens the window.
pub fn called_as_command_line(argv0: Option<&std::ffi::OsStr>) -> bool {
    argv0
        .map(std::path::Path::new)
        .and_then(|p| p.file_name())
        .is_some_and(|name| name == COMMAND_LINE_NAME)
}

/// Starts the app. A database that cannot be opened does not stop it: the window opens and
/// explains the problem (see `app_info`).
pub fn run() -> ExitCode {
    draw_without_compositing();
    run_script_without_jit();
    let db_path = database_path();
    let listener = match single::claim(&single::rendezvous(&db_path)) {
        Ok(single::Instance::First(listener)) => Some(listener),
        Ok(single::Instance::Already) => {
            println!(
                "Permanences est déjà ouvert sur ce fichier : sa fenêtre passe au premier plan."
            );
            return ExitCode::SUCCESS;
        }
        // Without the runtime folder the app still works; two windows are then not prevented.
        Err(e) => {
            eprintln!("Permanences : contrôle de la fenêtre unique impossible : {e}");
            None
        }
    };
    // The events' registry only: the commands' types are for the bindings (`handler_only`).
    let events = tauri_specta::Builder::<tauri::Wry>::new().events(events());
    let core = open_core(db_path);
    // The toolkit started while the core opens, as Tauri would start it: without a screen to
    // open the window on, a sentence instead of the toolkit's panic.
    if !toolkit_started() {
        // The core finishes opening (as any launch does) before the process ends.
        let _ = core.join();
        eprintln!("{NO_SCREEN}");
        return ExitCode::FAILURE;
    }
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler({
            use commands::*;
            commands!(handler_only, tauri::Wry)
        })
        .setup(move |app| {
            events.mount_events(app);
            {
                use tauri::Manager;
                let (state, first) = core
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                // Before the window: no command can run without the state.
                app.manage(state);
                main_window(app, first)?;
            }
            if let Some(listener) = listener {
                let handle = app.handle().clone();
                listener.serve(move || bring_forward(&handle));
            }
            if let Some(zoom) = start_zoom() {
                use tauri::Manager;
                if let Some(window) = app.get_webview_window("main") {
                    // A zoom the webview refuses leaves the normal size: nothing to tell.
                    let _ = window.set_zoom(zoom);
                }
            }
            daily::start(app.handle().clone());
            sync::start(app.handle().clone());
            backups::start(app.handle());
            Ok(())
        })
        .run(bundle::context());
    if let Err(e) = result {
        eprintln!("Permanences n'a pas pu démarrer : {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Starts GTK on the session's screen, as Tauri's event loop does first (it then finds GTK
/// started). False when there is no screen to start on.
#[cfg(target_os = "linux")]
fn toolkit_started() -> bool {
    gtk::init().is_ok()
}

#[cfg(not(target_os = "linux"))]
fn toolkit_started() -> bool {
    true
}

/// What the window's program says when there is no screen to open its window on (started
/// from a text console, over SSH, by a script without a desktop session).
pub const NO_SCREEN: &str = "Permanences n'a pas pu ouvrir sa fenêtre : aucun écran n'est \
    disponible ici (pas de session graphique). Ouvrez Permanences depuis le menu du bureau. \
    Pour un script ou une console, la commande « permanences » travaille sans écran \
    (permanences --help).";

/// Opens the database and computes the first screen (`first_opening_script`) on a thread of
/// their own while the toolkit starts on the main one, rather than one after the other.
/// Measured on the demo (release build, 2 cores, under Xvfb): opening took 4 to 7 ms and the
/// first screen 0.7 to 2.1 ms, while the main thread took 60 to 100 ms more to reach the
/// window's making; it then found both ready (it waited 2 to 4 µs).
fn open_core(db_path: PathBuf) -> std::thread::JoinHandle<(AppState, Option<String>)> {
    std::thread::spawn(move || {
        let state = AppState::open(db_path);
        let first = commands::app::first_opening_script(&state);
        (state, first)
    })
}

/// Makes the window from its configuration (`tauri.conf.json`, where `create` is false so
/// that it is made here), its page given the first screen by `first` before its own script
/// runs (see `commands::app::first_opening_script`).
fn main_window(app: &tauri::App, first: Option<String>) -> tauri::Result<()> {
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == "main") else {
        return Ok(());
    };
    let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), config)?;
    if let Some(script) = first {
        window = window.initialization_script(script);
    }
    window.build()?;
    Ok(())
}

/// Shows the main window on top, as asked by a second launch.
fn bring_forward(app: &tauri::AppHandle) {
    use tauri::Manager;
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Installed as `permanences` (a link, in any folder), the binary is the command line; as
    /// `permanences-app`, or under a name that only starts or ends like it, the window.
    #[test]
    fn the_link_named_permanences_runs_the_command_line() {
        use std::ffi::OsStr;
        let called = |s: &str| super::called_as_command_line(Some(OsStr::new(s)));
        assert!(called("permanences"));
        assert!(called("/usr/bin/permanences"));
        assert!(called("./target/release/permanences"));
        assert!(!called("/usr/bin/permanences-app"));
        assert!(!called("permanences-app"));
        assert!(!called("permanences.old"));
        assert!(!called("xpermanences"));
        assert!(!super::called_as_command_line(None));
    }

    /// Without a choice of the person's, the web process is told to draw without compositing;
    /// a value already set (`0`: keep the mode) is left as it is.
    #[test]
    fn pages_are_drawn_without_compositing_unless_the_person_chose() {
        let var = super::COMPOSITING_VARIABLE;
        std::env::remove_var(var);
        super::draw_without_compositing();
        assert_eq!(std::env::var(var).as_deref(), Ok("1"));
        std::env::set_var(var, "0");
        super::draw_without_compositing();
        assert_eq!(std::env::var(var).as_deref(), Ok("0"));
    }

    #[test]
    fn the_script_runs_without_jit_unless_the_person_chose() {
        let var = super::JIT_VARIABLE;
        std::env::remove_var(var);
        super::run_script_without_jit();
        assert_eq!(std::env::var(var).as_deref(), Ok("0"));
        std::env::set_var(var, "1");
        super::run_script_without_jit();
        assert_eq!(std::env::var(var).as_deref(), Ok("1"));
    }

    /// Every option the window's program reads is described in its manual page, which the
    /// package installs.
    #[test]
    fn every_option_of_the_window_is_in_its_manual_page() {
        let page =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/packaging/permanences-app.1");
        let page = std::fs::read_to_string(page).expect("the manual page");
        for option in [super::DB_OPTION, super::ZOOM_OPTION] {
            let roff = option.replace('-', "\\-");
            assert!(
                page.contains(&format!(".BR {roff} ")),
                "{option} is not described in permanences-app.1"
            );
        }
    }

    /// The committed bindings must be what the Rust types generate today; run
    /// `make bindings` to refresh them.
    #[test]
    fn bindings_are_fresh() -> Result<(), Box<dyn std::error::Error>> {
        let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let tmp =
            std::env::temp_dir().join(format!("permanences-bindings-{}.ts", std::process::id()));
        super::specta_builder().export(super::typescript(), &tmp)?;
        let fresh = std::fs::read_to_string(&tmp)?;
        std::fs::remove_file(&tmp)?;
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed_path, &fresh)?;
            return Ok(());
        }
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/bindings.ts is stale: run `make bindings` and commit the result"
        );
        Ok(())
    }
}
