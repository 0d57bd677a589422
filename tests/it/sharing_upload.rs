//! A desk that joins with many records (issue 26, « a join in seconds »): where the server
//! takes a whole calendar in one PUT (Radicale), each of its own sites' calendars and each
//! month's places calendar goes in one request (`sharing::upload`); elsewhere one resource
//! at a time, as before. Either way the server ends up holding the same resources under the
//! same names: the places are real claims that another desk is refused, the other desks
//! receive every appointment, and what the desk books later claims the next free place.
//! A whole calendar refused, or answered ambiguously, falls back to one resource at a time
//! and nothing is lost or given twice.

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, appointments, desk, with_site, Desk};
use crate::common::faults::{Fault, Faults};
use crate::common::*;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use permanences::network::vocab::AppointmentStatus;
use permanences::scheduling::appointment::{self, AppointmentId};
use permanences::sharing;
use permanences::sharing::dav::{Put, Written};
use rstest::rstest;

fn later(minutes: i64) -> DateTime<Utc> {
    now() + Duration::minutes(minutes)
}

fn book(d: &Desk, site: i64, start: &str, who: &str) -> i64 {
    desk::book_named(&d.conn, site, start, who).unwrap_or_else(|e| panic!("{start} booked: {e}"))
}

/// Nine Tuesdays from 8 December 2026 (three months of places calendars): at 14:00 both
/// places of the slot (capacity 2), at 15:00 one; and one appointment cancelled, which
/// holds no place. 28 appointments, 27 of them holding a place.
fn busy_desk() -> (Desk, i64) {
    let a = desk();
    let site = with_site(&a, 2);
    let first = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
    for week in 0..9 {
        let day = first + Duration::weeks(week);
        book(&a, site, &format!("{day}T14:00"), "Léa");
        book(&a, site, &format!("{day}T14:00"), "Marc");
        book(&a, site, &format!("{day}T15:00"), "Nour");
    }
    let gone = book(&a, site, "2026-12-08T15:30", "Yanis");
    appointment::set_status(
        &a.conn,
        AppointmentId(gone),
        AppointmentStatus::Excused,
        None,
        now(),
    )
    .unwrap();
    (a, site)
}

