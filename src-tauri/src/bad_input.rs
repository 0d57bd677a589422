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

#[path = "../../tests/common/french.rs"]
mod french;
#[path = "../../tests/common/snapshot.rs"]
mod snapshot;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow};

/// Commands that only open a native dialog (no input to get wrong): not callable without a
/// display, and nothing of theirs reaches the core before the user answers.
const DIALOG_ONLY: &[&str] = &["choose_logo", "choose_folder", "import_open_data"];

/// Fields a command reads but does not store (a visit's author, a person's consent and a
/// permanence's site are kept from the first time): a bad value there changes nothing itself.
const IGNORED: &[(&str, &str)] = &[
    ("update_visit", "/input/createdBy"),
    ("update_beneficiary", "/input/consentBy"),
    ("update_permanence", "/input/siteId"),
];

/// Commands whose valid call depends on the clock (a walk-in needs a drop-in permanence open
/// now): their bad input is driven, their valid call may be refused.
const CLOCK_DEPENDENT: &[&str] = &["walk_in_arrive"];

/// Commands whose success opens another program (the PDF viewer): only their refusals are
/// driven here.
const REFUSALS_ONLY: &[&str] = &["print_document"];

struct Mock {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

fn mock(db: &Path) -> Mock {
    let builder = super::mock_builder();
    let app = mock_builder()
        .manage(crate::AppState::open(db.to_path_buf()))
        .invoke_handler(builder.invoke_handler())
        .build(mock_context(noop_assets()))
        .unwrap_or_else(|e| panic!("mock app: {e}"));
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap_or_else(|e| panic!("mock window: {e}"));
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
            url: "tauri://localhost"
                .parse()
                .unwrap_or_else(|e| panic!("{e}")),
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

/// How bad a mutation is.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Severity {
    /// Must be refused (and change nothing).
    Refuse,
    /// May be accepted: then it must be stored as plain text (SQL-looking text, empty text).
    Harmless,
}

struct Mutation {
    what: String,
    args: Value,
    severity: Severity,
    /// A string that must be found stored verbatim if the call is accepted.
    stored: Option<String>,
}

const SQL: &str = "'); DROP TABLE sites;--";
const CONTROL: &str = "Ana\u{0}\u{1b}[2J\u{7}\u{8}";

fn huge() -> String {
    "é".repeat(512 * 1024)
}

/// Every mutation of `args`: the top-level arguments (missing, null, wrong type) and each
/// leaf below them.
fn mutations(args: &Value) -> Vec<Mutation> {
    let mut out = Vec::new();
    let Value::Object(map) = args else {
        return out;
    };
    if !map.is_empty() {
        out.push(Mutation {
            what: "no arguments at all".into(),
            args: json!({}),
            severity: if map.values().all(Value::is_null) {
                Severity::Harmless
            } else {
                Severity::Refuse
            },
            stored: None,
        });
        out.push(Mutation {
            what: "arguments as a list".into(),
            args: json!([1, "deux", null]),
            severity: Severity::Refuse,
            stored: None,
        });
    }
    leaves(args, &mut Vec::new(), &mut out);
    out
}

fn leaves(root: &Value, path: &mut Vec<String>, out: &mut Vec<Mutation>) {
    let here = pointer(root, path).cloned().unwrap_or(Value::Null);
    match &here {
        Value::Object(m) => {
            for k in m.keys() {
                path.push(k.clone());
                // A missing field: Tauri and serde refuse it unless its type is optional, so an
                // accepted one is an absent optional value.
                out.push(replaced(root, path, None, "missing", Some("")));
                leaves(root, path, out);
                path.pop();
            }
            out.push(replaced(
                root,
                path,
                Some(json!([])),
                "a list for an object",
                None,
            ));
        }
        Value::Array(items) => {
            out.push(replaced(
                root,
                path,
                Some(json!({"x": 1})),
                "an object for a list",
                None,
            ));
            for i in 0..items.len() {
                path.push(i.to_string());
                leaves(root, path, out);
                path.pop();
            }
        }
        Value::String(s) => {
            out.push(replaced(
                root,
                path,
                Some(json!(42)),
                "a number for a text",
                None,
            ));
            out.push(replaced(
                root,
                path,
                Some(json!(huge())),
                "1 MB of text",
                None,
            ));
            out.push(replaced(
                root,
                path,
                Some(json!(CONTROL)),
                "control characters",
                None,
            ));
            out.push(replaced(
                root,
                path,
                Some(json!(SQL)),
                "SQL-looking text",
                Some(SQL),
            ));
            out.push(replaced(
                root,
                path,
                Some(json!("")),
                "empty text",
                Some(""),
            ));
            if s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
                for (date, label) in [
                    ("0000-01-01", "year 0"),
                    ("2026-02-30", "30 February"),
                    ("2026-13-01", "month 13"),
                    ("99999-01-01", "year 99999"),
                ] {
                    let v = format!("{date}{}", &s[10..]);
                    out.push(replaced(root, path, Some(json!(v)), label, None));
                }
            }
        }
        Value::Number(_) => {
            out.push(replaced(
                root,
                path,
                Some(json!("12")),
                "a text for a number",
                None,
            ));
            out.push(replaced(root, path, Some(json!(-1)), "negative", None));
            out.push(replaced(root, path, Some(json!(1.5)), "a fraction", None));
            let id = path
                .last()
                .is_some_and(|k| k == "id" || k.ends_with("Id") || k.parse::<usize>().is_ok());
            if id {
                out.push(replaced(
                    root,
                    path,
                    Some(json!(987_654)),
                    "an id that does not exist",
                    None,
                ));
            } else {
                out.push(replaced(
                    root,
                    path,
                    Some(json!(1e15)),
                    "far too large",
                    None,
                ));
            }
        }
        Value::Bool(_) => {
            out.push(replaced(
                root,
                path,
                Some(json!("oui")),
                "a text for a yes/no",
                None,
            ));
        }
        Value::Null => {}
    }
}

