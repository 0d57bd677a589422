//! Permanences core: everything the desktop app and the command line share.
//!
//! Lives here: the SQLite store ([`db`]), the domain (sites, mediators, permanences,
//! closures, appointments, visits and beneficiaries, statistics), validation with French messages, vocabularies and the sample network.
//! Does not live here: windows, IPC, anything Tauri. The shell in `src-tauri/` and the
//! `permanences` binary are thin fronts over these functions.

pub mod agenda;
pub mod appointment;
pub mod backup;
pub mod beneficiary;
pub mod calendar;
pub mod closure;
pub mod db;
pub mod demo;
pub mod error;
pub mod fr;
pub mod generate;
pub mod holiday;
pub mod leaflet;
pub mod mediator;
pub mod opendata;
pub mod pdf;
pub mod permanence;
pub mod privacy;
pub mod publish;
pub mod site;
pub mod slot;
pub mod stats;
pub mod validate;
pub mod vault;
pub mod visit;
pub mod vocab;
pub mod waiting;
pub mod walk_in;

pub use error::{Error, ErrorKind, ErrorReport, Result};

use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

/// Everything the "Lieux et permanences" screen shows about one site.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SiteDetail {
    pub site: site::Site,
    pub permanences: Vec<permanence::Permanence>,
    /// Closures not yet over, soonest first.
    pub closures: Vec<closure::Closure>,
    /// Active mediators working at this site.
    pub mediators: Vec<mediator::Mediator>,
}

/// A site with its permanences, upcoming closures and team, read in one transaction.
pub fn site_detail(conn: &Connection, id: site::SiteId) -> Result<SiteDetail> {
    crate::db::read(conn, |tx| {
        let detail = SiteDetail {
            site: site::get(tx, id)?,
            permanences: permanence::list_for_site(tx, id)?,
            closures: closure::list_for_site(tx, id, permanence::today())?,
            mediators: mediator::list_for_site(tx, id)?,
        };
        Ok(detail)
    })
}
