//! The pictures of the README and of the guide show today's screens: each one they link
//! exists and is in docs/screenshots/manifest.json with the hashes of the sources it shows;
//! a source changed since the picture was taken fails here (`make screenshots` takes the
//! pictures again and rewrites the manifest).

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The pictures of docs/screenshots/ a Markdown text links, by file name.
fn linked(text: &str) -> Vec<String> {
    text.split("](")
        .skip(1)
        .filter_map(|part| part.split(')').next())
        .filter_map(|target| {
            target
                .strip_prefix("docs/screenshots/")
                .or_else(|| target.strip_prefix("../screenshots/"))
        })
        .map(str::to_owned)
        .collect()
}

fn manifest() -> BTreeMap<String, BTreeMap<String, String>> {
    let text = std::fs::read_to_string(root().join("docs/screenshots/manifest.json"))
        .expect("docs/screenshots/manifest.json (written by make screenshots)");
    serde_json::from_str(&text).expect("the manifest is picture → { source: sha256 }")
}

fn all_linked() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    out.extend(
        linked(&readme)
            .into_iter()
            .map(|p| ("README.md".to_owned(), p)),
    );
    for entry in std::fs::read_dir(root().join("docs/guide"))
        .unwrap()
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let name = format!("docs/guide/{}", entry.file_name().to_string_lossy());
        out.extend(linked(&text).into_iter().map(|p| (name.clone(), p)));
    }
    out
}

#[test]
fn the_readme_and_the_guide_link_pictures() {
    let pictures = all_linked();
    assert!(
        pictures.iter().any(|(from, _)| from == "README.md")
            && pictures
                .iter()
                .any(|(from, _)| from.starts_with("docs/guide/")),
        "both the README and the guide show pictures: {pictures:?}"
    );
    assert_eq!(
        linked("![a](docs/screenshots/x.png) et ![b](../screenshots/y.png) [c](autre.md)"),
        vec!["x.png", "y.png"]
    );
}

#[test]
fn every_linked_picture_exists_and_is_not_older_than_what_it_shows() {
    let manifest = manifest();
    let mut stale = Vec::new();
    for (from, picture) in all_linked() {
        assert!(
            root().join("docs/screenshots").join(&picture).is_file(),
            "{from} links docs/screenshots/{picture}, which does not exist (make screenshots)"
        );
        let Some(sources) = manifest.get(&picture) else {
            panic!("{picture} (linked by {from}) is not in docs/screenshots/manifest.json: add it to scripts/screenshots-manifest.py");
        };
        assert!(!sources.is_empty(), "{picture} shows at least one source");
        for (source, recorded) in sources {
            let bytes = std::fs::read(root().join(source))
                .unwrap_or_else(|e| panic!("{source}, shown by {picture}: {e}"));
            let now = format!("{:x}", Sha256::digest(&bytes));
            if &now != recorded {
                stale.push(format!("{picture} ({source})"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "pictures older than the sources they show — run `make screenshots` and look at them: {stale:?}"
    );
}
