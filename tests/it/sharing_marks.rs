//! A sync with nothing new reads only the small changes calendar: each desk rewrites its mark
//! of a calendar after writing to it, and the others read the calendars whose marks changed.
//! What a calendar client changes (no mark) arrives at the full check: at every sync when it
//! is quick, otherwise ten minutes after the last one, and at « Synchroniser maintenant ».

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, claims, desk, join, with_site, Desk};
use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::clock;
use permanences::network::vocab::Reason;
use permanences::scheduling::appointment::{Appointment, BookingInput};
use permanences::sharing;
use rstest::rstest;

fn later(minutes: i64) -> DateTime<Utc> {
    now() + chrono::Duration::minutes(minutes)
}

/// The status of the appointment of `name` at a desk.
fn status_of(d: &Desk, name: &str) -> Option<String> {
    d.conn
        .query_row(
            "SELECT status FROM appointments WHERE resident_name = ?1",
            [name],
            |r| r.get(0),
        )
        .ok()
}

/// Books Tuesday 2026-12-08 14:00 for `name` (CAF) as the app does: its place claimed on the
/// server before it is confirmed; its event stays queued.
fn book(d: &Desk, site: i64, name: &str) -> permanences::Result<Appointment> {
    desk::book(
        &d.conn,
        &BookingInput {
            site_id: permanences::network::site::SiteId(site),
            start: "2026-12-08T14:00".into(),
            resident_name: Some(name.into()),
            reason: Some(Reason::Caf),
            ..BookingInput::default()
        },
        now(),
    )
}

/// Deletes the (only) appointment event the desk knows, straight on the server, as a
/// calendar client would: no mark is written.
fn delete_in_a_calendar_client(server: &DavServer, d: &Desk) {
    let href: String = d
        .conn
        .query_row(
            "SELECT href FROM network_resources WHERE kind = 'appointment'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    server
        .client()
        .delete(&href, None)
        .expect("deleted by a calendar client");
}

/// When the desk last read every calendar.
fn checked_at(d: &Desk) -> String {
    d.conn
        .query_row("SELECT checked_at FROM network_account", [], |r| r.get(0))
        .unwrap()
}

/// Sets how long the desk's last full check took (ms), as if measured.
fn slow_full_check(d: &Desk, ms: i64) {
    d.conn
        .execute("UPDATE network_account SET checked_ms = ?1", [ms])
        .unwrap();
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn a_sync_reads_the_calendars_other_desks_marked_and_every_one_at_the_full_check(
    #[case] kind: Kind,
) {
    let server = DavServer::start(kind);
    let a = desk();
    let site = with_site(&a, 2);
    join(&a, &server);
    let b = desk();
    join(&b, &server);
    // A network whose full check is slow (5 s: a year of ten sites on Radicale): a sync
    // reads every calendar only ten minutes after the last time.
    slow_full_check(&a, 5000);
    slow_full_check(&b, 5000);

    let booked = book(&a, site, "Léa").expect("booked at A");
    sharing::send(&a.conn, now()).expect("its event sent");
    let marks: i64 = a
        .conn
        .query_row(
            "SELECT count(*) FROM network_marks WHERE pending = 0 AND sequence > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(marks, 1, "A rewrote its mark of the site's calendar");

    // B's next sync, a minute later, reads the calendar A marked (not a full check).
    let report = sharing::sync(&b.conn, later(1)).expect("sync at B");
    assert_eq!(report.received, 1, "{report:?}");
    assert_eq!(status_of(&b, "Léa").as_deref(), Some("booked"));
    assert_eq!(
        checked_at(&b),
        clock::utc_text(now()),
        "no full check since the join"
    );
    // Nothing new: nothing read, nothing received; A's own mark does not send A reading.
    assert_eq!(sharing::sync(&b.conn, later(2)).unwrap().received, 0);
    assert_eq!(sharing::sync(&a.conn, later(2)).unwrap().received, 0);

    // A calendar client deletes the event on the server: it writes no mark…
    delete_in_a_calendar_client(&server, &b);
    // …so a sync before the full check is due leaves B as it was…
    assert_eq!(sharing::sync(&b.conn, later(3)).unwrap().received, 0);
    assert_eq!(status_of(&b, "Léa").as_deref(), Some("booked"));
    // …where the full check is quick, it is made at every sync (B wrote nothing: A reads
    // the calendar for itself)…
    slow_full_check(&a, 20);
    sharing::sync(&a.conn, later(4)).unwrap();
    assert_eq!(checked_at(&a), clock::utc_text(later(4)));
    assert_eq!(status_of(&a, "Léa").as_deref(), Some("revoked"));
    // …and otherwise ten minutes after the last one.
    let at = now() + sharing::FULL_CHECK_EVERY;
    sharing::sync(&b.conn, at).unwrap();
    assert_eq!(checked_at(&b), clock::utc_text(at));
    assert_eq!(status_of(&b, "Léa").as_deref(), Some("revoked"));
    assert_eq!(claims(&a, booked.id.0), 0, "its place freed by A");
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn a_deletion_in_a_calendar_client_of_an_event_a_sync_sent_is_seen_at_the_full_check(
    #[case] kind: Kind,
) {
    let server = DavServer::start(kind);
    let a = desk();
    let site = with_site(&a, 1);
    join(&a, &server);
    slow_full_check(&a, 5000);
    book(&a, site, "Noé").expect("booked");
    // Its event sent by a sync (not by `send`), which reads no calendar another desk marked.
    assert_eq!(sharing::sync(&a.conn, later(1)).unwrap().sent, 1);
    delete_in_a_calendar_client(&server, &a);
    // The sync read back the calendar it wrote to: asked for the changes since then, the
    // server tells the deletion (Xandikos leaves out an event created and deleted since an
    // older token).
    sharing::sync(&a.conn, now() + sharing::FULL_CHECK_EVERY).unwrap();
    assert_eq!(status_of(&a, "Noé").as_deref(), Some("revoked"));
}
