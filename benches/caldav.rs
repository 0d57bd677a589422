//! Sharing a network's agenda through a CalDAV server (issue 15), on a real Radicale started
//! on loopback (the test harness's, from `.venv`): 10 sites and one year of appointments
//! (`sample::generate`, the clock pinned on 1 January 2026 so that the year is ahead).
//! Prints: the first join (everything sent, then read back), a sync with nothing new (median
//! of 20), one booking with its place claimed on the server (median of 20), and the sending
//! of its event that follows the confirmation.
//!
//! `CALDAV_BENCH_SITES` (default 10) and `CALDAV_BENCH_FILL` (the share of places booked, in
//! percent; default 8: about 2 000 appointments) set the size. Radicale checks every resource
//! of a calendar before creating one, so a join costs the square of a site's calendar: at 80 %
//! (about 20 000 appointments) it would take hours. `benches/dav_server_costs.py` measures
//! that cost of the server alone.
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
use permanences::exchange::caldav::{self, JoinRequest};
use permanences::sample::generate::{self, Size};
use permanences::scheduling::appointment::BookingInput;
use permanences::store::db;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let now: DateTime<Utc> = permanences::clock::parse_pin("2026-01-01T10:00").unwrap();
    let server = dav::DavServer::start(dav::Kind::Radicale);
    let dir = tempfile::tempdir().unwrap();
    let conn = db::open(&dir.path().join("a.sqlite3")).unwrap();
    let setting = |name: &str, default: u32| -> u32 {
        std::env::var(name)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let sites = setting("CALDAV_BENCH_SITES", 10);
    let fill_percent = setting("CALDAV_BENCH_FILL", 8);
    let made = generate::generate(
        &conn,
        Size {
            sites,
            years: 1,
            fill_percent,
        },
        now,
    )
    .unwrap();
    let request = JoinRequest {
        address: server.url(),
        username: server.user().to_owned(),
        password: server.password().to_owned(),
        sites: None,
        share_names: false,
        plain_http: false,
    };
    let start = Instant::now();
    caldav::join(&conn, &request, now).unwrap();
    let queued = caldav::status(&conn).unwrap().pending;
    let first = caldav::sync(&conn, now).unwrap();
    let join = start.elapsed();
    println!(
        "caldav: {} sites, {} permanences, {} appointments generated ({fill_percent} % of the places); \
         {queued} records queued at join",
        made.sites, made.permanences, made.appointments
    );
    println!(
        "caldav: join (discovery, calendars, {} records sent with their places, {} read back): {:.1} s",
        first.sent,
        first.received,
        join.as_secs_f64()
    );

    let mut idle = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let r = caldav::sync(&conn, now).unwrap();
        idle.push(t.elapsed());
        assert_eq!((r.sent, r.received), (0, 0), "nothing new");
    }
    println!(
        "caldav: sync with nothing new: median {} (goal < 150 ms)",
        ms(median(idle))
    );

    // Bookings into free places of March's slots, each claimed on the server first.
    let day = |t: &str| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
    let free: Vec<_> =
        permanences::scheduling::slot::list(&conn, None, day("2026-03-02"), day("2026-03-31"))
            .unwrap()
            .into_iter()
            .filter(|s| {
                s.is_free() && s.kind != permanences::network::vocab::PermanenceKind::DropIn
            })
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
        caldav::book(&conn, &input, now).unwrap();
        booking.push(t.elapsed());
        // Then, behind the confirmation, its event written to the site's calendar.
        let t = Instant::now();
        assert_eq!(caldav::send(&conn, now).unwrap(), 1);
        sending.push(t.elapsed());
    }
    println!(
        "caldav: one booking with its place claimed: median {} over {} (goal < 300 ms)",
        ms(median(booking.clone())),
        booking.len()
    );
    println!(
        "caldav: its event sent after the confirmation (and the site's calendar read back): median {}",
        ms(median(sending))
    );
}
