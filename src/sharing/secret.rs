//! The network's password: kept in the desktop's keyring (the Secret Service: GNOME Keyring,
//! KWallet), never in the database nor so in its backups. Where no keyring answers (a cron job,
//! a bare session), the fronts give it for the session ([`give_password`]): the command line
//! from `PERMANENCES_CALDAV_PASSWORD` or by asking, the app in a small dialog.
//!
//! A password found in the database (written by a version before 0.3) is moved to the keyring
//! the first time the account is read with a keyring answering, and its column blanked then
//! (with SQLite's secure delete, so that no free page keeps it). Without a keyring it stays
//! where it is, used as before, and the status says so: it is never lost silently.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The keyring's service attribute of this program's entries.
pub const SERVICE: &str = "fr.permanences.app";

/// The passwords of this session, per database file: read once from the keyring, or given by
/// the person where none answers (`false`: the keyring does not hold it).
static SESSION: Mutex<Vec<(String, String, bool)>> = Mutex::new(Vec::new());

/// The database files whose password the keyring could not give: the fronts ask for it.
static NEEDED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// What the desk is told when no keyring answers.
pub const NO_KEYRING: &str = "Aucun trousseau de mots de passe (GNOME Keyring, KWallet) ne répond \
    sur cet ordinateur : le mot de passe du serveur du réseau n'est pas enregistré et sera demandé \
    à chaque session.";

fn key(conn: &Connection) -> String {
    conn.path().unwrap_or_default().to_owned()
}

/// The keyring entry's user of an account: the user and server, and the database file (two
/// desks on one computer keep their own).
fn entry_user(conn: &Connection, username: &str, home: &str) -> String {
    format!("{username} @ {home} ({})", key(conn))
}

/// How long the keyring may take to answer. A locked one shows its unlock prompt meanwhile;
/// past this wait the desk goes on as without a keyring for the rest of the session (a prompt
/// answered later still completes what was asked of it).
const KEYRING_WAIT: Duration = Duration::from_secs(5);

/// The keyring did not answer within [`KEYRING_WAIT`] once in this session: not asked again.
static UNRESPONSIVE: AtomicBool = AtomicBool::new(false);

/// Whether a session bus may be there (the Secret Service is on it). Without one, libdbus
/// would start a bus of its own for the X display, and the keyring there would prompt.
fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|d| std::path::Path::new(&d).join("bus").exists())
}

/// Asks the keyring (the entry of `user`), on a thread of its own, for at most
/// [`KEYRING_WAIT`]: `None` when no keyring answered.
fn ask<T: Send + 'static>(
    user: String,
    what: impl FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
) -> Option<keyring::Result<T>> {
    if UNRESPONSIVE.load(Ordering::Relaxed) || !session_bus() {
        return None;
    }
    let (sender, answer) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("keyring".into())
        .spawn(move || {
            let _ = sender.send(keyring::Entry::new(SERVICE, &user).and_then(|e| what(&e)));
        })
        .ok()?;
    match answer.recv_timeout(KEYRING_WAIT) {
        Ok(answered) => Some(answered),
        Err(_) => {
            UNRESPONSIVE.store(true, Ordering::Relaxed);
            None
        }
    }
}

/// Stores `password` in the keyring; whether it is there now.
fn store(user: String, password: &str) -> bool {
    let password = password.to_owned();
    matches!(ask(user, move |e| e.set_password(&password)), Some(Ok(())))
}

fn remember(conn: &Connection, password: &str, in_keyring: bool) {
    let key = key(conn);
    let mut all = SESSION.lock().unwrap_or_else(PoisonError::into_inner);
    all.retain(|(k, _, _)| *k != key);
    all.push((key.clone(), password.to_owned(), in_keyring));
    NEEDED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|k| *k != key);
}

fn in_session(conn: &Connection) -> Option<String> {
    let key = key(conn);
    SESSION
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, p, _)| p.clone())
}

fn forget(conn: &Connection) {
    let key = key(conn);
    SESSION
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|(k, _, _)| *k != key);
    NEEDED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|k| *k != key);
}

