//! The full check reads the next calendar while it applies the one before (issue 26): a
//! calendar's answer may wait, already read, while this desk writes to that calendar (a
//! cancellation, a booking sent). That answer is then older than what the server holds: it
//! is asked for again, whether the desk's write was read back (a new token kept) or its
//! read-back failed (the token unchanged), so that an older answer never undoes what the
//! desk wrote, for a moment (an appointment cancelled here shown booked again) or for good
//! (an appointment booked here taken for one a calendar client deleted, and cancelled).
//!
//! The fault proxy holds the server's answer to the read ahead back until the test has
//! written; the read-back is dropped on the way in the failing cases.

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, appointments, desk, with_site, Desk};
use crate::common::faults::{Fault, Faults, When};
use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::SiteId;
use permanences::network::vocab::{AppointmentStatus as Status, PermanenceKind};
use permanences::scheduling::appointment::{self, AppointmentId, BookingInput};
use permanences::sharing;
use permanences::sharing::dav::{Put, Written};
use permanences::store::db;
use rstest::rstest;

fn later(minutes: i64) -> DateTime<Utc> {
    now() + chrono::Duration::minutes(minutes)
}

fn booking(site: i64, start: &str) -> BookingInput {
    BookingInput {
        site_id: SiteId(site),
        start: start.into(),
        resident_name: Some("Léa".into()),
        ..BookingInput::default()
    }
}

/// The desk's only site's calendar, and its path (what the proxy sees).
fn calendar(d: &Desk, proxy: &Faults) -> (String, String) {
    let calendar: String = d
        .conn
        .query_row("SELECT calendar FROM network_sites", [], |r| r.get(0))
        .unwrap();
    let path = format!("/{}", calendar.trim_start_matches(&proxy.url()));
    (calendar, path)
}

/// The proxy holds back the answer to the first read of `path` (the full check's read
/// ahead) and, when `read_back_fails`, drops the second (the read-back of a write made
/// meanwhile).
fn faults(path: &str, read_back_fails: bool) -> Vec<Fault> {
    let mut faults = vec![Fault::HoldAnswer {
        path: path.to_owned(),
        when: When::Nth(1),
    }];
    if read_back_fails {
        faults.push(Fault::ReadDropped {
            path: path.to_owned(),
            when: When::Nth(2),
        });
    }
    faults
}

/// Runs `sync` on the desk's database from another connection (as the app's sync thread
/// does), does `meanwhile` once the answer read ahead is held back, then lets it go.
fn while_read_ahead_waits(
    d: &Desk,
    proxy: &Faults,
    sync: fn(&rusqlite::Connection, DateTime<Utc>) -> permanences::Result<sharing::SyncReport>,
    meanwhile: impl FnOnce(),
) {
    let path = d.path.clone();
    let syncing = std::thread::spawn(move || {
        let conn = db::open(&path).expect("the sync's connection");
        sync(&conn, later(1)).map(|_| ())
    });
    proxy.wait_held(1);
    meanwhile();
    proxy.release(1);
    syncing
        .join()
        .expect("the sync ran")
        .expect("the sync went through");
}

