//! Bad input on every IPC entry point, sent as JSON through Tauri's mock runtime: the same
//! path as the web view's calls (argument deserialisation, then the command and the core).
//!
//! For each command a valid call is written by hand (on the demo network); the test derives
//! from it, leaf by leaf, wrong JSON types, missing fields, empty, 1 MB and control-character
//! strings, SQL-looking text, impossible and far dates, ids that do not exist and negative
//! numbers. Each case runs on a fresh copy of the demo database and must not panic; a refusal
//! must leave the database exactly as it was (every table compared) and, when it comes from
//! our code, be an `ErrorReport` in French. Wrong JSON types are refused by Tauri in English
//! before our code runs: the UI's `call()` shows its own French message for those
//! (ui/src/lib/api.ts). Only harmless input (SQL-looking text, an empty optional text, an
//! absent optional argument) may be accepted, and it must then be stored as text.
//!
//! Why here and not in `src-tauri/tests/`: the suite builds the app's command list for Tauri's
//! mock runtime (`tauri::test::MockRuntime`, crate-private `mock_builder`). An integration test
//! sees only the library's public API, and making that list public would need Tauri's `test`
//! feature in the library the app ships (it is a dev-dependency feature, compiled into tests
//! only). So it stays a `#[cfg(test)]` module of the shell; its shared checks (French text,
//! database snapshots) come from `tests/it/common/`. Every case runs at the instant of
//! [`pinned`], whatever the day.

mod calls;
#[path = "../../../tests/it/common/french.rs"]
mod french;
mod mutations;
#[path = "../../../tests/it/common/snapshot.rs"]
mod snapshot;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use calls::{prepare, valid_calls};
use mutations::{mutations, Severity, SQL};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow};

/// Commands that only open a native dialog (no input to get wrong): not callable without a
/// display, and nothing of theirs reaches the core before the user answers.
const DIALOG_ONLY: &[&str] = &[
    "choose_logo",
    "choose_folder",
    "import_open_data",
    "import_activities",
    "choose_backup_file",
];

/// Commands without input that change the data by design (the purge asked for in
/// Paramètres): nothing to get wrong; tests/privacy.rs checks what they do.
const NO_INPUT_WRITES: &[&str] = &["purge_now"];

/// Fields a command reads but does not store (a visit's author, a person's consent and a
/// permanence's site are kept from the first time): a bad value there changes nothing itself.
const IGNORED: &[(&str, &str)] = &[
    ("update_visit", "/input/createdBy"),
    ("update_beneficiary", "/input/consentBy"),
    ("update_permanence", "/input/siteId"),
];

/// Commands whose valid call depends on the clock (a walk-in needs a drop-in permanence open
/// now): their bad input is driven, their valid call may be refused.
/// Likewise for those that need a state the demo network does not have (an encrypted file, a
/// chosen backup): their bad input is driven, their valid call may be refused.
const CLOCK_DEPENDENT: &[&str] = &[
    "walk_in_arrive",
    "change_passphrase",
    "remove_passphrase",
    "inspect_backup",
    "restore_backup",
    // A network server to join: the valid call names a closed loopback port, refused.
    "sharing_test",
    "sharing_join",
    // A conflict needs a network and a place lost: none in the demo network.
    "settle_conflict",
    // A password is given to a network joined: none in the demo network, refused in French.
    "sharing_password",
    // A mediator's calendar is chosen in a network joined: none in the demo network.
    "sharing_choose_absences",
];

/// Commands whose success opens another program (the PDF viewer, the mail program): only
/// their refusals are driven here.
const REFUSALS_ONLY: &[&str] = &["print_document", "write_reminder_email"];

/// The instant every case runs at (Tuesday 1 December 2026, 10:40 in Paris): the demo
/// network is anchored on it and the app's clock is pinned to it, so the suite gives the
/// same answers whatever the day it runs.
pub(super) fn pinned() -> chrono::DateTime<chrono::Utc> {
    permanences::clock::parse_pin("2026-12-01T10:40").unwrap_or_else(|| panic!("pinned time"))
}