fn count(d: &Desk, sql: &str) -> i64 {
    d.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The desk's places on the server, as it recorded them.
fn claimed(d: &Desk) -> Vec<String> {
    d.conn
        .prepare("SELECT href FROM network_claims ORDER BY href")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The site's calendar's path on the server (the desk knows its URL through the proxy).
fn site_path(d: &Desk) -> String {
    let calendar: String = d
        .conn
        .query_row("SELECT calendar FROM network_sites", [], |r| r.get(0))
        .unwrap();
    let path = calendar.splitn(4, '/').nth(3).unwrap();
    format!("/{path}")
}

/// Another client of the server (a desk that does not know these places are taken) tries
/// to create each place: the server refuses every one (412), so each is a real claim under
/// the name every desk uses.
fn assert_refused_to_another_desk(server: &DavServer, places: &[String]) {
    let dav = server.client();
    for href in places {
        let name = href.rsplit('/').next().unwrap();
        let ics = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Un autre poste//FR\r\nBEGIN:VEVENT\r\n\
             UID:{name}\r\nDTSTAMP:20261201T094000Z\r\nDTSTART:20261208T130000Z\r\n\
             DTEND:20261208T133000Z\r\nSUMMARY:Place réservée\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        assert_eq!(
            dav.put(href, &ics, Put::Create).unwrap(),
            Written::Precondition,
            "{:?}: {href} is held on the server",
            server.kind()
        );
    }
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn a_desk_joining_with_many_records_sends_each_calendar_whole_where_the_server_takes_it(
    #[case] kind: Kind,
) {
    let server = DavServer::start(kind);
    let proxy = Faults::start(server.addr());
    let (a, site) = busy_desk();
    proxy.set(&[]);
    desk::join_at(&a, &server, &proxy.url());
    assert_eq!(
        sharing::status(&a.conn).unwrap().pending,
        0,
        "{kind:?}: all sent"
    );
    let path = site_path(&a);

    // Where the server takes a whole calendar, the site's appointments are one PUT (its
    // weekly permanence, in Paris time, goes alone) and each of the three months' places
    // calendars one PUT; elsewhere one PUT per record and place.
    let site_puts = proxy.count("PUT", "", &path);
    let place_puts = proxy.count("PUT", "", "/permanences-places-");
    // A calendar written whole, holding just that, is not read back by the join's sync (on
    // Radicale its first read costs seconds, for nothing new); elsewhere it is.
    assert_eq!(
        proxy.count("REPORT", "sync-collection", &path),
        usize::from(kind != Kind::Radicale),
        "{kind:?}: the site's calendar read back at the join"
    );
    if kind == Kind::Radicale {
        assert_eq!(
            site_puts, 2,
            "the appointments in one request, the permanence alone"
        );
        assert_eq!(place_puts, 3, "each month's places in one request");
    } else {
        assert_eq!(
            site_puts, 29,
            "{kind:?}: the permanence and 28 appointments"
        );
        // 27 places; place 1 tried first for each of the nine second bookings at 14:00;
        // each month's first claim tried again once its calendar is made.
        assert_eq!(place_puts, 27 + 9 + 3, "{kind:?}: one claim at a time")
    }

    // The same records sent, the same places held, on every server.
    assert_eq!(count(&a, "SELECT count(*) FROM network_resources"), 29);
    assert_eq!(
        count(
            &a,
            "SELECT count(*) FROM network_resources WHERE etag IS NULL"
        ),
        0,
        "{kind:?}: each resource's ETag known, for the next write"
    );
    assert_eq!(
        count(
            &a,
            "SELECT count(*) FROM appointments WHERE unconfirmed = 1"
        ),
        0
    );
    let places = claimed(&a);
    assert_eq!(
        places.len(),
        27,
        "{kind:?}: every active appointment holds a place"
    );
    for n in ["-1.ics", "-2.ics"] {
        assert!(
            places.iter().any(|p| p.ends_with(n)),
            "{kind:?}: both places of a full slot are claimed"
        );
    }
    assert_refused_to_another_desk(&server, &places);

    // A second desk receives every appointment.
    let b = desk();
    desk::join(&b, &server);
    assert_eq!(
        appointments(&b),
        appointments(&a),
        "{kind:?}: B holds them all"
    );
    assert_eq!(appointments(&b).len(), 28);

    // A books again: the next free place of its slot is claimed, one resource as usual.
    proxy.set(&[]);
    let id = book(&a, site, "2026-12-08T15:00", "Inès");
    sharing::send(&a.conn, later(1)).expect("sent");
    let held: String = a
        .conn
        .query_row(
            "SELECT href FROM network_claims WHERE appointment_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        held.ends_with("-2.ics"),
        "{kind:?}: place 2 of the 15:00 slot: {held}"
    );
    assert_eq!(
        proxy.count("PUT", "", &path),
        1,
        "{kind:?}: one event written"
    );
    sharing::sync(&b.conn, later(2)).unwrap();
    assert_eq!(
        appointments(&b),
        appointments(&a),
        "{kind:?}: and it reached B"
    );

    // B books: A's next sync reads the site's calendar (marked by B), whole where it kept no
    // token, and receives it; A's full check then finds nothing new.
    book(&b, site_of(&b), "2026-12-15T15:00", "Paul");
    sharing::send(&b.conn, later(3)).expect("B's booking sent");
    let before = appointments(&a).len();
    sharing::sync(&a.conn, later(4)).expect("A's sync");
    assert_eq!(
        appointments(&a).len(),
        before + 1,
        "{kind:?}: B's booking reached A"
    );
    assert_eq!(appointments(&a), appointments(&b));
    let report = sharing::sync_all(&a.conn, later(5)).expect("A's full check");
    assert_eq!(
        report.received, 0,
        "{kind:?}: nothing new at the full check"
    );
    assert_eq!(appointments(&a), appointments(&b));
}

/// A desk's only site, as it knows it.
fn site_of(d: &Desk) -> i64 {
    d.conn
        .query_row("SELECT site_id FROM network_sites", [], |r| r.get(0))
        .unwrap()
}

#[rstest]
#[case::refused(Fault::WholeCalendar { path: "/permanences-", status: 405, forwarded: false })]
#[case::written_then_500(Fault::WholeCalendar { path: "/permanences-", status: 500, forwarded: true })]
#[case::places_refused(Fault::WholeCalendar { path: "/permanences-places-", status: 403, forwarded: false })]
fn a_whole_calendar_refused_or_unanswered_goes_one_resource_at_a_time(#[case] fault: Fault) {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let (a, _) = busy_desk();
    proxy.set(std::slice::from_ref(&fault));
    desk::join_at(&a, &server, &proxy.url());
    assert!(proxy.fired(&fault) > 0, "the fault fired");
    assert_eq!(sharing::status(&a.conn).unwrap().pending, 0, "all sent");
    assert_eq!(count(&a, "SELECT count(*) FROM network_resources"), 29);
    assert_eq!(
        count(&a, "SELECT count(*) FROM network_conflicts"),
        0,
        "no place lost"
    );
    assert_eq!(
        count(
            &a,
            "SELECT count(*) FROM appointments WHERE unconfirmed = 1"
        ),
        0
    );
    let places = claimed(&a);
    assert_eq!(places.len(), 27, "every active appointment holds one place");
    assert_refused_to_another_desk(&server, &places);
    let b = desk();
    desk::join(&b, &server);
    assert_eq!(appointments(&b), appointments(&a), "B holds them all");
}

#[test]
fn a_site_calendar_that_already_holds_an_event_is_not_replaced() {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let (a, _) = busy_desk();
    proxy.set(&[]);
    sharing::join(&a.conn, &desk::request(&server, &proxy.url()), now()).expect("joins");
    // Before the first sync, a mediator's phone writes a meeting in the new site calendar.
    let path = site_path(&a);
    let calendar = format!("{}{}", server.url(), path.trim_start_matches('/'));
    server.client_event(
        &calendar,
        "meeting-1",
        ("20261229T140000Z", "20261229T143000Z"),
        "Réunion",
    );
    sharing::sync(&a.conn, now()).expect("first sync");
    assert_eq!(sharing::status(&a.conn).unwrap().pending, 0, "all sent");
    assert_eq!(
        proxy.count("PUT", "", &path),
        29,
        "not replaced whole: one resource at a time"
    );
    assert!(
        server
            .client()
            .get(&format!("{calendar}meeting-1.ics"))
            .unwrap()
            .is_some(),
        "the meeting is still there"
    );
    assert_eq!(claimed(&a).len(), 27);
    let b = desk();
    desk::join(&b, &server);
    assert_eq!(appointments(&b), appointments(&a), "B holds them all");
}