/// The address of an appointment's event on the server (beside the proxy).
fn href(server: &DavServer, proxy: &Faults, d: &Desk, id: AppointmentId) -> String {
    let href: String = d
        .conn
        .query_row(
            "SELECT href FROM network_resources WHERE kind = 'appointment' AND local_id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .unwrap();
    href.replacen(&proxy.url(), &server.url(), 1)
}

/// A phone's calendar adds an alarm to an appointment's event: a new ETag, the same
/// appointment (booked), not read by the desk yet. Returns the event's address.
fn alarm_added(server: &DavServer, proxy: &Faults, d: &Desk, id: AppointmentId) -> String {
    let href = href(server, proxy, d, id);
    let event = server.client().get(&href).unwrap().expect("the event");
    let (event, etag) = (event.data.unwrap(), event.etag.unwrap());
    let alarm = event.replacen(
        "END:VEVENT",
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Rappel\r\nTRIGGER:-PT15M\r\n\
         END:VALARM\r\nEND:VEVENT",
        1,
    );
    let touched = server.client().put(&href, &alarm, Put::Replace(&etag));
    assert!(
        matches!(touched, Ok(Written::Done { .. })),
        "the phone's change is written: {touched:?}"
    );
    href
}

/// The appointment at `href` is cancelled on the server, and A holds it cancelled: the
/// older answer read ahead, where it was booked, was not applied.
fn cancelled_at_both(server: &DavServer, a: &Desk, href: &str) {
    let event = server.client().get(href).unwrap().and_then(|i| i.data);
    assert!(
        event.is_some_and(|e| e.contains("excused")),
        "the server holds the appointment cancelled"
    );
    assert_eq!(
        appointments(a),
        vec![("2026-12-08T13:00:00Z".to_owned(), "excused".to_owned())],
        "A keeps it cancelled: the older answer read ahead (booked) was not applied"
    );
}

/// A's appointment is in the answer read ahead (a phone added an alarm to its event since
/// A's last read), booked; A cancels it meanwhile. A keeps it cancelled, as the server does.
#[rstest]
#[case::read_back(false)]
#[case::read_back_failing(true)]
fn an_answer_read_ahead_does_not_bring_back_an_appointment_cancelled_meanwhile(
    #[case] read_back_fails: bool,
) {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let a = desk();
    let site = with_site(&a, 3);
    let booked = desk::book(&a.conn, &booking(site, "2026-12-08T14:00"), now()).expect("booked");
    desk::join_at(&a, &server, &proxy.url());
    let (_, path) = calendar(&a, &proxy);
    let href = alarm_added(&server, &proxy, &a, booked.id);

    proxy.set(&faults(&path, read_back_fails));
    while_read_ahead_waits(&a, &proxy, sharing::sync_all, || {
        // The person calls to cancel: noted at A and sent, its calendar read back.
        appointment::set_status(&a.conn, booked.id, Status::Excused, None, later(1))
            .expect("cancelled");
        let sent = sharing::send(&a.conn, later(1));
        assert_eq!(
            sent.is_err(),
            read_back_fails,
            "the cancellation is sent; its read-back fails only when dropped: {sent:?}"
        );
    });

    cancelled_at_both(&server, &a, &href);
    assert_eq!(
        proxy.count("REPORT", "sync-collection", &path),
        3,
        "the calendar was read ahead, read back after the cancellation, then asked again"
    );
}

/// A's first sync after joining reads its site's whole calendar (no token kept yet); A books
/// meanwhile. The answer read ahead, a whole listing without the new appointment, would
/// make it look deleted by a calendar client, hence cancelled, here and on the server. It is
/// asked again: the appointment stays booked, at A and for a desk joining afterwards.
#[rstest]
#[case::read_back(false)]
#[case::read_back_failing(true)]
fn a_whole_listing_read_ahead_does_not_cancel_an_appointment_booked_meanwhile(
    #[case] read_back_fails: bool,
) {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let a = desk();
    let site = with_site(&a, 3);
    sharing::join(&a.conn, &desk::request(&server, &proxy.url()), now()).expect("joins");
    let (_, path) = calendar(&a, &proxy);

    proxy.set(&faults(&path, read_back_fails));
    while_read_ahead_waits(&a, &proxy, sharing::sync, || {
        desk::book(&a.conn, &booking(site, "2026-12-08T14:00"), later(1))
            .expect("booked, its place claimed");
        let sent = sharing::send(&a.conn, later(1));
        assert_eq!(
            sent.is_err(),
            read_back_fails,
            "the booking is sent; its read-back fails only when dropped: {sent:?}"
        );
    });

    let booked = vec![("2026-12-08T13:00:00Z".to_owned(), "booked".to_owned())];
    assert_eq!(
        appointments(&a),
        booked,
        "A keeps its booking: the older whole listing read ahead was not applied"
    );
    assert_eq!(
        proxy.count("REPORT", "sync-collection", &path),
        3,
        "the calendar was read ahead, read back after the booking, then asked again"
    );
    let b = desk();
    desk::join(&b, &server);
    assert_eq!(appointments(&b), booked, "the server holds it booked");
}

/// A second site, read after [`with_site`]'s by the full check: a Tuesday 14:00–16:00
/// permanence of 30-minute appointments.
fn second_site(d: &Desk) -> i64 {
    let s = new_site(&d.conn, "Espace France Services de Schiltigheim");
    permanence::create(
        &d.conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(3),
            ..slot(&s, 2, "14:00", "16:00")
        },
        now(),
    )
    .expect("a permanence");
    s.id.0
}

