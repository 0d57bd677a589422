//! The README's map of the code, as a test: every folder of the core is in it, and every path
//! and link it names exists (a newcomer follows them).

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("the README")
}

#[test]
fn the_map_names_every_folder_of_the_core() {
    let text = readme();
    let missing: Vec<String> = std::fs::read_dir(root().join("src"))
        .expect("src")
        .flatten()
        .filter(|e| e.path().is_dir() && e.file_name() != "bin")
        .map(|e| format!("`src/{}/`", e.file_name().to_string_lossy()))
        .filter(|folder| !text.contains(folder.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "folders missing from the README's map: {missing:?}"
    );
}

#[test]
fn every_path_and_link_of_the_readme_exists() {
    let text = readme();
    let mut named = Vec::new();
    // Markdown links to files of the repository: [text](path).
    for part in text.split("](").skip(1) {
        let target = &part[..part.find(')').unwrap_or(part.len())];
        if !target.contains("://") && !target.starts_with('#') {
            named.push(target.to_owned());
        }
    }
    // Paths in code spans, in the map and the contributors' notes: `src/sharing/`.
    let roots = [
        "src/",
        "tests/",
        "ui/",
        "docs/",
        "migrations/",
        "benches/",
        "scripts/",
        "tools/",
        "assets/",
        "src-tauri/",
    ];
    for part in text.split('`').skip(1).step_by(2) {
        if roots.iter().any(|r| part.starts_with(r)) && !part.contains(['<', '*', ' ', '…']) {
            named.push(part.to_owned());
        }
    }
    assert!(
        named.len() > 20,
        "the README names the code it describes: {named:?}"
    );
    let missing: Vec<&String> = named.iter().filter(|p| !root().join(p).exists()).collect();
    assert!(
        missing.is_empty(),
        "the README names what is not there: {missing:?}"
    );
}
