//! Issue 26, calendar clients as they are (continued): an event a calendar client repeats
//! (RRULE), less an occurrence it excludes (EXDATE), with one occurrence moved and another
//! cancelled (RECURRENCE-ID overrides), written by a third-party client (the Python `caldav`
//! library, `tests/it/third_party.py`) into a site's calendar on each real server. Every
//! occurrence blocks its places (agenda « Indisponible — … », not offered, a booking refused),
//! a booking already on one becomes a conflict, and that conflict ends by itself when the
//! occurrence goes away (moved off, then the whole event deleted).

use std::path::Path;

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, desk, join, offered, unavailable, with_site};
use crate::common::tools::python;
use crate::common::*;
use permanences::network::site::SiteId;
use permanences::sharing;
use permanences::ErrorKind;
use rstest::rstest;
use rusqlite::Connection;
use serde_json::{json, Value};

fn book(conn: &Connection, site: i64, start: &str, who: &str) -> permanences::Result<i64> {
    let id = desk::book_named(conn, site, start, who)?;
    sharing::send(conn, now()).expect("sent");
    Ok(id)
}

fn site_calendar(conn: &Connection, site: i64) -> String {
    let uid: String = conn
        .query_row(
            "SELECT uid FROM network_uids WHERE kind = 'site' AND local_id = ?1",
            [site],
            |r| r.get(0),
        )
        .unwrap();
    format!("permanences-{uid}")
}

/// Runs `third_party.py` on the server's site calendar with `request`.
fn client(server: &DavServer, dir: &Path, calendar: &str, request: Value) -> Value {
    let mut request = request;
    request["url"] = json!(server.url());
    request["user"] = json!(server.user());
    request["password"] = json!(server.password());
    request["site_calendar"] = json!(calendar);
    let file = dir.join("third-party-request.json");
    std::fs::write(&file, request.to_string()).unwrap();
    python("it/third_party.py", &[file.as_path()])
}

fn rows(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM unavailabilities", [], |r| r.get(0))
        .unwrap()
}

/// The open conflicts' appointments, and how the one of `id` ended (if it did).
fn open_on(conn: &Connection, id: i64) -> usize {
    sharing::conflicts(conn)
        .unwrap()
        .iter()
        .filter(|c| c.appointment.as_ref().is_some_and(|a| a.id.0 == id))
        .count()
}

fn ended(conn: &Connection, id: i64) -> Option<String> {
    conn.query_row(
        "SELECT ended FROM network_conflicts WHERE appointment_id = ?1 AND settled_at IS NOT NULL",
        [id],
        |r| r.get(0),
    )
    .ok()
    .flatten()
}

