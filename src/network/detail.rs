//! The site detail: everything the "Lieux et permanences" screen shows about one site.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use super::{closure, mediator, permanence, site};
use crate::error::Result;

/// Everything the "Lieux et permanences" screen shows about one site.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SiteDetail {
    pub site: site::Site,
    pub permanences: Vec<permanence::Permanence>,
    /// Closures not yet over on `today`, soonest first.
    pub closures: Vec<closure::Closure>,
    /// Active mediators working at this site.
    pub mediators: Vec<mediator::Mediator>,
}

/// A site with its permanences, upcoming closures and team on `today`, read in one
/// transaction.
pub fn site_detail(conn: &Connection, id: site::SiteId, today: NaiveDate) -> Result<SiteDetail> {
    crate::store::db::read(conn, |tx| {
        let detail = SiteDetail {
            site: site::get(tx, id)?,
            permanences: permanence::list_for_site(tx, id, today)?,
            closures: closure::list_for_site(tx, id, today)?,
            mediators: mediator::list_for_site(tx, id)?,
        };
        Ok(detail)
    })
}
