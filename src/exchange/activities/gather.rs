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

use chrono::{DateTime, Utc};
use rusqlite::{params, CachedStatement, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use super::file::{Activity, ActivityFile, FORMAT, VERSION};
use super::refs;
use super::rows::{self, Row};
use crate::error::{Error, Result};
use crate::exchange::opendata::import::RefusedRow;
use crate::records::stats::days::{Counted, DaySums};

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
    /// The two fields read first: what the file says it is.
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u64>,
    }
    let text = std::str::from_utf8(bytes).map_err(|_| bad("il n'est pas en UTF-8"))?;
    // One pass when the file is right; what it says it is explains a failure.
    if let Ok(file) = serde_json::from_str::<ActivityFile>(text) {
        if file.format == FORMAT && file.version == VERSION {
            return Ok(file);
        }
    }
    let head: Head = serde_json::from_str(text)
        .map_err(|e| bad(&format!("JSON illisible ligne {}", e.line())))?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(bad(
            "son champ « format » n'est pas « permanences-activites »",
        ));
    }
    if head.version != Some(u64::from(VERSION)) {
        return Err(bad(
            "il vient d'une autre version de Permanences : mettez à jour l'application",
        ));
    }
    serde_json::from_str(text).map_err(|e| bad(&serde_detail(&e.to_string())))
}

/// What serde found wrong, in French (its messages are English): the missing field's name,
/// or that a value has the wrong type or an unknown code.
fn serde_detail(message: &str) -> String {
    let quoted = |after: &str| {
        message
            .split_once(after)
            .and_then(|(_, rest)| rest.split('`').next())
            .map(str::to_owned)
    };
    if let Some(field) = quoted("missing field `") {
        format!("le champ « {field} » manque")
    } else if let Some(code) = quoted("unknown variant `") {
        format!("le code « {code} » n'est pas dans les listes du compte rendu d'activité")
    } else {
        "une valeur n'a pas le type attendu (texte, nombre, liste ou date)".to_owned()
    }
}

/// Imports one desk's file. `now` stamps the import.
pub fn import(conn: &Connection, file: &ActivityFile, now: DateTime<Utc>) -> Result<GatherReport> {
    import_rows(conn, file, &rows::rows(file), now)
}

/// [`import`], with the file's [`rows::rows`] already worked out.
pub fn import_rows(
    conn: &Connection,
    file: &ActivityFile,
    rows: &[Row],
    now: DateTime<Utc>,
) -> Result<GatherReport> {
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
        let Some(desk) = refs::desk(tx, file, now)? else {
            report.summary = format!(
                "Poste « {} » : ce fichier est plus ancien que le dernier lu de ce poste, \
                 rien n'a changé.",
                file.desk.name
            );
            return Ok(report);
        };
        let sites = refs::sites(tx, desk, file)?;
        let people = refs::people(tx, desk, file)?;
        let terms = refs::terms(tx, file)?;
        // A coordinator rarely records activities itself: then no activity can be its own.
        let own_visits = tx.query_row("SELECT EXISTS (SELECT 1 FROM visits)", [], |r| r.get(0))?;
        let fresh = !tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM gathered_visits WHERE desk_id = ?1)",
            [desk],
            |r| r.get::<_, bool>(0),
        )?;
        let mut kept = HashSet::new();
        let mut sums = DaySums::default();
        // Prepared once for the file (a cached statement is looked up by its whole text).
        let mut st = Statements {
            own: tx.prepare_cached("SELECT 1 FROM visits WHERE uid = ?1")?,
            known: tx
                .prepare_cached("SELECT id, desk_id, digest FROM gathered_visits WHERE uid = ?1")?,
            delete: tx.prepare_cached("DELETE FROM gathered_visits WHERE id = ?1")?,
            insert: tx.prepare_cached(INSERT)?,
            participant: tx.prepare_cached(
                "INSERT OR IGNORE INTO gathered_participants (visit_id, person_id, day, site_id,
                     desk_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
        };
        // In time order: the day-first indexes then grow at their end, page after page.
        let mut order: Vec<usize> = (0..file.activities.len()).collect();
        order.sort_by_key(|i| file.activities[*i].start);
        if rows.len() != file.activities.len() {
            return Err(Error::invalid(
                "file",
                "Les activités du fichier ont changé pendant sa lecture : rien n'a été importé.",
            ));
        }
        for i in order {
            let a = &file.activities[i];
            let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let refuse = |message: String| RefusedRow {
                line: position,
                message: format!("Activité {position} : {message}"),
            };
            let context = Context {
                desk,
                file,
                sites: &sites,
                people: &people,
                terms: &terms,
                own_visits,
                fresh,
            };
            match save(tx, &mut st, &context, a, &rows[i], &mut sums) {
                Ok(Saved::Added) => report.added += 1,
                Ok(Saved::Updated) => report.updated += 1,
                Ok(Saved::Unchanged) => report.unchanged += 1,
                Err(e @ Error::Validation { .. }) => {
                    report.refused.push(refuse(e.to_string()));
                    continue;
                }
                Err(e) => return Err(e),
            }
            if !fresh {
                kept.insert(a.uid.as_str());
            }
        }
        report.refused.sort_by_key(|r| r.line);
        // A desk read for the first time had nothing to remove.
        if !fresh {
            report.removed = remove_missing(tx, desk, file, &kept)?;
        }
        // The desk's activities of the period are now exactly those kept from the file (the
        // unchanged ones included, with their site as matched today: see refs::sites).
        if report.added + report.updated + report.removed > 0 {
            sums.write(tx, desk, file.from, file.to)?;
        }
        refs::appointments(tx, desk, file, &sites)?;
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

enum Saved {
    Added,
    Updated,
    Unchanged,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::invalid("activity", message)
}

const INSERT: &str = "INSERT INTO gathered_visits (uid, desk_id, gathered_site_id, site_id,
        mediator, person_id, kind, start_at, day, duration_minutes, place_type, place_commune,
        place_postcode, age_bracket, social_status, gender, home_postcode, home_commune,
        materials, autonomy, redirected_to, follow_up, first_visit, workshop_title,
        workshop_level, participants, created_at, updated_at, digest, terms)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
        ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)
     ON CONFLICT (uid) DO NOTHING";

