//! Slots: the bookable openings generated from the weekly permanences, minus closures and
//! public holidays. Rules are local Europe/Paris wall-clock times; instants are UTC.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection};
use serde::Serialize;
use specta::Type;

use crate::clock::{day_bounds, days, local_instant, utc_text};
use crate::error::Result;
use crate::fr;
use crate::network::holiday;
use crate::network::permanence::PermanenceId;
use crate::network::site::SiteId;
use crate::network::vocab::{PermanenceKind, Reason};
use crate::scheduling::{absence, unavailable};

/// One opening: an appointment slot, or a whole drop-in permanence.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    pub site_id: SiteId,
    pub permanence_id: PermanenceId,
    /// Start, with the local offset ("2027-03-30T14:00:00+02:00").
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub kind: PermanenceKind,
    pub capacity: u16,
    /// Places taken by appointments (booked, honoured or no-show).
    pub booked: u16,
    /// "mardi 30 mars 2027".
    pub day: String,
    /// "14 h – 14 h 30".
    pub hours: String,
    /// The summary of an event of the site's calendar that makes this slot unavailable
    /// (« Réunion d'équipe »), if one overlaps it.
    pub unavailable: Option<String>,
}

impl Slot {
    /// Whether an appointment can still be booked here.
    pub fn is_free(&self) -> bool {
        self.kind != PermanenceKind::DropIn
            && self.booked < self.capacity
            && self.unavailable.is_none()
    }
}

/// A permanence as the generator needs it.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub id: PermanenceId,
    pub site_id: SiteId,
    pub weekday: u32,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub kind: PermanenceKind,
    pub slot_minutes: u16,
    pub capacity: u16,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub alsace_moselle: bool,
}

/// What the generator needs to know about a set of sites over a date range.
pub(crate) struct Calendar {
    pub rules: Vec<Rule>,
    /// Per site: closed date ranges with their reason.
    closures: HashMap<SiteId, Vec<(NaiveDate, NaiveDate, String)>>,
}

