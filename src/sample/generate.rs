//! A large, realistic data set for benchmarks: many sites, years of weekly permanences and
//! about a million appointments, written straight into an empty database.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection};

use crate::clock;
use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::network::site::SiteId;
use crate::network::vocab::{AppointmentStatus as Status, Reason};
use crate::scheduling::appointment::AppointmentId;
use crate::scheduling::search;
use crate::scheduling::slot::Calendar;

/// The size of the data set.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub sites: u32,
    /// Years of history and future, centred on the anchor's year.
    pub years: u32,
    /// Share of appointment places taken, in percent.
    pub fill_percent: u32,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub sites: usize,
    pub permanences: usize,
    pub appointments: usize,
}

/// Weekly pattern of every generated site: (weekday, start, end, kind, capacity).
const WEEK: &[(u8, &str, &str, &str, u16)] = &[
    (1, "09:00", "12:00", "appointment", 2),
    (2, "14:00", "17:00", "both", 2),
    (3, "09:00", "12:00", "drop_in", 3),
    (4, "14:00", "17:00", "appointment", 2),
    (5, "09:00", "12:00", "appointment", 2),
];

/// Fills an empty database; refuses one that has sites. Deterministic for a given size and
/// anchor `now`: appointments before it are past (honoured or not), those after it booked.
pub fn generate(conn: &Connection, size: Size, now: DateTime<Utc>) -> Result<Generated> {
    let today = clock::today(now);
    crate::store::db::write(conn, |tx| {
        let existing: i64 = tx.query_row("SELECT count(*) FROM sites", [], |r| r.get(0))?;
        if existing > 0 {
            return Err(Error::Conflict {
                field: "database",
                message: "Le jeu de données de test ne s'écrit que dans une base vide.".into(),
            });
        }
        let half = i32::try_from(size.years / 2).unwrap_or(0);
        let from = NaiveDate::from_ymd_opt(today.year() - half, 1, 1).unwrap_or(today);
        let to =
            NaiveDate::from_ymd_opt(from.year() + i32::try_from(size.years).unwrap_or(1), 1, 1)
                .and_then(|d| d.pred_opt())
                .unwrap_or(today);
        let stamp = utc_text(now);
        let mut out = Generated {
            sites: 0,
            permanences: 0,
            appointments: 0,
        };
        for i in 0..size.sites {
            tx.execute(
                "INSERT INTO sites (name, street, postcode, city, alsace_moselle, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'Strasbourg', 1, ?4, ?4)",
                params![format!("Espace numérique n° {}", i + 1), format!("{} rue du Jeu des Enfants", i + 1), format!("670{:02}", i % 100), stamp],
            )?;
            let site = SiteId(tx.last_insert_rowid());
            for (weekday, start, end, kind, capacity) in WEEK {
                tx.execute(
                    "INSERT INTO permanences (site_id, weekday, start_time, end_time, kind, slot_minutes,
                        capacity, valid_from, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 30, ?6, ?7, ?8, ?8)",
                    params![site.0, weekday, start, end, kind, capacity, from, stamp],
                )?;
                out.permanences += 1;
            }
            out.appointments += fill(tx, site, (from, to), now, size.fill_percent, u64::from(i))?;
            out.sites += 1;
        }
        Ok(out)
    })
}

