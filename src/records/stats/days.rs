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
    counts: [u32; KEYS],
    terms: BTreeMap<i64, u32>,
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

/// One gathered activity as its day's sums count it.
pub(crate) struct Counted<'a> {
    /// This database's site it is matched to, if any.
    pub site: Option<i64>,
    pub day: NaiveDate,
    pub kind: VisitKind,
    pub place: PlaceType,
    pub minutes: i64,
    pub participants: i64,
    /// Its person's profile and first-visit flag when the person is anonymous (individual
    /// visits only).
    pub anonymous: Option<(AgeBracket, SocialStatus, Gender, bool)>,
    pub terms: &'a [i64],
}

/// A desk's activities summed per site and day, as they are counted (from a file just read,
/// or from the activities already gathered), then written to `gathered_days`.
#[derive(Default)]
pub(crate) struct DaySums(BTreeMap<(NaiveDate, Option<i64>), Day>);

impl DaySums {
    pub(crate) fn add(&mut self, a: &Counted) {
        let d = self.0.entry((a.day, a.site)).or_default();
        d.visits += 1;
        d.minutes += a.minutes;
        for id in a.terms {
            *d.terms.entry(*id).or_default() += 1;
        }
        d.counts[position(&BUCKETS, &bucket(a.minutes))] += 1;
        d.counts[4 + position(PlaceType::ALL, &a.place)] += 1;
        if a.kind == VisitKind::Workshop {
            d.workshops += 1;
            d.participants += a.participants;
            return;
        }
        d.individual += 1;
        if let Some((age, status, gender, first)) = a.anonymous {
            d.anonymous += 1;
            d.counts[8 + position(AgeBracket::ALL, &age)] += 1;
            d.counts[16 + position(SocialStatus::ALL, &status)] += 1;
            d.counts[21 + position(Gender::ALL, &gender)] += 1;
            d.counts[if first { 24 } else { 25 }] += 1;
        }
    }

    /// Replaces `desk`'s sums from `from` to `to` with these.
    pub(crate) fn write(
        self,
        tx: &Connection,
        desk: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<()> {
        tx.execute(
            "DELETE FROM gathered_days WHERE desk_id = ?1 AND day BETWEEN ?2 AND ?3",
            params![desk, from.to_string(), to.to_string()],
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO gathered_days (day, desk_id, site_key, site_id, visits, minutes,
                 individual, workshops, participants, anonymous, counts, terms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for ((day, site), d) in self.0 {
            // Little-endian numbers, positional in the order of `keys()`; the terms as
            // (id, n) pairs: read back without parsing text.
            let counts: Vec<u8> = d.counts.iter().flat_map(|n| n.to_le_bytes()).collect();
            let terms: Vec<u8> = d
                .terms
                .iter()
                .flat_map(|(id, n)| id.to_le_bytes().into_iter().chain(n.to_le_bytes()))
                .collect();
            insert.execute(params![
                day.to_string(),
                desk,
                site.unwrap_or(0),
                site,
                d.visits,
                d.minutes,
                d.individual,
                d.workshops,
                d.participants,
                d.anonymous,
                counts,
                terms,
            ])?;
        }
        Ok(())
    }
}

/// Rewrites the sums of `desk`'s activities from `from` to `to`, from the activities already
/// gathered.
pub(crate) fn rebuild(tx: &Connection, desk: i64, from: NaiveDate, to: NaiveDate) -> Result<()> {
    let mut sums = DaySums::default();
    let mut stmt = tx.prepare_cached(
        "SELECT site_id, day, kind, place_type, duration_minutes, participants,
                person_id IS NULL, age_bracket, social_status, gender, first_visit, terms
         FROM gathered_visits WHERE desk_id = ?1 AND day BETWEEN ?2 AND ?3",
    )?;
    let mut rows = stmt.query(params![desk, from.to_string(), to.to_string()])?;
    let mut terms = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: VisitKind = r.get(2)?;
        terms.clear();
        terms.extend(
            r.get_ref(11)?
                .as_str()
                .unwrap_or_default()
                .split(',')
                .filter_map(|t| t.parse::<i64>().ok()),
        );
        let anonymous = if kind == VisitKind::Individual && r.get(6)? {
            Some((r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?))
        } else {
            None
        };
        sums.add(&Counted {
            site: r.get(0)?,
            day: r.get(1)?,
            kind,
            place: r.get(3)?,
            minutes: r.get(4)?,
            participants: r.get(5)?,
            anonymous,
            terms: &terms,
        });
    }
    sums.write(tx, desk, from, to)
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
        let bytes = r.get_ref(6)?.as_blob().unwrap_or_default();
        for (total, n) in counts.iter_mut().zip(bytes.chunks_exact(4)) {
            *total += i64::from(u32::from_le_bytes([n[0], n[1], n[2], n[3]]));
        }
        for pair in r.get_ref(7)?.as_blob().unwrap_or_default().chunks_exact(12) {
            let (id, n) = pair.split_at(8);
            let id = i64::from_le_bytes(id.try_into().unwrap_or_default());
            let n = u32::from_le_bytes(n.try_into().unwrap_or_default());
            *s.terms.entry(id).or_default() += i64::from(n);
        }
    }
    s.counts = names
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n != 0)
        .collect();
    Ok(s)
}
