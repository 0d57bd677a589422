//! A full disk or a place where nothing may be written: a clear French message, the data and
//! files already there intact, and the app still usable once there is room again.
//!
//! Tests run as root in CI, where file permissions do not stop writes: a database that may not
//! grow (`PRAGMA max_page_count`), a read-only connection (`PRAGMA query_only`), a path under a
//! regular file, and a file-size limit on the command line (`ulimit -f`, a real EFBIG from the
//! kernel mid-write) work as root and as a user alike.

use std::path::Path;
use std::process::Command;

use crate::common::french::assert_french;
use crate::common::snapshot::{assert_unchanged, snapshot};
use crate::common::TestResult;
use permanences::network::mediator::{self, MediatorInput};
use permanences::records::visit::codes::PlaceType;
use permanences::records::visit::{self, VisitInput};
use permanences::{network::site, store::db, ErrorKind};
use rusqlite::Connection;

fn network(conn: &Connection) -> VisitInput {
    let s = site::create(
        conn,
        &crate::common::site_input("Espace Kuhn"),
        crate::common::now(),
    )
    .unwrap();
    let m = mediator::create(
        conn,
        &MediatorInput {
            name: "Samia Benali".into(),
            site_ids: vec![s.id],
            ..MediatorInput::default()
        },
        crate::common::now(),
    )
    .unwrap();
    let mut v = visit::blank(Some(s.id), Some(m.id), crate::common::now());
    v.themes = vec!["email".into()];
    v.duration_minutes = 30;
    v.place_type = Some(PlaceType::Site);
    v.notes = Some("n".repeat(1900));
    v
}

#[test]
fn a_full_database_refuses_in_french_keeps_its_data_and_recovers() -> TestResult {
    let dir = tempfile::tempdir()?;
    let conn = db::open(&dir.path().join("plein.sqlite3"))?;
    let input = network(&conn);
    for _ in 0..5 {
        visit::record(&conn, &input, crate::common::now())?;
    }
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    // The file may not grow any more: as if the disk were full.
    conn.pragma_update(None, "max_page_count", pages)?;
    let mut refused = None;
    for _ in 0..200 {
        if let Err(e) = visit::record(&conn, &input, crate::common::now()) {
            refused = Some(e);
            break;
        }
    }
    let e = refused.unwrap_or_else(|| panic!("200 visits fitted in a file that may not grow"));
    assert_eq!(e.kind(), ErrorKind::Storage, "{e}");
    let message = e.to_string();
    assert!(
        message.contains("disque de l'ordinateur est plein"),
        "{message}"
    );
    assert_french(&message, "full disk");
    assert!(
        conn.is_autocommit(),
        "the failed transaction must be closed"
    );
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    assert_eq!(check, "ok");
    let n_full = crate::common::count(&conn, "visits");
    // Room again: the same connection writes.
    conn.pragma_update(None, "max_page_count", 1_000_000)?;
    visit::record(&conn, &input, crate::common::now())?;
    assert_eq!(crate::common::count(&conn, "visits"), n_full + 1);
    // What was stored before the disk filled up is all there (the full write left nothing).
    assert!(n_full >= 5);
    Ok(())
}

#[test]
fn a_write_that_does_not_fit_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let conn = db::open(&dir.path().join("plein.sqlite3"))?;
    let input = network(&conn);
    let mut big = input.clone();
    big.kind = permanences::records::visit::codes::VisitKind::Workshop;
    big.workshop_title = Some("Atelier".into());
    big.participants = 12;
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    conn.pragma_update(None, "max_page_count", pages)?;
    // Fill the last free pages, then snapshot: the next write cannot fit.
    while visit::record(&conn, &input, crate::common::now()).is_ok() {}
    let before = snapshot(&conn);
    let e = visit::record(&conn, &big, crate::common::now()).err();
    let e = e.unwrap_or_else(|| panic!("a visit fitted in a full file"));
    assert_eq!(e.kind(), ErrorKind::Storage);
    assert_unchanged(
        &before,
        &snapshot(&conn),
        "a write refused for lack of room",
    );
    Ok(())
}

