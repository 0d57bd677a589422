//! Gathering: a coordinator reads the desks' exchange files ([`super::file`]) into the
//! `gathered_*` tables, apart from its own records.
//!
//! Each file replaces what its desk said before for the period it covers: an activity read
//! again unchanged is left as it is, a changed one is rewritten, one of the period that the
//! file no longer has (deleted at the desk) is removed. A file older than the newest one read
//! from its desk (a stale copy) changes nothing, and an activity never counts twice (one
//! already known from another desk, or this desk's own, is refused). A file is read whole in
//! one transaction: refused activities are listed with their position and a French reason,
//! the others are imported, and an unexpected failure leaves everything as it was.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use super::file::{Activity, ActivityFile, FORMAT, VERSION};
use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::exchange::opendata::import::RefusedRow;

/// What reading one file did.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GatherReport {
    /// The desk's name.
    pub desk: String,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub removed: u32,
    pub refused: Vec<RefusedRow>,
    /// « Poste « Centre social » : 120 activité(s) ajoutée(s), … »
    pub summary: String,
}

/// Reads an exchange file's bytes (as written by [`super::file::read`]).
pub fn parse(bytes: &[u8]) -> Result<ActivityFile> {
    let bad = |detail: &str| {
        Error::invalid(
            "file",
            format!(
                "Ce fichier n'est pas un fichier d'activités de Permanences ({detail}). \
                 Rien n'a été importé."
            ),
        )
    };
    let text = std::str::from_utf8(bytes).map_err(|_| bad("il n'est pas en UTF-8"))?;
    let head: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| bad(&format!("JSON illisible ligne {}", e.line())))?;
    if head.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(bad(
            "son champ « format » n'est pas « permanences-activites »",
        ));
    }
    let version = head.get("version").and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(VERSION)) {
        return Err(bad(
            "il vient d'une autre version de Permanences : mettez à jour l'application",
        ));
    }
    serde_json::from_value(head).map_err(|e| bad(&format!("{e}")))
}

/// Imports one desk's file. `now` stamps the import.
pub fn import(conn: &Connection, file: &ActivityFile, now: DateTime<Utc>) -> Result<GatherReport> {
    if file.to < file.from {
        return Err(Error::invalid(
            "file",
            "La période du fichier finit avant de commencer : rien n'a été importé.",
        ));
    }
    crate::store::db::write(conn, |tx| {
        let own: String = tx.query_row("SELECT uid FROM desk WHERE id = 1", [], |r| r.get(0))?;
        if own == file.desk.uid {
            return Err(Error::invalid(
                "file",
                "Ce fichier est celui de ce poste-ci : ses activités y sont déjà. Rien n'a été \
                 importé.",
            ));
        }
        let mut report = GatherReport {
            desk: file.desk.name.clone(),
            added: 0,
            updated: 0,
            unchanged: 0,
            removed: 0,
            refused: Vec::new(),
            summary: String::new(),
        };
        let Some(desk) = desk(tx, file, now)? else {
            report.summary = format!(
                "Poste « {} » : ce fichier est plus ancien que le dernier lu de ce poste, \
                 rien n'a changé.",
                file.desk.name
            );
            return Ok(report);
        };
        let sites = sites(tx, desk, file)?;
        let people = people(tx, desk, file)?;
        let terms = terms(tx, file)?;
        let mut kept = HashSet::new();
        for (i, a) in file.activities.iter().enumerate() {
            let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let refuse = |message: String| RefusedRow {
                line: position,
                message: format!("Activité {position} : {message}"),
            };
            match save(tx, desk, file, a, &sites, &people, &terms) {
                Ok(Saved::Added) => report.added += 1,
                Ok(Saved::Updated) => report.updated += 1,
                Ok(Saved::Unchanged) => report.unchanged += 1,
                Err(e @ Error::Validation { .. }) => {
                    report.refused.push(refuse(e.to_string()));
                    continue;
                }
                Err(e) => return Err(e),
            }
            kept.insert(a.uid.as_str());
        }
        report.removed = remove_missing(tx, desk, file, &kept)?;
        appointments(tx, desk, file, &sites)?;
        report.summary = format!(
            "Poste « {} » : {} activité(s) ajoutée(s), {} mise(s) à jour, {} inchangée(s), \
             {} retirée(s), {} refusée(s).",
            file.desk.name,
            report.added,
            report.updated,
            report.unchanged,
            report.removed,
            report.refused.len()
        );
        Ok(report)
    })
}

