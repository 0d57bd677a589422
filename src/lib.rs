//! Permanences core: everything the desktop app and the command line share.
//!
//! Does not live here: windows, IPC, anything Tauri. The shell in `src-tauri/` and the
//! `permanences` binary (`src/bin/permanences/`) are thin fronts over these functions.
//!
//! The folders are the architecture; each reads only the folders above it in this list:
//!
//! | folder          | what it holds                                                        |
//! |-----------------|----------------------------------------------------------------------|
//! | [`error`], [`clock`], [`fr`], [`validate`] | the typed error, the one clock (Paris time), French typography and plurals, input checks |
//! | [`store`]       | the SQLite file (migrations, encryption, backups), the atomic writer |
//! | [`network`]     | sites, mediators, weekly permanences, closures, holidays, vocabularies |
//! | [`scheduling`]  | slots, the agenda, appointments, walk-ins, the waiting list          |
//! | [`records`]     | visits (assistance records), followed people, statistics             |
//! | [`documents`]   | the PDF engine, posters and leaflets, desk sheets, funders' report   |
//! | [`exchange`]    | calendars (ICS), open data, activity files, automatic publishing    |
//! | [`sharing`]     | one agenda for several desks through the network's CalDAV server     |
//! | [`privacy`]     | retention and purge, the rights of a followed person                 |
//! | [`sample`]      | the demo network and the large generated networks for benchmarks     |
//!
//! No function below the fronts reads the wall clock: each one that depends on "now" or
//! "today" takes it as an argument, and only [`clock::now`] reads it.

pub mod clock;
pub mod error;
pub mod fr;
pub mod validate;

pub mod store;

pub mod network;

pub mod scheduling;

pub mod records;

pub mod documents;
pub mod exchange;
pub mod sharing;

pub mod privacy;

pub mod sample;

pub use error::{Error, ErrorKind, ErrorReport, Result};
