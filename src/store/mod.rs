//! The files on disk: the SQLite database opened with its pragmas and migrations ([`db`]),
//! its key ([`key`]) and encryption at rest ([`vault`]), backups and restore ([`backup`]),
//! a consistent copy of an open database ([`snapshot`]), and [`file`], the one way any file
//! is written (whole or not at all). Reads nothing of the domain.

pub(crate) mod backfill;
pub mod backup;
pub mod db;
pub mod file;
pub mod key;
pub mod snapshot;
pub mod vault;