/// The desk's row, created or renamed; `None` when the file is older than the newest read.
fn desk(tx: &Connection, file: &ActivityFile, now: DateTime<Utc>) -> Result<Option<i64>> {
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
fn sites(
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
    }
    Ok(out)
}

fn people(tx: &Connection, desk: i64, file: &ActivityFile) -> Result<HashMap<String, i64>> {
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
fn terms(tx: &Connection, file: &ActivityFile) -> Result<HashMap<(bool, String), i64>> {
    let mut out = HashMap::new();
    for t in &file.terms {
        let theme = match t.vocabulary.as_str() {
            "theme" => true,
            "procedure" => false,
            _ => continue,
        };
        let vocabulary = if theme { "theme" } else { "procedure" };
        let found: Option<i64> = tx
            .query_row(
                "SELECT id FROM terms WHERE vocabulary = ?1 AND (code = ?2 OR label = ?3)
                 ORDER BY code = ?2 DESC LIMIT 1",
                params![vocabulary, t.code, t.label],
                |r| r.get(0),
            )
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                let label: String = t.label.trim().chars().take(120).collect();
                let code: String = t.code.trim().chars().take(80).collect();
                if label.is_empty() || code.is_empty() {
                    continue;
                }
                tx.execute(
                    "INSERT INTO terms (vocabulary, code, label, position)
                     VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM terms
                                          WHERE vocabulary = ?1))",
                    params![vocabulary, code, label],
                )?;
                tx.last_insert_rowid()
            }
        };
        out.insert((theme, t.code.clone()), id);
    }
    Ok(out)
}

enum Saved {
    Added,
    Updated,
    Unchanged,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::invalid("activity", message)
}

