//! The activity exchange file (JSON) a desk writes for its coordinator: everything the
//! network's statistics count, and nothing that names a person.
//!
//! Why not only the Coop's spreadsheet layout ([`super::coop`]): it has one row per person
//! and lacks what gathering needs to be exact: which desk wrote it and the period it covers
//! (to remove what the desk deleted), whether a person came for the first time, which rows
//! are the same followed person (counted once), the named participants' profiles, and the
//! appointments (honoured, absent, cancelled). This file carries those, as codes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params_from_iter, types::Value, Connection};

use crate::clock::{day_bounds, utc_text};
use crate::error::Result;
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;
use crate::network::vocab::AppointmentStatus;
use crate::records::stats::{Period, Source};
use crate::records::visit::codes::Material;

pub use crate::records::gathered::format::*;

/// Which of this desk's activities a file or an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub site_id: Option<i64>,
    pub mediator_id: Option<i64>,
}

/// This database's desk: its identifier and the name its files carry.
pub fn own_desk(conn: &Connection) -> Result<Desk> {
    let (uid, name): (String, Option<String>) =
        conn.query_row("SELECT uid, name FROM desk WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let name = name.unwrap_or_else(|| format!("Poste {}", &uid[..uid.len().min(8)]));
    Ok(Desk { uid, name })
}

/// This desk's activities of `sel`, as the exchange file holds them, read in one snapshot.
pub fn read(conn: &Connection, sel: Selection, now: DateTime<Utc>) -> Result<ActivityFile> {
    crate::store::db::read(conn, |tx| {
        let mut site_ids = BTreeSet::new();
        let mut people = BTreeSet::new();
        let mut term_ids = BTreeSet::new();
        let activities = activities(tx, sel, &mut site_ids, &mut people, &mut term_ids)?;
        let appointments = appointment_counts(tx, sel, &mut site_ids)?;
        Ok(ActivityFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            desk: own_desk(tx)?,
            exported_at: now,
            from: sel.from,
            to: sel.to,
            sites: sites(tx, &site_ids)?,
            terms: terms(tx, &term_ids)?,
            people: persons(tx, &people)?,
            activities,
            appointments,
        })
    })
}

/// The statistics' own filter over `visits v`: the same period, site and mediator rules.
fn filter(sel: Selection) -> (String, Vec<Value>) {
    Period {
        from: sel.from,
        to: sel.to,
        site_id: sel.site_id.map(SiteId),
        mediator_id: sel.mediator_id.map(MediatorId),
        desk_id: None,
    }
    .visit_filter(Source::Own)
}

fn activities(
    tx: &Connection,
    sel: Selection,
    site_ids: &mut BTreeSet<i64>,
    people: &mut BTreeSet<i64>,
    term_ids: &mut BTreeSet<i64>,
) -> Result<Vec<Activity>> {
    let (filter, args) = filter(sel);
    let mut stmt = tx.prepare(&format!(
        "SELECT v.uid, v.kind, v.start_at, v.duration_minutes, v.place_type, v.site_id,
            v.place_commune, v.place_postcode, m.name, v.beneficiary_id, v.age_bracket,
            v.social_status, v.gender, v.home_postcode, v.home_commune, v.materials,
            v.autonomy, v.redirected_to, v.follow_up, v.first_visit, v.workshop_title,
            v.workshop_level, v.participants, v.created_at, v.updated_at,
            (SELECT group_concat(vt.term_id) FROM visit_terms vt WHERE vt.visit_id = v.id),
            (SELECT group_concat(p.beneficiary_id) FROM visit_participants p
               WHERE p.visit_id = v.id)
         FROM visits v JOIN mediators m ON m.id = v.mediator_id
         WHERE {filter} ORDER BY v.start_at, v.id"
    ))?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut out = Vec::new();
    let numbers = |list: Option<String>| -> Vec<i64> {
        list.unwrap_or_default()
            .split(',')
            .filter_map(|x| x.parse().ok())
            .collect()
    };
    let mut by_term: Vec<(usize, Vec<i64>)> = Vec::new();
    while let Some(r) = rows.next()? {
        let site: Option<i64> = r.get(5)?;
        site_ids.extend(site);
        let person: Option<i64> = r.get(9)?;
        people.extend(person);
        let terms = numbers(r.get(25)?);
        term_ids.extend(terms.iter().copied());
        let participants = numbers(r.get(26)?);
        people.extend(participants.iter().copied());
        let materials: String = r.get(15)?;
        by_term.push((out.len(), terms));
        out.push(Activity {
            uid: r.get(0)?,
            kind: r.get(1)?,
            start: r.get(2)?,
            duration_minutes: r.get(3)?,
            place_type: r.get(4)?,
            site: site.map(|s| s.to_string()),
            place_commune: r.get(6)?,
            place_postcode: r.get(7)?,
            mediator: r.get(8)?,
            person: person.map(|p| p.to_string()),
            age_bracket: r.get(10)?,
            social_status: r.get(11)?,
            gender: r.get(12)?,
            home_postcode: r.get(13)?,
            home_commune: r.get(14)?,
            materials: materials
                .split(',')
                .filter_map(Material::from_code)
                .collect(),
            themes: Vec::new(),
            procedures: Vec::new(),
            autonomy: r.get(16)?,
            redirected_to: r.get(17)?,
            follow_up: r.get(18)?,
            first_visit: r.get(19)?,
            workshop_title: r.get(20)?,
            workshop_level: r.get(21)?,
            participants: r.get(22)?,
            participant_people: participants.iter().map(i64::to_string).collect(),
            created_at: r.get(23)?,
            updated_at: r.get(24)?,
        });
    }
    let codes = term_codes(tx)?;
    for (i, ids) in by_term {
        let Some(a) = out.get_mut(i) else { continue };
        for id in ids {
            match codes.get(&id) {
                Some((true, code)) => a.themes.push(code.clone()),
                Some((false, code)) => a.procedures.push(code.clone()),
                None => {}
            }
        }
        a.themes.sort();
        a.procedures.sort();
    }
    Ok(out)
}

