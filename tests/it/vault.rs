//! Encryption at rest: an encrypted file reveals nothing without its passphrase; setting,
//! changing and removing the passphrase keep the data.

use std::path::{Path, PathBuf};

use crate::common::{assert_refused, site_input, TestResult};
use permanences::records::beneficiary::{self, FollowInput};
use permanences::{network::site, store::db, store::vault, ErrorKind};
use rusqlite::Connection;

const SITE: &str = "Médiathèque Zylberstein-Quatrevents";
const RESIDENT: &str = "Wojciechowska-Barbotin";
const PASS: &str = "le chat dort au soleil";
const OTHER: &str = "la pluie tombe sur Kehl";

/// A database at `dir/permanences.sqlite3` holding one site and one followed person, both
/// with names that appear nowhere else, then closed (WAL checkpointed).
fn filled(dir: &Path, key: Option<&str>) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let path = dir.join("permanences.sqlite3");
    let conn = db::open_keyed(&path, key)?;
    site::create(&conn, &site_input(SITE), crate::common::now())?;
    let who = FollowInput {
        first_name: Some("Odile".into()),
        last_name: Some(RESIDENT.into()),
        consent: true,
        ..FollowInput::default()
    };
    beneficiary::follow(&conn, &who, crate::common::now())?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    Ok(path)
}

/// Every byte of the database and its WAL, as a thief copying the folder would get them.
fn raw_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap_or_default();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(PathBuf::from(wal)).unwrap_or_default());
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn names(path: &Path, key: Option<&str>) -> Result<(String, String), Box<dyn std::error::Error>> {
    let conn = db::open_keyed(path, key)?;
    let site: String = conn.query_row("SELECT name FROM sites", [], |r| r.get(0))?;
    let person: String = conn.query_row("SELECT last_name FROM beneficiaries", [], |r| r.get(0))?;
    Ok((site, person))
}

#[test]
fn a_plain_file_shows_names_in_its_bytes() -> TestResult {
    // The control for the test below: the search does find names in a plain file.
    let dir = tempfile::tempdir()?;
    let path = filled(dir.path(), None)?;
    let bytes = raw_bytes(&path);
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    assert!(contains(&bytes, SITE), "a plain file holds the site name");
    assert!(contains(&bytes, RESIDENT), "a plain file holds the name");
    assert!(!vault::is_encrypted(&path)?);
    Ok(())
}

#[test]
fn an_encrypted_file_shows_no_name_in_its_bytes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = filled(dir.path(), Some(PASS))?;
    let bytes = raw_bytes(&path);
    assert!(bytes.len() > 4096, "the file holds data");
    assert!(
        !contains(&bytes, SITE),
        "the site name must not be readable"
    );
    assert!(
        !contains(&bytes, RESIDENT),
        "a resident's name must not be readable"
    );
    assert!(
        !contains(&bytes, "SQLite format"),
        "not even the SQLite header"
    );
    assert!(vault::is_encrypted(&path)?);
    Ok(())
}

#[test]
fn a_damaged_or_foreign_file_is_not_taken_for_an_encrypted_one() -> TestResult {
    // Whole pages that are not SQLite: text, zeros, a repeated byte. They must be reported
    // as unreadable, not as "protected by a passphrase".
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("autre.sqlite3");
    let text = "Liste des permanences du mardi\n".repeat(256);
    for bytes in [
        vec![b'x'; 4096],
        vec![0; 8192],
        text.as_bytes()[..4096].to_vec(),
    ] {
        std::fs::write(&path, &bytes)?;
        assert!(!vault::is_encrypted(&path)?);
        let err = db::open(&path)
            .err()
            .ok_or("a foreign file must not open")?;
        assert!(!err.to_string().contains("phrase secrète"), "{err}");
    }
    Ok(())
}

#[test]
fn an_encrypted_file_does_not_open_without_its_key() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = filled(dir.path(), Some(PASS))?;
    // As any SQLite program would open it.
    let plain = Connection::open(&path)?;
    let read = plain.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    });
    assert!(read.is_err(), "a keyless reader must not read the schema");
    drop(plain);
    assert_refused(
        db::open(&path),
        ErrorKind::Validation,
        "passphrase",
        "protégée par une phrase secrète",
    );
    Ok(())
}

#[test]
fn a_wrong_passphrase_is_refused_in_french_and_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = filled(dir.path(), Some(PASS))?;
    let before = std::fs::read(&path)?;
    assert_refused(
        db::open_keyed(&path, Some(OTHER)),
        ErrorKind::Validation,
        "passphrase",
        "phrase secrète est incorrecte",
    );
    assert_eq!(std::fs::read(&path)?, before, "the file must be untouched");
    assert_eq!(names(&path, Some(PASS))?, (SITE.into(), RESIDENT.into()));
    Ok(())
}

#[test]
fn setting_changing_and_removing_the_passphrase_keep_the_data() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = filled(dir.path(), None)?;
    let expected = (SITE.to_owned(), RESIDENT.to_owned());

    vault::set_passphrase(&path, PASS, PASS)?;
    assert!(vault::is_encrypted(&path)?);
    assert!(!contains(&raw_bytes(&path), RESIDENT), "encrypted once set");
    assert_eq!(names(&path, Some(PASS))?, expected);

    assert_refused(
        vault::change_passphrase(&path, OTHER, PASS, PASS),
        ErrorKind::Validation,
        "current",
        "incorrecte",
    );
    vault::change_passphrase(&path, PASS, OTHER, OTHER)?;
    assert!(
        db::open_keyed(&path, Some(PASS)).is_err(),
        "old key revoked"
    );
    assert_eq!(names(&path, Some(OTHER))?, expected);

    vault::remove_passphrase(&path, OTHER)?;
    assert!(!vault::is_encrypted(&path)?);
    assert!(contains(&raw_bytes(&path), RESIDENT), "plain again");
    assert_eq!(names(&path, None)?, expected);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("en-cours"))
        .collect();
    assert!(leftovers.is_empty(), "no staging file left: {leftovers:?}");
    Ok(())
}

#[test]
fn a_short_or_mistyped_passphrase_is_refused_in_french() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = filled(dir.path(), None)?;
    assert_refused(
        vault::set_passphrase(&path, "court", "court"),
        ErrorKind::Validation,
        "passphrase",
        "au moins 10 caractères",
    );
    assert_refused(
        vault::set_passphrase(&path, PASS, "le chat dort au soleil !"),
        ErrorKind::Validation,
        "confirmation",
        "pas identiques",
    );
    assert!(!vault::is_encrypted(&path)?, "nothing was encrypted");
    Ok(())
}

#[test]
fn a_crash_before_the_rename_leaves_the_old_file_usable() -> TestResult {
    // What a crash midway leaves: the old file and a half-written staging copy beside it.
    let dir = tempfile::tempdir()?;
    let path = filled(dir.path(), None)?;
    let staging = dir.path().join("permanences.sqlite3.chiffrement-en-cours");
    std::fs::write(&staging, b"half a copy")?;
    assert_eq!(names(&path, None)?, (SITE.into(), RESIDENT.into()));
    // The next attempt starts over and succeeds.
    vault::set_passphrase(&path, PASS, PASS)?;
    assert!(!staging.exists());
    assert_eq!(names(&path, Some(PASS))?, (SITE.into(), RESIDENT.into()));
    Ok(())
}
