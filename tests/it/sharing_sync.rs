//! Two desks (two database files) sharing one agenda through a real CalDAV server started on
//! loopback: Radicale, and Xandikos for the same suite. A booking reaches the other desk, a
//! status and a move come back, the last place goes to exactly one desk when both race for
//! it, a desk offline keeps working and settles what it lost, and a wrong password or a dead
//! server changes nothing here.

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, claims, desk, with_site, Desk};
use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::vocab::{AppointmentStatus as Status, Reason};
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::sharing::{self, JoinRequest};
use permanences::store::db;
use permanences::ErrorKind;
use rstest::rstest;

/// Tuesday 2026-12-08 14:00 (Paris), a week after the pinned day.
const SLOT: &str = "2026-12-08T14:00";

fn join(d: &Desk, server: &DavServer, address: &str, share_names: bool) {
    let request = JoinRequest {
        address: address.to_owned(),
        username: server.user().to_owned(),
        password: server.password().to_owned(),
        sites: None,
        share_names,
        plain_http: false,
    };
    sharing::join(&d.conn, &request, now()).expect("joins");
    sharing::sync(&d.conn, now()).expect("first sync");
}

/// Books as the app and `permanences book` do: confirmed once its place is claimed, then its
/// event sent (offline, it stays queued).
fn book(
    d: &Desk,
    site: i64,
    name: &str,
    phone: &str,
) -> permanences::Result<appointment::Appointment> {
    let booked = desk::book(
        &d.conn,
        &BookingInput {
            site_id: permanences::network::site::SiteId(site),
            start: SLOT.into(),
            resident_name: Some(name.into()),
            resident_phone: Some(phone.into()),
            reason: Some(Reason::Caf),
            ..BookingInput::default()
        },
        now(),
    )?;
    let _ = sharing::send(&d.conn, now());
    Ok(booked)
}