struct Mock {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

fn mock(db: &Path) -> Mock {
    let builder = super::mock_builder();
    let app = mock_builder()
        .manage(crate::AppState::open_with_clock(db.to_path_buf(), pinned))
        .invoke_handler(builder.invoke_handler())
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock window");
    Mock { _app: app, webview }
}

impl Mock {
    /// Sends `args` to `cmd` and waits for the answer. A panic in the command never answers:
    /// the receiving end then fails the test.
    fn call(&self, cmd: &str, args: &Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args.clone()),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        tauri::test::get_ipc_response(&self.webview, request).map(|b| {
            b.deserialize::<Value>()
                .unwrap_or_else(|e| panic!("answer of {cmd}: {e}"))
        })
    }
}

/// The demo network in a file, closed (its WAL folded in), to copy for each case.
fn demo_database(dir: &Path) -> PathBuf {
    let path = dir.join("demo.sqlite3");
    let conn = permanences::store::db::open(&path).unwrap();
    permanences::sample::demo::seed(&conn, pinned()).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    path
}

fn fresh_copy(base: &Path, dir: &Path, n: usize) -> PathBuf {
    let path = dir.join(format!("case-{n}.sqlite3"));
    std::fs::copy(base, &path).unwrap();
    path
}

fn read_snapshot(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    snapshot::snapshot(&conn)
}

/// Commands without arguments: called once each, they must answer without changing anything.
const NO_ARGUMENTS: &[&str] = &[
    "app_info",
    "vocabularies",
    "visit_vocabularies",
    "publish_status",
    "gathering_status",
    "gather_now",
    "retention_status",
    "protection_status",
    "backup_now",
    // Without a network joined: the status says so, a sync and leaving do nothing.
    "sharing_status",
    "sharing_sync",
    "sharing_leave",
    "sharing_conflicts",
    "sharing_ended_conflicts",
    "sharing_calendars",
];

