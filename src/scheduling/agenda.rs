//! The agenda: a site's (or the network's) days, with their slots and who is coming.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock;
use crate::clock::day_bounds;
use crate::error::{Error, Result};
use crate::fr;
use crate::network::site::{self, SiteId};
use crate::scheduling::appointment::{self, Appointment};
use crate::scheduling::slot::{self, Calendar, Slot};
use crate::scheduling::waiting::{self, WaitingEntry};
use crate::scheduling::{absence, unavailable};

/// A slot with the site's name and the appointments made in it (cancelled ones included,
/// shown as such; they do not count in `slot.booked`).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AgendaSlot {
    pub slot: Slot,
    pub site_name: String,
    pub appointments: Vec<Appointment>,
    /// A place is free and the slot has not started yet.
    pub bookable: bool,
    /// The slot has started (or is over).
    pub past: bool,
}

/// One day of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AgendaDay {
    pub date: NaiveDate,
    /// "mardi 30 mars 2027".
    pub label: String,
    /// "Médiathèque Olympe de Gouges : fermé (Vacances de Noël)".
    pub notices: Vec<String>,
    pub slots: Vec<AgendaSlot>,
    /// Appointments outside any slot (extras, or left after a permanence changed).
    pub others: Vec<Appointment>,
}

/// Days of the agenda, and the people waiting for a place at the sites shown.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Agenda {
    pub days: Vec<AgendaDay>,
    pub waiting: Vec<WaitingEntry>,
    /// "Semaine du 29 mars 2027" or "mardi 30 mars 2027".
    pub title: String,
    /// The same span just before and just after, for navigation.
    pub previous: NaiveDate,
    pub next: NaiveDate,
    /// Today in Paris.
    pub today: NaiveDate,
}

/// How much the agenda shows at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Span {
    Day,
    /// Monday to Sunday.
    Week,
}

/// What the agenda's « Lieu » holds, remembered on a computer, when the choice was « Tous les
/// lieux » (otherwise a site's id).
pub const ALL_SITES: &str = "all";

/// The site the agenda opens on, among the `listed` (active) sites: the one last chosen on
/// this computer for this file (`remembered`) while it is still listed, or « Tous les lieux »
/// if that was the choice; else the only site; else « Tous les lieux » when the network's day
/// fits one grid of `per_grid` sites, and the first site when it would take several. A
/// 50-site network's day is ten grids that a desk rarely needs first thing: it starts on one
/// site, and « Tous les lieux » is one choice away. `None` is « Tous les lieux ».
pub fn opening_site(
    listed: &[SiteId],
    remembered: Option<&str>,
    per_grid: usize,
) -> Option<SiteId> {
    if remembered == Some(ALL_SITES) {
        return None;
    }
    if let Some(kept) = listed
        .iter()
        .find(|s| remembered.is_some_and(|r| r == s.0.to_string()))
    {
        return Some(*kept);
    }
    if listed.len() == 1 || listed.len() > per_grid {
        return listed.first().copied();
    }
    None
}

/// The agenda of one site (or all active sites) for the day or the week of `date`.
pub fn show(
    conn: &Connection,
    site: Option<SiteId>,
    date: NaiveDate,
    span: Span,
    now: DateTime<Utc>,
) -> Result<Agenda> {
    let (from, days) = match span {
        Span::Day => (date, 1),
        Span::Week => {
            let back = u64::from(chrono::Datelike::weekday(&date).num_days_from_monday());
            (date.checked_sub_days(Days::new(back)).unwrap_or(date), 7)
        }
    };
    let mut out = agenda(conn, site, from, days, now)?;
    out.title = match span {
        Span::Day => fr::weekday_date(from),
        Span::Week => format!("Semaine du {}", fr::date_long(from)),
    };
    out.previous = from
        .checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(from);
    out.next = from
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(from);
    Ok(out)
}

type SlotKey = (SiteId, DateTime<Utc>);

fn key(slot: &Slot) -> SlotKey {
    (slot.site_id, slot.start.to_utc())
}

/// Sorts appointments into their slots; extras and those matching no slot go by day.
fn group(
    list: Vec<Appointment>,
    per_day: &[(NaiveDate, Vec<Slot>)],
) -> (
    HashMap<SlotKey, Vec<Appointment>>,
    HashMap<NaiveDate, Vec<Appointment>>,
) {
    let keys: HashSet<SlotKey> = per_day
        .iter()
        .flat_map(|(_, slots)| slots.iter().map(key))
        .collect();
    let mut by_slot: HashMap<SlotKey, Vec<Appointment>> = HashMap::new();
    let mut others: HashMap<NaiveDate, Vec<Appointment>> = HashMap::new();
    for ap in list {
        let k = (ap.site_id, ap.start.to_utc());
        if ap.permanence_id.is_some() && keys.contains(&k) {
            by_slot.entry(k).or_default().push(ap);
        } else {
            others.entry(ap.start.date_naive()).or_default().push(ap);
        }
    }
    (by_slot, others)
}