/// A cancellation under way when the second calendar is asked for: its mark noted pending,
/// its event not written yet. The server answers the read ahead first, then the event is
/// written, but not its mark (the server refuses it: 503), so nothing reads the calendar
/// back and the mark's sequence does not move: only the mark left pending says that the
/// answer read ahead is older than the server's calendar. It is asked again.
#[test]
fn an_answer_read_ahead_during_a_write_whose_mark_is_refused_is_asked_again() {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let a = desk();
    with_site(&a, 3);
    let second = second_site(&a);
    let booked = desk::book(&a.conn, &booking(second, "2026-12-08T14:00"), now()).expect("booked");
    desk::join_at(&a, &server, &proxy.url());
    let paths: Vec<String> = a
        .conn
        .prepare("SELECT calendar FROM network_sites ORDER BY site_id")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|c| format!("/{}", c.unwrap().trim_start_matches(&proxy.url())))
        .collect();
    assert_eq!(paths.len(), 2);
    let href = alarm_added(&server, &proxy, &a, booked.id);

    proxy.set(&[
        // Held first: the first calendar's answer.
        Fault::HoldAnswer {
            path: paths[0].clone(),
            when: When::Nth(1),
        },
        // Second: the cancellation's event, before the server has it.
        Fault::HoldRequest {
            method: "PUT",
            path: paths[1].clone(),
            when: When::Nth(1),
        },
        // Third: the second calendar's answer, read ahead.
        Fault::HoldAnswer {
            path: paths[1].clone(),
            when: When::Nth(1),
        },
        Fault::Status {
            method: "PUT",
            path: "/permanences-changes/".to_owned(),
            status: 503,
            when: When::Always,
        },
    ]);
    let db_path = a.path.clone();
    let syncing = std::thread::spawn(move || {
        let conn = db::open(&db_path).expect("the sync's connection");
        sharing::sync_all(&conn, later(1)).map(|_| ())
    });
    proxy.wait_held(1);
    let db_path = a.path.clone();
    let cancelling = std::thread::spawn(move || {
        let conn = db::open(&db_path).expect("the cancellation's connection");
        appointment::set_status(&conn, booked.id, Status::Excused, None, later(1))
            .expect("cancelled");
        sharing::send(&conn, later(1)).map(|_| ())
    });
    proxy.wait_held(2);
    proxy.release(1);
    proxy.wait_held(3);
    proxy.release(3);
    let sent = cancelling.join().expect("the cancellation ran");
    assert!(sent.is_err(), "its mark was refused: {sent:?}");
    let synced = syncing.join().expect("the sync ran");
    assert!(
        synced.is_err(),
        "the sync's own mark was refused too: {synced:?}"
    );
    let checked: Option<String> = a
        .conn
        .query_row("SELECT checked_at FROM network_account", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        checked.as_deref(),
        Some(permanences::clock::utc_text(later(1)).as_str()),
        "the full check itself went through"
    );

    cancelled_at_both(&server, &a, &href);
    assert_eq!(
        proxy.count("REPORT", "sync-collection", &paths[1]),
        2,
        "the second calendar was read ahead, then asked again (never read back)"
    );
}

/// B's network has one site, of one place at 14:00, and A has joined it. A's full check
/// reads the site's calendar ahead; meanwhile B takes the place, then A tries to book it.
/// A's claim is refused, and A reads the calendar at once (claim.rs: the free slots offered
/// next are the server's): a read A made without writing anything, so only the token kept
/// tells that the answer read ahead is older. It is asked again, not applied over the newer.
#[test]
fn an_answer_read_ahead_is_asked_again_after_a_refused_claim_read_the_calendar() {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let b = desk();
    let b_site = with_site(&b, 1);
    desk::join(&b, &server);
    let a = desk();
    desk::join_at(&a, &server, &proxy.url());
    let site: i64 = a
        .conn
        .query_row("SELECT id FROM sites", [], |r| r.get(0))
        .expect("B's site, received by A");
    let (_, path) = calendar(&a, &proxy);

    proxy.set(&faults(&path, false));
    while_read_ahead_waits(&a, &proxy, sharing::sync_all, || {
        desk::book(&b.conn, &booking(b_site, "2026-12-08T14:00"), later(1))
            .expect("B takes the only place");
        sharing::send(&b.conn, later(1)).expect("B's booking sent");
        let refused = desk::book(&a.conn, &booking(site, "2026-12-08T14:00"), later(1));
        assert!(
            matches!(refused, Err(permanences::Error::Conflict { .. })),
            "A's booking is refused at once: {refused:?}"
        );
    });

    let booked = vec![("2026-12-08T13:00:00Z".to_owned(), "booked".to_owned())];
    assert_eq!(appointments(&a), booked, "A holds B's booking, booked");
    assert_eq!(appointments(&b), booked, "B keeps it booked");
    assert_eq!(
        proxy.count("REPORT", "sync-collection", &path),
        3,
        "the calendar was read ahead, read after the refused claim, then asked again"
    );
}