impl Calendar {
    /// Loads the permanences of active sites (one site, or all) and their closures in range.
    pub fn load(
        conn: &Connection,
        site: Option<SiteId>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Self> {
        let mut stmt = conn.prepare_cached(
            "SELECT p.id, p.site_id, p.weekday, p.start_time, p.end_time, p.kind, p.slot_minutes,
                    p.capacity, p.valid_from, p.valid_until, s.alsace_moselle
             FROM permanences p JOIN sites s ON s.id = p.site_id
             WHERE s.archived_at IS NULL AND (?1 IS NULL OR p.site_id = ?1)
               AND p.valid_from <= ?3 AND (p.valid_until IS NULL OR p.valid_until >= ?2)
             ORDER BY p.site_id, p.weekday, p.start_time",
        )?;
        let rules = stmt
            .query_map(params![site.map(|s| s.0), from, to], |r| {
                let start: String = r.get(3)?;
                let end: String = r.get(4)?;
                Ok(Rule {
                    id: PermanenceId(r.get(0)?),
                    site_id: SiteId(r.get(1)?),
                    weekday: r.get(2)?,
                    start: NaiveTime::parse_from_str(&start, "%H:%M").unwrap_or_default(),
                    end: NaiveTime::parse_from_str(&end, "%H:%M").unwrap_or_default(),
                    kind: r.get(5)?,
                    slot_minutes: r.get(6)?,
                    capacity: r.get(7)?,
                    valid_from: r.get(8)?,
                    valid_until: r.get(9)?,
                    alsace_moselle: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut closures: HashMap<SiteId, Vec<_>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT site_id, start_date, end_date, reason FROM closures
             WHERE (?1 IS NULL OR site_id = ?1) AND start_date <= ?3 AND end_date >= ?2",
        )?;
        let rows = stmt.query_map(params![site.map(|s| s.0), from, to], |r| {
            Ok((SiteId(r.get(0)?), r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        for row in rows {
            let (s, a, b, reason): (SiteId, NaiveDate, NaiveDate, String) = row?;
            closures.entry(s).or_default().push((a, b, reason));
        }
        Ok(Calendar { rules, closures })
    }

    /// Why `site` is closed on `date` (a closure's reason or a holiday's name), if it is.
    pub fn closed(&self, site: SiteId, date: NaiveDate, alsace_moselle: bool) -> Option<String> {
        if let Some(reason) = self
            .closures
            .get(&site)
            .and_then(|list| list.iter().find(|(a, b, _)| *a <= date && date <= *b))
            .map(|(_, _, reason)| reason.clone())
        {
            return Some(reason);
        }
        holiday::name(date, alsace_moselle).map(|h| format!("{h} (jour férié)"))
    }

    /// Every slot of every rule on `date`, in time order (places not yet counted).
    pub fn slots_on(&self, date: NaiveDate) -> Vec<Slot> {
        let mut out: Vec<Slot> = self
            .rules
            .iter()
            .flat_map(|rule| self.rule_slots_on(rule, date))
            .collect();
        out.sort_by_key(|s| (s.start, s.site_id.0));
        out
    }

    /// The slots of one rule on `date`: none when it is not that rule's weekday, outside its
    /// validity, on a closure or public holiday, or inside the spring-forward gap.
    fn rule_slots_on(&self, rule: &Rule, date: NaiveDate) -> Vec<Slot> {
        if !self.rule_day(rule, date) {
            return Vec::new();
        }
        rule_slots(rule, date)
    }

    /// Whether [`Calendar::rule_slots_on`] gives at least one slot, without building them.
    pub fn rule_opens(&self, rule: &Rule, date: NaiveDate) -> bool {
        self.rule_day(rule, date) && rule_instants(rule, date).next().is_some()
    }

    /// `date` is the rule's weekday, in its validity, and the site is open that day.
    fn rule_day(&self, rule: &Rule, date: NaiveDate) -> bool {
        rule.weekday == date.weekday().number_from_monday()
            && date >= rule.valid_from
            && rule.valid_until.is_none_or(|u| date <= u)
            && self
                .closed(rule.site_id, date, rule.alsace_moselle)
                .is_none()
    }
}

/// The slots of one permanence on one date. A slot starting at a wall-clock time that does
/// not exist (the spring-forward hour) is dropped; a repeated one (the autumn hour) yields one slot, at
/// its first occurrence.
fn rule_slots(rule: &Rule, date: NaiveDate) -> Vec<Slot> {
    rule_instants(rule, date)
        .map(|(a, b, start, end)| Slot {
            site_id: rule.site_id,
            permanence_id: rule.id,
            start: start.with_timezone(&Paris).fixed_offset(),
            end: end.with_timezone(&Paris).fixed_offset(),
            kind: rule.kind,
            capacity: rule.capacity,
            booked: 0,
            day: fr::weekday_date(date),
            hours: fr::time_range(a, b),
            unavailable: None,
        })
        .collect()
}

/// The (wall-clock start, end, UTC start, end) of each slot of `rule` on `date`.
fn rule_instants(
    rule: &Rule,
    date: NaiveDate,
) -> impl Iterator<Item = (NaiveTime, NaiveTime, DateTime<Utc>, DateTime<Utc>)> {
    let step = chrono::Duration::minutes(i64::from(rule.slot_minutes));
    let mut pieces = Vec::new();
    if rule.kind == PermanenceKind::DropIn {
        pieces.push((rule.start, rule.end));
    } else {
        let mut t = rule.start;
        loop {
            let (next, wrapped) = t.overflowing_add_signed(step);
            if wrapped != 0 || next > rule.end {
                break;
            }
            pieces.push((t, next));
            t = next;
        }
    }
    pieces.into_iter().filter_map(move |(a, b)| {
        let start = local_instant(date, a)?;
        // An end inside the spring-forward gap (01:30–02:00) is the instant of the jump.
        let end = local_instant(date, b).unwrap_or(start + (b - a));
        (end > start).then_some((a, b, start, end))
    })
}

/// Places taken, per site, by appointments starting in `[from, to)`: (start, end) pairs.
pub(crate) fn taken(
    conn: &Connection,
    site: Option<SiteId>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<HashMap<SiteId, Vec<(String, String)>>> {
    // Two statements, so that each can use its index (an "?1 IS NULL OR" test would not).
    let mut stmt = conn.prepare_cached(match site {
        Some(_) => {
            "SELECT site_id, start_at, end_at FROM appointments
             WHERE site_id = ?1 AND start_at >= ?2 AND start_at < ?3
               AND status IN ('booked', 'honoured', 'no_show')"
        }
        None => {
            "SELECT site_id, start_at, end_at FROM appointments
             WHERE ?1 IS NULL AND start_at >= ?2 AND start_at < ?3
               AND status IN ('booked', 'honoured', 'no_show')"
        }
    })?;
    let mut out: HashMap<SiteId, Vec<(String, String)>> = HashMap::new();
    let rows = stmt.query_map(
        params![site.map(|s| s.0), utc_text(from), utc_text(to)],
        |r| Ok((SiteId(r.get(0)?), r.get(1)?, r.get(2)?)),
    )?;
    for row in rows {
        let (s, a, b) = row?;
        out.entry(s).or_default().push((a, b));
    }
    Ok(out)
}

/// Fills in `booked` for each slot from the places taken.
pub(crate) fn count(slots: &mut [Slot], taken: &HashMap<SiteId, Vec<(String, String)>>) {
    for slot in slots {
        let (a, b) = (utc_text(slot.start.to_utc()), utc_text(slot.end.to_utc()));
        let n = taken.get(&slot.site_id).map_or(0, |list| {
            list.iter().filter(|(s, e)| *s < b && *e > a).count()
        });
        slot.booked = u16::try_from(n).unwrap_or(u16::MAX);
    }
}

/// Marks the slots an unavailability overlaps (its summary), or whose mediators are all
/// away (« Absence de <nom> »), which are then not free.
pub(crate) fn mark(slots: &mut [Slot], blocked: &unavailable::Blocked, absent: &absence::Absent) {
    if blocked.is_empty() && absent.is_empty() {
        return;
    }
    for slot in slots {
        let (a, b) = (utc_text(slot.start.to_utc()), utc_text(slot.end.to_utc()));
        slot.unavailable = blocked
            .get(&slot.site_id)
            .and_then(|list| {
                list.iter()
                    .find(|(s, e, _)| *s < b && *e > a)
                    .map(|(_, _, summary)| summary.clone())
            })
            .or_else(|| absent.blocking(slot.permanence_id, &a, &b));
    }
}

/// The slots of one site (or all) from `from` to `to` included, with their places counted.
pub fn list(
    conn: &Connection,
    site: Option<SiteId>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Slot>> {
    crate::store::db::read(conn, |conn| {
        let calendar = Calendar::load(conn, site, from, to)?;
        let mut out: Vec<Slot> = days(from, to).flat_map(|d| calendar.slots_on(d)).collect();
        let (a, b) = day_bounds(from, to);
        count(&mut out, &taken(conn, site, a, b)?);
        mark(
            &mut out,
            &unavailable::between(conn, site, a, b)?,
            &absence::Absent::between(conn, a, b)?,
        );
        Ok(out)
    })
}

/// What a search for a free slot is limited to.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotSearch {
    pub site_id: Option<SiteId>,
    /// Only slots of permanences of this kind ("appointment" also matches "both").
    pub kind: Option<PermanenceKind>,
    /// Only sites offering the service this reason needs.
    pub reason: Option<Reason>,
}

/// How far ahead a search looks before giving up.
const SEARCH_DAYS: u64 = 366;
/// Most days read at once while searching.
const SEARCH_CHUNK: u64 = 7;

/// The first `limit` free appointment slots starting after `after`, soonest first.
pub fn next_free(
    conn: &Connection,
    after: DateTime<Utc>,
    search: &SlotSearch,
    limit: usize,
) -> Result<Vec<Slot>> {
    crate::store::db::read(conn, |conn| {
        let first_day = after.with_timezone(&Paris).date_naive();
        let last_day = first_day
            .checked_add_days(Days::new(SEARCH_DAYS))
            .unwrap_or(first_day);
        let mut calendar = Calendar::load(conn, search.site_id, first_day, last_day)?;
        let allowed = sites_for_reason(conn, search.reason)?;
        calendar.rules.retain(|r| {
            r.kind != PermanenceKind::DropIn
                && search
                    .kind
                    .is_none_or(|k| k == r.kind || k == PermanenceKind::Appointment)
                && allowed.as_ref().is_none_or(|ok| ok.contains(&r.site_id))
        });
        let mut found = Vec::new();
        let mut day = first_day;
        let mut chunk = 1;
        while day <= last_day && found.len() < limit && !calendar.rules.is_empty() {
            // One day at a time at first (the answer is usually near), then wider steps.
            let chunk_end = day.checked_add_days(Days::new(chunk - 1)).unwrap_or(day);
            chunk = (chunk * 2).min(SEARCH_CHUNK);
            let mut slots: Vec<Slot> = days(day, chunk_end)
                .flat_map(|d| calendar.slots_on(d))
                .filter(|s| s.start.to_utc() > after)
                .collect();
            let (a, b) = day_bounds(day, chunk_end);
            count(&mut slots, &taken(conn, search.site_id, a, b)?);
            mark(
                &mut slots,
                &unavailable::between(conn, search.site_id, a, b)?,
                &absence::Absent::between(conn, a, b)?,
            );
            found.extend(
                slots
                    .into_iter()
                    .filter(Slot::is_free)
                    .take(limit - found.len()),
            );
            day = match chunk_end.checked_add_days(Days::new(1)) {
                Some(n) => n,
                None => break,
            };
        }
        Ok(found)
    })
}

/// The active sites that offer what `reason` needs; `None` when any site will do.
fn sites_for_reason(conn: &Connection, reason: Option<Reason>) -> Result<Option<Vec<SiteId>>> {
    let Some(service) = reason.and_then(Reason::service) else {
        return Ok(None);
    };
    // A site that lists no service at all is not excluded: its offer is simply not described.
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM sites s WHERE archived_at IS NULL AND (
            EXISTS (SELECT 1 FROM site_services WHERE site_id = s.id AND service = ?1)
            OR NOT EXISTS (SELECT 1 FROM site_services WHERE site_id = s.id))",
    )?;
    let ids = stmt
        .query_map([service], |r| r.get(0).map(SiteId))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(ids))
}
