//! The window's program started where there is no screen (a text console, SSH, a script
//! without a desktop session): it says so in French and ends with a failure status, without
//! the toolkit's panic and its backtrace.

use std::process::Command;

#[test]
fn without_a_screen_the_window_program_says_so_and_fails() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = Command::new(env!("CARGO_BIN_EXE_permanences-app"))
        .arg("--db")
        .arg(dir.path().join("permanences.sqlite3"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("GDK_BACKEND")
        .env_remove("RUST_BACKTRACE")
        // No Wayland socket to fall back on, and the single-instance lock kept in here.
        .env("XDG_RUNTIME_DIR", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .output()
        .expect("the window's program runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "status {:?}, stderr: {stderr}",
        out.status
    );
    assert!(
        stderr.contains(permanences_app::NO_SCREEN),
        "the sentence is missing: {stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "a panic was printed: {stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}
