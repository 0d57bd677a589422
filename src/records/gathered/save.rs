//! Writing one file's activities: each checked against the file's lists, then added,
//! rewritten or left as it is; those of the period that the file no longer has removed.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, CachedStatement, Connection, OptionalExtension};

use super::format::{Activity, ActivityFile};
use super::refs;
use super::rows::Row;
use super::{invalid, Saved};
use crate::error::Result;
use crate::records::stats::days::{Counted, DaySums};

pub(super) const INSERT: &str =
    "INSERT INTO gathered_visits (uid, desk_id, gathered_site_id, site_id,
        mediator, person_id, kind, start_at, day, duration_minutes, place_type, place_commune,
        place_postcode, age_bracket, social_status, gender, home_postcode, home_commune,
        materials, autonomy, redirected_to, follow_up, first_visit, workshop_title,
        workshop_level, participants, created_at, updated_at, digest, terms)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
        ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)
     ON CONFLICT (uid) DO NOTHING";

/// The statements every activity of a file goes through.
pub(super) struct Statements<'c> {
    pub own: CachedStatement<'c>,
    pub known: CachedStatement<'c>,
    pub delete: CachedStatement<'c>,
    pub insert: CachedStatement<'c>,
    pub participant: CachedStatement<'c>,
}

/// What every activity of a file is read against.
pub(super) struct Context<'a> {
    pub desk: i64,
    pub file: &'a ActivityFile,
    pub sites: &'a HashMap<String, (i64, Option<i64>)>,
    pub people: &'a HashMap<String, i64>,
    pub terms: &'a refs::Terms,
    pub own_visits: bool,
    /// The desk is read for the first time: it has nothing here yet.
    pub fresh: bool,
}

/// Checks and writes one activity; one kept (written or unchanged) is added to `sums`.
pub(super) fn save(
    tx: &Connection,
    st: &mut Statements,
    c: &Context,
    a: &Activity,
    row: &Row,
    sums: &mut DaySums,
) -> Result<Saved> {
    let checked = check(c, a, row)?;
    if c.own_visits && st.own.query_row([&a.uid], |_| Ok(())).optional()?.is_some() {
        return Err(invalid(format!(
            "l'activité {} est une de celles de ce poste-ci : elle n'est pas comptée deux fois.",
            a.uid
        )));
    }
    write(tx, st, c, a, row, &checked, sums)
}

/// An activity's references, resolved against its file's lists.
struct Checked {
    /// Its gathered site, and this database's site for it.
    site: Option<(i64, Option<i64>)>,
    person: Option<i64>,
    term_ids: Vec<i64>,
    participants: Vec<i64>,
}

/// Checks an activity against its file: its date in the file's period, its fields in range,
/// and every site, person and term it names in the file's lists.
fn check(c: &Context, a: &Activity, row: &Row) -> Result<Checked> {
    let Context {
        file,
        sites,
        people,
        terms,
        ..
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
    Ok(Checked {
        site,
        person,
        term_ids,
        participants,
    })
}

/// Writes a checked activity: added, rewritten when it changed, left as it is otherwise.
fn write(
    tx: &Connection,
    st: &mut Statements,
    c: &Context,
    a: &Activity,
    row: &Row,
    checked: &Checked,
    sums: &mut DaySums,
) -> Result<Saved> {
    let (desk, fresh) = (c.desk, c.fresh);
    let Checked {
        site,
        person,
        ref term_ids,
        ref participants,
    } = *checked;
    let day = row.day;
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
        terms: term_ids,
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
pub(super) fn remove_missing(
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
