//! Issue 25: every way of taking a place goes through scheduling's one path and the network's
//! claimer; a server that never answers costs a bounded wait and a booking « à confirmer »,
//! never a frozen window nor a false « enregistré »; what another desk changes is applied by
//! the area that owns it (search keys, history, overlaps).

use std::time::{Duration, Instant};

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, claims, desk, join, with_site, Desk};
use crate::common::stall::Stall;
use crate::common::tools::{cli, text};
use crate::common::*;
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::SiteId;
use permanences::network::vocab::PermanenceKind;
use permanences::scheduling::appointment::{
    self, Appointment, BookingInput, SeriesOutcome, Taking,
};
use permanences::scheduling::{agenda, search};
use permanences::sharing::{self, Settle};
use permanences::store::db;
use permanences::ErrorKind;
use rstest::rstest;

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

/// Runs `take` at both desks at once, each on a connection of its own thread (two programs).
fn race<T: Send>(
    a: &Desk,
    b: &Desk,
    take: impl Fn(&rusqlite::Connection, &str) -> T + Sync,
) -> (T, T) {
    let barrier = std::sync::Barrier::new(2);
    let run = |path: &std::path::Path, who: &'static str| {
        let conn = db::open(path).expect("the desk's database");
        barrier.wait();
        take(&conn, who)
    };
    let (pa, pb) = (a.path.as_path(), b.path.as_path());
    std::thread::scope(|scope| {
        let ha = scope.spawn(|| run(pa, "A"));
        let hb = scope.spawn(|| run(pb, "B"));
        (ha.join().unwrap(), hb.join().unwrap())
    })
}

