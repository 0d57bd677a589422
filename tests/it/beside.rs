//! The app and another program on the same database (the command line beside the open app,
//! as the README shows): what the app writes stays in the file for the others to read, even
//! after the app opened and closed connections of its own (the backup, the daily purge).
//!
//! SQLite's locks are POSIX locks, owned by the process: closing ANY handle on the database
//! file drops all of them, including those of the app's live connection. The next program to
//! close the database then believes it was the last, checkpoints, and deletes the WAL and its
//! index that the app goes on writing to: the app's later writes reach nobody.

use crate::common::tools::cli;
use crate::common::{site_input, TestResult};
use permanences::{network::site, store::db};

/// How many sites the command line, another process, reads in the file.
fn sites_seen_beside(path: &std::path::Path) -> Result<usize, Box<dyn std::error::Error>> {
    let out = cli(path, &["sites", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sites: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    Ok(sites.len())
}

#[test]
fn the_app_s_writes_reach_the_file_after_its_own_second_connection_and_a_program_beside(
) -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("permanences.sqlite3");
    let app = db::open(&path)?;
    site::create(
        &app,
        &site_input("Médiathèque Olympe de Gouges"),
        crate::common::now(),
    )?;

    // The app's backup or purge: a connection of its own, opened and closed.
    drop(db::open(&path)?);
    assert_eq!(
        sites_seen_beside(&path)?,
        1,
        "the command line reads the app's first site"
    );

    site::create(
        &app,
        &site_input("Centre social du Neudorf"),
        crate::common::now(),
    )?;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(
        std::path::Path::new(&wal).exists(),
        "the WAL the app writes to is still there after the command line closed the database"
    );
    assert_eq!(
        sites_seen_beside(&path)?,
        2,
        "a site the app wrote after the command line's visit must be in the file for the next one"
    );
    Ok(())
}

/// Whether another process can take a write lock on the byte range where SQLite keeps its
/// SHARED locks (`sqlite3.c`: PENDING_BYTE 0x40000000 + 2, 510 bytes): it cannot while a
/// connection of this process holds its lock on the file.
fn shared_range_free_beside(path: &std::path::Path) -> Result<bool, Box<dyn std::error::Error>> {
    let probe = "import fcntl, sys\n\
                 f = open(sys.argv[1], 'r+b')\n\
                 try:\n    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000002)\n    print('free')\n\
                 except OSError:\n    print('held')\n";
    let out = std::process::Command::new("python3")
        .args(["-c", probe])
        .arg(path)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).trim() == "free")
}

#[test]
fn a_second_connection_leaves_the_first_one_s_lock_on_the_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("permanences.sqlite3");
    let app = db::open(&path)?;
    // A read transaction kept open: the connection holds its SHARED lock on the file.
    app.execute_batch("BEGIN; SELECT count(*) FROM sites;")?;
    assert!(
        !shared_range_free_beside(&path)?,
        "the app's connection, reading, holds its lock"
    );
    drop(db::open(&path)?);
    assert!(
        !shared_range_free_beside(&path)?,
        "opening and closing a second connection (the backup, the daily purge) must not drop \
         the first one's lock: another program would then delete the WAL it writes to"
    );
    app.execute_batch("COMMIT")?;
    Ok(())
}
