//! Issue 26: servers as they are. Every case runs through the fault-injecting proxy
//! (`common::faults`) in front of Radicale: a missing collection answered 405, 403, 404 or
//! 409; an account that may not create a calendar; a conditional PUT answered 500 after the
//! server wrote it; a connection dropped after the request was sent. A desk never confirms
//! a place the server has not given it, and never loses one the server has.

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, claims, desk, request, with_site, Desk};
use crate::common::faults::{Fault, Faults, When};
use crate::common::*;
use permanences::network::site::SiteId;
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::sharing;
use permanences::store::db;
use permanences::ErrorKind;
use rstest::rstest;

fn join(d: &Desk, server: &DavServer, proxy: &Faults) {
    sharing::join(&d.conn, &request(server, &proxy.url()), now()).expect("joins");
    sharing::sync_all(&d.conn, now()).expect("first sync");
}

fn site_of(d: &Desk) -> SiteId {
    SiteId(
        d.conn
            .query_row("SELECT id FROM sites ORDER BY id LIMIT 1", [], |r| r.get(0))
            .unwrap(),
    )
}

fn input(site: SiteId, start: &str, who: &str) -> BookingInput {
    BookingInput {
        site_id: site,
        start: start.into(),
        resident_name: Some(who.into()),
        ..BookingInput::default()
    }
}

#[rstest]
#[case::method_not_allowed(405)]
#[case::forbidden(403)]
#[case::not_found(404)]
#[case::conflict(409)]
fn a_join_and_a_first_booking_work_whatever_a_missing_calendar_is_answered(#[case] status: u16) {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let fault = Fault::MissingCollection(status);
    proxy.set(std::slice::from_ref(&fault));
    let a = desk();
    with_site(&a, 1);
    join(&a, &server, &proxy);
    assert_eq!(
        sharing::status(&a.conn).unwrap().pending,
        0,
        "the join's first sync sent everything, the changes calendar made on the way"
    );

    // The first place of a month: its calendar does not exist yet, the PUT is answered
    // `status`, the calendar is made and the place claimed in it.
    let booked =
        desk::book(&a.conn, &input(site_of(&a), "2026-12-08T14:00", "A"), now()).expect("booked");
    assert!(!booked.unconfirmed, "the server gave the place: confirmed");
    assert_eq!(
        claims(&a, booked.id.0),
        1,
        "the place is held on the server"
    );
    sharing::sync(&a.conn, now()).expect("the booking's event is sent");
    if status != 409 {
        assert!(
            proxy.fired(&fault) >= 2,
            "the proxy answered {status} for the changes calendar and the places calendar"
        );
    }

    // Another desk joins through the same proxy and sees the booking, its place taken.
    let b = desk();
    join(&b, &server, &proxy);
    let at_b: i64 = b
        .conn
        .query_row(
            "SELECT count(*) FROM appointments WHERE resident_name = 'A'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(at_b, 1, "B received A's booking");
    let refused = desk::book(&b.conn, &input(site_of(&b), "2026-12-08T14:00", "B"), now());
    assert!(
        matches!(&refused, Err(e) if e.kind() == ErrorKind::Conflict),
        "the place is A's: {refused:?}"
    );
}

#[test]
fn a_calendar_the_account_may_not_create_is_named_and_nothing_changes() {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    proxy.set(&[Fault::NoMkcalendar]);
    let a = desk();
    with_site(&a, 1);
    let refused = sharing::join(&a.conn, &request(&server, &proxy.url()), now())
        .expect_err("the site's calendar cannot be made");
    let message = refused.to_string();
    assert!(
        message.contains("« Permanences – Médiathèque Olympe de Gouges »")
            && message.contains("créer l'agenda"),
        "the message says which calendar the account may not create: {message}"
    );
    assert_eq!(count(&a.conn, "network_account"), 0, "not joined");
    assert_eq!(count(&a.conn, "network_sites"), 0, "nothing shared");
}

/// Three desks race for the two places of each of 20 slots, through a proxy that answers
/// 500 after writing, or drops the connection after sending, on some conditional PUTs.
#[rstest]
#[case::server_error(Fault::ServerError { path: "", when: When::Every(2) })]
#[case::dropped(Fault::Drop { path: "", when: When::Every(2) })]
fn twenty_races_through_ambiguous_answers_give_each_place_once(#[case] fault: Fault) {
    const CAPACITY: usize = 2;
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let a = desk();
    with_site(&a, CAPACITY as u16);
    join(&a, &server, &proxy);
    let b = desk();
    join(&b, &server, &proxy);
    let c = desk();
    join(&c, &server, &proxy);
    proxy.set(std::slice::from_ref(&fault));
    let desks = [&a, &b, &c];
    let sites: Vec<SiteId> = desks.iter().map(|d| site_of(d)).collect();
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
    let mut won = vec![Vec::new(); desks.len()];
    for (round, start) in starts.iter().enumerate() {
        let barrier = std::sync::Barrier::new(desks.len());
        let results: Vec<permanences::Result<appointment::Appointment>> =
            std::thread::scope(|scope| {
                let handles: Vec<_> = desks
                    .iter()
                    .zip(&sites)
                    .enumerate()
                    .map(|(i, (d, site))| {
                        let (path, barrier) = (d.path.clone(), &barrier);
                        scope.spawn(move || {
                            let conn = db::open(&path).expect("the desk's database");
                            barrier.wait();
                            desk::book(&conn, &input(*site, start, &format!("{i}-{round}")), now())
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
        let winners = results.iter().filter(|r| r.is_ok()).count();
        let why: Vec<String> = desks
            .iter()
            .map(|d| sharing::status(&d.conn).map(|s| s.line).unwrap_or_default())
            .collect();
        assert_eq!(
            winners, CAPACITY,
            "round {round} ({start}): exactly {CAPACITY} desks get a place: {results:?} {why:?}"
        );
        for (i, r) in results.iter().enumerate() {
            match r {
                Ok(booked) => {
                    assert!(
                        !booked.unconfirmed,
                        "round {round}: a place the server gave is confirmed at once"
                    );
                    won[i].push(booked.id);
                }
                Err(e) => assert!(
                    e.kind() == ErrorKind::Conflict
                        && (e.to_string().contains("pris par un autre poste")
                            || e.to_string().contains("complet")),
                    "round {round}: the loser is refused at once, as taken: {e}"
                ),
            }
        }
    }
    assert!(
        proxy.fired(&fault) >= 10,
        "the fault fired: {}",
        proxy.fired(&fault)
    );

    // Nothing lost: every winner's place is on the server, every desk ends with all 40.
    proxy.set(&[]);
    for (i, d) in desks.iter().enumerate() {
        for id in &won[i] {
            assert_eq!(claims(d, id.0), 1, "desk {i}: each booking holds its place");
        }
        sharing::sync_all(&d.conn, now()).expect("the desk syncs");
    }
    for (i, d) in desks.iter().enumerate() {
        sharing::sync_all(&d.conn, now()).expect("the desk syncs again");
        let booked: i64 = d
            .conn
            .query_row(
                "SELECT count(*) FROM appointments WHERE status = 'booked' AND unconfirmed = 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            booked,
            (starts.len() * CAPACITY) as i64,
            "desk {i} holds every booking, confirmed"
        );
        assert!(
            sharing::conflicts(&d.conn).unwrap().is_empty(),
            "desk {i}: no place was given twice, so no conflict: {:?}",
            sharing::conflicts(&d.conn).unwrap()
        );
    }
}
