use std::path::Path;
use std::process::Command;

fn main() {
    // The command line's files are compiled into this package's binary too (src/main.rs);
    // their man-page test belongs to the core's `permanences` binary only.
    println!("cargo::rustc-cfg=window_binary");
    link_order();
    tauri_build::build();
}

/// Release builds: the functions that the start and the footprint's screen tour run are placed
/// together in the binary (link-order.txt, written by `make link-order`). The kernel maps code
/// 64 KiB around each page that runs: spread over the whole binary, 9 of its 10 MB of code were
/// resident after the tour; together, 3.5 to 3.8 MB (`make footprint`, docs/packaging.md).
///
/// The option is lld's, the linker rustc uses for this target from Rust 1.90 on; with an older
/// rustc (or another target) the binary is linked as before, and the build says so.
fn link_order() {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("link-order.txt");
    println!("cargo::rerun-if-changed={}", list.display());
    if std::env::var("PROFILE").as_deref() != Ok("release") || !list.exists() {
        return;
    }
    let target = std::env::var("TARGET").unwrap_or_default();
    let minor = std::env::var("RUSTC")
        .ok()
        .and_then(|rustc| Command::new(rustc).arg("--version").output().ok())
        .and_then(|out| rustc_minor(&String::from_utf8_lossy(&out.stdout)));
    if target != "x86_64-unknown-linux-gnu" || minor.is_none_or(|m| m < 90) {
        println!(
            "cargo::warning=code order not applied (target {target}, rustc 1.{}): lld is the default linker only on x86_64 Linux from Rust 1.90",
            minor.map_or("?".into(), |m| m.to_string())
        );
        return;
    }
    println!(
        "cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
        list.display()
    );
    // Names the current code no longer has (the list is older than a change) are skipped.
    println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
}

/// 95 from "rustc 1.95.0 (59807616e 2026-04-14)".
fn rustc_minor(version: &str) -> Option<u32> {
    version
        .split_whitespace()
        .nth(1)?
        .split('.')
        .nth(1)?
        .parse()
        .ok()
}
