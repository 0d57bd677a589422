//! The CalDAV test servers themselves (`common::dav`): they start, check credentials, keep
//! their data across a restart, and refuse a second creation of the same resource, even at
//! the same instant — what the sharing client's tests build on.

use std::sync::{Arc, Barrier};

use crate::common::dav::{http, DavServer, Kind};

const MULTI_STATUS: u16 = 207;

fn event(uid: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Permanences//tests//FR\r\n\
         BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261201T094000Z\r\n\
         DTSTART:20261201T100000Z\r\nDTEND:20261201T103000Z\r\nSUMMARY:Rendez-vous\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

fn propfind(server: &DavServer, path: &str) -> u16 {
    server
        .request("PROPFIND", path, &[("Depth", "0")], b"")
        .unwrap_or_else(|e| {
            panic!(
                "{:?}: PROPFIND {path}: {e}\n{}",
                server.kind(),
                server.log()
            )
        })
        .status
}

/// A new calendar under the calendar home, as the sharing client makes one.
fn new_calendar(server: &DavServer, name: &str) -> String {
    let path = format!("{}{name}/", server.calendar_home());
    let made = server.request("MKCALENDAR", &path, &[], b"").unwrap();
    assert_eq!(made.status, 201, "{:?}: MKCALENDAR {path}", server.kind());
    path
}

fn put_new(server: &DavServer, path: &str, uid: &str) -> u16 {
    server
        .request(
            "PUT",
            path,
            &[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("If-None-Match", "*"),
            ],
            event(uid).as_bytes(),
        )
        .unwrap()
        .status
}

#[test]
fn servers_start_answer_and_survive_a_restart() {
    for kind in Kind::ALL {
        let mut server = DavServer::start(kind);
        assert!(server.url().starts_with("http://127.0.0.1:") && server.url().ends_with('/'));
        let home = server.calendar_home();
        assert_eq!(propfind(&server, &home), MULTI_STATUS, "{kind:?}");

        let well_known = http(server.addr(), "GET", "/.well-known/caldav", &[], b"", None).unwrap();
        assert!(
            matches!(well_known.status, 301 | 302)
                && well_known.header("location") == Some(server.well_known_target()),
            "{kind:?}: /.well-known/caldav -> {well_known:?}"
        );

        // Xandikos has no authentication (see `common::dav`).
        if kind != Kind::Xandikos {
            let wrong = http(
                server.addr(),
                "PROPFIND",
                &home,
                &[("Depth", "0")],
                b"",
                Some((server.user(), "mauvais")),
            )
            .unwrap();
            assert_eq!(wrong.status, 401, "{kind:?}: a wrong password");
            let none = http(
                server.addr(),
                "PROPFIND",
                &home,
                &[("Depth", "0")],
                b"",
                None,
            );
            assert_eq!(none.unwrap().status, 401, "{kind:?}: no credentials");
        }

        let calendar = new_calendar(&server, "test");
        let resource = format!("{calendar}rdv-1.ics");
        assert!(
            matches!(put_new(&server, &resource, "rdv-1"), 201 | 204),
            "{kind:?}"
        );

        server.stop();
        let refused = http(server.addr(), "OPTIONS", "/", &[], b"", None).unwrap_err();
        assert_eq!(
            refused.kind(),
            std::io::ErrorKind::ConnectionRefused,
            "{kind:?}"
        );

        server.restart();
        assert_eq!(
            propfind(&server, &home),
            MULTI_STATUS,
            "{kind:?} after restart"
        );
        let kept = server.request("GET", &resource, &[], b"").unwrap();
        assert_eq!(
            kept.status, 200,
            "{kind:?}: the event is kept across a restart"
        );
        assert!(kept.body.contains("UID:rdv-1"), "{kind:?}: {}", kept.body);
    }
}

/// `If-None-Match: *` on a resource that exists: 412 on both servers, and the first event is
/// left as it was.
#[test]
fn create_only_if_absent_refuses_an_existing_resource() {
    for kind in Kind::ALL {
        let server = DavServer::start(kind);
        let calendar = new_calendar(&server, "places");
        let resource = format!("{calendar}place-1.ics");
        assert!(
            matches!(put_new(&server, &resource, "premier"), 201 | 204),
            "{kind:?}"
        );
        assert_eq!(put_new(&server, &resource, "second"), 412, "{kind:?}");
        let kept = server.request("GET", &resource, &[], b"").unwrap();
        assert!(kept.body.contains("UID:premier"), "{kind:?}: {}", kept.body);
        if kind == Kind::Davical {
            // DAViCal's own answers, where the client must recognise them (`sharing::dav`).
            let missing = format!("{}absent/place-1.ics", server.calendar_home());
            assert_eq!(
                put_new(&server, &missing, "x"),
                405,
                "PUT into a missing calendar"
            );
            let again = server.request("MKCALENDAR", &calendar, &[], b"").unwrap();
            assert_eq!(again.status, 405, "MKCALENDAR on an existing calendar");
        }
    }
}

/// Two desks create the same place at the same instant, 20 times: exactly one wins each time
/// (the loser gets 412, or on DAViCal sometimes 500: its database's unique-key error).
#[test]
fn create_only_if_absent_races() {
    const ROUNDS: usize = 20;
    for kind in Kind::ALL {
        let server = Arc::new(DavServer::start(kind));
        let calendar = new_calendar(&server, "course");
        for round in 0..ROUNDS {
            let resource = format!("{calendar}place-{round}.ics");
            let barrier = Arc::new(Barrier::new(2));
            let desks: Vec<_> = ["poste-a", "poste-b"]
                .into_iter()
                .map(|desk| {
                    let (server, barrier, resource) =
                        (Arc::clone(&server), Arc::clone(&barrier), resource.clone());
                    std::thread::spawn(move || {
                        barrier.wait();
                        (
                            desk,
                            put_new(&server, &resource, &format!("{desk}-{round}")),
                        )
                    })
                })
                .collect();
            let mut results: Vec<(&str, u16)> =
                desks.into_iter().map(|d| d.join().unwrap()).collect();
            results.sort_by_key(|&(_, status)| status);
            let statuses: Vec<u16> = results.iter().map(|&(_, s)| s).collect();
            // DAViCal answers the loser 412 or 500 (the client reads such a place back).
            let refused = match kind {
                Kind::Davical => matches!(statuses[..], [201 | 204, 412 | 500]),
                Kind::Radicale | Kind::Xandikos => matches!(statuses[..], [201 | 204, 412]),
            };
            assert!(refused, "{kind:?} round {round}: {results:?}");
            let winner = results[0].0;
            let stored = server.request("GET", &resource, &[], b"").unwrap();
            assert!(
                stored.body.contains(&format!("UID:{winner}-{round}")),
                "{kind:?} round {round}: the winner {winner} is stored: {}",
                stored.body
            );
        }
    }
}

#[test]
fn base64_matches_the_standard() {
    use crate::common::dav::base64;
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(
        base64(b"accueil:mot-de-passe-1"),
        "YWNjdWVpbDptb3QtZGUtcGFzc2UtMQ=="
    );
}

/// A whole calendar in one PUT onto a collection's address (issue 26, `sharing::upload`):
/// Radicale stores a calendar of one resource per UID, named `<UID>.ics` (the UID itself when
/// it ends in `.ics`), and honours `If-None-Match: *` and the collection's ETag in `If-Match`;
/// Xandikos stores the document as one plain resource; DAViCal refuses it (405). The client
/// sends one only where the server answers Radicale's `version` property.
#[test]
fn a_whole_calendar_in_one_put_is_radicale_s_alone() {
    use permanences::sharing::dav::{Put, Whole};
    let mut whole = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Permanences//tests//FR\r\nX-WR-CALNAME:Un lieu\r\n");
    for uid in ["lieu-place-1.ics", "rdv-2", "rdv-3"] {
        whole += &format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261201T094000Z\r\n\
             DTSTART:20261208T130000Z\r\nDTEND:20261208T133000Z\r\nSUMMARY:R\r\nEND:VEVENT\r\n"
        );
    }
    whole += "END:VCALENDAR\r\n";
    for kind in Kind::ALL {
        let server = DavServer::start(kind);
        let dav = server.client();
        let home = format!(
            "{}{}",
            server.url(),
            server.calendar_home().trim_start_matches('/')
        );
        assert_eq!(
            dav.takes_whole_calendars(&home).unwrap(),
            kind == Kind::Radicale,
            "{kind:?}: only Radicale answers its version"
        );
        let new = format!("{home}entier/");
        let first = dav.put_calendar(&new, &whole, Put::Create).unwrap();
        match kind {
            Kind::Radicale => {
                assert_eq!(first, Whole::Stored);
                let mut names: Vec<String> = dav
                    .list(&new)
                    .unwrap()
                    .into_iter()
                    .map(|i| i.href.rsplit('/').next().unwrap().to_owned())
                    .collect();
                names.sort();
                assert_eq!(names, ["lieu-place-1.ics", "rdv-2.ics", "rdv-3.ics"]);
                assert_eq!(
                    dav.put_calendar(&new, &whole, Put::Create).unwrap(),
                    Whole::Precondition,
                    "created only if absent"
                );
                // An empty calendar, replaced only with its ETag as read.
                let empty = new_calendar(&server, "vide");
                let empty = format!("{}{}", server.url(), empty.trim_start_matches('/'));
                let etag = dav
                    .empty_calendar(&empty)
                    .unwrap()
                    .expect("empty, with an ETag");
                assert_eq!(dav.empty_calendar(&new).unwrap(), None, "not empty");
                assert_eq!(
                    dav.put_calendar(&empty, &whole, Put::Replace("\"stale\""))
                        .unwrap(),
                    Whole::Precondition
                );
                assert_eq!(
                    dav.put_calendar(&empty, &whole, Put::Replace(&etag))
                        .unwrap(),
                    Whole::Stored
                );
                assert_eq!(dav.list(&empty).unwrap().len(), 3);
            }
            Kind::Xandikos => {
                assert_eq!(first, Whole::Stored, "answered 201…");
                let r = server
                    .request(
                        "PROPFIND",
                        &format!("{}entier", server.calendar_home()),
                        &[("Depth", "0")],
                        b"",
                    )
                    .unwrap();
                assert_eq!(r.status, MULTI_STATUS);
                assert!(
                    r.body.contains("resourcetype />") || r.body.contains("resourcetype/>"),
                    "…but stored as one plain resource (an empty resourcetype): {}",
                    r.body
                );
            }
            Kind::Davical => {
                assert_eq!(first, Whole::Refused(405));
                assert_eq!(
                    propfind(&server, &format!("{}entier/", server.calendar_home())),
                    404
                );
            }
        }
    }
}
