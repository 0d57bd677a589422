//! A new desk's join (issue 26): each shared calendar is read once, in one sync-collection
//! that brings every event's text with its ETag where the server sends it (Radicale): no
//! multiget after it. Where the text is left out (a proxy takes `calendar-data` out of the
//! request, as a server that ignores it would answer; or answers 400, as Radicale does past
//! 10 000 events), the ETags are listed alone and the events fetched by multiget.
//! Either way the new desk holds every appointment and every event a calendar client wrote,
//! and what another desk or a calendar client changes afterwards still arrives: the token
//! the join kept covers what it read.

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, appointments, desk, unavailable, with_site, Desk};
use crate::common::faults::{Fault, Faults};
use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::site::SiteId;
use permanences::sharing;
use rstest::rstest;

fn later(minutes: i64) -> DateTime<Utc> {
    now() + chrono::Duration::minutes(minutes)
}

fn book(d: &Desk, site: i64, start: &str, who: &str) {
    desk::book_named(&d.conn, site, start, who).unwrap_or_else(|e| panic!("{start} booked: {e}"));
}

/// A desk with one site of capacity 3 and twelve appointments (four each Tuesday of three).
fn twelve_booked() -> (Desk, i64) {
    let a = desk();
    let site_a = with_site(&a, 3);
    for day in ["2026-12-08", "2026-12-15", "2026-12-22"] {
        for time in ["14:00", "14:30", "15:00", "15:30"] {
            book(&a, site_a, &format!("{day}T{time}"), "Léa");
        }
    }
    (a, site_a)
}