/// "Médiathèque : fermé (Vacances de Noël)" for each site that would hold a permanence that
/// day but is closed.
fn notices(sites: &[site::SiteName], calendar: &Calendar, date: NaiveDate) -> Vec<String> {
    let weekday = chrono::Datelike::weekday(&date).number_from_monday();
    sites
        .iter()
        .filter(|s| {
            calendar
                .rules
                .iter()
                .any(|r| r.site_id == s.id && r.weekday == weekday)
        })
        .filter_map(|s| {
            calendar
                .closed(s.id, date, s.alsace_moselle)
                .map(|why| format!("{} : fermé ({why})", s.name))
        })
        .collect()
}

/// The agenda of one site (or all active sites) for `days` days from `from`.
pub fn agenda(
    conn: &Connection,
    site: Option<SiteId>,
    from: NaiveDate,
    days: u8,
    now: DateTime<Utc>,
) -> Result<Agenda> {
    if !(1..=31).contains(&days) {
        return Err(Error::invalid("days", "L'agenda montre de 1 à 31 jours."));
    }
    let to = from
        .checked_add_days(Days::new(u64::from(days) - 1))
        .unwrap_or(from);
    crate::store::db::read(conn, |conn| {
        let sites = site::names(conn, site)?;
        let names: HashMap<SiteId, &str> = sites.iter().map(|s| (s.id, s.name.as_str())).collect();
        let calendar = Calendar::load(conn, site, from, to)?;
        let (a, b) = day_bounds(from, to);
        let taken = slot::taken(conn, site, a, b)?;
        let blocked = unavailable::between(conn, site, a, b)?;
        let absent = absence::Absent::between(conn, a, b)?;
        let per_day: Vec<(NaiveDate, Vec<Slot>)> = clock::days(from, to)
            .map(|d| {
                let mut slots = calendar.slots_on(d);
                slot::count(&mut slots, &taken);
                slot::mark(&mut slots, &blocked, &absent);
                (d, slots)
            })
            .collect();
        let (mut by_slot, mut others) =
            group(appointment::list_between(conn, site, a, b)?, &per_day);
        let out = per_day
            .into_iter()
            .map(|(date, slots)| AgendaDay {
                date,
                label: fr::weekday_date(date),
                notices: notices(&sites, &calendar, date),
                slots: slots
                    .into_iter()
                    .map(|slot| AgendaSlot {
                        site_name: names
                            .get(&slot.site_id)
                            .copied()
                            .unwrap_or_default()
                            .to_owned(),
                        bookable: slot.is_free() && slot.start.to_utc() > now,
                        past: slot.start.to_utc() <= now,
                        appointments: by_slot.remove(&key(&slot)).unwrap_or_default(),
                        slot,
                    })
                    .collect(),
                others: others.remove(&date).unwrap_or_default(),
            })
            .collect();
        let waiting = waiting::list_open(conn, site)?;
        Ok(Agenda {
            title: format!("Du {} au {}", fr::date_long(from), fr::date_long(to)),
            previous: from,
            next: to,
            today: crate::clock::today(now),
            days: out,
            waiting,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{opening_site, SiteId};

    fn network(n: i64) -> Vec<SiteId> {
        (0..n).map(|i| SiteId(i + 11)).collect()
    }

    #[test]
    fn the_agenda_opens_on_the_whole_network_when_its_day_fits_one_grid_else_its_first_site() {
        assert_eq!(opening_site(&[], None, 5), None);
        assert_eq!(opening_site(&network(1), None, 5), Some(SiteId(11)));
        assert_eq!(opening_site(&network(5), None, 5), None);
        assert_eq!(opening_site(&network(6), None, 5), Some(SiteId(11)));
        assert_eq!(opening_site(&network(50), None, 5), Some(SiteId(11)));
    }

    #[test]
    fn the_agenda_opens_on_the_site_last_chosen_while_it_is_still_listed() {
        assert_eq!(opening_site(&network(50), Some("all"), 5), None);
        assert_eq!(opening_site(&network(50), Some("23"), 5), Some(SiteId(23)));
        assert_eq!(opening_site(&network(3), Some("12"), 5), Some(SiteId(12)));
        // Archived, or chosen in another file: back to the rule.
        assert_eq!(opening_site(&network(3), Some("99"), 5), None);
        assert_eq!(opening_site(&network(50), Some("99"), 5), Some(SiteId(11)));
    }
}