fn fill(
    tx: &Connection,
    site: SiteId,
    (from, to): (NaiveDate, NaiveDate),
    now: DateTime<Utc>,
    fill_percent: u32,
    seed: u64,
) -> Result<usize> {
    let calendar = Calendar::load(tx, Some(site), from, to)?;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut insert = tx.prepare_cached(
        "INSERT INTO appointments (site_id, permanence_id, start_at, end_at, resident_name, reason,
            status, created_at, resident_phone, phone_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let reasons = Reason::ALL;
    let mut n = 0;
    for day in clock::days(from, to) {
        for s in calendar.slots_on(day).into_iter().filter(|s| s.is_free()) {
            for _ in 0..s.capacity {
                if rng.below(100) >= u64::from(fill_percent) {
                    continue;
                }
                let status = if s.start.to_utc() > now {
                    Status::Booked
                } else {
                    match rng.below(10) {
                        0 => Status::NoShow,
                        1 => Status::Excused,
                        _ => Status::Honoured,
                    }
                };
                let reason = reasons[usize::try_from(rng.below(reasons.len() as u64)).unwrap_or(0)];
                let name = (rng.below(3) == 0).then(|| format!("Personne {}", rng.below(10_000)));
                // Named people leave a phone number too: a search has both to look through.
                let phone = name.as_ref().map(|_| mobile(seed, n));
                let phone_key = search::phone_key(phone.as_deref());
                let start = utc_text(s.start.to_utc());
                insert.execute(params![
                    site.0,
                    s.permanence_id.0,
                    start,
                    utc_text(s.end.to_utc()),
                    name,
                    reason,
                    status,
                    start,
                    phone,
                    phone_key
                ])?;
                let id = AppointmentId(tx.last_insert_rowid());
                search::store_name_keys(tx, id, name.as_deref())?;
                n += 1;
            }
        }
    }
    Ok(n)
}

/// A mobile number ("06 12 34 56 78") for the `n`-th appointment of site `seed`, mixed from
/// both (splitmix64) rather than drawn from the generator, so that the rest of the data set
/// stays the same as before phone numbers were written.
fn mobile(seed: u64, n: usize) -> String {
    let mut z = (seed << 32 ^ n as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    let d = (z ^ (z >> 31)) % 100_000_000;
    format!(
        "06 {:02} {:02} {:02} {:02}",
        d / 1_000_000,
        d / 10_000 % 100,
        d / 100 % 100,
        d % 100
    )
}

/// A small deterministic generator (xorshift64): the data set must be the same every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Writes `count` visits spread evenly over the days from `from` to `to` and over the
/// database's sites, with mediators, anonymous profiles, one or two themes each and one
/// workshop in ten: the statistics benchmark's data set. Deterministic.
pub fn visits(conn: &Connection, count: u64, from: NaiveDate, to: NaiveDate) -> Result<u64> {
    use crate::records::visit::codes::{AgeBracket, Gender, SocialStatus};
    crate::store::db::write(conn, |tx| {
        let sites: Vec<i64> = tx
            .prepare("SELECT id FROM sites ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let themes: Vec<i64> = tx
            .prepare("SELECT id FROM terms WHERE vocabulary = 'theme' ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if sites.is_empty() || themes.is_empty() {
            return Ok(0);
        }
        // Stamped at the end of the span, so that the data set does not depend on the day.
        let now = utc_text(to.and_time(chrono::NaiveTime::MIN).and_utc());
        let mut mediators = Vec::new();
        for (i, site) in sites.iter().enumerate() {
            tx.execute(
                "INSERT INTO mediators (name, created_at) VALUES (?1, ?2)",
                params![format!("Médiateur {}", i + 1), now],
            )?;
            let m = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO site_mediators (site_id, mediator_id) VALUES (?1, ?2)",
                params![site, m],
            )?;
            mediators.push(m);
        }
        let days: Vec<NaiveDate> = clock::days(from, to).collect();
        let per_day = count.div_ceil(days.len().max(1) as u64);
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut visit = tx.prepare_cached(
            "INSERT INTO visits (kind, start_at, day, duration_minutes, place_type, site_id,
                mediator_id, age_bracket, social_status, gender, first_visit, workshop_title,
                participants, created_at)
             VALUES (?1, ?2, ?3, ?4, 'lieu_activite', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut term = tx.prepare_cached(
            "INSERT INTO visit_terms (visit_id, term_id, day, site_id, mediator_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let pick = |rng: &mut Rng, n: usize| usize::try_from(rng.below(n as u64)).unwrap_or(0);
        let mut written = 0;
        'days: for day in days {
            for k in 0..per_day {
                if written >= count {
                    break 'days;
                }
                let s = pick(&mut rng, sites.len());
                let start = clock::local_instant(
                    day,
                    chrono::NaiveTime::from_hms_opt(9 + (k % 8) as u32, 0, 0).unwrap_or_default(),
                )
                .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN).and_utc());
                let workshop = rng.below(10) == 0;
                let day_text = day.format("%Y-%m-%d").to_string();
                visit.execute(params![
                    if workshop { "collectif" } else { "individuel" },
                    utc_text(start),
                    day_text,
                    [20, 30, 45, 60, 90, 120][pick(&mut rng, 6)],
                    sites[s],
                    mediators[s],
                    AgeBracket::ALL[pick(&mut rng, AgeBracket::ALL.len())],
                    SocialStatus::ALL[pick(&mut rng, SocialStatus::ALL.len())],
                    Gender::ALL[pick(&mut rng, Gender::ALL.len())],
                    rng.below(3) == 0 && !workshop,
                    workshop.then_some("Atelier"),
                    if workshop {
                        2 + rng.below(10) as i64
                    } else {
                        1
                    },
                    now
                ])?;
                let id = tx.last_insert_rowid();
                let first = pick(&mut rng, themes.len());
                term.execute(params![id, themes[first], day_text, sites[s], mediators[s]])?;
                if rng.below(2) == 0 {
                    let second = (first + 1 + pick(&mut rng, themes.len() - 1)) % themes.len();
                    term.execute(params![
                        id,
                        themes[second],
                        day_text,
                        sites[s],
                        mediators[s]
                    ])?;
                }
                written += 1;
            }
        }
        Ok(written)
    })
}
