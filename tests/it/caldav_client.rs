//! The CalDAV client (`sharing::dav`) against real servers, Radicale, Xandikos and DAViCal
//! (`common::dav`), and against tiny fake servers for what real ones do not do on demand: an
//! error 500, garbage, silence. Every failure is a French `network` error that never carries
//! the password.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use permanences::sharing::dav::{Dav, Put, Removed, Written};
use permanences::{Error, ErrorKind};

use crate::common::dav::{DavServer, Kind};

const TIMEOUT: Duration = Duration::from_secs(20);

fn client(server: &DavServer) -> Dav {
    Dav::new(server.user(), server.password(), TIMEOUT, false)
}

fn event(uid: &str, summary: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Permanences//tests//FR\r\n\
         BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261201T094000Z\r\n\
         DTSTART:20261201T100000Z\r\nDTEND:20261201T103000Z\r\nSUMMARY:{summary}\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

/// The French message of a network error (any other outcome fails the test).
fn network_message<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Ok(v) => panic!("expected a network error, got {v:?}"),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Network, "wrong kind for « {e} »");
            e.to_string()
        }
    }
}

/// The calendar home as an absolute URL.
fn home_url(server: &DavServer) -> String {
    format!(
        "{}{}",
        server.url().trim_end_matches('/'),
        server.calendar_home()
    )
}

#[test]
fn discovery_finds_the_calendar_home_from_any_address() {
    for kind in Kind::ALL {
        let server = DavServer::start(kind);
        let dav = client(&server);
        let home = home_url(&server);
        for typed in [
            server.url(),
            format!("{}.well-known/caldav", server.url()),
            home.clone(),
            home.trim_end_matches('/').to_owned(),
        ] {
            let found = dav
                .discover(&typed)
                .unwrap_or_else(|e| panic!("{kind:?}: from {typed}: {e}\n{}", server.log()));
            assert_eq!(found, home, "{kind:?}: from {typed}");
        }
    }
}