/// The appointments of a desk: (start, status, name, reason).
fn appointments(d: &Desk) -> Vec<(String, String, Option<String>, Option<String>)> {
    d.conn
        .prepare("SELECT start_at, status, resident_name, reason FROM appointments ORDER BY start_at, id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn site_of(d: &Desk) -> i64 {
    d.conn
        .query_row("SELECT id FROM sites", [], |r| r.get(0))
        .unwrap()
}

fn later(minutes: i64) -> DateTime<Utc> {
    now() + chrono::Duration::minutes(minutes)
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn a_booking_reaches_the_other_desk_and_its_status_and_move_come_back(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let a = desk();
    let site_a = with_site(&a, 1);
    join(&a, &server, &server.url(), false);

    // A new reception PC: one join, and the site is there with its permanence.
    let b = desk();
    let home = format!(
        "{}{}",
        server.url().trim_end_matches('/'),
        server.calendar_home()
    );
    join(&b, &server, &home, false);
    let site_b = site_of(&b);
    let name: String = b
        .conn
        .query_row("SELECT name FROM sites", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Médiathèque Olympe de Gouges");
    let capacity: i64 = b
        .conn
        .query_row("SELECT capacity FROM permanences", [], |r| r.get(0))
        .unwrap();
    assert_eq!(capacity, 1);

    let booked = book(&a, site_a, "Léa", "06 12 34 56 78").expect("booked at A");
    assert_eq!(
        claims(&a, booked.id.0),
        1,
        "its place claimed on the server before it was confirmed"
    );
    assert_eq!(
        sharing::status(&a.conn).unwrap().pending,
        0,
        "its event followed"
    );
    sharing::sync(&b.conn, later(1)).expect("sync at B");
    assert_eq!(
        appointments(&b),
        vec![(
            "2026-12-08T13:00:00Z".into(),
            "booked".into(),
            None,
            Some("caf".into())
        )],
        "B sees the booking, without the name (names are not shared)"
    );
    // B's agenda counts the place as taken: its own booking is refused locally.
    let refused = book(&b, site_b, "Marc", "06 00 00 00 01").unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);

    // A moves it to 15:00; B sees the new time.
    appointment::reschedule(&a.conn, booked.id, "2026-12-08T15:00", None, later(2)).unwrap();
    sharing::sync(&a.conn, later(3)).unwrap();
    sharing::sync(&b.conn, later(4)).unwrap();
    let at_b: (i64, String) = b
        .conn
        .query_row("SELECT id, start_at FROM appointments", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(at_b.1, "2026-12-08T14:00:00Z", "the move reached B");
    // 14:00 is free again for B, across desks: its place followed the appointment.
    let again = book(&b, site_b, "Marc", "06 00 00 00 01").expect("14:00 is free again");
    sharing::sync(&a.conn, later(5)).unwrap();
    assert_eq!(appointments(&a).len(), 2, "A sees B's booking");

    // B notes that the person cancelled; A sees it, and the 15:00 place is free again.
    appointment::set_status(
        &b.conn,
        appointment::AppointmentId(at_b.0),
        Status::Excused,
        None,
        later(6),
    )
    .unwrap();
    sharing::sync(&b.conn, later(7)).unwrap();
    sharing::sync(&a.conn, later(8)).unwrap();
    let status: String = a
        .conn
        .query_row(
            "SELECT status FROM appointments WHERE id = ?1",
            [booked.id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "excused");
    let name: Option<String> = a
        .conn
        .query_row(
            "SELECT resident_name FROM appointments WHERE id = ?1",
            [booked.id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        name.as_deref(),
        Some("Léa"),
        "A keeps the name it was given"
    );
    desk::book(
        &a.conn,
        &BookingInput {
            site_id: permanences::network::site::SiteId(site_a),
            start: "2026-12-08T15:00".into(),
            ..BookingInput::default()
        },
        later(9),
    )
    .expect("the cancelled appointment's place is free on the server too");
    assert_ne!(again.id, booked.id);
    // Confirmed with its place claimed; its event waits for the send that follows.
    let status = sharing::status(&a.conn).unwrap();
    assert_eq!(
        (status.pending, status.conflicts),
        (1, 0),
        "{}",
        status.line
    );
    assert!(
        status.line.ends_with("1 changement en attente"),
        "{}",
        status.line
    );
    assert_eq!(sharing::send(&a.conn, later(9)).expect("sent"), 1);

    let status = sharing::status(&a.conn).unwrap();
    assert!(status.line.starts_with("Synchronisé à"), "{}", status.line);
    assert_eq!((status.pending, status.conflicts), (0, 0));
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn two_desks_racing_for_the_last_place_get_it_once(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let a = desk();
    let site_a = with_site(&a, 1);
    join(&a, &server, &server.url(), false);
    let b = desk();
    join(&b, &server, &server.url(), false);
    let site_b = site_of(&b);
    // Twenty slots: five Tuesdays, four slots each.
    let days = [
        "2026-12-08",
        "2026-12-15",
        "2026-12-22",
        "2026-12-29",
        "2027-01-05",
    ];
    let starts: Vec<String> = days
        .iter()
        .flat_map(|d| ["14:00", "14:30", "15:00", "15:30"].map(|t| format!("{d}T{t}")))
        .collect();
    for (round, start) in starts.iter().enumerate() {
        let barrier = std::sync::Barrier::new(2);
        let results: Vec<permanences::Result<appointment::Appointment>> =
            std::thread::scope(|scope| {
                // Each desk on a connection of its own thread, as two programs would be.
                let run = |path: &std::path::Path, site: i64, who: &str| {
                    let conn = db::open(path).expect("the desk's database");
                    barrier.wait();
                    desk::book(
                        &conn,
                        &BookingInput {
                            site_id: permanences::network::site::SiteId(site),
                            start: start.clone(),
                            resident_name: Some(who.into()),
                            ..BookingInput::default()
                        },
                        now(),
                    )
                };
                let (pa, pb) = (a.path.as_path(), b.path.as_path());
                let ha = scope.spawn(move || run(pa, site_a, "A"));
                let hb = scope.spawn(move || run(pb, site_b, "B"));
                vec![ha.join().unwrap(), hb.join().unwrap()]
            });
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(
            won, 1,
            "round {round} ({start}): exactly one desk gets the place: {results:?}"
        );
        let lost = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert_eq!(lost.kind(), ErrorKind::Conflict);
        assert!(
            lost.to_string().contains("pris par un autre poste")
                || lost.to_string().contains("complet"),
            "{lost}"
        );
    }
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn offline_bookings_are_sent_later_and_a_place_lost_meanwhile_becomes_a_conflict(
    #[case] kind: Kind,
) {
    let mut server = DavServer::start(kind);
    let a = desk();
    let site_a = with_site(&a, 1);
    join(&a, &server, &server.url(), false);
    let b = desk();
    join(&b, &server, &server.url(), false);
    let site_b = site_of(&b);

    server.stop();
    for (start, who) in [
        ("2026-12-08T14:00", "Un"),
        ("2026-12-08T14:30", "Deux"),
        ("2026-12-08T15:00", "Trois"),
    ] {
        let booked = desk::book(
            &a.conn,
            &BookingInput {
                site_id: permanences::network::site::SiteId(site_a),
                start: start.into(),
                resident_name: Some(who.into()),
                ..BookingInput::default()
            },
            now(),
        );
        assert!(
            booked.is_ok(),
            "offline, the desk keeps working: {booked:?}"
        );
    }
    let offline = sharing::status(&a.conn).unwrap();
    assert_eq!(offline.pending, 3);
    assert!(
        offline.line.starts_with("Hors ligne depuis"),
        "{}",
        offline.line
    );
    assert!(
        offline.line.contains("3 changements en attente"),
        "{}",
        offline.line
    );

    server.restart();
    // Meanwhile B, online, takes 14:30.
    sharing::sync(&b.conn, later(1)).unwrap();
    desk::book(
        &b.conn,
        &BookingInput {
            site_id: permanences::network::site::SiteId(site_b),
            start: "2026-12-08T14:30".into(),
            ..BookingInput::default()
        },
        now(),
    )
    .expect("B books 14:30 while A is offline");

    let report = sharing::sync(&a.conn, later(2)).expect("A syncs once the server is back");
    assert_eq!(report.status.pending, 0);
    assert_eq!(report.status.conflicts, 1, "{:?}", report.status);
    assert!(
        report.status.line.contains("1 conflit à régler"),
        "{}",
        report.status.line
    );
    // Nothing lost at A: its three bookings are there.
    assert_eq!(appointments(&a).iter().filter(|x| x.2.is_some()).count(), 3);
    // Nothing doubled on the server: B sees A's two others and its own 14:30, once each.
    sharing::sync(&b.conn, later(3)).unwrap();
    let at_b = appointments(&b);
    let starts: Vec<&str> = at_b.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(
        starts,
        [
            "2026-12-08T13:00:00Z",
            "2026-12-08T13:30:00Z",
            "2026-12-08T14:00:00Z"
        ],
        "{at_b:?}"
    );

    // A keeps its 14:30 as an extra place: settled, sent, and B sees both at 14:30.
    let open = sharing::conflicts(&a.conn).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        open[0]
            .appointment
            .as_ref()
            .unwrap()
            .resident_name
            .as_deref(),
        Some("Deux")
    );
    assert!(
        open[0].message.contains("pris par un autre poste"),
        "{}",
        open[0].message
    );
    sharing::settle(&a.conn, open[0].id, sharing::Settle::KeepAsExtra, later(4)).unwrap();
    let settled = sharing::sync(&a.conn, later(5)).unwrap();
    assert_eq!((settled.status.pending, settled.status.conflicts), (0, 0));
    sharing::sync(&b.conn, later(6)).unwrap();
    let at_b = appointments(&b);
    assert_eq!(
        at_b.iter()
            .filter(|x| x.0 == "2026-12-08T13:30:00Z")
            .count(),
        2,
        "{at_b:?}"
    );
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::davical(Kind::Davical)]
fn a_wrong_password_or_a_dead_server_changes_nothing(#[case] kind: Kind) {
    let mut server = DavServer::start(kind);
    let a = desk();
    with_site(&a, 1);
    let wrong = JoinRequest {
        address: server.url(),
        username: server.user().to_owned(),
        password: "pas-le-bon".into(),
        sites: None,
        share_names: false,
        plain_http: false,
    };
    let e = sharing::join(&a.conn, &wrong, now()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Network);
    assert!(e.to_string().contains("mot de passe"), "{e}");
    assert!(
        !e.to_string().contains("pas-le-bon"),
        "the password is never in a message: {e}"
    );
    assert!(!sharing::status(&a.conn).unwrap().joined);

    server.stop();
    let right = JoinRequest {
        password: server.password().to_owned(),
        ..wrong
    };
    let e = sharing::join(&a.conn, &right, now()).unwrap_err();
    assert!(e.to_string().contains("ne répond pas"), "{e}");
    assert!(!sharing::status(&a.conn).unwrap().joined);
    let sites: i64 = a
        .conn
        .query_row("SELECT count(*) FROM sites", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sites, 1);
}
