//! Issue 26: calendar clients as they are. A third-party client (the Python `caldav`
//! library, `tests/it/third_party.py`) moves an appointment through the fault proxy that
//! strips `TZID` (a client writing floating times), and adds events of its own: a floating
//! meeting, an all-day training, a call given by `DURATION`. The desk applies the move at
//! the Paris time meant, and the events block the places they overlap (agenda « indisponible
//! », no free slot offered, a booking refused, a booking already there a conflict) until
//! they are moved or deleted in the client.

use std::path::Path;

use crate::common::dav::{DavServer, Kind};
use crate::common::desk::{self, desk, join, offered, unavailable, with_site};
use crate::common::faults::{Fault, Faults};
use crate::common::tools::python;
use crate::common::*;
use permanences::network::site::SiteId;
use permanences::sharing;
use permanences::ErrorKind;
use rusqlite::Connection;
use serde_json::{json, Value};

fn book(conn: &Connection, site: i64, start: &str, who: &str) -> permanences::Result<i64> {
    let id = desk::book_named(conn, site, start, who)?;
    sharing::send(conn, now()).expect("sent");
    Ok(id)
}

fn uid(conn: &Connection, kind: &str, id: i64) -> String {
    conn.query_row(
        "SELECT uid FROM network_uids WHERE kind = ?1 AND local_id = ?2",
        rusqlite::params![kind, id],
        |r| r.get(0),
    )
    .unwrap()
}

/// Runs `third_party.py` against `address` (the server, or the proxy in front of it).
fn client(server: &DavServer, address: &str, dir: &Path, request: Value) -> Value {
    let mut request = request;
    request["url"] = json!(address);
    request["user"] = json!(server.user());
    request["password"] = json!(server.password());
    request["floating_ok"] = json!(true);
    let file = dir.join("third-party-request.json");
    std::fs::write(&file, request.to_string()).unwrap();
    python("it/third_party.py", &[file.as_path()])
}

#[test]
fn floating_moves_all_day_and_duration_events_and_unavailability_from_a_calendar_client() {
    let server = DavServer::start(Kind::Radicale);
    let proxy = Faults::start(server.addr());
    let a = desk();
    let site = with_site(&a, 1);
    join(&a, &server);
    let moved = book(&a.conn, site, "2026-12-08T14:00", "Déplacé").unwrap();
    let kept = book(&a.conn, site, "2026-12-08T15:30", "Déjà là").unwrap();
    sharing::sync_all(&a.conn, now()).unwrap();
    let calendar = format!("permanences-{}", uid(&a.conn, "site", site));

    // A client writing floating times moves an appointment to 15:00 (Paris, as it means it).
    proxy.set(&[Fault::StripTzid]);
    let moved_uid = uid(&a.conn, "appointment", moved);
    let report = client(
        &server,
        &proxy.url(),
        a.dir.path(),
        json!({"site_calendar": calendar,
               "move": [{"uid": moved_uid, "start": "2026-12-08T15:00"}]}),
    );
    assert!(
        proxy.fired(&Fault::StripTzid) >= 1,
        "the client's TZID was stripped"
    );
    assert_eq!(
        report["after"][&moved_uid]["start"]["floating"], "2026-12-08T15:00",
        "the server holds a floating time: {report}"
    );
    proxy.set(&[]);
    sharing::sync_all(&a.conn, now()).unwrap();
    let start: String = a
        .conn
        .query_row(
            "SELECT start_at FROM appointments WHERE id = ?1",
            [moved],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        start, "2026-12-08T14:00:00Z",
        "the floating 15:00 is read as 15:00 in Paris (14:00 UTC), not ignored"
    );

    // The client adds events of its own.
    client(
        &server,
        &server.url(),
        a.dir.path(),
        json!({"site_calendar": calendar, "add": [
            {"uid": "reunion", "summary": "Réunion d'équipe", "floating": true,
             "start": "2026-12-08T15:30", "end": "2026-12-08T16:15"},
            {"uid": "formation", "summary": "Formation Aidants Connect", "date": "2026-12-15"},
            {"uid": "appel", "summary": "Appel CAF", "start": "2026-12-22T14:00",
             "duration": "PT45M"},
        ]}),
    );
    sharing::sync_all(&a.conn, now()).unwrap();
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-08", "15:30").as_deref(),
        Some("Réunion d'équipe"),
        "the floating 15:30–16:15 meeting blocks the 15:30 slot"
    );
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-08", "14:30"),
        None
    );
    for hh_mm in ["14:00", "14:30", "15:00", "15:30"] {
        assert_eq!(
            unavailable(&a.conn, SiteId(site), "2026-12-15", hh_mm).as_deref(),
            Some("Formation Aidants Connect"),
            "the all-day event blocks the whole day ({hh_mm})"
        );
    }
    for (hh_mm, blocked) in [("14:00", true), ("14:30", true), ("15:00", false)] {
        assert_eq!(
            unavailable(&a.conn, SiteId(site), "2026-12-22", hh_mm).is_some(),
            blocked,
            "14:00 + PT45M blocks 14:00 and 14:30 only ({hh_mm})"
        );
    }
    let free = offered(&a.conn, SiteId(site), 20);
    for gone in [
        "2026-12-08 15:30",
        "2026-12-15 14:00",
        "2026-12-22 14:00",
        "2026-12-22 14:30",
    ] {
        assert!(
            !free.contains(&gone.to_owned()),
            "{gone} is not offered: {free:?}"
        );
    }
    assert!(free.contains(&"2026-12-22 15:00".to_owned()), "{free:?}");
    let refused = book(&a.conn, site, "2026-12-22T14:30", "Refusé").unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    assert!(
        refused.to_string().contains("indisponible") && refused.to_string().contains("Appel CAF"),
        "the refusal says why, in French: {refused}"
    );
    let open = sharing::conflicts(&a.conn).unwrap();
    let on_kept: Vec<_> = open
        .iter()
        .filter(|c| c.appointment.as_ref().is_some_and(|ap| ap.id.0 == kept))
        .collect();
    assert_eq!(
        on_kept.len(),
        1,
        "the booking already at 15:30 is a conflict to settle: {open:?}"
    );
    assert!(
        on_kept[0].message.contains("Réunion d'équipe"),
        "{}",
        on_kept[0].message
    );
    sharing::sync_all(&a.conn, now()).unwrap();
    assert_eq!(
        sharing::conflicts(&a.conn).unwrap().len(),
        open.len(),
        "read again unchanged, the event raises no second conflict"
    );

    // Moved and deleted in the client: the desk follows.
    client(
        &server,
        &server.url(),
        a.dir.path(),
        json!({"site_calendar": calendar,
               "move": [{"uid": "reunion", "start": "2026-12-08T14:00"}],
               "delete": ["formation", "appel"]}),
    );
    sharing::sync_all(&a.conn, now()).unwrap();
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-08", "15:30"),
        None,
        "moved away"
    );
    assert!(
        sharing::conflicts(&a.conn)
            .unwrap()
            .iter()
            .all(|c| c.appointment.as_ref().is_none_or(|ap| ap.id.0 != kept)),
        "the meeting moved off 15:30: the booking there is no longer in conflict"
    );
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-08", "14:30").as_deref(),
        Some("Réunion d'équipe"),
        "moved to 14:00–14:45"
    );
    assert_eq!(
        unavailable(&a.conn, SiteId(site), "2026-12-15", "14:00"),
        None,
        "deleted"
    );
    book(&a.conn, site, "2026-12-22T14:30", "Libre à nouveau")
        .expect("the call deleted, its place is free again");
}