fn pointer<'a>(root: &'a Value, path: &[String]) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(root);
    }
    root.pointer(&format!("/{}", path.join("/")))
}

/// `root` with the value at `path` replaced (`None`: removed).
fn replaced(
    root: &Value,
    path: &[String],
    with: Option<Value>,
    what: &str,
    harmless_stored: Option<&str>,
) -> Mutation {
    let mut args = root.clone();
    if let Some((last, parent)) = path.split_last() {
        match pointer_mut(&mut args, parent) {
            Some(Value::Object(m)) => {
                match &with {
                    Some(v) => m.insert(last.clone(), v.clone()),
                    None => m.remove(last),
                };
            }
            Some(Value::Array(a)) => {
                if let (Ok(i), Some(v)) = (last.parse::<usize>(), &with) {
                    if i < a.len() {
                        a[i] = v.clone();
                    }
                }
            }
            _ => {}
        }
    } else if let Some(v) = with {
        args = v;
    }
    Mutation {
        what: format!("{what} at /{}", path.join("/")),
        args,
        severity: if harmless_stored.is_some() {
            Severity::Harmless
        } else {
            Severity::Refuse
        },
        stored: harmless_stored.filter(|s| !s.is_empty()).map(str::to_owned),
    }
}

fn pointer_mut<'a>(root: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    if path.is_empty() {
        return Some(root);
    }
    root.pointer_mut(&format!("/{}", path.join("/")))
}

