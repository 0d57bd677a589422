//! The permanences and closures received from the server, written here: the site made or
//! brought up to date from the permanence's copy, each record linked to its network identity.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::push::remember;
use super::shared::{self, ClosureData, PermanenceData, SITE_COLUMNS};
use crate::clock::utc_text;
use crate::error::Result;

pub(super) fn link(tx: &Connection, kind: &str, id: i64, uid: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO network_uids (kind, local_id, uid) VALUES (?1, ?2, ?3)",
        params![kind, id, uid],
    )?;
    Ok(())
}

/// The local site of a shared one, made or brought up to date from the permanence's copy.
fn site(tx: &Connection, p: &PermanenceData, now: DateTime<Utc>) -> Result<i64> {
    let values: Vec<rusqlite::types::Value> = SITE_COLUMNS
        .iter()
        .map(|c| shared::sql_value(p.site.get(*c)))
        .collect();
    if let Some(id) = shared::local_of(tx, "site", &p.site_uid)? {
        let sets: Vec<String> = SITE_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect();
        let mut args: Vec<rusqlite::types::Value> = vec![rusqlite::types::Value::Integer(id)];
        args.extend(values);
        tx.execute(
            &format!("UPDATE sites SET {} WHERE id = ?1", sets.join(", ")),
            rusqlite::params_from_iter(args),
        )?;
        return Ok(id);
    }
    let marks: Vec<String> = (1..=SITE_COLUMNS.len()).map(|i| format!("?{i}")).collect();
    let at = utc_text(now);
    let mut args = values;
    args.push(rusqlite::types::Value::Text(at));
    tx.execute(
        &format!(
            "INSERT INTO sites ({}, created_at, updated_at) VALUES ({}, ?{n}, ?{n})",
            SITE_COLUMNS.join(", "),
            marks.join(", "),
            n = SITE_COLUMNS.len() + 1
        ),
        rusqlite::params_from_iter(args),
    )?;
    let id = tx.last_insert_rowid();
    link(tx, "site", id, &p.site_uid)?;
    Ok(id)
}

pub(super) fn permanence(
    tx: &Connection,
    href: &str,
    etag: Option<&str>,
    p: &PermanenceData,
    now: DateTime<Utc>,
) -> Result<()> {
    let site_id = site(tx, p, now)?;
    let at = utc_text(now);
    let id = match shared::local_of(tx, "permanence", &p.uid)? {
        Some(id) => {
            tx.execute(
                "UPDATE permanences SET weekday = ?2, start_time = ?3, end_time = ?4, kind = ?5,
                    slot_minutes = ?6, capacity = ?7, valid_from = ?8, valid_until = ?9, notes = ?10,
                    updated_at = ?11 WHERE id = ?1",
                params![id, p.weekday, p.start_time, p.end_time, p.kind, p.slot_minutes, p.capacity,
                    p.valid_from, p.valid_until, p.notes, at],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO permanences (site_id, weekday, start_time, end_time, kind, slot_minutes,
                    capacity, valid_from, valid_until, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![site_id, p.weekday, p.start_time, p.end_time, p.kind, p.slot_minutes,
                    p.capacity, p.valid_from, p.valid_until, p.notes, at],
            )?;
            let id = tx.last_insert_rowid();
            link(tx, "permanence", id, &p.uid)?;
            id
        }
    };
    remember(tx, href, "permanence", id, etag)
}

pub(super) fn closure(
    tx: &Connection,
    href: &str,
    etag: Option<&str>,
    c: &ClosureData,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(site_id) = shared::local_of(tx, "site", &c.site_uid)? else {
        return Ok(());
    };
    let id = match shared::local_of(tx, "closure", &c.uid)? {
        Some(id) => {
            tx.execute(
                "UPDATE closures SET start_date = ?2, end_date = ?3, reason = ?4 WHERE id = ?1",
                params![id, c.start_date, c.end_date, c.reason],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO closures (site_id, start_date, end_date, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![site_id, c.start_date, c.end_date, c.reason, utc_text(now)],
            )?;
            let id = tx.last_insert_rowid();
            link(tx, "closure", id, &c.uid)?;
            id
        }
    };
    remember(tx, href, "closure", id, etag)
}
