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
use crate::scheduling::unavailable;
use crate::scheduling::waiting::{self, WaitingEntry};

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
        let per_day: Vec<(NaiveDate, Vec<Slot>)> = clock::days(from, to)
            .map(|d| {
                let mut slots = calendar.slots_on(d);
                slot::count(&mut slots, &taken);
                slot::mark(&mut slots, &blocked);
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