/// The demo network in a file, closed (its WAL folded in), to copy for each case.
fn demo_database(dir: &Path) -> PathBuf {
    let path = dir.join("demo.sqlite3");
    let conn = permanences::db::open(&path).unwrap_or_else(|e| panic!("{e}"));
    permanences::demo::seed(&conn).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

fn fresh_copy(base: &Path, dir: &Path, n: usize) -> PathBuf {
    let path = dir.join(format!("case-{n}.sqlite3"));
    std::fs::copy(base, &path).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn read_snapshot(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap_or_else(|e| panic!("{e}"));
    snapshot::snapshot(&conn)
}

/// What some valid calls need beyond the demo network (a status to undo, a walk-in, a term of
/// the network), made through the app; returns a free slot of site 1 to book.
fn prepare(base: &Path) -> String {
    let m = mock(base);
    for (cmd, args) in [
        (
            "set_appointment_status",
            json!({"id": 2, "status": "excused", "by": 1}),
        ),
        (
            "add_term",
            json!({"vocabulary": "theme", "label": "Jeux en ligne"}),
        ),
    ] {
        if let Err(e) = m.call(cmd, &args) {
            panic!("preparing with {cmd}: {e}");
        }
    }
    let start = free_start(&m);
    drop(m);
    let conn = rusqlite::Connection::open(base).unwrap_or_else(|e| panic!("{e}"));
    // A walk-in arrives only while a drop-in permanence is open: written directly, so that
    // its status can be changed at any hour.
    conn.execute_batch(
        "INSERT INTO walk_ins (site_id, arrived_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%SZ'));
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    start
}

/// A free slot of site 1 from the app itself: a booking template that succeeds.
fn free_start(m: &Mock) -> String {
    let slots = m
        .call(
            "next_free_slots",
            &json!({"search": {"siteId": 1}, "limit": 1}),
        )
        .unwrap_or_else(|e| panic!("next_free_slots: {e}"));
    slots[0]["start"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_default()
}

/// One valid call of every command that takes input, on the demo network.
fn valid_calls(start: &str) -> Vec<(&'static str, Value)> {
    let today = chrono::Utc::now().date_naive().to_string();
    let profile = json!({"ageBracket": "vingt_cinq_trente_neuf", "socialStatus": "en_emploi",
        "gender": "feminin", "postcode": "67000", "commune": "Strasbourg"});
    let site = json!({"name": "Maison France services", "address": "1 place de la Gare",
        "postcode": "67000", "city": "Strasbourg", "phone": "03 88 00 00 00",
        "email": "contact@exemple.fr", "publicNotes": null, "services": [], "publics": []});
    let visit = serde_json::to_value(permanences::visit::blank(
        Some(permanences::site::SiteId(1)),
        Some(permanences::mediator::MediatorId(1)),
        chrono::Utc::now() - chrono::Duration::hours(2),
    ))
    .map(|mut v| {
        v["themes"] = json!(["email"]);
        v["notes"] = json!("Création d'une adresse");
        v
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let query = json!({"from": "2026-01-01", "to": "2026-12-31", "siteId": 1, "mediatorId": null});
    let booking = json!({"siteId": 1, "start": start, "residentName": "Awa",
        "residentPhone": "06 12 34 56 78", "reason": "caf", "notes": "Dossier", "createdBy": 1,
        "extra": false, "durationMinutes": null});
    let poster = json!({"kind": "poster", "siteId": 1,
        "options": {"size": "a4", "largePrint": false}});
    let calendar = json!({"scope": {"kind": "site", "siteId": 1}, "withAppointments": true,
        "withNames": false});
    vec![
        ("footprint_mark", json!({"step": "agenda"})),
        ("list_sites", json!({"includeArchived": true})),
        ("site_detail", json!({"id": 1})),
        ("create_site", json!({"input": site})),
        ("update_site", json!({"id": 2, "input": site})),
        ("set_site_archived", json!({"id": 1, "archived": true})),
        (
            "create_permanence",
            json!({"input": {"siteId": 1, "weekday": 7, "startTime": "09:00",
            "endTime": "11:00", "kind": null, "slotMinutes": 30, "capacity": 1,
            "validFrom": "2030-01-01", "validUntil": null, "notes": "Samedi", "mediatorIds": [1]}}),
        ),
        (
            "update_permanence",
            json!({"id": 1, "input": {"siteId": 1, "weekday": 7,
            "startTime": "09:00", "endTime": "11:00", "kind": null, "slotMinutes": 30,
            "capacity": 1, "validFrom": "2030-01-01", "validUntil": null, "notes": null,
            "mediatorIds": [1]}}),
        ),
        ("delete_permanence", json!({"id": 1})),
        (
            "create_closure",
            json!({"input": {"siteId": 1, "startDate": "2030-08-01",
            "endDate": "2030-08-15", "reason": "Congés d'été"}}),
        ),
        ("delete_closure", json!({"id": 1})),
        ("list_mediators", json!({"includeArchived": false})),
        (
            "create_mediator",
            json!({"input": {"name": "Inès Martin", "siteIds": [1, 2]}}),
        ),
        (
            "update_mediator",
            json!({"id": 1, "input": {"name": "Samia B.", "siteIds": [1]}}),
        ),
        ("set_mediator_archived", json!({"id": 2, "archived": true})),
        (
            "agenda",
            json!({"siteId": 1, "date": today, "span": "week"}),
        ),
        (
            "next_free_slots",
            json!({"search": {"siteId": 1, "kind": null, "reason": "caf"},
            "limit": 3}),
        ),
        ("book_appointment", json!({"input": booking})),
        (
            "book_series",
            json!({"input": booking, "everyWeeks": 1, "count": 2}),
        ),
        (
            "set_appointment_status",
            json!({"id": 6, "status": "excused", "by": 1}),
        ),
        ("undo_appointment_status", json!({"id": 2, "by": 1})),
        (
            "reschedule_appointment",
            json!({"id": 6, "start": start, "by": 1}),
        ),
        ("walk_in_queue", json!({"siteId": 1, "date": today})),
        (
            "walk_in_arrive",
            json!({"input": {"siteId": 1, "name": "Awa", "reason": "caf",
            "createdBy": 1}}),
        ),
        ("set_walk_in_status", json!({"id": 1, "status": "seen"})),
        (
            "add_waiting",
            json!({"input": {"siteId": 1, "name": "Awa", "contact": "06 12 34 56 78",
            "reason": "caf", "notes": "Le matin"}}),
        ),
        (
            "resolve_waiting",
            json!({"id": 1, "resolution": "withdrawn"}),
        ),
        ("document_preview", json!({"request": poster})),
        ("save_document", json!({"request": poster})),
        ("print_document", json!({"request": poster})),
        ("list_terms", json!({"includeArchived": true})),
        (
            "add_term",
            json!({"vocabulary": "theme", "label": "Jeux vidéo"}),
        ),
        ("set_term_archived", json!({"id": 31, "archived": true})),
        ("delete_term", json!({"id": 31})),
        (
            "list_visits",
            json!({"filter": {"from": "2026-01-01", "to": "2026-12-31",
            "siteId": 1, "mediatorId": 1}, "limit": 50}),
        ),
        ("record_visit", json!({"input": visit})),
        ("update_visit", json!({"id": 1, "input": visit})),
        ("delete_visit", json!({"id": 1})),
        (
            "visit_draft_from_appointment",
            json!({"appointmentId": 1, "mediatorId": 1}),
        ),
        ("visit_draft_from_visit", json!({"id": 1})),
        ("visit_draft_blank", json!({"siteId": 1, "mediatorId": 1})),
        (
            "follow_beneficiary",
            json!({"input": {"firstName": "Awa", "lastName": "Diallo",
            "phone": "06 12 34 56 78", "email": "awa@exemple.fr", "notes": null,
            "profile": profile, "consent": true, "consentBy": 1}}),
        ),
        (
            "update_beneficiary",
            json!({"id": 1, "input": {"firstName": "Awa",
            "lastName": "Diallo", "phone": null, "email": null, "notes": "Suivie",
            "profile": profile, "consent": true, "consentBy": 1}}),
        ),
        ("search_beneficiaries", json!({"query": "Awa"})),
        ("beneficiary_history", json!({"id": 1})),
        ("activity_stats", json!({"query": query})),
        (
            "stats_period",
            json!({"span": "quarter", "year": 2026, "number": 2}),
        ),
        (
            "save_visits_csv",
            json!({"query": query, "personal": false}),
        ),
        ("save_activity_report", json!({"query": query})),
        ("export_calendar", json!({"request": calendar})),
        ("export_open_data", json!({"format": "csv"})),
        (
            "set_publish_settings",
            json!({"settings": {"folder": null, "publications": [
            {"content": {"kind": "openData", "format": "json"}, "fileName": "lieux.json"}]}}),
        ),
    ]
}

/// Commands without arguments: called once each, they must answer without changing anything.
const NO_ARGUMENTS: &[&str] = &[
    "app_info",
    "vocabularies",
    "visit_vocabularies",
    "publish_status",
];

/// Every command of the generated bindings, so that a new command without a case here fails.
fn commands_of_the_bindings() -> Vec<String> {
    let bindings = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts"),
    )
    .unwrap_or_else(|e| panic!("bindings: {e}"));
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
    std::fs::write(&file, "version précédente").unwrap_or_else(|e| panic!("{e}"));
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
    .unwrap_or_else(|e| panic!("{e}"));
    let saved = dir.path().join("enregistrements");
    std::fs::create_dir(&saved).unwrap_or_else(|e| panic!("{e}"));
    // The save commands write here instead of asking (the end-to-end tests' hook).
    std::env::set_var("PERMANENCES_SAVE_DIR", &saved);
    let base = demo_database(dir.path());
    let start = prepare(&base);
    let calls = valid_calls(&start);

    let mut covered: Vec<&str> = calls.iter().map(|(c, _)| *c).collect();
    covered.extend(NO_ARGUMENTS);
    covered.extend(DIALOG_ONLY);
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
