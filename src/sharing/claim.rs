//! The network's word on a place: the [`PlaceClaimer`] that scheduling asks when a desk in a
//! network books or moves an appointment. The place is claimed on the server (see
//! [`super::places`]) within a bounded wait, [`WAIT`] for everything one booking (or one
//! series) asks: past it, the booking is kept « à confirmer » and the next sync settles it.
//! The wait covers the line to the server too: a sync that holds it (a full check reads every
//! calendar) is waited for at most as long.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::shared::Kind;
use super::{account, offline, pull, push};
use crate::error::{Error, Result};
use crate::network::site::SiteId;
use crate::scheduling::appointment::{AppointmentId, Claim, PlaceClaimer};

/// The longest a booking waits for the network's server.
pub const WAIT: Duration = Duration::from_secs(3);

/// Claims places on the network's server, for one booking, move or series: every claim it
/// makes ends by the same deadline.
#[derive(Debug, Clone, Copy)]
pub struct Claimer {
    deadline: Instant,
    now: DateTime<Utc>,
}

/// The claimer of a booking made `now`: it waits at most [`WAIT`] from this call.
pub fn claimer(now: DateTime<Utc>) -> Claimer {
    Claimer::within(WAIT, now)
}

impl Claimer {
    /// A claimer whose claims all end within `wait` from now.
    pub fn within(wait: Duration, now: DateTime<Utc>) -> Claimer {
        Claimer {
            deadline: Instant::now() + wait,
            now,
        }
    }
}

impl PlaceClaimer for Claimer {
    fn confirms(&self, conn: &Connection, site: SiteId) -> Result<bool> {
        Ok(account::names(conn)?.is_some() && push::calendar_of(conn, site.0)?.is_some())
    }

    fn claim(&self, conn: &Connection, id: AppointmentId) -> Result<Claim> {
        let acct = match account::account(conn) {
            Ok(Some(acct)) => acct,
            Ok(None) => return Ok(Claim::Held),
            // No keyring gave the password yet: kept « à confirmer » until it is typed.
            Err(Error::Validation {
                field: "password", ..
            }) => return Ok(Claim::Unconfirmed),
            Err(e) => return Err(e),
        };
        let dav = acct.dav().until(self.deadline);
        let asked = super::alone_until(conn, self.deadline, || {
            match push::claim_booked(conn, &acct, &dav, id.0) {
                Ok(true) => Ok(Claim::Held),
                Ok(false) => {
                    // Another desk took the last place first. The site's calendar is read
                    // (in what is left of the wait), so that the next free slots offered are
                    // the server's; a failure there leaves it to the next sync.
                    if let Ok(Some(site)) = site_of(conn, id) {
                        let _ = pull::one_site(conn, &acct, &dav, site, self.now);
                    }
                    Ok(Claim::Taken)
                }
                // No answer in time, or none at all: kept, and queued for the next sync.
                Err(Error::Network(reason)) => {
                    offline(conn, self.now, &reason)?;
                    Ok(Claim::Unconfirmed)
                }
                Err(e) => Err(e),
            }
        });
        // Another sync or booking held the line to the server for the whole wait.
        asked.unwrap_or(Ok(Claim::Unconfirmed))
    }

    fn forget(&self, tx: &Connection, id: AppointmentId) -> Result<()> {
        for table in ["network_uids", "network_outbox"] {
            tx.prepare_cached(&format!(
                "DELETE FROM {table} WHERE kind = ?1 AND local_id = ?2"
            ))?
            .execute(rusqlite::params![Kind::Appointment, id.0])?;
        }
        Ok(())
    }
}

fn site_of(conn: &Connection, id: AppointmentId) -> Result<Option<i64>> {
    Ok(crate::scheduling::appointment::get(conn, id)
        .ok()
        .map(|a| a.site_id.0))
}
