//! One writer per table, as a test: every SQL statement of the core, the app and the command
//! line that writes a table (`INSERT`, `UPDATE`, `DELETE`, `REPLACE`) is in the module that
//! owns the table. Other modules call the owner's functions: what arrives from a CalDAV
//! server or a gathered file is then checked, kept in the history and indexed like a
//! person's entry.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each table's owner: the module (or folder) whose files may write it.
const OWNERS: &[(&str, &str)] = &[
    // store: the file itself and its backups.
    ("data_version", "store"),
    ("backup_settings", "store::backup"),
    // network: places, people, weekly permanences, closures.
    ("sites", "network::site"),
    ("site_services", "network::site"),
    ("site_publics", "network::site"),
    ("mediators", "network::mediator"),
    ("site_mediators", "network"),
    ("permanences", "network::permanence"),
    ("permanence_mediators", "network::permanence"),
    ("closures", "network::closure"),
    // scheduling: appointments, their history and search keys, walk-ins, the waiting list.
    ("appointments", "scheduling"),
    ("appointment_events", "scheduling::appointment"),
    ("appointment_names", "scheduling"),
    ("walk_ins", "scheduling::walk_in"),
    ("waiting_list", "scheduling::waiting"),
    ("unavailabilities", "scheduling::unavailable"),
    ("mediator_absences", "scheduling::absence"),
    // records: visits, followed people, the terms of the activity report, and the activities
    // gathered from the other desks (with their daily sums, the statistics' own).
    ("visits", "records::visit"),
    ("visit_terms", "records::visit"),
    ("visit_participants", "records::visit"),
    ("beneficiaries", "records::beneficiary"),
    ("terms", "records::visit::terms"),
    ("gathered_days", "records::stats"),
    ("desks", "records::gathered"),
    ("gathered_sites", "records::gathered"),
    ("gathered_people", "records::gathered"),
    ("gathered_visits", "records::gathered"),
    ("gathered_participants", "records::gathered"),
    ("gathered_appointments", "records::gathered"),
    // exchange: published files, open-data sources, and the activity files of the desks
    // (this desk's identity in them, the gathering folder and the files read from it).
    ("publish_folder", "exchange::publish"),
    ("publications", "exchange::publish"),
    ("site_source", "exchange::opendata"),
    ("activity_version", "exchange::activities"),
    ("desk", "exchange::activities"),
    ("gathering", "exchange::activities"),
    ("gathered_files", "exchange::activities"),
    // privacy: retention settings and the purges made.
    ("retention", "privacy::retention"),
    ("purges", "privacy::retention"),
    // sharing: the network's account and everything it keeps of the server.
    ("network_account", "sharing"),
    ("network_sites", "sharing"),
    ("network_uids", "sharing"),
    ("network_resources", "sharing"),
    ("network_claims", "sharing"),
    ("network_outbox", "sharing"),
    ("network_conflicts", "sharing"),
    ("network_marks", "sharing"),
    ("network_tombstones", "sharing"),
    ("network_mediator_calendars", "sharing"),
];

/// Writers outside the owner, each by design, with why.
const ALLOWED: &[(&str, &str, &str)] = &[
    // Erasing personal data reaches every table that holds some: the retention purge and a
    // person's right to erasure are the privacy area's whole purpose.
    ("privacy", "appointments", "erasure"),
    ("privacy", "visits", "erasure"),
    ("privacy", "beneficiaries", "erasure"),
    ("privacy", "walk_ins", "erasure"),
    ("privacy", "waiting_list", "erasure"),
    // A migration's step in code fills what a new column or table needs, once.
    ("store::backfill", "appointment_names", "migration"),
    ("store::backfill", "appointments", "migration"),
    // The large networks of the benchmarks are written in bulk (a million rows).
    ("sample::generate", "*", "bulk data for benchmarks"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every source file of the core, its command line and the app, with its module path
/// (`src/network/site.rs` is `network::site`; the fronts are `bin::…` and `app::…`).
/// Modules compiled for tests only (`#[cfg(test)] mod …` in their parent): left out.
const TEST_ONLY: &[&str] = &["app::bad_input"];

fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (dir, prefix) in [("src", ""), ("src-tauri/src", "app")] {
        let base = root().join(dir);
        let mut stack = vec![base.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("a readable folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let rel = path.strip_prefix(&base).expect("under its folder");
                    let mut parts: Vec<String> = std::iter::once(prefix.to_owned())
                        .filter(|p| !p.is_empty())
                        .chain(
                            rel.with_extension("")
                                .iter()
                                .map(|p| p.to_string_lossy().into_owned()),
                        )
                        .collect();
                    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
                        parts.pop();
                    }
                    let module = parts.join("::");
                    if TEST_ONLY.iter().any(|t| within(&module, t)) {
                        continue;
                    }
                    let text = std::fs::read_to_string(&path).expect("a readable file");
                    out.push((module, text));
                }
            }
        }
    }
    out
}

