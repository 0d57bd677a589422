//! One version everywhere: the workspace's (what `--version` and « À propos » show), the
//! desktop bundle's (the Debian package's), the UI package's, and the newest release of
//! CHANGELOG.md, from which the package's changelog and AppStream release notes are drawn.

use std::path::Path;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect("readable");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn every_manifest_and_the_changelog_name_the_same_version() {
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        json("src-tauri/tauri.conf.json")["version"].as_str(),
        Some(version),
        "the package is built with the workspace's version"
    );
    assert_eq!(json("ui/package.json")["version"].as_str(), Some(version));
    let changelog = std::fs::read_to_string(root().join("CHANGELOG.md")).expect("CHANGELOG.md");
    let newest = changelog
        .lines()
        .find(|l| l.starts_with("## [") && !l.contains("Non publié"))
        .expect("a released version");
    assert!(
        newest.starts_with(&format!("## [{version}] - ")),
        "the newest release of CHANGELOG.md is this version: {newest}"
    );
}

#[test]
fn the_package_notes_are_drawn_from_the_changelog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let metainfo = dir.path().join("metainfo.xml");
    let made = std::process::Command::new("python3")
        .arg(root().join("scripts/packaging.py"))
        .arg("metainfo")
        .arg(&metainfo)
        .status()
        .expect("python3 runs");
    assert!(made.success(), "scripts/packaging.py metainfo");
    let xml = std::fs::read_to_string(&metainfo).expect("written");
    let version = env!("CARGO_PKG_VERSION");
    let first = xml.find("<release ").expect("releases listed");
    assert!(
        xml[first..].starts_with(&format!("<release version=\"{version}\" date=\"")),
        "the newest release comes first"
    );
    assert!(xml.contains("<release version=\"0.1.0\" date=\"2026-11-29\">"));
    assert!(
        xml.contains("Paramètres › À propos : la version et la licence."),
        "a CHANGELOG line is a release note"
    );
}
