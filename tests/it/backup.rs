//! Backups and restore: copies are complete and pruned; a restore checks the file first,
//! keeps the current database as a backup, and refuses bad files leaving the data as it was.

use std::path::{Path, PathBuf};

use crate::common::{site_input, TestResult};
use chrono::{TimeZone, Utc};
use permanences::{network::site, sample::demo, store::backup, store::db, ErrorKind};
use rstest::rstest;
use rusqlite::Connection;

const PASS: &str = "le chat dort au soleil";

fn at(day: u32, hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("valid date"))
}

fn site_names(path: &Path, key: Option<&str>) -> Vec<String> {
    let conn = db::open_keyed(path, key).unwrap_or_else(|e| panic!("open {path:?}: {e}"));
    let mut stmt = conn
        .prepare("SELECT name FROM sites ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .unwrap()
}

/// A database with the demo network, closed.
fn demo_db(dir: &Path, key: Option<&str>) -> PathBuf {
    let path = dir.join("permanences.sqlite3");
    let conn = db::open_keyed(&path, key).unwrap();
    demo::seed(&conn, crate::common::now()).unwrap();
    path
}

#[test]
fn a_backup_holds_the_same_data_and_the_oldest_are_pruned() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = demo_db(dir.path(), None);
    let conn = db::open(&path)?;
    backup::set_keep_count(&conn, 3)?;
    for day in 1..=5 {
        backup::create_in_folder(&conn, None, &path, at(day, 9))?;
    }
    let kept: Vec<String> = backup::list(&path)?.into_iter().map(|b| b.name).collect();
    assert_eq!(
        kept,
        [
            "permanences-2026-11-05-090000.sqlite3",
            "permanences-2026-11-04-090000.sqlite3",
            "permanences-2026-11-03-090000.sqlite3",
        ],
        "the newest three are kept, newest first"
    );
    let newest = backup::folder(&path).join(&kept[0]);
    // The copy is a self-contained file: no WAL beside it, readable by plain SQLite.
    let copy = Connection::open(&newest)?;
    let mode: String = copy.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    assert_eq!(mode, "delete");
    drop(copy);
    assert_eq!(site_names(&newest, None), site_names(&path, None));
    assert_eq!(
        backup::next_due(&path)?,
        at(6, 9),
        "the next automatic backup is a day after the newest"
    );
    Ok(())
}

#[test]
fn a_backup_is_due_at_start_unless_one_is_less_than_an_hour_old() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = demo_db(dir.path(), None);
    assert!(
        backup::due_at_start(&path, at(1, 9))?,
        "none yet: one at start"
    );
    assert_eq!(backup::next_due(&path)?, chrono::DateTime::<Utc>::MIN_UTC);
    let conn = db::open(&path)?;
    backup::create_in_folder(&conn, None, &path, at(1, 9))?;
    assert!(
        !backup::due_at_start(&path, at(1, 9) + chrono::Duration::minutes(30))?,
        "a restart half an hour later takes none"
    );
    assert!(
        backup::due_at_start(&path, at(1, 10))?,
        "an hour later, the start takes one again"
    );
    Ok(())
}

#[test]
fn two_backups_in_the_same_second_are_both_kept() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = demo_db(dir.path(), None);
    let conn = db::open(&path)?;
    let first = backup::create_in_folder(&conn, None, &path, at(1, 9))?;
    let second = backup::create_in_folder(&conn, None, &path, at(1, 9))?;
    assert_ne!(
        first.name, second.name,
        "the second does not replace the first"
    );
    assert_eq!(backup::list(&path)?.len(), 2);
    Ok(())
}

#[test]
fn keeping_zero_or_too_many_backups_is_refused() -> TestResult {
    let conn = crate::common::conn();
    crate::common::assert_refused(
        backup::set_keep_count(&conn, 0),
        ErrorKind::Validation,
        "keep",
        "entre 1 et 100",
    );
    assert_eq!(backup::keep_count(&conn)?, 10, "the default is 10");
    Ok(())
}

#[test]
fn an_encrypted_database_has_encrypted_backups() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = demo_db(dir.path(), Some(PASS));
    let conn = db::open_keyed(&path, Some(PASS))?;
    let file = backup::create_in_folder(&conn, Some(PASS), &path, at(1, 9))?;
    let copy = backup::folder(&path).join(file.name);
    let bytes = std::fs::read(&copy)?;
    let name = site_names(&path, Some(PASS))[0].clone();
    assert!(
        !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
        "a site name must not be readable in an encrypted backup"
    );
    assert!(db::open(&copy).is_err(), "no key, no reading");
    assert_eq!(site_names(&copy, Some(PASS)), site_names(&path, Some(PASS)));
    Ok(())
}

