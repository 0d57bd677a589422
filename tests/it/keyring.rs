//! The network's password in the desktop's keyring (issue 26), against a real GNOME Keyring:
//! `scripts/keyring.sh` (`make test-keyring`, part of `make test`) runs these in a private
//! D-Bus session with an unlocked `gnome-keyring-daemon`, and checks with `secret-tool`.
//! Without that session they are ignored, and say why.

use std::path::Path;
use std::process::Command;

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, desk, with_site};
use crate::common::tools::cli;
use permanences::sharing;

/// What `secret-tool` finds of this program's entries (labels, attributes and secrets).
fn keyring_entries() -> String {
    let out = Command::new("secret-tool")
        .args([
            "search",
            "--all",
            "--unlock",
            "service",
            sharing::KEYRING_SERVICE,
        ])
        .output()
        .expect("secret-tool (libsecret-tools) is installed by scripts/setup.sh");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Whether `needle` is anywhere in the file's bytes (what `strings` would show, and more).
fn holds(file: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(file).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The database file and its WAL.
fn files(db: &Path) -> Vec<std::path::PathBuf> {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    vec![db.to_owned(), wal.into()]
}

#[test]
#[ignore = "needs a Secret Service: run by scripts/keyring.sh (make test-keyring)"]
fn join_keeps_the_password_in_the_keyring_never_in_the_database_and_leave_removes_it() {
    let server = DavServer::start(Kind::Radicale);
    let a = desk();
    with_site(&a, 1);
    desk::join(&a, &server);
    let password = server.password();
    let db = a.path.to_string_lossy().into_owned();

    let found = keyring_entries();
    assert!(
        found.contains(&format!("secret = {password}")) && found.contains(&db),
        "the join put the password in the keyring, under this database: {found}"
    );
    let stored: String = a
        .conn
        .query_row("SELECT password FROM network_account", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "", "the database's column stays empty");
    let backup = a.dir.path().join("copie.sqlite3");
    permanences::store::backup::create(&a.conn, None, &backup).expect("a backup");
    for file in files(&a.path).iter().chain([&backup]) {
        assert!(
            !holds(file, password),
            "{} must not hold the password",
            file.display()
        );
    }

    // Another program (the command line from cron) reads it from the keyring: no variable,
    // no terminal to ask on.
    let out = cli(&a.path, &["sync"]);
    assert!(
        out.status.success(),
        "sync with the keyring's password: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = cli(&a.path, &["network", "leave"]);
    assert!(out.status.success());
    assert!(
        !keyring_entries().contains(&db),
        "leaving removed it from the keyring"
    );
}

#[test]
#[ignore = "needs a Secret Service: run by scripts/keyring.sh (make test-keyring)"]
fn an_upgraded_database_moves_its_password_to_the_keyring_and_clears_the_column() {
    let server = DavServer::start(Kind::Radicale);
    let a = desk();
    with_site(&a, 1);
    desk::join(&a, &server);
    let password = server.password();
    let db = a.path.to_string_lossy().into_owned();
    // As 0.2.0 left it: the password in the column, nothing in the keyring.
    a.conn
        .execute("UPDATE network_account SET password = ?1", [password])
        .unwrap();
    let cleared = Command::new("secret-tool")
        .args(["clear", "service", sharing::KEYRING_SERVICE])
        .status()
        .unwrap();
    assert!(cleared.success());
    assert!(!keyring_entries().contains(&db));
    assert!(
        files(&a.path).iter().any(|f| holds(f, password)),
        "the old version's file holds it (else this test proves nothing)"
    );
    drop(a.conn);

    // The first sync of the new version, in a program of its own.
    let out = cli(&a.path, &["sync"]);
    assert!(
        out.status.success(),
        "sync after the upgrade: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        keyring_entries().contains(&format!("secret = {password}")),
        "moved to the keyring"
    );
    let conn = permanences::store::db::open(&a.path).unwrap();
    let stored: String = conn
        .query_row("SELECT password FROM network_account", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "", "the column is cleared");
    drop(conn);
    for file in files(&a.path) {
        assert!(
            !holds(&file, password),
            "{} must no longer hold the password",
            file.display()
        );
    }
}