#[allow(clippy::too_many_arguments)]
fn save(
    tx: &Connection,
    desk: i64,
    file: &ActivityFile,
    a: &Activity,
    sites: &HashMap<String, (i64, Option<i64>)>,
    people: &HashMap<String, i64>,
    terms: &HashMap<(bool, String), i64>,
) -> Result<Saved> {
    let day = a.start.with_timezone(&Paris).date_naive();
    if day < file.from || day > file.to {
        return Err(invalid(format!(
            "sa date ({}) est hors de la période du fichier.",
            day.format("%d/%m/%Y")
        )));
    }
    if a.uid.trim().is_empty() || a.uid.len() > 80 {
        return Err(invalid("son identifiant (ID CRA) manque."));
    }
    if !(1..=720).contains(&a.duration_minutes) {
        return Err(invalid("sa durée doit être entre 1 minute et 12 heures."));
    }
    if a.participants == 0
        || (a.kind == crate::records::visit::codes::VisitKind::Individual && a.participants != 1)
    {
        return Err(invalid(
            "son nombre de participants ne va pas avec son type.",
        ));
    }
    let site = match &a.site {
        Some(r) => Some(*sites.get(r).ok_or_else(|| {
            invalid(format!(
                "son lieu « {r} » n'est pas dans la liste des lieux du fichier."
            ))
        })?),
        None => None,
    };
    let person = match &a.person {
        Some(r) => Some(*people.get(r).ok_or_else(|| {
            invalid("la personne suivie n'est pas dans la liste des personnes du fichier.")
        })?),
        None => None,
    };
    let mut term_ids = Vec::new();
    for (theme, list) in [(true, &a.themes), (false, &a.procedures)] {
        for code in list {
            let id = terms.get(&(theme, code.clone())).ok_or_else(|| {
                invalid(format!(
                    "la thématique ou démarche « {code} » n'est pas définie dans le fichier."
                ))
            })?;
            term_ids.push(*id);
        }
    }
    if a.themes.is_empty() {
        return Err(invalid("il faut au moins une thématique."));
    }
    let participants: Vec<i64> = a
        .participant_people
        .iter()
        .map(|r| {
            people.get(r).copied().ok_or_else(|| {
                invalid("un participant n'est pas dans la liste des personnes du fichier.")
            })
        })
        .collect::<Result<_>>()?;
    if tx
        .query_row("SELECT 1 FROM visits WHERE uid = ?1", [&a.uid], |_| Ok(()))
        .optional()?
        .is_some()
    {
        return Err(invalid(format!(
            "l'activité {} est une de celles de ce poste-ci : elle n'est pas comptée deux fois.",
            a.uid
        )));
    }
    let digest = digest(a);
    let known: Option<(i64, i64, String)> = tx
        .prepare_cached("SELECT id, desk_id, digest FROM gathered_visits WHERE uid = ?1")?
        .query_row([&a.uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let outcome = match known {
        Some((_, other, _)) if other != desk => {
            return Err(invalid(format!(
            "l'activité {} a déjà été reçue d'un autre poste : elle n'est pas comptée deux fois.",
            a.uid
        )))
        }
        Some((_, _, same)) if same == digest => return Ok(Saved::Unchanged),
        Some((id, _, _)) => {
            tx.prepare_cached("DELETE FROM gathered_visits WHERE id = ?1")?
                .execute([id])?;
            Saved::Updated
        }
        None => Saved::Added,
    };
    let materials: Vec<&str> = a.materials.iter().map(|m| m.code()).collect();
    tx.prepare_cached(
        "INSERT INTO gathered_visits (uid, desk_id, gathered_site_id, site_id, mediator,
            person_id, kind, start_at, day, duration_minutes, place_type, place_commune,
            place_postcode, age_bracket, social_status, gender, home_postcode, home_commune,
            materials, autonomy, redirected_to, follow_up, first_visit, workshop_title,
            workshop_level, participants, created_at, updated_at, digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
    )?
    .execute(params![
        a.uid,
        desk,
        site.map(|s| s.0),
        site.and_then(|s| s.1),
        a.mediator,
        person,
        a.kind,
        utc_text(a.start),
        day.to_string(),
        a.duration_minutes,
        a.place_type,
        a.place_commune,
        a.place_postcode,
        a.age_bracket,
        a.social_status,
        a.gender,
        a.home_postcode,
        a.home_commune,
        materials.join(","),
        a.autonomy,
        a.redirected_to,
        a.follow_up,
        a.first_visit,
        a.workshop_title,
        a.workshop_level,
        a.participants,
        utc_text(a.created_at),
        a.updated_at.map(utc_text),
        digest,
    ])?;
    let id = tx.last_insert_rowid();
    let mut term = tx.prepare_cached(
        "INSERT OR IGNORE INTO gathered_visit_terms (visit_id, term_id, day, site_id, desk_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for t in term_ids {
        term.execute(params![
            id,
            t,
            day.to_string(),
            site.and_then(|s| s.1),
            desk
        ])?;
    }
    let mut named = tx.prepare_cached(
        "INSERT OR IGNORE INTO gathered_participants (visit_id, person_id) VALUES (?1, ?2)",
    )?;
    for p in participants {
        named.execute(params![id, p])?;
    }
    Ok(outcome)
}

/// A stable digest of what the file says of an activity (FNV-1a over its JSON): the same
/// activity read again is recognised without comparing every column.
fn digest(a: &Activity) -> String {
    let text = serde_json::to_string(a).unwrap_or_default();
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.write(text.as_bytes());
    format!("{:016x}", h.finish())
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Removes the desk's activities of the file's period that the file no longer has.
fn remove_missing(
    tx: &Connection,
    desk: i64,
    file: &ActivityFile,
    kept: &HashSet<&str>,
) -> Result<u32> {
    let mut stmt = tx.prepare(
        "SELECT id, uid FROM gathered_visits WHERE desk_id = ?1 AND day BETWEEN ?2 AND ?3",
    )?;
    let gone: Vec<i64> = stmt
        .query_map(
            params![desk, file.from.to_string(), file.to.to_string()],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )?
        .filter_map(|row| match row {
            Ok((id, uid)) if !kept.contains(uid.as_str()) => Some(Ok(id)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<_>>()?;
    let mut delete = tx.prepare_cached("DELETE FROM gathered_visits WHERE id = ?1")?;
    for id in &gone {
        delete.execute([id])?;
    }
    Ok(u32::try_from(gone.len()).unwrap_or(u32::MAX))
}

/// Replaces the desk's appointment counts of the period.
fn appointments(
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