#[rstest]
#[case::radicale(Kind::Radicale)]
#[case::xandikos(Kind::Xandikos)]
#[case::davical(Kind::Davical)]
fn a_weekly_event_blocks_every_occurrence_and_follows_exdate_and_overrides(#[case] kind: Kind) {
    let server = DavServer::start(kind);
    let a = desk();
    let site = with_site(&a, 1);
    join(&a, &server);
    // Already booked: the 15:30 places of 15 December and 12 January.
    let moved_off = book(&a.conn, site, "2026-12-15T15:30", "Déplacée").unwrap();
    let deleted_under = book(&a.conn, site, "2027-01-12T15:30", "Supprimée").unwrap();
    sharing::sync_all(&a.conn, now()).unwrap();
    let calendar = site_calendar(&a.conn, site);

    // A mediator's phone: a team meeting every Tuesday at 15:30 for half an hour, with no
    // end, except on 22 December.
    client(
        &server,
        a.dir.path(),
        &calendar,
        json!({"add": [{"uid": "hebdo", "summary": "Réunion d'équipe", "rrule": "FREQ=WEEKLY",
                        "start": "2026-12-08T15:30", "end": "2026-12-08T16:00",
                        "exdate": ["2026-12-22T15:30"]}]}),
    );
    sharing::sync_all(&a.conn, now()).unwrap();
    for day in [
        "2026-12-08",
        "2026-12-15",
        "2026-12-29",
        "2027-03-23",
        "2027-03-30",
    ] {
        assert_eq!(
            unavailable(&a.conn, SiteId(site), day, "15:30").as_deref(),
            Some("Réunion d'équipe"),
            "{day}: every occurrence blocks, on both sides of the change to summer time"
        );
        assert_eq!(
            unavailable(&a.conn, SiteId(site), day, "15:00"),
            None,
            "{day} 15:00"
        );
    }
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-22", "15:30"),
        None,
        "the EXDATE frees 22 December"
    );
    // The 52 Tuesdays from 8 December 2026 to the end of the window (a year after today,
    // 1 December 2027), less 22 December.
    assert_eq!(rows(&a.conn), 51, "one row per occurrence in the window");
    let free = offered(&a.conn, SiteId(site), 30);
    let at_half_past_three: Vec<&str> = free
        .iter()
        .map(String::as_str)
        .filter(|s| s.ends_with("15:30"))
        .collect();
    assert_eq!(
        at_half_past_three,
        ["2026-12-01 15:30", "2026-12-22 15:30"],
        "only today's (before the first meeting) and the excluded Tuesday's are offered"
    );
    let refused = book(&a.conn, site, "2027-01-05T15:30", "Refusée").unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    assert!(
        refused.to_string().contains("Réunion d'équipe"),
        "{refused}"
    );
    for id in [moved_off, deleted_under] {
        assert_eq!(
            open_on(&a.conn, id),
            1,
            "a booking already there is a conflict"
        );
    }
    let message = &sharing::conflicts(&a.conn).unwrap()[0].message;
    assert!(message.contains("« Réunion d'équipe »"), "{message}");

    // A week later the window has moved on: the event, unchanged on the server, is read
    // again, and the Tuesday that entered the window blocks too.
    sharing::sync_all(&a.conn, now() + chrono::Duration::days(8)).unwrap();
    assert_eq!(rows(&a.conn), 52, "one more Tuesday: 7 December 2027");

    // The client moves the 15 December meeting to 14:00 and cancels the 29 December one.
    client(
        &server,
        a.dir.path(),
        &calendar,
        json!({"override": [
            {"uid": "hebdo", "recurrence_id": "2026-12-15T15:30",
             "start": "2026-12-15T14:00", "end": "2026-12-15T14:30"},
            {"uid": "hebdo", "recurrence_id": "2026-12-29T15:30", "cancelled": true},
        ]}),
    );
    sharing::sync_all(&a.conn, now()).unwrap();
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-15", "15:30"),
        None
    );
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-15", "14:00").as_deref(),
        Some("Réunion d'équipe"),
        "the moved occurrence blocks where it went"
    );
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-29", "15:30"),
        None
    );
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2027-01-05", "15:30").as_deref(),
        Some("Réunion d'équipe")
    );
    assert_eq!(
        open_on(&a.conn, moved_off),
        0,
        "the meeting moved off 15:30: the conflict ended by itself"
    );
    assert_eq!(
        ended(&a.conn, moved_off).as_deref(),
        Some(sharing::CONFLICT_GONE),
        "how it ended is noted"
    );
    assert_eq!(
        open_on(&a.conn, deleted_under),
        1,
        "still under the meeting"
    );

    // Deleted in the client: every occurrence goes, the last conflict ends.
    client(
        &server,
        a.dir.path(),
        &calendar,
        json!({"delete": ["hebdo"]}),
    );
    sharing::sync_all(&a.conn, now()).unwrap();
    assert_eq!(rows(&a.conn), 0);
    assert_eq!(open_on(&a.conn, deleted_under), 0);
    assert!(ended(&a.conn, deleted_under).is_some());
    book(&a.conn, site, "2027-01-05T15:30", "Libre à nouveau").expect("free again");
}