fn refused_as_taken(e: &permanences::Error) -> bool {
    e.kind() == ErrorKind::Conflict
        && (e.to_string().contains("pris par un autre poste") || e.to_string().contains("complet"))
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::davical(Kind::Davical)]
fn a_series_and_a_move_race_for_the_last_place_like_a_booking(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let a = desk();
    with_site(&a, 1);
    join(&a, &server);
    let b = desk();
    join(&b, &server);
    let (site_a, site_b) = (site_of(&a), site_of(&b));

    // Two series of three Tuesdays at 14:00, at once: each Tuesday's place goes to one desk,
    // the other's series refuses it like any other refusal and books the rest.
    let (sa, sb): (SeriesOutcome, SeriesOutcome) = race(&a, &b, |conn, who| {
        let site = if who == "A" { site_a } else { site_b };
        let claimer = sharing::claimer(now());
        appointment::take_series(
            conn,
            &claimer,
            &input(site, "2026-12-08T14:00", who),
            1,
            3,
            now(),
        )
        .expect("a series is answered occurrence by occurrence")
    });
    assert_eq!(
        sa.booked.len() + sb.booked.len(),
        3,
        "each Tuesday's only place is booked once across the desks: {sa:?} {sb:?}"
    );
    assert_eq!(
        sa.refused.len() + sb.refused.len(),
        3,
        "the others are refused"
    );
    for refusal in sa.refused.iter().chain(&sb.refused) {
        assert!(
            refusal.message.contains("pris par un autre poste")
                || refusal.message.contains("complet"),
            "a lost occurrence says why: {refusal:?}"
        );
    }
    assert!(
        sa.booked.iter().chain(&sb.booked).all(|x| !x.unconfirmed),
        "a server that answers confirms each occurrence at once"
    );
    let mut days: Vec<_> = sa
        .booked
        .iter()
        .chain(&sb.booked)
        .map(|x| x.start)
        .collect();
    days.sort();
    days.dedup();
    assert_eq!(days.len(), 3, "one winner per Tuesday");

    // Each desk holds one appointment at 15:00 / 15:30, then both move it to 14:30 at once:
    // the new place is claimed before the old one is freed, so one move wins and the other
    // is refused and stays where it was, its old place still held, its history unchanged.
    let mine_a = desk::book(&a.conn, &input(site_a, "2026-12-08T15:00", "A"), now()).unwrap();
    let mine_b = desk::book(&b.conn, &input(site_b, "2026-12-08T15:30", "B"), now()).unwrap();
    let (ma, mb) = race(&a, &b, |conn, who| {
        let id = if who == "A" { mine_a.id } else { mine_b.id };
        let claimer = sharing::claimer(now());
        let to = Taking::Move {
            id,
            start: "2026-12-08T14:30",
            by: None,
        };
        appointment::take(conn, &claimer, to, now())
    });
    assert_eq!(
        usize::from(ma.is_ok()) + usize::from(mb.is_ok()),
        1,
        "exactly one desk moves into the last place: {ma:?} {mb:?}"
    );
    let (loser, lost, was) = match (ma, mb) {
        (Err(e), _) => (&a, e, &mine_a),
        (_, Err(e)) => (&b, e, &mine_b),
        _ => unreachable!("one move was refused"),
    };
    assert!(refused_as_taken(&lost), "refused at once, as taken: {lost}");
    let now_there = appointment::get(&loser.conn, was.id).unwrap();
    assert_eq!(now_there.start, was.start, "the refused move is undone");
    assert_eq!(claims(loser, was.id.0), 1, "its old place is still held");
    let moves: i64 = loser
        .conn
        .query_row(
            "SELECT count(*) FROM appointment_events WHERE appointment_id = ?1 AND kind = 'rescheduled'",
            [was.id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        moves, 0,
        "a move that did not happen leaves no line in the history"
    );

    // An exceptional appointment takes no place of a slot: the same path, nothing to claim.
    let extra = desk::book(
        &a.conn,
        &BookingInput {
            extra: true,
            duration_minutes: Some(30),
            ..input(site_a, "2026-12-08T16:30", "Hors permanence")
        },
        now(),
    )
    .unwrap();
    assert!(extra.extra && !extra.unconfirmed);
    assert_eq!(
        claims(&a, extra.id.0),
        0,
        "an exceptional place holds no slot's place"
    );
}

/// Joins `d` through `address` (the proxy), names shared.
fn join_at(d: &Desk, server: &DavServer, address: &str) {
    sharing::join(&d.conn, &desk::request(server, address), now()).expect("joins");
    sharing::sync_all(&d.conn, now()).expect("first sync");
}

#[test]
fn a_server_that_never_answers_costs_a_bounded_wait_and_a_booking_to_confirm() {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Stall::start(server.addr());
    let a = desk();
    with_site(&a, 1);
    join_at(&a, &server, &proxy.url());
    let site = site_of(&a);
    let b = desk();
    join(&b, &server);

    proxy.stall(true);
    let started = Instant::now();
    let booking = std::thread::spawn({
        let path = a.path.clone();
        move || {
            let conn = db::open(&path).expect("the app's booking connection");
            let booked = desk::book(&conn, &input(site, "2026-12-08T14:00", "Attente"), now());
            (booked, started.elapsed())
        }
    });
    // The booking waits on the server: meanwhile the app's own connection answers.
    let waited = Instant::now();
    while proxy.stalled() == 0 && waited.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(proxy.stalled() > 0, "the booking asked the server");
    let day = agenda::show(&a.conn, Some(site), today(), agenda::Span::Week, now());
    assert!(
        day.is_ok(),
        "the agenda is read while the booking waits: {day:?}"
    );
    assert!(
        !booking.is_finished(),
        "the agenda answered before the booking did: it never waited for the server"
    );
    let (booked, took) = booking.join().unwrap();
    let booked: Appointment = booked.expect("kept here, not refused");
    assert!(
        booked.unconfirmed,
        "kept « à confirmer », never confirmed without the server"
    );
    assert!(
        took < Duration::from_secs(10),
        "the wait is bounded (3 s), far below the client's 20 s timeout: {took:?}"
    );

    // The person's slip says the place is still to be confirmed (read back by pdftotext).
    let slip =
        permanences::documents::leaflet::appointment_slip(&a.conn, booked.id, now()).unwrap();
    let words = crate::leaflet::check(&slip, "coupon-a-confirmer.pdf", now());
    assert!(
        words.contains("Place à confirmer"),
        "the slip tells the person the place is not confirmed yet: {words}"
    );

    // The command line says the same, and returns.
    let out = cli(
        &a.path,
        &[
            "book",
            "--site",
            &site.0.to_string(),
            "--start",
            "2026-12-08T14:30",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("à confirmer") && !text(&out.stdout).contains("enregistré"),
        "the command line never says « enregistré » for a place the server did not confirm: {}",
        text(&out.stdout)
    );

    // Meanwhile desk B, which reaches the server, takes 14:30.
    let site_b = site_of(&b);
    desk::book(&b.conn, &input(site_b, "2026-12-08T14:30", "B"), now()).expect("B's booking");
    sharing::send(&b.conn, now()).unwrap();

    // The server back: the next sync confirms 14:00, and makes 14:30 a conflict to settle.
    proxy.stall(false);
    sharing::sync_all(&a.conn, now()).expect("the sync reaches the server again");
    let confirmed = appointment::get(&a.conn, booked.id).unwrap();
    assert!(
        !confirmed.unconfirmed,
        "confirmed once the server holds its place"
    );
    assert_eq!(claims(&a, booked.id.0), 1);
    let open = sharing::conflicts(&a.conn).unwrap();
    assert_eq!(
        open.len(),
        1,
        "the place taken meanwhile is a conflict: {open:?}"
    );
    let lost = open[0]
        .appointment
        .as_ref()
        .expect("an appointment's conflict");
    assert!(lost.unconfirmed && lost.hours.starts_with("14"), "{lost:?}");
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::davical(Kind::Davical)]
fn what_another_desk_changes_is_applied_by_the_area_that_owns_it(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let a = desk();
    with_site(&a, 1);
    join(&a, &server);
    let b = desk();
    join(&b, &server);
    let (site_a, site_b) = (site_of(&a), site_of(&b));
    let booked = desk::book(
        &a.conn,
        &BookingInput {
            resident_phone: Some("06 11 11 11 11".into()),
            ..input(site_a, "2026-12-08T14:00", "Dupont")
        },
        now(),
    )
    .unwrap();
    sharing::send(&a.conn, now()).unwrap();
    sharing::sync(&b.conn, now()).unwrap();
    let at_b: i64 = b
        .conn
        .query_row(
            "SELECT id FROM appointments WHERE resident_name = 'Dupont'",
            [],
            |r| r.get(0),
        )
        .expect("B received the booking");

    // At B: the person's name and phone are corrected (as a desk's own edit, queued by the
    // database's triggers), then it is moved to 14:30 through the one booking path.
    b.conn
        .execute(
            "UPDATE appointments SET resident_name = 'Martin', resident_phone = '06 22 22 22 22'
             WHERE id = ?1",
            [at_b],
        )
        .unwrap();
    let claimer = sharing::claimer(now());
    let moved = Taking::Move {
        id: appointment::AppointmentId(at_b),
        start: "2026-12-08T14:30",
        by: None,
    };
    appointment::take(&b.conn, &claimer, moved, now()).expect("B moves it");
    sharing::sync(&b.conn, now()).unwrap();
    sharing::sync(&a.conn, now()).unwrap();

    let found = |text: &str| {
        search::find(&a.conn, text, now(), 10)
            .unwrap()
            .found
            .iter()
            .map(|f| f.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found("Martin"),
        vec![booked.id],
        "the new name is found at A"
    );
    assert_eq!(
        found("06 22 22 22 22"),
        vec![booked.id],
        "the new phone is found at A"
    );
    assert!(found("Dupont").is_empty(), "the old name no longer is");
    let history: Vec<(String, Option<String>, Option<String>)> = a
        .conn
        .prepare(
            "SELECT kind, old_start, new_start FROM appointment_events WHERE appointment_id = ?1
             ORDER BY id",
        )
        .unwrap()
        .query_map([booked.id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        history.contains(&(
            "rescheduled".into(),
            Some("2026-12-08T13:00:00Z".into()),
            Some("2026-12-08T13:30:00Z".into())
        )),
        "A's history shows the move made at B: {history:?}"
    );

    // B adds a Tuesday 10:00–12:00 and sends it; A, before hearing of it, adds 9:00–11:00.
    let tuesday = |site: SiteId, from: &str, to: &str| PermanenceInput {
        site_id: site,
        weekday: 2,
        start_time: from.into(),
        end_time: to.into(),
        kind: Some(PermanenceKind::Appointment),
        slot_minutes: Some(30),
        ..PermanenceInput::default()
    };
    permanence::create(&b.conn, &tuesday(site_b, "10:00", "12:00"), now()).unwrap();
    sharing::sync(&b.conn, now()).unwrap();
    permanence::create(&a.conn, &tuesday(site_a, "09:00", "11:00"), now()).unwrap();
    sharing::sync_all(&a.conn, now()).unwrap();
    let hours: Vec<String> = permanence::list_for_site(&a.conn, site_a, today())
        .unwrap()
        .iter()
        .map(|p| format!("{}-{}", p.start_time, p.end_time))
        .collect();
    assert!(
        !hours.iter().any(|h| h.starts_with("10:00")),
        "the received permanence that overlaps A's is not applied: {hours:?}"
    );
    let open = sharing::conflicts(&a.conn).unwrap();
    let overlap = open
        .iter()
        .find(|c| c.appointment.is_none())
        .unwrap_or_else(|| panic!("the overlap is a conflict to settle: {open:?}"));
    assert!(overlap.message.contains("chevauche"), "{}", overlap.message);
    sharing::settle(&a.conn, overlap.id, Settle::Acknowledge, now()).unwrap();
    assert!(
        sharing::conflicts(&a.conn)
            .unwrap()
            .iter()
            .all(|c| c.id != overlap.id),
        "acknowledged, it is settled"
    );
}
