//! The gathered activities summed per desk, site and day (`gathered_days`), so that the
//! network's statistics read a year of 50 desks as ~36 000 rows instead of 500 000
//! activities and a million themes. [`rebuild`] rewrites a desk's sums for a period after its
//! file was read; [`add`] adds a period's sums to the statistics.
//!
//! What cannot be summed per day, the followed people (each counts once over the period), is
//! read from the activities themselves (a partial index holds only theirs).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, Connection};

use crate::error::Result;
use crate::records::visit::codes::{AgeBracket, Gender, PlaceType, SocialStatus, VisitKind};

pub(super) const BUCKETS: [&str; 4] = ["moins_30", "30_60", "60_120", "plus_120"];

/// The keys of a day's counts: "d:moins_30", "p:lieu_activite", "a:…", "s:…", "g:…" (the
/// anonymous people's profiles), "new", "ret", in a fixed order: `counts` holds one number
/// per key, in this order.
fn keys() -> Vec<String> {
    let mut k: Vec<String> = BUCKETS.iter().map(|b| format!("d:{b}")).collect();
    k.extend(PlaceType::ALL.iter().map(|x| format!("p:{}", x.code())));
    k.extend(AgeBracket::ALL.iter().map(|x| format!("a:{}", x.code())));
    k.extend(SocialStatus::ALL.iter().map(|x| format!("s:{}", x.code())));
    k.extend(Gender::ALL.iter().map(|x| format!("g:{}", x.code())));
    k.extend(["new".to_owned(), "ret".to_owned()]);
    k
}

const KEYS: usize = 4 + 4 + 8 + 5 + 3 + 2;

fn position<T: PartialEq>(all: &[T], x: &T) -> usize {
    all.iter().position(|y| y == x).unwrap_or(0)
}

/// One desk's site and day.
struct Day {
    visits: i64,
    minutes: i64,
    individual: i64,
    workshops: i64,
    participants: i64,
    anonymous: i64,
    counts: [i64; KEYS],
    terms: BTreeMap<i64, i64>,
}

impl Default for Day {
    fn default() -> Self {
        Day {
            visits: 0,
            minutes: 0,
            individual: 0,
            workshops: 0,
            participants: 0,
            anonymous: 0,
            counts: [0; KEYS],
            terms: BTreeMap::new(),
        }
    }
}

/// The statistics' duration bucket of a visit.
pub(super) fn bucket(minutes: i64) -> &'static str {
    match minutes {
        ..30 => BUCKETS[0],
        30..60 => BUCKETS[1],
        60..120 => BUCKETS[2],
        _ => BUCKETS[3],
    }
}

fn list<K: std::fmt::Display>(map: &BTreeMap<K, i64>) -> String {
    map.iter()
        .map(|(k, n)| format!("{k}={n}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Rewrites the sums of `desk`'s activities from `from` to `to`.
pub(crate) fn rebuild(tx: &Connection, desk: i64, from: NaiveDate, to: NaiveDate) -> Result<()> {
    let (from, to) = (from.to_string(), to.to_string());
    tx.execute(
        "DELETE FROM gathered_days WHERE desk_id = ?1 AND day BETWEEN ?2 AND ?3",
        params![desk, from, to],
    )?;
    let mut days: BTreeMap<(Option<i64>, String), Day> = BTreeMap::new();
    let mut stmt = tx.prepare_cached(
        "SELECT site_id, day, kind, place_type, duration_minutes, participants,
                person_id IS NULL, age_bracket, social_status, gender, first_visit, terms
         FROM gathered_visits WHERE desk_id = ?1 AND day BETWEEN ?2 AND ?3",
    )?;
    let mut rows = stmt.query(params![desk, from, to])?;
    while let Some(r) = rows.next()? {
        let d = days.entry((r.get(0)?, r.get(1)?)).or_default();
        let kind: VisitKind = r.get(2)?;
        let place: PlaceType = r.get(3)?;
        let minutes: i64 = r.get(4)?;
        d.visits += 1;
        d.minutes += minutes;
        let terms = r.get_ref(11)?.as_str().unwrap_or_default();
        for id in terms.split(',').filter_map(|t| t.parse::<i64>().ok()) {
            *d.terms.entry(id).or_default() += 1;
        }
        d.counts[position(&BUCKETS, &bucket(minutes))] += 1;
        d.counts[4 + position(PlaceType::ALL, &place)] += 1;
        if kind == VisitKind::Workshop {
            d.workshops += 1;
            d.participants += r.get::<_, i64>(5)?;
            continue;
        }
        d.individual += 1;
        if r.get(6)? {
            d.anonymous += 1;
            let age: AgeBracket = r.get(7)?;
            let status: SocialStatus = r.get(8)?;
            let gender: Gender = r.get(9)?;
            d.counts[8 + position(AgeBracket::ALL, &age)] += 1;
            d.counts[16 + position(SocialStatus::ALL, &status)] += 1;
            d.counts[21 + position(Gender::ALL, &gender)] += 1;
            let first: bool = r.get(10)?;
            d.counts[if first { 24 } else { 25 }] += 1;
        }
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO gathered_days (desk_id, site_id, day, visits, minutes, individual,
             workshops, participants, anonymous, counts, terms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for ((site, day), d) in days {
        // Positional, in the order of `keys()`: read back without looking keys up.
        let counts = d
            .counts
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        insert.execute(params![
            desk,
            site,
            day,
            d.visits,
            d.minutes,
            d.individual,
            d.workshops,
            d.participants,
            d.anonymous,
            counts,
            list(&d.terms),
        ])?;
    }
    Ok(())
}

/// A period's sums, as the statistics add them.
#[derive(Default)]
pub(super) struct Sums {
    pub visits: i64,
    pub minutes: i64,
    pub individual: i64,
    pub workshops: i64,
    pub participants: i64,
    pub anonymous: i64,
    pub counts: HashMap<String, i64>,
    pub terms: HashMap<i64, i64>,
}

/// Sums the days matching `filter` (over `gathered_days`, no prefix).
pub(super) fn sums(
    tx: &Connection,
    filter: &str,
    args: Vec<rusqlite::types::Value>,
) -> Result<Sums> {
    let mut s = Sums::default();
    let names = keys();
    let mut counts = [0i64; KEYS];
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT visits, minutes, individual, workshops, participants, anonymous, counts, terms
         FROM gathered_days WHERE {filter}"
    ))?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        s.visits += r.get::<_, i64>(0)?;
        s.minutes += r.get::<_, i64>(1)?;
        s.individual += r.get::<_, i64>(2)?;
        s.workshops += r.get::<_, i64>(3)?;
        s.participants += r.get::<_, i64>(4)?;
        s.anonymous += r.get::<_, i64>(5)?;
        let text = r.get_ref(6)?.as_str().unwrap_or_default();
        for (total, n) in counts.iter_mut().zip(text.split(',')) {
            *total += n.parse::<i64>().unwrap_or(0);
        }
        for (k, n) in pairs(r.get_ref(7)?.as_str().unwrap_or_default()) {
            if let Ok(id) = k.parse() {
                *s.terms.entry(id).or_default() += n;
            }
        }
    }
    s.counts = names
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n != 0)
        .collect();
    Ok(s)
}

fn pairs(text: &str) -> impl Iterator<Item = (&str, i64)> {
    text.split(',').filter_map(|p| {
        let (k, n) = p.split_once('=')?;
        Some((k, n.parse().ok()?))
    })
}
