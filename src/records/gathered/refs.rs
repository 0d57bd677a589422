//! What a desk's file refers to, stored at the coordinator's: the desk itself, its sites
//! (matched with this database's when they are the same place), its followed people (by
//! number and profile), its themes and procedures, and its appointment counts.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::format::ActivityFile;
use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::records::visit::terms::{self, TermId, Vocabulary};

/// The desk's row, created or renamed; `None` when the file is older than the newest read.
pub(super) fn desk(
    tx: &Connection,
    file: &ActivityFile,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let name = file.desk.name.trim();
    if name.is_empty() || name.chars().count() > 80 || file.desk.uid.trim().is_empty() {
        return Err(Error::invalid(
            "file",
            "Le fichier ne dit pas de quel poste il vient (identifiant ou nom du poste). Rien \
             n'a été importé.",
        ));
    }
    let known: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, exported_at FROM desks WHERE uid = ?1",
            [&file.desk.uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let exported = utc_text(file.exported_at);
    match known {
        Some((_, newest)) if exported < newest => Ok(None),
        Some((id, _)) => {
            tx.execute(
                "UPDATE desks SET name = ?2, exported_at = ?3, imported_at = ?4 WHERE id = ?1",
                params![id, name, exported, utc_text(now)],
            )?;
            Ok(Some(id))
        }
        None => {
            tx.execute(
                "INSERT INTO desks (uid, name, exported_at, imported_at) VALUES (?1, ?2, ?3, ?4)",
                params![file.desk.uid, name, exported, utc_text(now)],
            )?;
            Ok(Some(tx.last_insert_rowid()))
        }
    }
}

/// The file's site refs → (gathered site id, matching site of this database).
pub(super) fn sites(
    tx: &Connection,
    desk: i64,
    file: &ActivityFile,
) -> Result<HashMap<String, (i64, Option<i64>)>> {
    let mut out = HashMap::new();
    for s in &file.sites {
        let by_open_data: Option<i64> = match &s.open_data_id {
            Some(id) => tx
                .query_row("SELECT id FROM sites WHERE external_id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?,
            None => None,
        };
        let before: Option<Option<i64>> = tx
            .query_row(
                "SELECT site_id FROM gathered_sites WHERE desk_id = ?1 AND ref = ?2",
                params![desk, s.reference],
                |r| r.get(0),
            )
            .optional()?;
        let same = match by_open_data {
            Some(id) => Some(id),
            None => tx
                .query_row(
                    "SELECT id FROM sites WHERE lower(trim(name)) = lower(trim(?1))
                       AND postcode = coalesce(?2, postcode) ORDER BY archived_at IS NOT NULL, id",
                    params![s.name, s.postcode],
                    |r| r.get(0),
                )
                .optional()?,
        };
        tx.execute(
            "INSERT INTO gathered_sites (desk_id, ref, name, address, postcode, city, insee_code,
                 site_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (desk_id, ref) DO UPDATE SET name = excluded.name,
                 address = excluded.address, postcode = excluded.postcode, city = excluded.city,
                 insee_code = excluded.insee_code, site_id = excluded.site_id",
            params![
                desk,
                s.reference,
                s.name,
                s.address,
                s.postcode,
                s.city,
                s.insee_code,
                same
            ],
        )?;
        let id: i64 = tx.query_row(
            "SELECT id FROM gathered_sites WHERE desk_id = ?1 AND ref = ?2",
            params![desk, s.reference],
            |r| r.get(0),
        )?;
        out.insert(s.reference.clone(), (id, same));
        // Matched to another site of this database since the last file (a site added or
        // renamed here): the desk's activities there follow, whatever their period.
        if before.is_some_and(|b| b != same) {
            tx.execute(
                "UPDATE gathered_visits SET site_id = ?2 WHERE gathered_site_id = ?1",
                params![id, same],
            )?;
            tx.execute(
                "UPDATE gathered_appointments SET site_id = ?2 WHERE gathered_site_id = ?1",
                params![id, same],
            )?;
            crate::records::stats::days::rebuild(tx, desk, NaiveDate::MIN, NaiveDate::MAX)?;
        }
    }
    Ok(out)
}

pub(super) fn people(
    tx: &Connection,
    desk: i64,
    file: &ActivityFile,
) -> Result<HashMap<String, i64>> {
    let mut out = HashMap::new();
    let mut upsert = tx.prepare_cached(
        "INSERT INTO gathered_people (desk_id, ref, age_bracket, social_status, gender)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (desk_id, ref) DO UPDATE SET age_bracket = excluded.age_bracket,
             social_status = excluded.social_status, gender = excluded.gender
         RETURNING id",
    )?;
    for p in &file.people {
        let id: i64 = upsert.query_row(
            params![desk, p.reference, p.age_bracket, p.social_status, p.gender],
            |r| r.get(0),
        )?;
        out.insert(p.reference.clone(), id);
    }
    Ok(out)
}

/// (vocabulary is theme, code) → this database's term, added as a network term when missing.
/// The file's themes and procedures, by their code in the file, as this database's terms.
#[derive(Default)]
pub(super) struct Terms {
    pub themes: HashMap<String, i64>,
    pub procedures: HashMap<String, i64>,
}

pub(super) fn terms(tx: &Connection, file: &ActivityFile) -> Result<Terms> {
    let mut out = Terms::default();
    for t in &file.terms {
        let theme = match t.vocabulary.as_str() {
            "theme" => true,
            "procedure" => false,
            _ => continue,
        };
        let vocabulary = if theme {
            Vocabulary::Theme
        } else {
            Vocabulary::Procedure
        };
        let Some(TermId(id)) = terms::adopt(tx, vocabulary, &t.code, &t.label)? else {
            continue;
        };
        let map = if theme {
            &mut out.themes
        } else {
            &mut out.procedures
        };
        map.insert(t.code.clone(), id);
    }
    Ok(out)
}

/// Replaces the desk's appointment counts of the period.
pub(super) fn appointments(
    tx: &Connection,
    desk: i64,
    file: &ActivityFile,
    sites: &HashMap<String, (i64, Option<i64>)>,
) -> Result<()> {
    tx.execute(
        "DELETE FROM gathered_appointments WHERE desk_id = ?1 AND day BETWEEN ?2 AND ?3",
        params![desk, file.from.to_string(), file.to.to_string()],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO gathered_appointments (desk_id, gathered_site_id, site_id, day, status, count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT DO UPDATE SET count = count + excluded.count",
    )?;
    for c in &file.appointments {
        if c.day < file.from || c.day > file.to || c.count == 0 {
            continue;
        }
        let Some((gathered, site)) = sites.get(&c.site) else {
            continue;
        };
        insert.execute(params![
            desk,
            gathered,
            site,
            c.day.to_string(),
            c.status,
            c.count
        ])?;
    }
    Ok(())
}
