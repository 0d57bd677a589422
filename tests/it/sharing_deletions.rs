//! Deletions travel (issue 26): a permanence, closure or site deleted or archived at one desk
//! disappears at the others (a tombstone they read); a permanence removed from the server by
//! a calendar client is a conflict the desk settles, never a silent loss; the places calendars
//! older than the appointment retention period are deleted by the desk that owns the site.

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, desk, with_site, Desk};
use crate::common::*;
use chrono::{DateTime, Months, Utc};
use permanences::network::closure::{self, ClosureInput};
use permanences::network::permanence::{self, PermanenceId};
use permanences::network::site::{self, SiteId};
use permanences::scheduling::appointment::BookingInput;
use permanences::sharing::{self, Settle};
use rstest::rstest;

fn later(minutes: i64) -> DateTime<Utc> {
    now() + chrono::Duration::minutes(minutes)
}

fn count(d: &Desk, sql: &str) -> i64 {
    d.conn.query_row(sql, [], |r| r.get(0)).expect("a count")
}

fn permanence_of(d: &Desk) -> PermanenceId {
    PermanenceId(
        d.conn
            .query_row("SELECT id FROM permanences", [], |r| r.get(0))
            .expect("one permanence"),
    )
}

/// The server path of the desk's resource for its one permanence.
fn permanence_href(d: &Desk) -> String {
    let href: String = d
        .conn
        .query_row(
            "SELECT href FROM network_resources WHERE kind = 'permanence'",
            [],
            |r| r.get(0),
        )
        .expect("the permanence is on the server");
    let start = href.find("://").map_or(0, |i| i + 3);
    href[start..]
        .find('/')
        .map_or(href.clone(), |i| href[start + i..].to_owned())
}