/// Everything the sync needs, in order, on one server.
fn round_trip(server: &DavServer) {
    let kind = server.kind();
    let dav = client(server);
    let home = dav.discover(&server.url()).unwrap();
    let cal = format!("{home}partage-est/");
    dav.make_calendar(&cal, "Réseau Est & Nord").unwrap();
    dav.make_calendar(&cal, "Réseau Est & Nord")
        .unwrap_or_else(|e| panic!("{kind:?}: a calendar already there is fine: {e}"));
    let collections = dav.collections(&home).unwrap();
    let made = collections
        .iter()
        .find(|c| c.href == cal)
        .unwrap_or_else(|| panic!("{kind:?}: {cal} among {collections:?}"));
    assert!(made.calendar, "{kind:?}: {made:?} is a calendar");
    // DAViCal 1.1.12 keeps a display name as the escaped XML it was sent (`&amp;`, also from
    // a CDATA section or a PROPPATCH) and escapes it again when it answers (`&amp;amp;`, seen
    // with curl): a calendar client shows `&amp;` there too. The core reads no display name.
    let name = if kind == Kind::Davical {
        "Réseau Est &amp; Nord"
    } else {
        "Réseau Est & Nord"
    };
    assert_eq!(made.name.as_deref(), Some(name), "{kind:?}");
    assert!(
        collections.iter().all(|c| c.href != home),
        "{kind:?}: the home is not its own child"
    );

    let a = format!("{cal}a.ics");
    let Written::Done { etag } = dav.put(&a, &event("a", "Premier"), Put::Create).unwrap() else {
        panic!("{kind:?}: a new name is created");
    };
    let etag_a1 = etag.or_else(|| dav.get(&a).unwrap().unwrap().etag).unwrap();
    assert_eq!(
        dav.put(&a, &event("a", "Doublon"), Put::Create).unwrap(),
        Written::Precondition,
        "{kind:?}: If-None-Match: * on an existing resource"
    );
    assert_eq!(
        dav.put(&a, &event("a", "Vieux"), Put::Replace("\"perime\""))
            .unwrap(),
        Written::Precondition,
        "{kind:?}: If-Match with a stale ETag"
    );
    let Written::Done { etag } = dav
        .put(&a, &event("a", "Second"), Put::Replace(&etag_a1))
        .unwrap()
    else {
        panic!("{kind:?}: If-Match with the current ETag");
    };
    let etag_a2 = etag.or_else(|| dav.get(&a).unwrap().unwrap().etag).unwrap();
    assert_ne!(etag_a1, etag_a2, "{kind:?}: a new content, a new ETag");

    let first = dav
        .changes(&cal, None)
        .unwrap()
        .expect("no token, no refusal");
    assert_eq!(first.changed.len(), 1, "{kind:?}: {first:?}");
    assert_eq!(
        first.changed[0].href, a,
        "{kind:?}: hrefs are absolute URLs"
    );
    assert_eq!(first.changed[0].etag.as_deref(), Some(etag_a2.as_str()));
    assert!(first.removed.is_empty() && !first.token.is_empty());
    // The same listing with each member's text, as a first read asks: the same members and
    // ETags; the text where the server sends it, fetched otherwise.
    let with_text = dav
        .changes_with_data(&cal, None)
        .unwrap()
        .expect("no token, no refusal");
    let listed: Vec<(&str, Option<&str>)> = with_text
        .changed
        .iter()
        .map(|i| (i.href.as_str(), i.etag.as_deref()))
        .collect();
    assert_eq!(listed, [(a.as_str(), Some(etag_a2.as_str()))], "{kind:?}");
    if kind == Kind::Radicale {
        assert!(
            with_text.changed[0]
                .data
                .as_deref()
                .is_some_and(|t| t.contains("SUMMARY:Second")),
            "Radicale sends the text in the listing: {with_text:?}"
        );
    }
    let texts = dav
        .texts(&cal, &with_text.changed, std::slice::from_ref(&a))
        .unwrap();
    assert_eq!(texts.len(), 1, "{kind:?}: {texts:?}");
    assert!(
        texts[0]
            .data
            .as_deref()
            .is_some_and(|t| t.contains("SUMMARY:Second")),
        "{kind:?}: the current text, from the listing or fetched: {texts:?}"
    );
    assert_eq!(texts[0].etag.as_deref(), Some(etag_a2.as_str()), "{kind:?}");

    let b = format!("{cal}b.ics");
    assert!(matches!(
        dav.put(&b, &event("b", "Troisième"), Put::Create).unwrap(),
        Written::Done { .. }
    ));
    assert_eq!(dav.delete(&a, Some(&etag_a2)).unwrap(), Removed::Done);
    let since = dav
        .changes(&cal, Some(&first.token))
        .unwrap()
        .unwrap_or_else(|| panic!("{kind:?}: a fresh token is accepted"));
    let changed: Vec<&str> = since.changed.iter().map(|i| i.href.as_str()).collect();
    assert_eq!(changed, [b.as_str()], "{kind:?}: {since:?}");
    assert_eq!(since.removed, [a.as_str()], "{kind:?}: {since:?}");
    assert_ne!(since.token, first.token);

    let fetched = dav.fetch(&cal, std::slice::from_ref(&b)).unwrap();
    assert_eq!(fetched.len(), 1, "{kind:?}: {fetched:?}");
    assert_eq!(fetched[0].href, b);
    assert!(fetched[0]
        .data
        .as_deref()
        .unwrap()
        .contains("SUMMARY:Troisième"));
    assert_eq!(fetched[0].etag, since.changed[0].etag);
    let listed = dav.list(&cal).unwrap();
    assert_eq!(listed.len(), 1, "{kind:?}: {listed:?}");
    assert_eq!(
        (listed[0].href.as_str(), &listed[0].etag),
        (b.as_str(), &fetched[0].etag)
    );
    let got = dav.get(&b).unwrap().unwrap();
    assert!(got.data.unwrap().contains("UID:b"));
    assert_eq!(dav.get(&a).unwrap(), None, "{kind:?}: deleted");

    assert_eq!(
        dav.delete(&b, Some("\"perime\"")).unwrap(),
        Removed::Precondition,
        "{kind:?}: DELETE with a stale ETag"
    );
    assert_eq!(dav.delete(&b, None).unwrap(), Removed::Done);
    assert_eq!(dav.delete(&b, None).unwrap(), Removed::Gone);

    let c = format!("{cal}c.ics");
    assert!(matches!(
        dav.put(&c, &event("c", "Quatrième"), Put::Create).unwrap(),
        Written::Done { .. }
    ));
    let foreign = dav
        .changes(&cal, Some("http://example.org/ns/sync/inconnu"))
        .unwrap();
    if kind == Kind::Davical {
        // DAViCal 1.1.12 refuses no token: one it does not know (a foreign one, `data:,99999`,
        // garbage; seen with curl) is answered as no token is, with the whole listing and a
        // new token. Nothing is lost: every member is there, and a removal it cannot report
        // is found by the full check that lists every calendar (`sharing_marks`).
        let foreign = foreign.expect("DAViCal answers with the whole listing");
        let changed: Vec<&str> = foreign.changed.iter().map(|i| i.href.as_str()).collect();
        assert_eq!(changed, [c.as_str()], "{kind:?}: {foreign:?}");
        assert!(foreign.removed.is_empty() && !foreign.token.is_empty());
    } else {
        assert_eq!(
            foreign, None,
            "{kind:?}: a token the server does not know means starting over"
        );
    }
}

#[test]
fn radicale_round_trip() {
    round_trip(&DavServer::start(Kind::Radicale));
}

#[test]
fn xandikos_round_trip() {
    round_trip(&DavServer::start(Kind::Xandikos));
}

#[test]
fn davical_round_trip() {
    round_trip(&DavServer::start(Kind::Davical));
}

