//! Permanences received from the other desks of a network.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::{check, hhmm, refuse_overlap, PermanenceId, PermanenceInput};
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
        let values = params![
            site.0,
            c.weekday,
            hhmm(c.start),
            hhmm(c.end),
            c.kind,
            c.slot_minutes,
            c.capacity,
            c.valid_from,
            c.valid_until,
            c.notes,
            clock::utc_text(now),
            id.map(|i| i.0)
        ];
        if id.is_some() {
            tx.prepare_cached(
                "UPDATE permanences SET weekday = ?2, start_time = ?3, end_time = ?4, kind = ?5,
                    slot_minutes = ?6, capacity = ?7, valid_from = ?8, valid_until = ?9,
                    notes = ?10, updated_at = ?11 WHERE id = ?12 AND site_id = ?1",
            )?
            .execute(values)?;
        } else {
            tx.prepare_cached(
                "INSERT INTO permanences (site_id, weekday, start_time, end_time, kind,
                    slot_minutes, capacity, valid_from, valid_until, notes, created_at, updated_at)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11 WHERE ?12 IS NULL",
            )?
            .execute(values)?;
        }
        Ok(id.unwrap_or_else(|| PermanenceId(tx.last_insert_rowid())))
    })
}
