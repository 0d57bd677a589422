//! A large, realistic data set for benchmarks: many sites, years of weekly permanences and
//! about a million appointments, written straight into an empty database.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection};

use crate::db::now_utc;
use crate::error::{Error, Result};
use crate::site::SiteId;
use crate::slot::{self, utc_text, Calendar};
use crate::vocab::{AppointmentStatus as Status, Reason};

/// The size of the data set.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub sites: u32,
    /// Years of history and future, centred on `today`.
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

/// Fills an empty database; refuses one that has sites. Deterministic for a given size.
pub fn generate(conn: &Connection, size: Size, today: NaiveDate) -> Result<Generated> {
    crate::db::write(conn, |tx| {
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
        let now = now_utc();
        let mut out = Generated {
            sites: 0,
            permanences: 0,
            appointments: 0,
        };
        for i in 0..size.sites {
            tx.execute(
                "INSERT INTO sites (name, street, postcode, city, alsace_moselle, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'Strasbourg', 1, ?4, ?4)",
                params![format!("Espace numérique n° {}", i + 1), format!("{} rue du Jeu des Enfants", i + 1), format!("670{:02}", i % 100), now],
            )?;
            let site = SiteId(tx.last_insert_rowid());
            for (weekday, start, end, kind, capacity) in WEEK {
                tx.execute(
                    "INSERT INTO permanences (site_id, weekday, start_time, end_time, kind, slot_minutes,
                        capacity, valid_from, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 30, ?6, ?7, ?8, ?8)",
                    params![site.0, weekday, start, end, kind, capacity, from, now],
                )?;
                out.permanences += 1;
            }
            out.appointments += fill(tx, site, from, to, size.fill_percent, u64::from(i))?;
            out.sites += 1;
        }
        Ok(out)
    })
}

fn fill(
    tx: &Connection,
    site: SiteId,
    from: NaiveDate,
    to: NaiveDate,
    fill_percent: u32,
    seed: u64,
) -> Result<usize> {
    let calendar = Calendar::load(tx, Some(site), from, to)?;
    let now: DateTime<Utc> = Utc::now();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut insert = tx.prepare_cached(
        "INSERT INTO appointments (site_id, permanence_id, start_at, end_at, resident_name, reason,
            status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let reasons = Reason::ALL;
    let mut n = 0;
    for day in slot::days(from, to) {
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
                let start = utc_text(s.start.to_utc());
                insert.execute(params![
                    site.0,
                    s.permanence_id.0,
                    start,
                    utc_text(s.end.to_utc()),
                    name,
                    reason,
                    status,
                    start
                ])?;
                n += 1;
            }
        }
    }
    Ok(n)
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
