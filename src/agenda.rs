//! The agenda: a site's (or the network's) days, with their slots and who is coming.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::appointment::{self, Appointment};
use crate::error::{Error, Result};
use crate::fr;
use crate::site::{self, SiteId};
use crate::slot::{self, day_bounds, Calendar, Slot};
use crate::waiting::{self, WaitingEntry};

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
    crate::db::read(conn, |conn| {
        let sites = site::names(conn, site)?;
        let name_of = |id: SiteId| {
            sites
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        let calendar = Calendar::load(conn, site, from, to)?;
        let (a, b) = day_bounds(from, to);
        let taken = slot::taken(conn, site, a, b)?;
        let mut appointments = appointment::list_between(conn, site, a, b)?;
        let mut out = Vec::new();
        for date in slot::days(from, to) {
            let mut slots = calendar.slots_on(date);
            slot::count(&mut slots, &taken);
            let notices = sites
                .iter()
                .filter(|s| {
                    calendar.rules.iter().any(|r| {
                        r.site_id == s.id
                            && r.weekday == chrono::Datelike::weekday(&date).number_from_monday()
                    })
                })
                .filter_map(|s| {
                    calendar
                        .closed(s.id, date, s.alsace_moselle)
                        .map(|why| format!("{} : fermé ({why})", s.name))
                })
                .collect();
            let slots = slots
                .into_iter()
                .map(|slot| {
                    let (mine, rest): (Vec<_>, Vec<_>) = appointments.drain(..).partition(|ap| {
                        ap.site_id == slot.site_id
                            && ap.start == slot.start
                            && ap.permanence_id.is_some()
                    });
                    appointments = rest;
                    AgendaSlot {
                        site_name: name_of(slot.site_id),
                        bookable: slot.is_free() && slot.start.to_utc() > now,
                        past: slot.start.to_utc() <= now,
                        slot,
                        appointments: mine,
                    }
                })
                .collect();
            let (today, later): (Vec<_>, Vec<_>) = appointments
                .drain(..)
                .partition(|ap| ap.start.date_naive() == date);
            appointments = later;
            out.push(AgendaDay {
                date,
                label: fr::weekday_date(date),
                notices,
                slots,
                others: today,
            });
        }
        let waiting = waiting::list_open(conn, site)?;
        Ok(Agenda {
            title: format!("Du {} au {}", fr::date_long(from), fr::date_long(to)),
            previous: from,
            next: to,
            today: now.with_timezone(&chrono_tz::Europe::Paris).date_naive(),
            days: out,
            waiting,
        })
    })
}