/// Term id → (is a theme, code).
fn term_codes(tx: &Connection) -> Result<BTreeMap<i64, (bool, String)>> {
    let mut stmt = tx.prepare_cached("SELECT id, vocabulary = 'theme', code FROM terms")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The appointments of the period, per site, Paris day and status.
fn appointment_counts(
    tx: &Connection,
    sel: Selection,
    site_ids: &mut BTreeSet<i64>,
) -> Result<Vec<AppointmentCount>> {
    let (from, to) = day_bounds(sel.from, sel.to);
    let mut sql = "SELECT site_id, start_at, status FROM appointments
                   WHERE start_at >= ? AND start_at < ?"
        .to_owned();
    let mut args = vec![Value::Text(utc_text(from)), Value::Text(utc_text(to))];
    if let Some(s) = sel.site_id {
        sql.push_str(" AND site_id = ?");
        args.push(Value::Integer(s));
    }
    let mut counts: BTreeMap<(i64, NaiveDate, AppointmentStatus), u32> = BTreeMap::new();
    let mut stmt = tx.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        let site: i64 = r.get(0)?;
        let day = r
            .get::<_, DateTime<Utc>>(1)?
            .with_timezone(&Paris)
            .date_naive();
        *counts.entry((site, day, r.get(2)?)).or_default() += 1;
    }
    Ok(counts
        .into_iter()
        .map(|((site, day, status), count)| {
            site_ids.insert(site);
            AppointmentCount {
                site: site.to_string(),
                day,
                status,
                count,
            }
        })
        .collect())
}

fn sites(tx: &Connection, ids: &BTreeSet<i64>) -> Result<Vec<SiteRef>> {
    let mut stmt = tx.prepare_cached(
        "SELECT external_id, name, street, postcode, city, insee_code FROM sites WHERE id = ?1",
    )?;
    ids.iter()
        .map(|id| {
            Ok(stmt.query_row([id], |r| {
                Ok(SiteRef {
                    reference: id.to_string(),
                    open_data_id: r.get(0)?,
                    name: r.get(1)?,
                    address: r.get(2)?,
                    postcode: r.get(3)?,
                    city: r.get(4)?,
                    insee_code: r.get(5)?,
                })
            })?)
        })
        .collect()
}

fn terms(tx: &Connection, ids: &BTreeSet<i64>) -> Result<Vec<TermDef>> {
    let mut stmt = tx.prepare_cached("SELECT vocabulary, code, label FROM terms WHERE id = ?1")?;
    ids.iter()
        .map(|id| {
            Ok(stmt.query_row([id], |r| {
                Ok(TermDef {
                    vocabulary: r.get(0)?,
                    code: r.get(1)?,
                    label: r.get(2)?,
                })
            })?)
        })
        .collect()
}

fn persons(tx: &Connection, ids: &BTreeSet<i64>) -> Result<Vec<PersonRef>> {
    let mut stmt = tx.prepare_cached(
        "SELECT age_bracket, social_status, gender FROM beneficiaries WHERE id = ?1",
    )?;
    ids.iter()
        .map(|id| {
            Ok(stmt.query_row([id], |r| {
                Ok(PersonRef {
                    reference: id.to_string(),
                    age_bracket: r.get(0)?,
                    social_status: r.get(1)?,
                    gender: r.get(2)?,
                })
            })?)
        })
        .collect()
}