#[test]
fn a_read_only_database_says_so_in_french() -> TestResult {
    let dir = tempfile::tempdir()?;
    let conn = db::open(&dir.path().join("lecture.sqlite3"))?;
    let input = network(&conn);
    visit::record(&conn, &input, crate::common::now())?;
    let before = snapshot(&conn);
    conn.pragma_update(None, "query_only", true)?;
    let e = visit::record(&conn, &input, crate::common::now()).err();
    let e = e.unwrap_or_else(|| panic!("a read-only connection wrote"));
    assert!(e.to_string().contains("lecture seule"), "{e}");
    assert_french(&e.to_string(), "read-only database");
    assert_unchanged(&before, &snapshot(&conn), "a refused write");
    conn.pragma_update(None, "query_only", false)?;
    visit::record(&conn, &input, crate::common::now())?;
    Ok(())
}

/// A folder path that goes through a regular file: nothing can be created there, as root too.
#[test]
fn saving_where_no_folder_exists_is_refused_in_french() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("note.txt");
    std::fs::write(&file, "je suis un fichier")?;
    let target = file.join("affiche.pdf");
    for (what, result) in [
        (
            "a PDF",
            permanences::store::file::write_atomic(&target, b"%PDF-1.7"),
        ),
        (
            "a calendar",
            permanences::store::file::write_atomic(&target, b"BEGIN:VCALENDAR"),
        ),
    ] {
        let e = result
            .err()
            .unwrap_or_else(|| panic!("{what} wrote under a file"));
        assert_eq!(e.kind(), ErrorKind::Io);
        assert!(e.to_string().contains("rien n'a été écrit"), "{what}: {e}");
        assert_french(&e.to_string(), what);
    }
    assert_eq!(std::fs::read_to_string(&file)?, "je suis un fichier");
    Ok(())
}

/// Set in the child process that runs under a file-size limit.
const LIMITED: &str = "PERMANENCES_FULL_CHILD";

/// Runs in a child under `ulimit -f 4` (4 KB, SIGXFSZ ignored): the kernel refuses with EFBIG
/// the write that goes past the limit, midway through the file, as a full disk does. Both
/// kinds of files the app writes (PDF, CSV; calendars, open data, publishing), all through
/// `store::file::write_atomic`, must keep the previous file and leave no temporary file.
#[test]
fn full_disk_child() -> TestResult {
    let Some(dir) = std::env::var_os(LIMITED) else {
        return Ok(());
    };
    let dir = Path::new(&dir);
    let big = vec![b'x'; 100_000];
    type Writer = fn(&Path, &[u8]) -> permanences::Result<()>;
    let writers: [(&str, Writer); 2] = [
        ("affiche.pdf", permanences::store::file::write_atomic),
        ("calendrier.ics", permanences::store::file::write_atomic),
    ];
    for (name, write) in writers {
        let target = dir.join(name);
        std::fs::write(&target, "version précédente")?;
        let e = write(&target, &big).err();
        let e = e.unwrap_or_else(|| panic!("{name}: 100 KB written under a 4 KB limit"));
        assert_eq!(e.kind(), ErrorKind::Io, "{name}: {e}");
        assert!(e.to_string().contains("Le disque est plein"), "{name}: {e}");
        assert_french(&e.to_string(), name);
        assert_eq!(
            std::fs::read_to_string(&target)?,
            "version précédente",
            "{name}: the previous file must stay as it was"
        );
        let left: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{name}: temporary files left: {left:?}");
        println!("CHECKED {name}");
    }
    Ok(())
}

#[test]
fn files_cut_short_by_a_full_disk_leave_the_previous_file_intact() -> TestResult {
    if std::env::var_os(LIMITED).is_some() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let run = Command::new("bash")
        .arg("-c")
        .arg(
            "trap '' XFSZ; ulimit -f 4; exec \"$0\" disk_full::full_disk_child --exact --nocapture",
        )
        .arg(std::env::current_exe()?)
        .env(LIMITED, dir.path())
        .output()?;
    let out = crate::common::tools::text(&run.stdout);
    assert!(
        run.status.success() && out.matches("CHECKED").count() == 2,
        "child under a 4 KB limit: {out}\n{}",
        crate::common::tools::text(&run.stderr)
    );
    Ok(())
}

/// Standard output that cannot be written (`> /dev/full`): a French message and exit 1, no
/// panic of `println!`.
#[test]
fn output_to_a_full_device_is_a_french_error() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("reseau.sqlite3");
    crate::common::tools::cli_ok(&db, &["demo"]);
    for args in [
        vec!["sites", "list", "--json"],
        vec![
            "stats",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--csv",
        ],
    ] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full")?;
        let run = crate::common::tools::permanences()
            .arg("--db")
            .arg(&db)
            .args(&args)
            .stdout(full)
            .output()?;
        let err = crate::common::tools::text(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_french(&err, "stdout on /dev/full");
    }
    Ok(())
}
