//! Calendar export (iCalendar, RFC 5545): the permanences of one site, one mediator or the
//! whole network as weekly recurring events, optionally with the appointments.
//!
//! What a file covers (its window): from 30 days before the export to one year after it.
//! - A permanence becomes one VEVENT: DTSTART on its first open day in the window, an
//!   `RRULE:FREQ=WEEKLY;UNTIL=` its last open day in the window (or its own end date), and an
//!   EXDATE for every day the app's slot generator says it does not open (closures, public
//!   holidays, Alsace-Moselle ones included when the site has that flag). Times carry
//!   `TZID=Europe/Paris`, and the Europe/Paris VTIMEZONE is included.
//! - Appointments (only when asked) starting in the window: by default "Rendez-vous" and the
//!   reason only; the resident's name and phone only with `with_names`. Cancelled ones are
//!   kept with `STATUS:CANCELLED`, so that a client which imported them removes them.
//!
//! UIDs are derived from ids (`permanence-12@permanences.local`), so importing a file twice,
//! or refreshing a subscription, updates events instead of duplicating them. Published files
//! are rewritten after every change (see [`crate::exchange::publish`]), which also moves the window.

mod events;
pub(crate) use events::one_permanence;
pub mod ics;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::Result;
use crate::network::mediator::{self, MediatorId};
use crate::network::site::{self, SiteId};

/// Whose calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CalendarScope {
    /// Every active site.
    #[serde(rename_all = "camelCase")]
    Network,
    /// One site.
    #[serde(rename_all = "camelCase")]
    Site { site_id: SiteId },
    /// The permanences a mediator holds (and their appointments).
    #[serde(rename_all = "camelCase")]
    Mediator { mediator_id: MediatorId },
}

/// What to put in a calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarRequest {
    pub scope: CalendarScope,
    /// Also the appointments (a private calendar).
    pub with_appointments: bool,
    /// Appointments show the resident's name and phone (only with `with_appointments`).
    pub with_names: bool,
}

/// The days a calendar file covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    /// The usual window: 30 days before `today` to one year after it.
    pub fn around(today: NaiveDate) -> Self {
        Window {
            from: today.checked_sub_days(Days::new(30)).unwrap_or(today),
            to: today.checked_add_days(Days::new(365)).unwrap_or(today),
        }
    }
}

/// Writes the calendar asked for over `window`, as the text of an `.ics` file.
/// `now` is the DTSTAMP of every event.
pub fn export(
    conn: &Connection,
    request: &CalendarRequest,
    window: Window,
    now: DateTime<Utc>,
) -> Result<String> {
    crate::store::db::read(conn, |conn| events::write(conn, request, window, now))
}

/// A calendar ready to be written: its text, a file name, and how many events it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarFile {
    pub text: String,
    pub file_name: String,
    pub events: usize,
}

impl CalendarFile {
    /// What the person is told once it is written: « 18 événements ».
    pub fn summary(&self) -> String {
        crate::fr::count(
            i64::try_from(self.events).unwrap_or(i64::MAX),
            "événement",
            "événements",
        )
    }
}

/// The calendar over the usual window around today (Paris), with a file name for it.
pub fn render(
    conn: &Connection,
    request: &CalendarRequest,
    now: DateTime<Utc>,
) -> Result<CalendarFile> {
    let today = crate::clock::today(now);
    let text = export(conn, request, Window::around(today), now)?;
    Ok(CalendarFile {
        events: text.matches("BEGIN:VEVENT").count(),
        file_name: file_name(conn, request)?,
        text,
    })
}

/// A file name that says whose calendar it is: `permanences-reseau.ics`,
/// `permanences-mediatheque-olympe-de-gouges.ics`, `rendez-vous-…` with appointments.
pub fn file_name(conn: &Connection, request: &CalendarRequest) -> Result<String> {
    let whose = match request.scope {
        CalendarScope::Network => "reseau".to_owned(),
        CalendarScope::Site { site_id } => crate::fr::slug(&site::get(conn, site_id)?.name),
        CalendarScope::Mediator { mediator_id } => {
            crate::fr::slug(&mediator::get(conn, mediator_id)?.name)
        }
    };
    let what = if request.with_appointments {
        "rendez-vous"
    } else {
        "permanences"
    };
    let whose = if whose.is_empty() {
        "calendrier".to_owned()
    } else {
        whose
    };
    Ok(format!("{what}-{whose}.ics"))
}
