//! The desktop shell: opens the database named on the command line (or the user's own),
//! and exposes the core to the web UI through typed commands. No domain logic lives here.

mod backups;
#[cfg(test)]
mod bad_input;
pub mod bundle;
mod commands;
mod daily;
mod launch;
mod single;
mod state;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use specta_typescript::Typescript;

pub use launch::{called_as_command_line, COMMAND_LINE_NAME, NO_SCREEN};
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

/// Starts the app. A database that cannot be opened does not stop it: the window opens and
/// explains the problem (see `app_info`).
pub fn run() -> ExitCode {
    launch::draw_without_compositing();
    launch::run_script_without_jit();
    let db_path = launch::database_path();
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
    if !launch::toolkit_started() {
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
            if let Some(zoom) = launch::start_zoom() {
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