/// Where a password was put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kept {
    /// In the desktop's keyring.
    Keyring,
    /// For this session only: no keyring answered.
    Session,
}

/// Keeps the password of a network just joined: in the keyring, or for the session.
pub(super) fn keep(conn: &Connection, username: &str, home: &str, password: &str) -> Kept {
    let kept = store(entry_user(conn, username, home), password);
    remember(conn, password, kept);
    if kept {
        Kept::Keyring
    } else {
        Kept::Session
    }
}

/// The account's password: this session's, else the keyring's, else the one an older version
/// left in the database (`stored`, moved to the keyring when one answers). A French
/// `password` validation error when none is known: the front asks for it.
pub(super) fn password(
    conn: &Connection,
    username: &str,
    home: &str,
    stored: &str,
) -> Result<String> {
    if let Some(p) = in_session(conn) {
        return Ok(p);
    }
    let user = entry_user(conn, username, home);
    if !stored.is_empty() {
        let moved = store(user, stored);
        if moved {
            blank_stored_password(conn)?;
        }
        remember(conn, stored, moved);
        return Ok(stored.to_owned());
    }
    match ask(user, keyring::Entry::get_password) {
        Some(Ok(p)) => {
            remember(conn, &p, true);
            Ok(p)
        }
        failed => {
            let key = key(conn);
            let mut needed = NEEDED.lock().unwrap_or_else(PoisonError::into_inner);
            if !needed.contains(&key) {
                needed.push(key);
            }
            Err(missing(failed.is_some()))
        }
    }
}

/// The French refusal when no password is known; `answered`: a keyring answered, without it.
fn missing(answered: bool) -> Error {
    let why = if answered {
        "Le trousseau de mots de passe de cet ordinateur ne donne pas le mot de passe du serveur \
         du réseau"
    } else {
        "Aucun trousseau de mots de passe (GNOME Keyring, KWallet) ne répond sur cet ordinateur"
    };
    Error::invalid(
        "password",
        format!(
            "{why} : tapez-le quand il est demandé (ou donnez-le dans PERMANENCES_CALDAV_PASSWORD \
             à la ligne de commande). Rien n'a été envoyé ni reçu."
        ),
    )
}

/// Whether the desk must give the password for this session: the keyring could not give it.
pub(super) fn needed(conn: &Connection) -> bool {
    let key = key(conn);
    NEEDED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .contains(&key)
}

/// Whether this session holds a password the keyring does not (no keyring answered).
pub(super) fn session_only(conn: &Connection) -> bool {
    let key = key(conn);
    SESSION
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .any(|(k, _, kept)| *k == key && !kept)
}

/// Removes the account's password from the keyring and from this session (leaving the
/// network). A keyring that does not answer has nothing of it.
pub(super) fn remove(conn: &Connection, username: &str, home: &str) {
    forget(conn);
    // NoEntry, or no keyring: nothing to remove.
    let _ = ask(
        entry_user(conn, username, home),
        keyring::Entry::delete_credential,
    );
}

/// Blanks the password an older version kept in the database, once it is in the keyring:
/// with SQLite's secure delete (the old text zeroed, not left in a free part of the page),
/// then a checkpoint, so that the file (and the backups copied from it) no longer holds it.
pub(super) fn blank_stored_password(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "secure_delete", true)?;
    let blanked = crate::store::db::write(conn, |tx| {
        tx.execute("UPDATE network_account SET password = ''", [])?;
        Ok(())
    });
    conn.pragma_update(None, "secure_delete", false)?;
    blanked?;
    // Another connection reading at this instant may keep the checkpoint from completing:
    // the next one (SQLite's own, or this one at the next move) completes it.
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    Ok(())
}

/// Keeps a password given for this session (the command line's variable or question, the
/// app's dialog), and in the keyring when one answers now.
pub(super) fn given(conn: &Connection, username: &str, home: &str, password: &str) {
    let kept = store(entry_user(conn, username, home), password);
    remember(conn, password, kept);
}