/// Every command of the generated bindings, so that a new command without a case here fails.
fn commands_of_the_bindings() -> Vec<String> {
    let bindings = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts"),
    )
    .expect("bindings");
    bindings
        .split("__TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

fn ignored(cmd: &str, what: &str) -> bool {
    IGNORED
        .iter()
        .any(|(c, p)| *c == cmd && what.ends_with(&format!(" at {p}")))
}

fn is_report(e: &Value) -> bool {
    e.get("kind").is_some() && e.get("message").is_some()
}

/// The save commands aimed at a folder that cannot exist (a path under a regular file, refused
/// as root too): a French file error, the previous file untouched, the database unchanged.
fn saving_where_nothing_can_be_written(
    base: &Path,
    dir: &Path,
    calls: &[(&'static str, Value)],
) -> Vec<String> {
    let file = dir.join("deja-la.txt");
    std::fs::write(&file, "version précédente").unwrap();
    std::env::set_var("PERMANENCES_SAVE_DIR", file.join("sous-dossier"));
    let db = fresh_copy(base, dir, 999_999);
    let before = read_snapshot(&db);
    let m = mock(&db);
    let mut failures = Vec::new();
    for (cmd, args) in calls
        .iter()
        .filter(|(c, _)| c.starts_with("save_") || c.starts_with("export_"))
    {
        match m.call(cmd, args) {
            Err(e) if e["kind"] == "io" => {
                let message = e["message"].as_str().unwrap_or_default();
                if let Err(why) = french::check_french(message) {
                    failures.push(format!("{cmd} into no folder: {why}"));
                }
            }
            other => failures.push(format!("{cmd} into no folder: {other:?}")),
        }
    }
    drop(m);
    if read_snapshot(&db) != before {
        failures.push("a failed save changed the database".into());
    }
    if std::fs::read_to_string(&file).ok().as_deref() != Some("version précédente") {
        failures.push("a failed save touched the file in its way".into());
    }
    failures
}

/// Runs the valid call of `cmd` and each of its mutations, each on a fresh copy of the demo
/// database (`copy(k)`); returns the number of cases and what went wrong.
fn one_command(
    cmd: &str,
    valid: &Value,
    copy: impl Fn(usize) -> PathBuf,
    pristine: &str,
) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    if !REFUSALS_ONLY.contains(&cmd) && !CLOCK_DEPENDENT.contains(&cmd) {
        let answer = mock(&copy(0)).call(cmd, valid);
        assert!(
            answer.is_ok(),
            "the valid call of {cmd} must succeed: {answer:?}"
        );
    }
    let mutations = mutations(valid);
    for (k, mutation) in mutations.iter().enumerate() {
        let db = copy(k + 1);
        let m = mock(&db);
        let answer = m.call(cmd, &mutation.args);
        drop(m);
        let after = read_snapshot(&db);
        let _ = std::fs::remove_file(&db);
        let what = format!("{cmd}: {}", mutation.what);
        match answer {
            Err(e) if is_report(&e) => {
                let message = e["message"].as_str().unwrap_or_default();
                if let Err(why) = french::check_french(message) {
                    failures.push(format!("{what}: {why}"));
                }
                if after != pristine {
                    failures.push(format!("{what}: refused but the database changed"));
                }
            }
            Err(e) => {
                // Tauri's own refusal of the JSON (wrong type, missing argument).
                let text = e.as_str().unwrap_or_default();
                if !text.starts_with("invalid args") && !text.contains("missing") {
                    failures.push(format!("{what}: unexpected refusal {e}"));
                }
                if after != pristine {
                    failures.push(format!("{what}: refused but the database changed"));
                }
            }
            Ok(_) if after == pristine => {}
            Ok(_) if ignored(cmd, &mutation.what) => {}
            Ok(_) if mutation.severity == Severity::Harmless => {
                if let Some(text) = &mutation.stored {
                    if !after.contains(&format!("{text:?}")) {
                        failures.push(format!("{what}: accepted but not stored as typed"));
                    }
                }
            }
            Ok(v) => {
                let shown: String = v.to_string().chars().take(160).collect();
                failures.push(format!("{what}: ACCEPTED and stored ({shown})"));
            }
        }
    }
    (mutations.len(), failures)
}

#[test]
fn every_command_refuses_bad_input_in_french_without_panic_or_change() {
    // Hundreds of databases opened and closed: in memory (tmpfs) where there is one, so that
    // each close's fsync costs nothing.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    let saved = dir.path().join("enregistrements");
    std::fs::create_dir(&saved).unwrap();
    // The save commands write here instead of asking (the end-to-end tests' hook).
    std::env::set_var("PERMANENCES_SAVE_DIR", &saved);
    let base = demo_database(dir.path());
    let prepared = prepare(&base);
    let calls = valid_calls(&prepared);

    let mut covered: Vec<&str> = calls.iter().map(|(c, _)| *c).collect();
    covered.extend(NO_ARGUMENTS);
    covered.extend(DIALOG_ONLY);
    covered.extend(NO_INPUT_WRITES);
    for c in commands_of_the_bindings() {
        assert!(
            covered.contains(&c.as_str()),
            "no bad-input case for the command {c}"
        );
    }

    let pristine = read_snapshot(&base);
    let mut n = 0;
    let mut failures = Vec::new();
    let mut cases = 0;
    for cmd in NO_ARGUMENTS {
        n += 1;
        let db = fresh_copy(&base, dir.path(), n);
        let m = mock(&db);
        let r = m.call(cmd, &json!({"inattendu": SQL}));
        if r.is_err() {
            failures.push(format!("{cmd}: {r:?}"));
        }
        drop(m);
        if read_snapshot(&db) != pristine {
            failures.push(format!("{cmd} changed the database"));
        }
    }
    // Two workers (the machine's cores), each taking the next command.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<(usize, Vec<String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|worker| {
                let (next, calls, base, dir, pristine) =
                    (&next, &calls, &base, dir.path(), &pristine);
                scope.spawn(move || {
                    let mut cases = 0;
                    let mut failures = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((cmd, valid)) = calls.get(i) else {
                            break;
                        };
                        let copy =
                            |k: usize| fresh_copy(base, dir, 1000 * (2 * i + worker + 1) + k);
                        let (n, f) = one_command(cmd, valid, copy, pristine);
                        cases += n;
                        failures.extend(f);
                    }
                    (cases, failures)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| panic!("a worker panicked")))
            .collect()
    });
    for (n, f) in results {
        cases += n;
        failures.extend(f);
    }
    failures.extend(saving_where_nothing_can_be_written(
        &base,
        dir.path(),
        &calls,
    ));
    println!("{cases} bad-input cases over {} commands", calls.len());
    assert!(
        failures.is_empty(),
        "{} of {cases} cases went wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
