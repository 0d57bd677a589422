//! The UI bundle (ui/dist) that tauri embeds in this binary: its context is expanded here,
//! once, for the window and for the command line. The guide's pictures are read from it by
//! name (ui/vite.config.ts emits them as `guide/<name>.png`), so the printed guide and the
//! « Aide » screen share one copy of each picture in the package.

use std::borrow::Cow;

use tauri::utils::assets::AssetKey;
use tauri::{AppHandle, Runtime};

/// The app's context: configuration, icons and the embedded UI bundle.
pub fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

/// Where the bundle keeps the guide's picture `name` (« premiers-pas.png »).
fn guide_key(name: &str) -> String {
    format!("guide/{name}")
}

/// The guide's pictures of the bundle, for the command line (no window, no app handle).
pub fn guide_pictures() -> impl Fn(&str) -> Option<Vec<u8>> {
    let context = context();
    move |name: &str| {
        context
            .assets()
            .get(&AssetKey::from(guide_key(name)))
            .map(Cow::into_owned)
    }
}

/// The guide's picture `name` as the running app serves it to its window.
pub fn guide_picture<R: Runtime>(app: &AppHandle<R>, name: &str) -> Option<Vec<u8>> {
    app.asset_resolver().get(guide_key(name)).map(|a| a.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use permanences::documents::guide::{parse, picture_name, Block, PAGES};

    /// Every picture a page of docs/guide/ links, as the repository has it.
    fn linked() -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/guide");
        PAGES
            .iter()
            .flat_map(|(_, markdown)| parse(markdown))
            .filter_map(|b| match b {
                Block::Picture { src, .. } => Some(src),
                _ => None,
            })
            .map(|src| {
                let bytes = std::fs::read(dir.join(&src)).unwrap_or_default();
                (picture_name(&src).to_owned(), bytes)
            })
            .collect()
    }

    #[test]
    fn the_bundle_carries_each_guide_picture_under_its_name_as_docs_has_it() {
        let pictures = guide_pictures();
        let linked = linked();
        assert!(
            linked.len() >= 11,
            "the guide shows its screens: {linked:?}"
        );
        for (name, bytes) in linked {
            assert!(!bytes.is_empty(), "docs/screenshots/{name} exists");
            assert!(
                pictures(&name) == Some(bytes),
                "ui/dist has guide/{name}, the same bytes as docs/screenshots (rebuild the UI: make ui)"
            );
        }
        assert_eq!(
            pictures("../index.html"),
            None,
            "only the guide's folder is read"
        );
    }
}
