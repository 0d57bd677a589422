//! The architecture as a test: the core's folders read only the folders above them (the map
//! in `src/lib.rs`), no two modules import each other, no source file grows past 450 lines
//! (every line counted), and only the clock reads the wall clock.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The core's folders and top-level modules, in layers: a module reads only its own layer's
/// cross-cutting helpers (layer 0) and the layers before its own.
const LAYERS: &[(&str, u8)] = &[
    ("clock", 0),
    ("error", 0),
    ("fr", 0),
    ("validate", 0),
    ("store", 1),
    ("network", 2),
    ("scheduling", 3),
    ("records", 4),
    ("documents", 5),
    ("exchange", 5),
    ("privacy", 6),
    ("sharing", 6),
    ("sample", 7),
];

const MAX_LINES: usize = 450;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file of the core library (not the command line), with its module path
/// (`src/network/site.rs` is `network::site`, `src/store/backup/mod.rs` is `store::backup`).
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable").flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(src()).expect("under src").to_owned();
            if rel.starts_with("bin") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut parts: Vec<String> = rel
                    .with_extension("")
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
                    parts.pop();
                }
                let text = std::fs::read_to_string(&path).expect("a source file is readable");
                out.insert(parts.join("::"), code_of(&text));
            }
        }
    }
    out
}

/// The text without its comment lines: a doc link to another module is not an import.
fn code_of(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths from the crate's root that the source of `module` names: `crate::…`, and
/// `super::…` resolved from `module`; `use crate::{a::b, c}` groups spread out.
fn crate_paths(module: &str, text: &str) -> Vec<String> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let mut out = Vec::new();
    for (prefix, root) in [("crate::", ""), ("super::", parent)] {
        let mut rest = text;
        while let Some(i) = rest.find(prefix) {
            // `super::super::x` is resolved by its last `super::`: rare enough to skip.
            let before = &rest[..i];
            rest = &rest[i + prefix.len()..];
            if before.ends_with("super::") || before.ends_with('$') {
                continue;
            }
            let items: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(group.len())]
                    .split(',')
                    .map(str::trim)
                    .collect(),
                None => vec![rest],
            };
            for item in items {
                let path = path_of(item);
                out.push(if root.is_empty() {
                    path
                } else {
                    format!("{root}::{path}")
                });
            }
        }
    }
    out
}

/// The leading `a::b::c` of a text.
fn path_of(text: &str) -> String {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text[..end].trim_end_matches(':').to_owned()
}

/// The longest known module a path names: `network::site::SiteId` is `network::site`.
fn module_of(path: &str, known: &BTreeMap<String, String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|m| known.contains_key(m))
}

fn layer(module: &str) -> Option<u8> {
    let top = module.split("::").next().unwrap_or_default();
    LAYERS
        .iter()
        .find(|(name, _)| *name == top)
        .map(|(_, l)| *l)
}

/// Module → the other modules it names (a parent folder naming its children excepted:
/// `mod.rs` declares and re-exports them).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let known = modules();
    known
        .iter()
        .map(|(module, text)| {
            let deps = crate_paths(module, text)
                .iter()
                .filter_map(|p| module_of(p, &known))
                .filter(|d| d != module && !d.starts_with(&format!("{module}::")))
                .filter(|_d| !module.is_empty())
                .collect();
            (module.clone(), deps)
        })
        .collect()
}

#[test]
fn each_folder_reads_only_the_folders_above_it() {
    let mut wrong = Vec::new();
    for (module, deps) in imports() {
        let Some(own) = layer(&module) else { continue };
        for dep in deps {
            let Some(theirs) = layer(&dep) else { continue };
            let same_top = module.split("::").next() == dep.split("::").next();
            if !same_top && theirs >= own && theirs > 0 {
                wrong.push(format!("{module} -> {dep}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers of src/lib.rs: {wrong:#?}"
    );
    assert!(
        modules().keys().all(|m| m.is_empty() || layer(m).is_some()),
        "every folder of src/ has its place in LAYERS (and in the map of src/lib.rs)"
    );
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = imports();
    let mut cycles = Vec::new();
    for (a, deps) in &graph {
        for b in deps {
            // A module and one of its own parents (a `mod.rs` re-exporting it) do not count.
            if a.starts_with(&format!("{b}::")) {
                continue;
            }
            if graph.get(b).is_some_and(|back| back.contains(a)) && a < b {
                cycles.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that import each other: {cycles:#?}"
    );
}

/// Every Rust source file of the core, its command line and the app.
fn source_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack = vec![root.join("src"), root.join("src-tauri/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("a readable folder")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn no_source_file_is_over_450_lines() {
    // Every line counts, comments and tests included: a file is read whole.
    let long: Vec<String> = source_files()
        .iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by concept: {long:#?}");
}

#[test]
fn only_the_clock_reads_the_wall_clock() {
    let readers: Vec<String> = modules()
        .iter()
        .filter(|(m, _)| m.as_str() != "clock")
        .filter(|(_, text)| {
            [
                "Utc::now",
                "Local::now",
                "SystemTime::now",
                "OffsetDateTime::now",
            ]
            .iter()
            .any(|call| text.contains(call))
        })
        .map(|(m, _)| m.clone())
        .collect();
    assert!(
        readers.is_empty(),
        "these modules read the wall clock instead of taking `now`: {readers:?}"
    );
}