/// The statements every activity of a file goes through.
struct Statements<'c> {
    own: CachedStatement<'c>,
    known: CachedStatement<'c>,
    delete: CachedStatement<'c>,
    insert: CachedStatement<'c>,
    participant: CachedStatement<'c>,
}

/// What every activity of a file is read against.
struct Context<'a> {
    desk: i64,
    file: &'a ActivityFile,
    sites: &'a HashMap<String, (i64, Option<i64>)>,
    people: &'a HashMap<String, i64>,
    terms: &'a refs::Terms,
    own_visits: bool,
    /// The desk is read for the first time: it has nothing here yet.
    fresh: bool,
}

/// Checks and writes one activity; one kept (written or unchanged) is added to `sums`.
fn save(
    tx: &Connection,
    st: &mut Statements,
    c: &Context,
    a: &Activity,
    row: &Row,
    sums: &mut DaySums,
) -> Result<Saved> {
    let Context {
        desk,
        file,
        sites,
        people,
        terms,
        own_visits,
        fresh,
    } = *c;
    let day = row.day;
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
    for (map, list) in [
        (&terms.themes, &a.themes),
        (&terms.procedures, &a.procedures),
    ] {
        for code in list {
            let id = map.get(code.as_str()).ok_or_else(|| {
                invalid(format!(
                    "la thématique ou démarche « {code} » n'est pas définie dans le fichier."
                ))
            })?;
            term_ids.push(*id);
        }
    }
    term_ids.sort_unstable();
    term_ids.dedup();
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
    if own_visits && st.own.query_row([&a.uid], |_| Ok(())).optional()?.is_some() {
        return Err(invalid(format!(
            "l'activité {} est une de celles de ce poste-ci : elle n'est pas comptée deux fois.",
            a.uid
        )));
    }
    let counted = Counted {
        site: site.and_then(|s| s.1),
        day,
        kind: a.kind,
        place: a.place_type,
        minutes: i64::from(a.duration_minutes),
        participants: i64::from(a.participants),
        anonymous: person.is_none().then_some((
            a.age_bracket,
            a.social_status,
            a.gender,
            a.first_visit,
        )),
        terms: &term_ids,
    };
    let digest = &row.digest;
    // A desk read for the first time has nothing here yet: its rows are only inserted (an
    // activity already known elsewhere then meets the uid's uniqueness, below).
    let known: Option<(i64, i64, String)> = if fresh {
        None
    } else {
        st.known
            .query_row([&a.uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
    };
    let outcome = match known {
        Some((_, other, _)) if other != desk => {
            return Err(invalid(format!(
            "l'activité {} a déjà été reçue d'un autre poste : elle n'est pas comptée deux fois.",
            a.uid
        )))
        }
        Some((_, _, same)) if same == *digest => {
            sums.add(&counted);
            return Ok(Saved::Unchanged);
        }
        Some((id, _, _)) => {
            st.delete.execute([id])?;
            Saved::Updated
        }
        None => Saved::Added,
    };
    let inserted = st.insert.execute(params![
        a.uid,
        desk,
        site.map(|s| s.0),
        site.and_then(|s| s.1),
        a.mediator,
        person,
        a.kind,
        row.start,
        row.day_text,
        a.duration_minutes,
        a.place_type,
        a.place_commune,
        a.place_postcode,
        a.age_bracket,
        a.social_status,
        a.gender,
        a.home_postcode,
        a.home_commune,
        row.materials,
        a.autonomy,
        a.redirected_to,
        a.follow_up,
        a.first_visit,
        a.workshop_title,
        a.workshop_level,
        a.participants,
        row.created,
        row.updated,
        digest,
        term_ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(","),
    ])?;
    if inserted == 0 {
        return Err(invalid(format!(
            "l'activité {} est déjà comptée (plus haut dans ce fichier, ou reçue d'un autre \
             poste) : elle ne l'est pas deux fois.",
            a.uid
        )));
    }
    sums.add(&counted);
    let id = tx.last_insert_rowid();
    for p in participants {
        st.participant
            .execute(params![id, p, row.day_text, site.and_then(|s| s.1), desk])?;
    }
    Ok(outcome)
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
