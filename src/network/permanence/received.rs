//! Permanences received from the other desks of a network.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{check, insert, overwrite, refuse_overlap, PermanenceId, PermanenceInput};
use crate::clock;
use crate::error::Result;
use crate::network::site::SiteId;

/// A permanence shared by another desk of the network, made here at `site` (`id` `None`) or
/// brought up to date: checked as a person's entry is, overlaps included (refused with the
/// same [`crate::error::Error::Conflict`]). The mediators who hold it stay as this desk has them.
pub fn receive(
    conn: &Connection,
    site: SiteId,
    id: Option<PermanenceId>,
    input: &PermanenceInput,
    now: DateTime<Utc>,
) -> Result<PermanenceId> {
    let c = check(input, clock::today(now))?;
    crate::store::db::write(conn, |tx| {
        refuse_overlap(tx, site, id, &c)?;
        match id {
            Some(id) => overwrite(tx, id, &c, now).map(|()| id),
            None => insert(tx, site, &c, now),
        }
    })
}