/// Two desks make the same new calendar (a month's places calendar) at the same instant, 10
/// times: both are told it is there, whatever the loser was answered (DAViCal: sometimes 500,
/// its database's unique-key error).
#[test]
fn two_desks_making_the_same_calendar_at_once_both_have_it() {
    for kind in Kind::ALL {
        let server = DavServer::start(kind);
        let home = client(&server).discover(&server.url()).unwrap();
        for round in 0..10 {
            let cal = format!("{home}places-{round}/");
            let barrier = std::sync::Barrier::new(2);
            let results: Vec<_> = std::thread::scope(|scope| {
                let desks: Vec<_> = (0..2)
                    .map(|_| {
                        scope.spawn(|| {
                            let dav = client(&server);
                            barrier.wait();
                            dav.make_calendar(&cal, "Places")
                        })
                    })
                    .collect();
                desks.into_iter().map(|d| d.join().unwrap()).collect()
            });
            assert!(
                results.iter().all(Result::is_ok),
                "{kind:?} round {round}: {results:?}"
            );
        }
    }
}

#[test]
fn a_wrong_password_and_a_stopped_server_are_said_in_french() {
    let mut server = DavServer::start(Kind::Radicale);
    let wrong = "mauvais-Mdp-9731";
    let dav = Dav::new(server.user(), wrong, TIMEOUT, false);
    let message = network_message(dav.discover(&server.url()));
    assert!(message.contains("mot de passe"), "{message}");
    assert!(
        !message.contains(wrong) && !message.contains("Basic"),
        "the password never shows: {message}"
    );

    let dav = client(&server);
    let home = home_url(&server);
    assert!(dav.collections(&home).is_ok());
    server.stop();
    let message = network_message(dav.collections(&home));
    assert!(message.contains("ne répond pas"), "{message}");
    assert!(!message.contains(server.password()), "{message}");
    server.restart();
    assert!(dav.collections(&home).is_ok(), "back once the server is");
}

/// A fake server on 127.0.0.1: each connection gets `answer` once its request is read (or
/// nothing at all when `answer` is None: it is held open, silent).
fn fake_server(answer: Option<&'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            std::thread::spawn(move || serve(stream, answer));
        }
    });
    url
}

fn serve(mut stream: TcpStream, answer: Option<&str>) {
    let Some(answer) = answer else {
        std::thread::sleep(Duration::from_secs(30));
        return;
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut request = Vec::new();
    let mut buf = [0; 4096];
    // The head, then as many body bytes as Content-Length says.
    while let Ok(n @ 1..) = stream.read(&mut buf) {
        request.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&request);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if request.len() >= end + 4 + length {
                break;
            }
        }
    }
    let _ = stream.write_all(answer.as_bytes());
}

#[test]
fn a_server_error_is_named_by_its_code() {
    let url = fake_server(Some(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\noups!",
    ));
    let dav = Dav::new("accueil", "secret-500", TIMEOUT, false);
    let message = network_message(dav.discover(&url));
    assert!(
        message.contains("500") && message.contains("erreur"),
        "{message}"
    );
    let message = network_message(dav.collections(&url));
    assert!(message.contains("500"), "{message}");
}

#[test]
fn garbage_in_a_multistatus_is_unreadable() {
    let url = fake_server(Some(
        "HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: 24\r\n\
         Connection: close\r\n\r\n<d:multistatus xmlns:d=\"",
    ));
    let dav = Dav::new("accueil", "secret-207", TIMEOUT, false);
    for message in [
        network_message(dav.discover(&url)),
        network_message(dav.collections(&url)),
        network_message(dav.changes(&url, None)),
    ] {
        assert!(message.contains("illisible"), "{message}");
    }
}

#[test]
fn a_silent_server_times_out() {
    let url = fake_server(None);
    let dav = Dav::new("accueil", "secret-lent", Duration::from_secs(1), false);
    let started = Instant::now();
    let message = network_message(dav.discover(&url));
    assert!(message.contains("trop de temps"), "{message}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the timeout holds: {:?}",
        started.elapsed()
    );
}

#[test]
fn plain_http_is_refused_off_loopback_unless_allowed() {
    // 192.0.2.1 (TEST-NET-1) answers nobody: a connection attempt would wait for the timeout.
    let dav = Dav::new("accueil", "secret-clair", TIMEOUT, false);
    let started = Instant::now();
    let message = network_message(dav.discover("http://192.0.2.1/"));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "refused before any connection"
    );
    assert!(
        message.contains("chiffrée") && message.contains("https://"),
        "{message}"
    );
    assert!(!message.contains("secret-clair"));

    let allowed = Dav::new("accueil", "secret-clair", Duration::from_secs(1), true);
    let message = network_message(allowed.discover("http://192.0.2.1/"));
    assert!(
        !message.contains("chiffrée"),
        "with the flag the connection is tried: {message}"
    );
}

/// The password is never shown, not even in a debug print of the client.
#[test]
fn debug_never_shows_the_password() {
    let dav = permanences::sharing::dav::Dav::new(
        "accueil",
        "s3cret-pw",
        std::time::Duration::from_secs(1),
        false,
    );
    let shown = format!("{dav:?}");
    assert!(
        shown.contains("accueil") && !shown.contains("s3cret-pw"),
        "{shown}"
    );
}
