//! A desk of a network for the sharing tests (issue 15): its own database file in its own
//! folder, and the site it shares.

use chrono::NaiveDate;
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::SiteId;
use permanences::network::vocab::PermanenceKind;
use permanences::scheduling::agenda::{self, Span};
use permanences::scheduling::slot::{self as free, SlotSearch};
use permanences::sharing::{self, JoinRequest};
use permanences::store::db;
use rusqlite::Connection;

use super::dav::DavServer;
use super::{new_site, now, slot};

pub struct Desk {
    pub conn: Connection,
    pub path: std::path::PathBuf,
    /// Its folder (the database file and what the tests write beside it), removed with it.
    pub dir: tempfile::TempDir,
}

pub fn desk() -> Desk {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("permanences.sqlite3");
    let conn = db::open(&path).expect("a database");
    Desk { conn, path, dir }
}

/// A site with a Tuesday 14:00–16:00 permanence of 30-minute appointments, `capacity` each.
pub fn with_site(d: &Desk, capacity: u16) -> i64 {
    let s = new_site(&d.conn, "Médiathèque Olympe de Gouges");
    permanence::create(
        &d.conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(capacity),
            ..slot(&s, 2, "14:00", "16:00")
        },
        now(),
    )
    .expect("a permanence");
    s.id.0
}

/// Joins the network at the server's root, names and phone numbers shared, then the first
/// sync (the sites already shared arrive).
pub fn join(d: &Desk, server: &DavServer) {
    join_at(d, server, &server.url());
}

/// [`join`] through `address` (a fault proxy in front of `server`, or the server itself).
pub fn join_at(d: &Desk, server: &DavServer, address: &str) {
    sharing::join(&d.conn, &request(server, address), now()).expect("joins");
    sharing::sync(&d.conn, now()).expect("first sync");
}

/// What a person types to join `server` at `address`: its account, every site, names and
/// phone numbers shared.
pub fn request(server: &DavServer, address: &str) -> JoinRequest {
    JoinRequest {
        address: address.to_owned(),
        username: server.user().to_owned(),
        password: server.password().to_owned(),
        sites: None,
        share_names: true,
        plain_http: false,
    }
}

/// The appointments a desk holds, by start and status, in order.
pub fn appointments(d: &Desk) -> Vec<(String, String)> {
    d.conn
        .prepare("SELECT start_at, status FROM appointments ORDER BY start_at, status")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// How many places an appointment holds on the server, as the desk knows (0 or 1).
pub fn claims(d: &Desk, appointment: i64) -> i64 {
    d.conn
        .query_row(
            "SELECT count(*) FROM network_claims WHERE appointment_id = ?1",
            [appointment],
            |r| r.get(0),
        )
        .expect("a count")
}

/// Books as both shells do: through scheduling's one path, with the network's claimer.
pub fn book(
    conn: &Connection,
    input: &permanences::scheduling::appointment::BookingInput,
    now: chrono::DateTime<chrono::Utc>,
) -> permanences::Result<permanences::scheduling::appointment::Appointment> {
    use permanences::scheduling::appointment::{self, Taking};
    appointment::take(conn, &sharing::claimer(now), Taking::Book(input), now)
}

/// Books `who` at `site` at `start` (Paris) through [`book`], at the pinned [`now`], without
/// sending its event: the appointment's id.
pub fn book_named(
    conn: &Connection,
    site: i64,
    start: &str,
    who: &str,
) -> permanences::Result<i64> {
    let input = permanences::scheduling::appointment::BookingInput {
        site_id: SiteId(site),
        start: start.into(),
        resident_name: Some(who.into()),
        ..Default::default()
    };
    Ok(book(conn, &input, now())?.id.0)
}

/// Why the agenda's slot of `day` at Paris `hh:mm` is unavailable (`None`: it is not); such
/// a slot is never offered in the agenda.
pub fn unavailable(conn: &Connection, site: SiteId, day: &str, hh_mm: &str) -> Option<String> {
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let week = agenda::show(conn, Some(site), date, Span::Week, now()).unwrap();
    let slot = week
        .days
        .iter()
        .filter(|d| d.date == date)
        .flat_map(|d| &d.slots)
        .find(|s| s.slot.start.format("%H:%M").to_string() == hh_mm)
        .unwrap_or_else(|| panic!("a slot {day} {hh_mm}"));
    assert_eq!(
        slot.bookable,
        slot.slot.unavailable.is_none() && slot.slot.booked < slot.slot.capacity,
        "an unavailable slot is never offered in the agenda"
    );
    slot.slot.unavailable.clone()
}

/// The first `limit` free slots the booking dialog offers at `site`, as "YYYY-MM-DD HH:MM"
/// (Paris).
pub fn offered(conn: &Connection, site: SiteId, limit: usize) -> Vec<String> {
    let search = SlotSearch {
        site_id: Some(site),
        ..SlotSearch::default()
    };
    free::next_free(conn, now(), &search, limit)
        .unwrap()
        .iter()
        .map(|s| s.start.format("%Y-%m-%d %H:%M").to_string())
        .collect()
}