#[test]
fn restore_shows_counts_keeps_the_current_file_and_puts_the_backup_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = demo_db(dir.path(), None);
    let conn = db::open(&path)?;
    let file = backup::create_in_folder(&conn, None, &path, at(1, 9))?;
    let saved = backup::folder(&path).join(&file.name);
    site::create(
        &conn,
        &site_input("Lieu ajouté après la sauvegarde"),
        crate::common::now(),
    )?;
    let expected: (i64, i64, i64, i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM sites) - 1, (SELECT count(*) FROM permanences),
                (SELECT count(*) FROM appointments), (SELECT count(*) FROM visits),
                (SELECT count(*) FROM beneficiaries)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    drop(conn);

    let summary = backup::inspect(&path, &saved, None)?;
    let counts = (
        summary.sites,
        summary.permanences,
        summary.appointments,
        summary.visits,
        summary.followed,
    );
    assert_eq!(counts, expected, "the summary counts what the backup holds");
    assert!(
        counts.3 > 0 && counts.4 > 0,
        "the demo has visits and followed people"
    );
    assert!(!summary.encrypted);

    backup::restore(&path, &saved, None, crate::common::now())?;
    let names = site_names(&path, None);
    assert!(!names.iter().any(|n| n.contains("après la sauvegarde")));
    assert_eq!(i64::try_from(names.len())?, expected.0);
    // The file replaced was backed up first, with the site added since.
    let kept = backup::list(&path)?;
    assert_eq!(
        kept.len(),
        2,
        "the backup restored and the one of the replaced file"
    );
    let before_restore = backup::folder(&path).join(&kept[0].name);
    assert!(site_names(&before_restore, None)
        .iter()
        .any(|n| n.contains("après la sauvegarde")));
    Ok(())
}

/// A bad candidate file, written into `dir`.
fn bad_file(dir: &Path, case: &str, good: &Path) -> PathBuf {
    let file = dir.join(format!("{case}.sqlite3"));
    let write = |bytes: &[u8]| std::fs::write(&file, bytes).unwrap();
    match case {
        "truncated" => {
            let bytes = std::fs::read(good).unwrap();
            write(&bytes[..bytes.len() / 3]);
        }
        "garbage" => write(&b"PK\x03\x04 pas une base ".repeat(300)),
        "foreign" => {
            let other = Connection::open(&file).unwrap();
            other
                .execute_batch(
                    "CREATE TABLE recettes (nom TEXT); INSERT INTO recettes VALUES ('tarte');",
                )
                .unwrap();
        }
        "newer" => {
            std::fs::copy(good, &file).unwrap();
            let c = Connection::open(&file).unwrap();
            c.pragma_update(None, "user_version", 999).unwrap();
        }
        "wrong_passphrase" => {
            let c = db::open_keyed(&file, Some("une tout autre phrase")).unwrap();
            demo::seed(&c, crate::common::now()).unwrap();
            c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        }
        _ => panic!("unknown case {case}"),
    }
    file
}

#[rstest]
#[case::truncated("truncated", "abîmé")]
#[case::garbage("garbage", "pas une base de données SQLite lisible")]
#[case::foreign("foreign", "pas une base de données de Permanences")]
#[case::newer("newer", "version plus récente")]
#[case::wrong_passphrase("wrong_passphrase", "phrase secrète est incorrecte")]
fn a_bad_file_is_refused_and_the_data_is_unchanged(
    #[case] case: &str,
    #[case] words: &str,
) -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = demo_db(dir.path(), Some(PASS));
    let conn = db::open_keyed(&path, Some(PASS))?;
    let good = backup::folder(&path)
        .join(backup::create_in_folder(&conn, Some(PASS), &path, at(1, 9))?.name);
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    drop(conn);
    let plain_good = dir.path().join("plain.sqlite3");
    backup::create(
        &db::open(&demo_db(&dir.path().join("p"), None))?,
        None,
        &plain_good,
    )?;
    let candidate = bad_file(dir.path(), case, &plain_good);
    let before = std::fs::read(&path)?;
    let backups_before = backup::list(&path)?;

    for result in [
        backup::inspect(&path, &candidate, Some(PASS)).map(|_| ()),
        backup::restore(&path, &candidate, Some(PASS), crate::common::now()).map(|_| ()),
    ] {
        let message = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains(words), "{case}: message was « {message} »");
    }
    assert_eq!(
        std::fs::read(&path)?,
        before,
        "{case}: the database is untouched"
    );
    assert_eq!(
        backup::list(&path)?,
        backups_before,
        "{case}: no backup added"
    );
    assert!(good.exists());
    let leftovers = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("en-cours"))
        .count();
    assert_eq!(leftovers, 0, "{case}: no staging file left");
    Ok(())
}
