//! The one error type of the core, and its typed form for the user interface.

use serde::Serialize;
use specta::Type;

/// Every failure the core reports. Messages are French and meant for the person using the
/// app: they say what happened and what to do, and never contain a resident's personal data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks a rule; `field` names the input field (camelCase, as the UI knows it).
    #[error("{message}")]
    Validation {
        field: &'static str,
        message: String,
    },
    /// The input is valid alone but clashes with what is stored (an overlapping permanence…).
    #[error("{message}")]
    Conflict {
        field: &'static str,
        message: String,
    },
    /// The record asked for does not exist (or no longer does).
    #[error("{0}")]
    NotFound(String),
    /// The database file cannot be used as it is (unreadable, newer version…).
    #[error("{0}")]
    Database(String),
    /// SQLite failed in a way the user cannot fix by changing the input. A full disk, a
    /// read-only file and a failing disk get their own message; nothing was written (the
    /// transaction was rolled back).
    #[error("{}", storage_message(.0))]
    Storage(#[from] rusqlite::Error),
    /// A file could not be read or written (a full disk and a protected folder named as such).
    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
    /// The network server (CalDAV) could not be reached or refused the request; the message
    /// says what is wrong in French and never carries the password.
    #[error("{0}")]
    Network(String),
}

/// What the user reads for a failure of SQLite.
fn storage_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DiskFull) => "Le disque de l'ordinateur est plein : la modification n'a pas été \
             enregistrée, les données déjà saisies sont intactes. Libérez de la place (ou \
             demandez à votre coordination), puis réessayez."
            .to_owned(),
        Some(C::ReadOnly) => "Le fichier des données est en lecture seule : la modification \
             n'a pas été enregistrée. Vérifiez les droits du dossier des données ou demandez de \
             l'aide à votre coordination."
            .to_owned(),
        Some(C::SystemIoFailure) => "Le disque n'a pas pu être lu ou écrit : la modification \
             n'a pas été enregistrée. Vérifiez que le disque (ou la clé USB) est bien branché, \
             puis réessayez."
            .to_owned(),
        // A chosen record (site, mediator, appointment…) that does not exist or no longer does.
        Some(C::ConstraintViolation) if extended_code(e) == Some(FOREIGN_KEY) => {
            "Un élément choisi (lieu, médiateur, rendez-vous…) n'existe pas ou plus : rien n'a \
             été enregistré. Rechargez l'écran et choisissez-le à nouveau."
                .to_owned()
        }
        Some(C::ConstraintViolation) => "Une valeur saisie n'est pas acceptée : rien n'a été \
             enregistré. Vérifiez le formulaire et réessayez."
            .to_owned(),
        Some(C::DatabaseBusy | C::DatabaseLocked) => "Les données sont occupées par un autre \
             programme (la ligne de commande, une sauvegarde ?) : réessayez dans un instant."
            .to_owned(),
        // The detail (from SQLite, in English) is kept at the end, for whoever gives support.
        _ => format!(
            "Les données n'ont pas pu être lues ou enregistrées. Réessayez ; si cela recommence, \
             demandez de l'aide à votre coordination. (Détail : {e})"
        ),
    }
}

/// SQLITE_CONSTRAINT_FOREIGNKEY.
const FOREIGN_KEY: std::ffi::c_int = 787;

fn extended_code(e: &rusqlite::Error) -> Option<std::ffi::c_int> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.extended_code),
        _ => None,
    }
}

/// What the user reads for a failure to read or write a file.
fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull | K::FileTooLarge | K::QuotaExceeded => "Le disque est plein : le fichier \
             n'a pas été écrit et l'ancien, s'il existait, est resté tel quel. Libérez de la place \
             ou choisissez un autre emplacement."
            .to_owned(),
        K::PermissionDenied | K::ReadOnlyFilesystem => "L'application n'a pas le droit d'écrire \
             à cet endroit (dossier protégé ou support en lecture seule) : rien n'a été modifié. \
             Choisissez un autre dossier."
            .to_owned(),
        K::NotFound | K::NotADirectory => "Ce fichier ou ce dossier n'existe pas (ou le chemin \
             passe par un fichier) : rien n'a été écrit. Vérifiez le chemin ou choisissez un \
             autre dossier."
            .to_owned(),
        // The detail may be English (from the system): kept at the end, for support.
        _ => format!(
            "Le fichier n'a pas pu être lu ou écrit. Vérifiez qu'il existe et qu'il n'est pas \
             ouvert ailleurs. (Détail : {e})"
        ),
    }
}

/// Shorthand used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The stable category of an error, for the UI to branch on (never on message text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    Validation,
    Conflict,
    NotFound,
    Database,
    Storage,
    Io,
    Network,
}

/// An error as it crosses the IPC edge: `{ kind, message, field }`.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub message: String,
    /// The input field at fault, when there is one.
    pub field: Option<String>,
}

impl Error {
    /// A validation error on `field`.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Validation {
            field,
            message: message.into(),
        }
    }

    /// The stable category of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation { .. } => ErrorKind::Validation,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Database(_) => ErrorKind::Database,
            Error::Storage(_) => ErrorKind::Storage,
            Error::Io(_) => ErrorKind::Io,
            Error::Network(_) => ErrorKind::Network,
        }
    }

    /// The input field at fault, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Validation { field, .. } | Error::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport {
            kind: e.kind(),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
        }
    }
}

impl From<Error> for ErrorReport {
    fn from(e: Error) -> Self {
        ErrorReport::from(&e)
    }
}

/// A row of an imported file that was not imported (an open-data row, a gathered activity),
/// the others being imported.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RefusedRow {
    /// CSV: line in the file; JSON: position in the array (from 1).
    pub line: u32,
    /// "Ligne 4 : Code postal : cinq chiffres…".
    pub message: String,
}
