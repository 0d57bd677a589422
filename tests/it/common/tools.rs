//! The independent checkers (Python in .venv, Node in ui/node_modules), run as programs.
//! `make test` installs them (scripts/setup.sh); a missing one FAILS the test, loudly.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `tests/<script>` with the project's Python and returns its standard output as JSON.
pub fn python(script: &str, args: &[&Path]) -> serde_json::Value {
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `make test` (scripts/setup.sh test creates it)",
        python.display()
    );
    let mut cmd = Command::new(&python);
    cmd.arg(root().join("tests").join(script)).args(args);
    checked(cmd, script)
}

/// Runs `ui/tools/<script>` with Node (ical.js comes from ui/node_modules).
pub fn node(script: &str, args: &[&str]) -> serde_json::Value {
    let module = root().join("ui/node_modules/ical.js");
    assert!(
        module.exists(),
        "{} is missing: run `make test` (it runs npm ci in ui/)",
        module.display()
    );
    let mut cmd = Command::new("node");
    cmd.arg(root().join("ui/tools").join(script)).args(args);
    checked(cmd, script)
}

fn checked(mut cmd: Command, name: &str) -> serde_json::Value {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{name} could not start (make test installs it): {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{name} refused the file: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{name} printed no JSON summary ({e}): {stdout}"))
}

/// `frictionless validate --trusted FILE --schema <the standard>`: whether it passes, and its
/// report (row and field of each error). A `.json` file is read as a table (an array of
/// objects), not as a Frictionless descriptor.
pub fn frictionless(file: &Path) -> (bool, String) {
    let bin = root().join(".venv/bin/frictionless");
    assert!(
        bin.exists(),
        "{} is missing: run `make test` (scripts/setup.sh test installs it)",
        bin.display()
    );
    let schema = root().join("assets/standards/lieux-mediation-numerique.schema.json");
    let out = Command::new(&bin)
        .args(["validate", "--trusted"])
        .args(match file.extension().and_then(|e| e.to_str()) {
            Some("json") => &["--type", "table", "--format", "json"][..],
            _ => &[],
        })
        .arg(file)
        .arg("--schema")
        .arg(&schema)
        .output()
        .expect("frictionless could not start");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), report)
}

/// The `permanences` command line, its clock pinned to [`super::PINNED`].
pub fn permanences() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_permanences"));
    command.env(permanences::clock::PIN_VARIABLE, super::PINNED);
    command
}

/// Runs the `permanences` command line on `db`.
pub fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    permanences()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("cannot start permanences")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the command line, requires success, and returns its standard output.
pub fn cli_ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}
