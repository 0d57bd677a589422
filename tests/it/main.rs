//! Integration tests of the core's public API and of the `permanences` command line, in one
//! test binary so that the core links once. One module per concept; `common` holds the
//! fixtures, the pinned clock and the independent checkers (Python validators, node).
//!
//! Run one module with `cargo test --test it site::`.

// Test code: a failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod a11y_fixtures;
mod activities_coop;
mod agenda;
mod appointment;
mod backup;
mod beside;
mod caldav_client;
mod calendar;
mod charts;
mod cli;
mod cli_bad_input;
mod cli_exchange;
mod cli_privacy;
mod cli_remind;
mod cli_vault;
mod closure;
mod crash;
mod dav_servers;
mod demo;
mod disk_full;
mod gathering;
mod guide;
mod guide_print;
mod import_hostile;
mod keyring;
mod layout;
mod layout_tables;
mod leaflet;
mod mediator;
mod opendata;
mod opendata_hours;
mod opendata_lossless;
mod permanence;
mod pictures;
mod privacy;
mod privacy_leaks;
mod publish;
mod query_plan;
mod readme;
mod release;
mod reminder;
mod scheduling_absence;
mod scheduling_unavailable;
mod search;
mod sharing_absences;
mod sharing_clients;
mod sharing_deletions;
mod sharing_faults;
mod sharing_join;
mod sharing_marks;
mod sharing_paths;
mod sharing_read_ahead;
mod sharing_repeating;
mod sharing_sync;
mod sharing_third_party;
mod sharing_upload;
mod site;
mod slot;
mod stats;
mod upgrade;
mod vault;
mod visit;
