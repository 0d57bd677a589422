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
    /// SQLite failed in a way the user cannot fix by changing the input.
    // The detail (from SQLite, in English) is kept at the end, for whoever gives support.
    #[error(
        "Les données n'ont pas pu être lues ou enregistrées. Réessayez ; si cela recommence, \
         demandez de l'aide à votre coordination. (Détail : {0})"
    )]
    Storage(#[from] rusqlite::Error),
    /// A file could not be read or written.
    #[error(
        "Le fichier n'a pas pu être lu ou écrit. Vérifiez qu'il existe et qu'il n'est pas ouvert \
         ailleurs. (Détail : {0})"
    )]
    Io(#[from] std::io::Error),
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