/// The tables the schema creates.
fn tables() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("migrations"))
        .expect("migrations")
        .flatten()
    {
        let sql = std::fs::read_to_string(entry.path()).expect("a migration");
        let upper = sql.to_uppercase();
        let mut rest = upper.as_str();
        while let Some(i) = rest.find("CREATE TABLE ") {
            rest = &rest[i + "CREATE TABLE ".len()..];
            let name = rest.trim_start_matches("IF NOT EXISTS ");
            let end = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(name.len());
            out.insert(name[..end].to_lowercase());
        }
    }
    out
}

/// The tables that the SQL of `text` writes (Rust comments and test modules left out: a
/// test sets up its data as it needs).
fn written(text: &str, tables: &BTreeSet<String>) -> BTreeSet<String> {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        .to_uppercase();
    let mut out = BTreeSet::new();
    for verb in [
        "INSERT INTO ",
        "INSERT OR IGNORE INTO ",
        "INSERT OR REPLACE INTO ",
        "REPLACE INTO ",
        "UPDATE ",
        "DELETE FROM ",
    ] {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(verb) {
            rest = &rest[i + verb.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let name = rest[..end].to_lowercase();
            if tables.contains(&name) {
                out.insert(name);
            }
        }
    }
    out
}

/// Whether `module` is `owner` or inside it.
fn within(module: &str, owner: &str) -> bool {
    module == owner || module.starts_with(&format!("{owner}::"))
}

/// Every write of a table by a module that does not own it, and is not allowed to.
fn trespasses(sources: &[(String, String)]) -> Vec<String> {
    let tables = tables();
    let owners: BTreeMap<&str, &str> = OWNERS.iter().copied().collect();
    let mut wrong = Vec::new();
    for (module, text) in sources {
        for table in written(text, &tables) {
            let Some(owner) = owners.get(table.as_str()) else {
                wrong.push(format!(
                    "{module} writes {table}, which has no owner in OWNERS"
                ));
                continue;
            };
            let allowed = ALLOWED
                .iter()
                .any(|(m, t, _)| within(module, m) && (*t == "*" || *t == table));
            if !within(module, owner) && !allowed {
                wrong.push(format!("{module} writes {table}, owned by {owner}"));
            }
        }
    }
    wrong
}

#[test]
fn each_table_is_written_by_its_owner_only() {
    let wrong = trespasses(&sources());
    assert!(
        wrong.is_empty(),
        "go through the owner's functions instead: {wrong:#?}"
    );
}

#[test]
fn every_table_has_one_owner() {
    let owned: BTreeSet<String> = OWNERS.iter().map(|(t, _)| (*t).to_owned()).collect();
    let missing: Vec<String> = tables().difference(&owned).cloned().collect();
    assert!(missing.is_empty(), "tables without an owner: {missing:?}");
}

#[test]
fn a_module_writing_another_areas_table_is_found() {
    // The check itself, on a module that writes the appointments from the sharing area (what
    // `sharing::pull` did before it went through `scheduling::appointment::receive`).
    let trespassing = vec![(
        "sharing::pull".to_owned(),
        r#"tx.execute("UPDATE appointments SET status = 'revoked' WHERE id = ?1", [id])?;"#
            .to_owned(),
    )];
    assert_eq!(
        trespasses(&trespassing),
        vec!["sharing::pull writes appointments, owned by scheduling".to_owned()],
        "a write of another area's table must be reported"
    );
}
