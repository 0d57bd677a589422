//! The SQLite file: opening it with its pragmas and migrations ([`db`]), encryption at rest
//! ([`vault`]), backups and restore ([`backup`]). Reads nothing of the domain.

pub mod backup;
pub mod db;
pub mod file;
pub mod key;
pub mod vault;
