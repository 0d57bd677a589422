//! The shell's protections, read from its configuration: a strict content security policy (no
//! remote origin, no `eval`, no inline script), the web view allowed only the app's own
//! commands and core events (no file system, shell or HTTP permission), and one network
//! client only: the core's CalDAV client (`ureq`, in `src/sharing/`), which the desk
//! uses to share its agenda with the network's server it joined. Each check fails if the
//! protection is loosened.

use std::collections::BTreeSet;
use std::error::Error;
use std::path::Path;
use std::process::Command;

type Result = std::result::Result<(), Box<dyn Error>>;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn config() -> std::result::Result<serde_json::Value, Box<dyn Error>> {
    let text = std::fs::read_to_string(manifest_dir().join("tauri.conf.json"))?;
    Ok(serde_json::from_str(&text)?)
}

/// The sources each directive of the policy allows, e.g. "script-src" -> {"'self'"}.
fn directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace().map(str::to_owned);
            let name = words.next()?;
            Some((name, words.collect()))
        })
        .collect()
}

#[test]
fn content_security_policy_allows_nothing_remote_and_no_eval() -> Result {
    let conf = config()?;
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .ok_or("app.security.csp must be set as one string")?;
    let directives = directives(csp);
    let names: BTreeSet<&str> = directives.iter().map(|(n, _)| n.as_str()).collect();
    for required in [
        "default-src",
        "script-src",
        "object-src",
        "base-uri",
        "form-action",
    ] {
        assert!(
            names.contains(required),
            "the policy must set {required}: {csp}"
        );
    }
    for (name, sources) in &directives {
        for source in sources {
            let allowed = match source.as_str() {
                "'self'" | "'none'" => true,
                // Pictures drawn by the app (QR codes, previews) as data: URLs.
                "data:" => name == "img-src",
                // Tauri's own IPC channel, the only thing fetch may reach.
                "ipc:" | "http://ipc.localhost" => name == "connect-src",
                _ => false,
            };
            assert!(
                allowed,
                "{name} allows {source}: no remote origin, wildcard, inline code or eval"
            );
        }
    }
    for (name, sources) in &directives {
        if ["object-src", "base-uri", "form-action"].contains(&name.as_str()) {
            assert_eq!(sources, &["'none'"], "{name} must be 'none'");
        }
    }
    // Tauri adds hashes of its own scripts to this policy; turning that off would drop it.
    assert!(conf["app"]["security"]["dangerousDisableAssetCspModification"].is_null());
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert!(
        conf["build"]["devUrl"].is_null(),
        "the UI is always embedded, never loaded from a server"
    );
    Ok(())
}

#[test]
fn the_web_view_may_only_call_the_app_and_listen_to_events() -> Result {
    let allowed = ["core:event:default", "core:app:default"];
    let mut files = 0;
    for entry in std::fs::read_dir(manifest_dir().join("capabilities"))? {
        let path = entry?.path();
        let cap: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        files += 1;
        assert!(
            cap["remote"].is_null(),
            "{}: no remote page may reach the app's commands",
            path.display()
        );
        assert_eq!(
            cap["windows"],
            serde_json::json!(["main"]),
            "{}",
            path.display()
        );
        for permission in cap["permissions"].as_array().ok_or("permissions: a list")? {
            let name = permission
                .as_str()
                .ok_or("a permission given with a scope object")?;
            assert!(
                allowed.contains(&name),
                "{}: permission {name} is not needed by the web view (files and dialogs go \
                 through the app's own commands)",
                path.display()
            );
        }
    }
    assert!(files > 0, "the capabilities folder must not be empty");
    Ok(())
}

#[test]
fn no_network_client_but_the_caldav_one_is_compiled_into_the_app() -> Result {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-p",
            "permanences-app",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        // `make sweep` runs the tests under libfaketime (LD_PRELOAD); rustc, which cargo
        // starts, deadlocks with it (its jemalloc and libfaketime's start-up), and this test
        // reads no date: the build tools run on the real clock.
        .env_remove("LD_PRELOAD")
        .current_dir(manifest_dir())
        .output()?;
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let crates: BTreeSet<String> = String::from_utf8(out.stdout)?
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    assert!(
        crates.contains("tauri"),
        "the dependency list was read: {crates:?}"
    );
    // The one allowed: ureq, the core's CalDAV client (see the test below).
    assert!(
        crates.contains("ureq"),
        "the CalDAV client is compiled in: {crates:?}"
    );
    let network = [
        "reqwest",
        "hyper",
        "isahc",
        "curl",
        "surf",
        "tungstenite",
        "tokio-tungstenite",
        "tauri-plugin-http",
        "tauri-plugin-websocket",
        "tauri-plugin-upload",
        "tauri-plugin-updater",
        "tauri-plugin-shell",
    ];
    let found: Vec<&&str> = network.iter().filter(|c| crates.contains(**c)).collect();
    assert!(
        found.is_empty(),
        "network or shell crates in the app: {found:?}"
    );
    Ok(())
}

/// The network client is used in one core module only: `src/sharing/` (its requests
/// in `dav/`, its addresses and failures in `url.rs`); the shell and every other module
/// reach the network through it, or not at all.
#[test]
fn the_network_client_lives_in_one_core_module() -> Result {
    let root = manifest_dir().join("..");
    let mut users = Vec::new();
    let mut todo = vec![root.join("src"), root.join("src-tauri").join("src")];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path)?.contains("ureq::")
            {
                users.push(path.strip_prefix(&root)?.display().to_string());
            }
        }
    }
    users.sort();
    assert_eq!(
        users,
        [
            "src/sharing/dav/mod.rs",
            "src/sharing/dav/wire.rs",
            "src/sharing/url.rs"
        ],
        "only the CalDAV client may use ureq"
    );
    Ok(())
}
