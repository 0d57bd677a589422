//! Sharing a network's agenda through a CalDAV server (issue 15), on a real Radicale started
//! on loopback (the test harness's, from `.venv`): 10 sites and one year of appointments
//! (`sample::generate`, the clock pinned on 1 January 2026 so that the year is ahead).
//!
//! Two stages:
//!
//! 1. Desk A joins with the generated network (`CALDAV_BENCH_FILL`, the share of places
//!    booked, in percent; default 8: about 2 000 appointments), everything sent through the
//!    server. Radicale checks every resource of a calendar before creating one, so a join
//!    through the server costs the square of a site's calendar: at 80 % it would take hours
//!    (`benches/dav_server_costs.py` measures that cost of the server alone).
//! 2. The site calendars are then grown to a year of a busy network (`CALDAV_BENCH_EVENTS`,
//!    default 50 000 events over the sites) by copying A's appointment events under new UIDs
//!    straight into Radicale's storage folder, and a new desk B joins: it reads them all.
//!
//! At each stage: a sync with nothing new (median of 20: only the changes calendar is read),
//! the full check that reads every calendar (« Synchroniser maintenant », and every ten
//! minutes; median of 5), one booking with its place claimed (median of 20), and the sending
//! of its event that follows the confirmation.
//!
//! Goals: a sync with nothing new < 150 ms median; one booking with its claim < 300 ms median.
//! Run with `make bench` (or `cargo bench --bench caldav`).

// Benchmark code: a failed unwrap stops the measure with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/it/common/dav.rs"]
#[allow(dead_code)]
mod dav;

mod tools {
    /// The project's root, for the harness's `.venv`.
    pub fn root() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }
}

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use permanences::sample::generate::{self, Size};
use permanences::scheduling::appointment::{self, BookingInput, Taking};
use permanences::sharing::dav::Dav;
use permanences::sharing::{self, JoinRequest};
use permanences::store::db;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn setting(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn join(conn: &rusqlite::Connection, server: &dav::DavServer, now: DateTime<Utc>) -> Duration {
    let request = JoinRequest {
        address: server.url(),
        username: server.user().to_owned(),
        password: server.password().to_owned(),
        sites: None,
        share_names: false,
        plain_http: false,
    };
    let start = Instant::now();
    sharing::join(conn, &request, now).unwrap();
    let queued = sharing::status(conn).unwrap().pending;
    let first = sharing::sync(conn, now).unwrap();
    let took = start.elapsed();
    println!(
        "caldav:   join: {queued} records queued, {} sent with their places, {} read back: {:.1} s",
        first.sent,
        first.received,
        took.as_secs_f64()
    );
    took
}

/// The syncs and bookings of one desk, as it would be used: the clock at `now`, bookings
/// into free places of `month` (`2026-03`).
fn measure(conn: &rusqlite::Connection, now: DateTime<Utc>, month: &str) {
    let mut idle = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let r = sharing::sync(conn, now).unwrap();
        idle.push(t.elapsed());
        assert_eq!((r.sent, r.received), (0, 0), "nothing new");
    }
    println!(
        "caldav:   sync with nothing new: median {} (goal < 150 ms)",
        ms(median(idle))
    );
    let mut full = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let r = sharing::sync_all(conn, now).unwrap();
        full.push(t.elapsed());
        assert_eq!((r.sent, r.received), (0, 0), "nothing new");
    }
    println!(
        "caldav:   full check of every calendar with nothing new (« Synchroniser maintenant », \
         and every {} min): median {}",
        sharing::FULL_CHECK_EVERY.num_minutes(),
        ms(median(full))
    );

    let day = |t: &str| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
    let first = day(&format!("{month}-01"));
    let last = first + chrono::Months::new(1) - chrono::Days::new(1);
    let free: Vec<_> = permanences::scheduling::slot::list(conn, None, first, last)
        .unwrap()
        .into_iter()
        .filter(|s| s.is_free() && s.kind != permanences::network::vocab::PermanenceKind::DropIn)
        .take(20)
        .collect();
    let (mut booking, mut sending) = (Vec::new(), Vec::new());
    for slot in &free {
        let input = BookingInput {
            site_id: slot.site_id,
            start: slot.start.to_rfc3339(),
            ..BookingInput::default()
        };
        // What the person waits for: the booking, confirmed once its place is claimed.
        let t = Instant::now();
        let claimer = sharing::claimer(now);
        appointment::take(conn, &claimer, Taking::Book(&input), now).unwrap();
        booking.push(t.elapsed());
        // Then, behind the confirmation, its event written to the site's calendar.
        let t = Instant::now();
        assert_eq!(sharing::send(conn, now).unwrap(), 1);
        sending.push(t.elapsed());
    }
    println!(
        "caldav:   one booking with its place claimed: median {} over {} (goal < 300 ms)",
        ms(median(booking.clone())),
        booking.len()
    );
    println!(
        "caldav:   its event sent after the confirmation (and the site's calendar read back): median {}",
        ms(median(sending))
    );
}