/// The desk's only site and its calendar on the server.
fn site(d: &Desk) -> (i64, String) {
    d.conn
        .query_row("SELECT site_id, calendar FROM network_sites", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn a_new_desk_reads_each_calendar_once_holds_every_event_and_gets_later_changes(
    #[case] kind: Kind,
) {
    let server = DavServer::start(kind);
    let proxy = Faults::start(server.addr());
    // Desk A: twelve appointments booked before it joined, sent with the join.
    let (a, site_a) = twelve_booked();
    desk::join(&a, &server);
    assert_eq!(sharing::status(&a.conn).unwrap().pending, 0, "all sent");
    let (_, calendar) = site(&a);
    // A mediator's phone notes a meeting in the site's calendar (29 December, 15:00 Paris).
    server.client_event(
        &calendar,
        "reunion-1",
        ("20261229T140000Z", "20261229T143000Z"),
        "Réunion d'équipe",
    );
    let path = calendar.trim_start_matches(&server.url()).to_owned();
    let path = format!("/{}", path.trim_start_matches('/'));

    // Desk B joins through the proxy, which counts what it asks.
    let b = desk();
    proxy.set(&[]);
    desk::join_at(&b, &server, &proxy.url());
    assert_eq!(
        appointments(&b),
        appointments(&a),
        "{kind:?}: the new desk holds every appointment"
    );
    assert_eq!(appointments(&b).len(), 12);
    let (site_b, _) = site(&b);
    assert_eq!(
        unavailable(&b.conn, SiteId(site_b), "2026-12-29", "15:00").as_deref(),
        Some("Réunion d'équipe"),
        "{kind:?}: the calendar client's event blocks its slot at the new desk"
    );
    assert_eq!(
        proxy.count("REPORT", "sync-collection", &path),
        1,
        "{kind:?}: the join and its first sync read the site's calendar once"
    );
    if kind == Kind::Radicale {
        assert_eq!(
            proxy.count("REPORT", "calendar-multiget", &path),
            0,
            "Radicale sent every event's text in the listing: nothing fetched after it"
        );
    }

    // Later: A books a second place, a calendar client notes another meeting.
    book(&a, site_a, "2026-12-15T14:00", "Marc");
    sharing::send(&a.conn, later(1)).expect("A's booking sent");
    server.client_event(
        &calendar,
        "reunion-2",
        ("20261229T133000Z", "20261229T140000Z"),
        "Formation",
    );
    sharing::sync(&b.conn, later(2)).expect("B's sync");
    assert_eq!(
        appointments(&b),
        appointments(&a),
        "{kind:?}: A's new booking reached B, read from the token the join kept"
    );
    assert_eq!(appointments(&b).len(), 13);
    sharing::sync_all(&b.conn, later(3)).expect("B's full check");
    assert_eq!(
        unavailable(&b.conn, SiteId(site_b), "2026-12-29", "14:30").as_deref(),
        Some("Formation"),
        "{kind:?}: the calendar client's later event reached B"
    );
    assert_eq!(appointments(&b).len(), 13, "{kind:?}: nothing read twice");
}

#[rstest]
#[case::text_left_out(Fault::SyncWithoutData)]
#[case::text_refused(Fault::SyncDataRefused)]
fn a_server_that_leaves_out_or_refuses_the_text_in_the_listing_has_its_events_fetched(
    #[case] fault: Fault,
) {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let a = desk();
    let site_a = with_site(&a, 3);
    for time in ["14:00", "14:30", "15:00", "15:30"] {
        book(&a, site_a, &format!("2026-12-08T{time}"), "Léa");
    }
    desk::join(&a, &server);
    let (_, calendar) = site(&a);
    server.client_event(
        &calendar,
        "reunion-1",
        ("20261229T140000Z", "20261229T143000Z"),
        "Réunion d'équipe",
    );

    let b = desk();
    proxy.set(std::slice::from_ref(&fault));
    desk::join_at(&b, &server, &proxy.url());
    assert!(
        proxy.fired(&fault) > 0,
        "{fault:?}: the listings came without the events' text"
    );
    assert!(
        proxy.count("REPORT", "calendar-multiget", "/permanences-") > 0,
        "{fault:?}: so the events were fetched by multiget"
    );
    assert_eq!(appointments(&b), appointments(&a), "every appointment");
    let (site_b, _) = site(&b);
    assert_eq!(
        unavailable(&b.conn, SiteId(site_b), "2026-12-29", "15:00").as_deref(),
        Some("Réunion d'équipe")
    );

    // A later booking at A arrives at B through the same proxy.
    book(&a, site_a, "2026-12-08T14:00", "Marc");
    sharing::send(&a.conn, later(1)).expect("sent");
    sharing::sync(&b.conn, later(2)).expect("B's sync");
    assert_eq!(appointments(&b), appointments(&a));
    assert_eq!(appointments(&b).len(), 5);
}

/// A listing larger than the client reads (64 MB for a desk: 50 000 events' text; lowered
/// here below what this calendar's text weighs, above what its ETags weigh) is asked again
/// with the ETags alone, which cover the same members and give a token that covers them;
/// their text is then fetched by multiget. An answer that even the ETags exceed is refused
/// with a French message.
#[test]
fn a_listing_larger_than_the_client_reads_is_asked_again_without_the_text() {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let (a, _) = twelve_booked();
    desk::join(&a, &server);
    let (_, calendar) = site(&a);
    let calendar = calendar.replacen(&server.url(), &proxy.url(), 1);
    let path = calendar.trim_start_matches(&proxy.url()).to_owned();
    let dav = || server.client();
    let sorted = |mut items: Vec<(String, Option<String>, Option<String>)>| {
        items.sort();
        items
    };

    let whole = dav()
        .changes_with_data(&calendar, None)
        .expect("read whole")
        .expect("listed");
    assert!(
        whole.changed.len() >= 13,
        "twelve appointments and a permanence"
    );
    assert!(
        whole.changed.iter().all(|i| i.data.is_some()),
        "Radicale sends every event's text in the listing"
    );
    let text: u64 = whole
        .changed
        .iter()
        .map(|i| i.data.as_ref().map_or(0, |d| d.len() as u64))
        .sum();
    // Below the text alone (the answer carries more), above the ETags' listing (a few
    // hundred bytes a member, where each event's text is more than a kilobyte).
    let limit = text / 2;

    proxy.set(&[]);
    let limited = dav().with_max_body(limit);
    let listed = limited
        .changes_with_data(&calendar, None)
        .expect("the listing over the limit is asked again, not refused")
        .expect("listed");
    assert_eq!(
        proxy.count("REPORT", "sync-collection", &path),
        2,
        "asked with the text (too large), then with the ETags alone"
    );
    assert!(
        listed.changed.iter().all(|i| i.data.is_none()),
        "the second listing carries no text"
    );
    let members = |c: &sharing::dav::Changes| {
        sorted(
            c.changed
                .iter()
                .map(|i| (i.href.clone(), i.etag.clone(), None))
                .collect(),
        )
    };
    assert_eq!(
        members(&listed),
        members(&whole),
        "the same members, with the same ETags"
    );
    let since = limited
        .changes(&calendar, Some(&listed.token))
        .expect("read from its token")
        .expect("the server knows the token");
    assert!(
        since.changed.is_empty() && since.removed.is_empty(),
        "the token of the ETags' listing covers every member: {since:?}"
    );

    // Their text, fetched by multiget (two at a time: each answer under the limit).
    let mut fetched = Vec::new();
    for pair in listed.changed.chunks(2) {
        let wanted: Vec<String> = pair.iter().map(|i| i.href.clone()).collect();
        let items = limited
            .texts(&calendar, &listed.changed, &wanted)
            .expect("fetched under the limit");
        fetched.extend(items.into_iter().map(|i| (i.href, i.etag, i.data)));
    }
    let all = |c: &sharing::dav::Changes| {
        sorted(
            c.changed
                .iter()
                .map(|i| (i.href.clone(), i.etag.clone(), i.data.clone()))
                .collect(),
        )
    };
    assert_eq!(
        sorted(fetched),
        all(&whole),
        "every event's text, as the whole listing gave it"
    );
    assert!(
        proxy.count("REPORT", "calendar-multiget", &path) > 0,
        "fetched by multiget"
    );

    // A limit that the ETags exceed too: refused, with a French message, and nothing read.
    let refused = dav()
        .with_max_body(200)
        .changes_with_data(&calendar, None)
        .expect_err("even the ETags are over the limit");
    let message = refused.to_string();
    assert!(
        message.contains("réponse trop volumineuse (plus de 200 octets"),
        "the message says what happened: {message}"
    );
}