/// Two desks of one network: A shares its site (one permanence, one closure), B joined after.
fn two_desks(server: &DavServer) -> (Desk, Desk, i64) {
    let a = desk();
    let site = with_site(&a, 1);
    closure::create(
        &a.conn,
        &ClosureInput {
            site_id: SiteId(site),
            start_date: "2026-12-24".into(),
            end_date: Some("2026-12-26".into()),
            reason: "Noël".into(),
        },
        now(),
    )
    .expect("a closure");
    desk::join(&a, server);
    let b = desk();
    desk::join(&b, server);
    assert_eq!(
        count(&b, "SELECT count(*) FROM permanences"),
        1,
        "B received A's permanence"
    );
    assert_eq!(
        count(&b, "SELECT count(*) FROM closures"),
        1,
        "B received A's closure"
    );
    (a, b, site)
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::davical(Kind::Davical)]
fn a_permanence_closure_or_site_deleted_or_archived_at_a_disappears_at_b(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let (a, b, site) = two_desks(&server);

    let c: i64 = count(&a, "SELECT id FROM closures");
    closure::delete(&a.conn, permanences::network::closure::ClosureId(c)).unwrap();
    permanence::delete(&a.conn, permanence_of(&a)).unwrap();
    sharing::sync(&a.conn, later(1)).expect("A sends its deletions");
    sharing::sync(&b.conn, later(2)).expect("B receives them");
    assert_eq!(
        count(&b, "SELECT count(*) FROM permanences"),
        0,
        "the permanence deleted at A is deleted at B"
    );
    assert_eq!(
        count(&b, "SELECT count(*) FROM closures"),
        0,
        "the closure deleted at A is deleted at B"
    );
    for (d, who) in [(&a, "A"), (&b, "B")] {
        assert!(
            sharing::conflicts(&d.conn).unwrap().is_empty(),
            "a deletion made by a desk is no conflict at {who}"
        );
    }
    // A full check later reads the tombstones again: nothing comes back.
    sharing::sync_all(&b.conn, later(3)).unwrap();
    sharing::sync_all(&a.conn, later(3)).unwrap();
    assert_eq!(count(&b, "SELECT count(*) FROM permanences"), 0);
    assert_eq!(count(&a, "SELECT count(*) FROM permanences"), 0);

    // A new permanence then travels as usual (the deleted one's identity is not reused).
    permanence::create(
        &a.conn,
        &permanence::PermanenceInput {
            slot_minutes: Some(30),
            ..slot(
                &site::get(&a.conn, SiteId(site)).unwrap(),
                4,
                "09:00",
                "12:00",
            )
        },
        later(4),
    )
    .unwrap();
    sharing::sync(&a.conn, later(5)).unwrap();
    sharing::sync(&b.conn, later(6)).unwrap();
    assert_eq!(
        count(&b, "SELECT count(*) FROM permanences WHERE weekday = 4"),
        1,
        "a permanence made after the deletion reaches B"
    );

    // Archived at A: archived at B; restored at A: restored at B.
    site::set_archived(&a.conn, SiteId(site), true, later(7)).unwrap();
    sharing::sync(&a.conn, later(8)).unwrap();
    sharing::sync(&b.conn, later(9)).unwrap();
    assert_eq!(
        count(
            &b,
            "SELECT count(*) FROM sites WHERE archived_at IS NOT NULL"
        ),
        1,
        "the site archived at A is archived at B"
    );
    site::set_archived(&a.conn, SiteId(site), false, later(10)).unwrap();
    sharing::sync(&a.conn, later(11)).unwrap();
    sharing::sync(&b.conn, later(12)).unwrap();
    assert_eq!(
        count(&b, "SELECT count(*) FROM sites WHERE archived_at IS NULL"),
        1,
        "restored at A, restored at B"
    );
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::davical(Kind::Davical)]
fn a_permanence_removed_by_a_calendar_client_is_a_conflict_settled_either_way(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let (a, b, _) = two_desks(&server);
    let path = permanence_href(&a);

    // Someone deletes the event in a calendar client: a plain DELETE, no tombstone.
    let gone = server.request("DELETE", &path, &[], b"").unwrap();
    assert!(gone.status < 300, "the server deleted it: {}", gone.status);
    sharing::sync_all(&b.conn, later(1)).expect("B reads every calendar");
    assert_eq!(
        count(&b, "SELECT count(*) FROM permanences"),
        1,
        "nothing is lost: the permanence stays at B"
    );
    let conflicts = sharing::conflicts(&b.conn).unwrap();
    assert_eq!(conflicts.len(), 1, "the removal is a conflict to settle");
    assert!(
        conflicts[0].removed,
        "a removal, settled by sending or deleting"
    );
    assert!(
        conflicts[0]
            .message
            .contains("effacée du serveur par un agenda"),
        "{}",
        conflicts[0].message
    );
    // Keeping it as an extra place means nothing for a permanence: refused, nothing changed.
    let refused = sharing::settle(&b.conn, conflicts[0].id, Settle::KeepAsExtra, later(2));
    assert!(refused.is_err());
    assert_eq!(sharing::conflicts(&b.conn).unwrap().len(), 1);

    // B sends it back: the event is on the server again, and A never lost it.
    sharing::settle(&b.conn, conflicts[0].id, Settle::SendOurs, later(2)).unwrap();
    sharing::sync(&b.conn, later(3)).unwrap();
    let back = server.request("GET", &path, &[], b"").unwrap();
    assert_eq!(back.status, 200, "B's version is back on the server");
    sharing::sync_all(&a.conn, later(4)).unwrap();
    assert!(sharing::conflicts(&a.conn).unwrap().is_empty());
    assert_eq!(count(&a, "SELECT count(*) FROM permanences"), 1);

    // Removed again; this time A agrees: deleted at A, and from there at B.
    let gone = server.request("DELETE", &path, &[], b"").unwrap();
    assert!(gone.status < 300);
    sharing::sync_all(&a.conn, later(5)).unwrap();
    let at_a = sharing::conflicts(&a.conn).unwrap();
    assert_eq!(at_a.len(), 1, "A too is asked");
    assert_eq!(
        count(&a, "SELECT count(*) FROM permanences"),
        1,
        "still there until A settles"
    );
    sharing::settle(&a.conn, at_a[0].id, Settle::Acknowledge, later(6)).unwrap();
    assert_eq!(
        count(&a, "SELECT count(*) FROM permanences"),
        0,
        "deleted here too"
    );
    sharing::sync(&a.conn, later(7)).unwrap();
    sharing::sync_all(&b.conn, later(8)).unwrap();
    let at_b = sharing::conflicts(&b.conn).unwrap();
    assert_eq!(at_b.len(), 1, "B, which had not settled yet, is asked");
    sharing::settle(&b.conn, at_b[0].id, Settle::Acknowledge, later(9)).unwrap();
    assert_eq!(count(&b, "SELECT count(*) FROM permanences"), 0);
}