/// Copies the appointment events of each site's calendar under new UIDs, straight into
/// Radicale's storage, until the site calendars hold `target` events in all. Returns how many
/// events they hold.
fn grow(server: &dav::DavServer, target: usize) -> usize {
    let calendars: Vec<std::path::PathBuf> = std::fs::read_dir(server.radicale_collections())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("permanences-")
                && !name.starts_with("permanences-places")
                && name != "permanences-changes"
        })
        .collect();
    let events = |dir: &std::path::Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ics"))
            .collect()
    };
    let mut held: usize = calendars.iter().map(|c| events(c).len()).sum();
    let mut copy = 0;
    while held < target {
        copy += 1;
        for calendar in &calendars {
            for path in events(calendar) {
                let text = std::fs::read_to_string(&path).unwrap();
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                if !text.contains("Rendez-vous") || stem.contains("-copy-") || held >= target {
                    continue;
                }
                // Unfolded, so that the UID inside the data is replaced whole.
                let text = text.replace("\r\n ", "").replace("\n ", "");
                let uid = format!("{stem}-copy-{copy}");
                let text = without_place(&text.replace(&stem, &uid));
                std::fs::write(calendar.join(format!("{uid}.ics")), text).unwrap();
                held += 1;
            }
        }
    }
    // Radicale keeps a cache of each event, written when the event is uploaded: these copies
    // were not uploaded, so each calendar is read once, uncounted, as a server that received
    // them would already have done.
    let dav = Dav::new(
        server.user(),
        server.password(),
        Duration::from_secs(1800),
        false,
    );
    for calendar in &calendars {
        let name = calendar.file_name().unwrap().to_string_lossy().into_owned();
        let url = format!("{}{}/{name}/", server.url(), server.user());
        dav.changes(&url, None).unwrap();
    }
    held
}

/// A copy holds no place of its own (the original's place is the original's).
fn without_place(text: &str) -> String {
    let key = "\"place\":\"";
    match text.find(key) {
        Some(at) => {
            let value = at + key.len();
            let end = value + text[value..].find('"').unwrap() + 1;
            format!("{}\"place\":null{}", &text[..at], &text[end..])
        }
        None => text.to_owned(),
    }
}

fn main() {
    let now: DateTime<Utc> = permanences::clock::parse_pin("2026-01-01T10:00").unwrap();
    let server = dav::DavServer::start(dav::Kind::Radicale);
    let dir = tempfile::tempdir().unwrap();
    let sites = setting("CALDAV_BENCH_SITES", 10);
    let fill_percent = setting("CALDAV_BENCH_FILL", 8);
    let target = setting("CALDAV_BENCH_EVENTS", 50_000) as usize;

    let a = db::open(&dir.path().join("a.sqlite3")).unwrap();
    let made = generate::generate(
        &a,
        Size {
            sites,
            years: 1,
            fill_percent,
        },
        now,
    )
    .unwrap();
    println!(
        "caldav: desk A, {} sites, {} permanences, {} appointments generated ({fill_percent} % of the places)",
        made.sites, made.permanences, made.appointments
    );
    join(&a, &server, now);
    measure(&a, now, "2026-03");

    let held = grow(&server, target);
    println!(
        "caldav: the site calendars grown to {held} events (A's appointments copied in Radicale's storage); desk B joins"
    );
    let b = db::open(&dir.path().join("b.sqlite3")).unwrap();
    join(&b, &server, now);
    let appointments: i64 = b
        .query_row("SELECT count(*) FROM appointments", [], |r| r.get(0))
        .unwrap();
    println!("caldav:   desk B holds {appointments} appointments");
    measure(&b, now, "2026-04");
}