/// The places calendars (`permanences-places-…`) in the calendar home, as the server lists
/// them (`PROPFIND`, depth 1).
fn places_calendars(server: &DavServer) -> Vec<String> {
    let listing = server
        .request("PROPFIND", &server.calendar_home(), &[("Depth", "1")], b"")
        .expect("the calendar home listed");
    assert_eq!(listing.status, 207, "{:?}: {}", server.kind(), listing.body);
    let mut names: Vec<String> = listing
        .body
        .split(['<', '>'])
        .filter_map(|text| text.trim_end_matches('/').rsplit('/').next())
        .filter(|name| name.starts_with("permanences-places-"))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::davical(Kind::Davical)]
fn places_calendars_older_than_the_retention_period_are_deleted_by_the_owner(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let a = desk();
    let site = with_site(&a, 2);
    desk::join(&a, &server);
    let b = desk();
    desk::join(&b, &server);
    desk::book(
        &a.conn,
        &BookingInput {
            site_id: SiteId(site),
            start: "2026-12-08T14:00".into(),
            ..BookingInput::default()
        },
        now(),
    )
    .expect("booked, its place claimed");
    sharing::sync(&a.conn, later(1)).unwrap();
    let december = places_calendars(&server);
    assert_eq!(
        december.len(),
        1,
        "December's places calendar: {december:?}"
    );
    assert!(december[0].ends_with("-2026-12"), "{december:?}");

    // Appointments are kept 3 months by default: in March 2027 December is still kept.
    let months = permanences::privacy::retention::settings(&a.conn)
        .unwrap()
        .appointment_months;
    let month_after = |n: u32| now().checked_add_months(Months::new(n)).unwrap();
    sharing::sync_all(&a.conn, month_after(u32::from(months))).unwrap();
    assert_eq!(places_calendars(&server), december, "not old enough yet");

    // A month later it is old, but B does not own the site: B leaves it.
    let old = month_after(u32::from(months) + 1);
    sharing::sync_all(&b.conn, old).unwrap();
    assert_eq!(
        places_calendars(&server),
        december,
        "only the owner deletes"
    );
    sharing::sync_all(&a.conn, old).unwrap();
    assert!(
        places_calendars(&server).is_empty(),
        "deleted by the desk that owns the site"
    );
    assert_eq!(
        count(&a, "SELECT count(*) FROM network_claims"),
        0,
        "the claims it held are forgotten"
    );
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::davical(Kind::Davical)]
fn tombstones_older_than_the_retention_period_are_deleted_by_the_desk_that_wrote_them(
    #[case] kind: Kind,
) {
    let server = DavServer::start(kind);
    let (a, b, _) = two_desks(&server);
    let path = permanence_href(&a);
    permanence::delete(&a.conn, permanence_of(&a)).unwrap();
    sharing::sync(&a.conn, later(1)).expect("A writes the tombstone");
    sharing::sync(&b.conn, later(2)).expect("B follows it");
    assert_eq!(count(&b, "SELECT count(*) FROM permanences"), 0);
    let status = |path: &str| server.request("GET", path, &[], b"").unwrap().status;
    assert_eq!(status(&path), 200, "the tombstone is on the server");

    let months = permanences::privacy::retention::settings(&a.conn)
        .unwrap()
        .appointment_months;
    let month_after = |n: u32| later(1).checked_add_months(Months::new(n)).unwrap();
    // At exactly the retention period it stays; B, which did not write it, never deletes it.
    sharing::sync_all(&a.conn, month_after(u32::from(months))).unwrap();
    let old = month_after(u32::from(months)) + chrono::Duration::days(1);
    sharing::sync_all(&b.conn, old).unwrap();
    assert_eq!(status(&path), 200, "not old enough, or not B's to delete");

    sharing::sync_all(&a.conn, old).unwrap();
    assert_eq!(
        status(&path),
        404,
        "deleted from the server by the desk that wrote it"
    );
    assert_eq!(count(&a, "SELECT count(*) FROM network_tombstones"), 0);
    for (d, who) in [(&a, "A"), (&b, "B")] {
        sharing::sync_all(&d.conn, old + chrono::Duration::minutes(1)).unwrap();
        assert!(
            sharing::conflicts(&d.conn).unwrap().is_empty(),
            "{who}: a tombstone gone is no conflict"
        );
        assert_eq!(count(d, "SELECT count(*) FROM permanences"), 0, "{who}");
    }
}
