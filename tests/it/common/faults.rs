//! A fault-injecting HTTP proxy in front of a test server (issue 26): servers as the field
//! runs them, not as Radicale behaves. It reads each request whole, forwards it (with
//! `Connection: close`: one request per connection, as Radicale does anyway), and can
//!
//! - answer a chosen status (405, 403, 404) where the server answered 409 to a PUT into a
//!   collection that does not exist yet ([`Fault::MissingCollection`]);
//! - refuse MKCALENDAR with 403, as an account without the right to create calendars sees
//!   ([`Fault::NoMkcalendar`]);
//! - forward a conditional PUT (`If-None-Match` / `If-Match`), then answer 500 whatever the
//!   server did: the write happened, the answer says otherwise ([`Fault::ServerError`]);
//! - forward a conditional PUT, wait for the server's answer, then close the connection
//!   without passing it on ([`Fault::Drop`]);
//! - strip the `TZID` parameters from the DTSTART/DTEND/RECURRENCE-ID lines of every PUT
//!   body, as a calendar client writing floating times would ([`Fault::StripTzid`]);
//! - forward a sync-collection REPORT without `calendar-data` among the properties it asks,
//!   so that the answer carries ETags only, as from a server that leaves the text out there
//!   ([`Fault::SyncWithoutData`]), or answer such a REPORT 400 as Radicale does past 10 000
//!   events ([`Fault::SyncDataRefused`]);
//! - hold back the server's answer to a sync-collection REPORT until the test lets it go, so
//!   that it reaches the desk after what the test does meanwhile ([`Fault::HoldAnswer`]), or
//!   close such a REPORT's connection without an answer ([`Fault::ReadDropped`]);
//! - hold a request back before forwarding it ([`Fault::HoldRequest`]), or answer it with a
//!   chosen status without forwarding it ([`Fault::Status`]);
//! - answer a PUT of a whole calendar (onto a collection's address, as Radicale takes one)
//!   with a chosen status, forwarded first or not ([`Fault::WholeCalendar`]).
//!
//! The proxy also keeps the method, path and REPORT kind of every request ([`Faults::count`]).
//!
//! Faults are set per test ([`Faults::set`]) and can fire always, on every n-th matching
//! request, or on the n-th only ([`When`]). Each fault counts the requests it changed.

use std::io::Write;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use wire::{answer, forward, read_message};

// Spelled out: `benches/caldav.rs` includes this file by its path too.
#[path = "faults/wire.rs"]
mod wire;

/// Which of the matching requests a fault changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// The n-th, 2n-th… matching request (1-based).
    Every(usize),
    /// The n-th matching request only (1-based).
    Nth(usize),
}

impl When {
    fn fires(self, seen: usize) -> bool {
        match self {
            When::Always => true,
            When::Every(n) => n > 0 && seen.is_multiple_of(n),
            When::Nth(n) => seen == n,
        }
    }
}

/// One way of misbehaving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// A PUT the server refused with 409 (its parent collection does not exist) is answered
    /// with this status instead.
    MissingCollection(u16),
    /// MKCALENDAR is refused with 403 (not forwarded).
    NoMkcalendar,
    /// A conditional PUT whose path contains `path` is forwarded, then answered 500.
    ServerError { path: &'static str, when: When },
    /// A conditional PUT whose path contains `path` is forwarded, its answer awaited, then
    /// the client's connection closed without an answer.
    Drop { path: &'static str, when: When },
    /// `;TZID=…` removed from the date-time lines of every PUT body.
    StripTzid,
    /// `calendar-data` removed from the properties a sync-collection REPORT asks.
    SyncWithoutData,
    /// A sync-collection REPORT that asks for `calendar-data` is answered 400 (not
    /// forwarded), as Radicale answers one of more than 10 000 events.
    SyncDataRefused,
    /// A sync-collection REPORT to a path containing `path` is forwarded, and the server's
    /// answer held back until [`Faults::release`]: a read asked for at one moment that
    /// reaches the desk later.
    HoldAnswer { path: String, when: When },
    /// A request of `method` to a path containing `path` is held back until
    /// [`Faults::release`], then forwarded: a write that reaches the server later.
    HoldRequest {
        method: &'static str,
        path: String,
        when: When,
    },
    /// A request of `method` to a path containing `path` is answered `status` (not
    /// forwarded).
    Status {
        method: &'static str,
        path: String,
        status: u16,
        when: When,
    },
    /// A sync-collection REPORT to a path containing `path` is not forwarded: its
    /// connection is closed without an answer (a read that fails on the way).
    ReadDropped { path: String, when: When },
    /// A PUT onto a collection (a path ending in `/`: a whole calendar) whose path contains
    /// `path` is answered `status`: forwarded first when `forwarded` (the write happened,
    /// the answer says otherwise; 500 only), not forwarded otherwise.
    WholeCalendar {
        path: &'static str,
        status: u16,
        forwarded: bool,
    },
}

#[derive(Default)]
struct State {
    faults: Vec<(Fault, usize, usize)>,
    /// Method, path and REPORT kind (`sync-collection`, `calendar-multiget`…; empty for
    /// another method) of each request since the last [`Faults::set`].
    seen: Vec<(String, String, String)>,
    /// Answers and requests held back so far ([`Fault::HoldAnswer`],
    /// [`Fault::HoldRequest`]), and how many of the first may go.
    held: usize,
    released: usize,
}

/// The proxy. Its threads end with the test process.
pub struct Faults {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Faults {
    /// A proxy on 127.0.0.1 (free port) in front of `upstream`, with no fault yet.
    pub fn start(upstream: SocketAddr) -> Faults {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let addr = listener.local_addr().expect("its address");
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || {
                    let _ = serve(client, upstream, &state);
                });
            }
        });
        Faults { addr, state }
    }

    /// The address a desk joins: `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// From now on, these faults (and no other); their counters and the requests seen start
    /// at zero.
    pub fn set(&self, faults: &[Fault]) {
        let mut state = self.state.lock().unwrap();
        state.faults = faults.iter().map(|f| (f.clone(), 0, 0)).collect();
        state.seen.clear();
        state.held = 0;
        state.released = 0;
    }

    /// Waits until `n` answers or requests were held back since the last [`Self::set`];
    /// panics after ten seconds.
    pub fn wait_held(&self, n: usize) {
        let until = Instant::now() + Duration::from_secs(10);
        while self.state.lock().unwrap().held < n {
            assert!(Instant::now() < until, "{n} held back: not in 10 s");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Lets the first `n` answers or requests held back go (in the order they were held),
    /// whether held already or later.
    pub fn release(&self, n: usize) {
        let mut state = self.state.lock().unwrap();
        state.released = state.released.max(n);
    }

    /// How many requests of `method` (and, for a REPORT, of `kind`) to a path containing
    /// `path` the proxy received since the last [`Self::set`].
    pub fn count(&self, method: &str, kind: &str, path: &str) -> usize {
        self.state
            .lock()
            .unwrap()
            .seen
            .iter()
            .filter(|(m, p, k)| m == method && k == kind && p.contains(path))
            .count()
    }

    /// How many requests `fault` (as given to [`Self::set`]) changed so far.
    pub fn fired(&self, fault: &Fault) -> usize {
        self.state
            .lock()
            .unwrap()
            .faults
            .iter()
            .filter(|(f, _, _)| f == fault)
            .map(|(_, _, fired)| *fired)
            .sum()
    }
}

/// What the proxy does with one request.
enum Plan {
    Forward,
    Answer(u16),
    ForwardThen500,
    ForwardThenDrop,
    ForwardThenHold,
    HoldThenForward,
    Close,
}

fn serve(mut client: TcpStream, upstream: SocketAddr, state: &Mutex<State>) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    let Some(mut request) = read_message(&mut client, true)? else {
        return Ok(());
    };
    let method = request.first.split(' ').next().unwrap_or("").to_owned();
    let path = request.first.split(' ').nth(1).unwrap_or("").to_owned();
    let conditional =
        request.header("If-None-Match").is_some() || request.header("If-Match").is_some();
    let kind = if method == "REPORT" {
        let body = String::from_utf8_lossy(&request.body);
        ["sync-collection", "calendar-multiget", "calendar-query"]
            .into_iter()
            .find(|k| body.contains(k))
            .unwrap_or("other")
    } else {
        ""
    };
    let mut plan = Plan::Forward;
    let mut missing = None;
    {
        let mut state = state.lock().unwrap();
        state
            .seen
            .push((method.clone(), path.clone(), kind.to_owned()));
        for (fault, seen, fired) in &mut state.faults {
            match fault {
                Fault::SyncDataRefused
                    if kind == "sync-collection"
                        && String::from_utf8_lossy(&request.body).contains("calendar-data") =>
                {
                    plan = Plan::Answer(400);
                    *fired += 1;
                }
                Fault::SyncWithoutData if kind == "sync-collection" => {
                    let without = without_data(&request.body);
                    if without != request.body {
                        request.body = without;
                        *fired += 1;
                    }
                }
                Fault::HoldAnswer { path: p, when } | Fault::ReadDropped { path: p, when }
                    if kind == "sync-collection" && path.contains(p.as_str()) =>
                {
                    *seen += 1;
                    if when.fires(*seen) {
                        *fired += 1;
                        plan = if matches!(fault, Fault::HoldAnswer { .. }) {
                            Plan::ForwardThenHold
                        } else {
                            Plan::Close
                        };
                    }
                }
                Fault::HoldRequest {
                    method: m,
                    path: p,
                    when,
                } if method == *m && path.contains(p.as_str()) => {
                    *seen += 1;
                    if when.fires(*seen) {
                        *fired += 1;
                        plan = Plan::HoldThenForward;
                    }
                }
                Fault::Status {
                    method: m,
                    path: p,
                    status,
                    when,
                } if method == *m && path.contains(p.as_str()) => {
                    *seen += 1;
                    if when.fires(*seen) {
                        *fired += 1;
                        plan = Plan::Answer(*status);
                    }
                }
                Fault::WholeCalendar {
                    path: p,
                    status,
                    forwarded,
                } if method == "PUT" && path.ends_with('/') && path.contains(*p) => {
                    *fired += 1;
                    plan = if *forwarded {
                        assert_eq!(*status, 500, "a forwarded whole calendar is answered 500");
                        Plan::ForwardThen500
                    } else {
                        Plan::Answer(*status)
                    };
                }
                Fault::StripTzid if method == "PUT" => {
                    let stripped = strip_tzid(&request.body);
                    if stripped != request.body {
                        request.body = stripped;
                        *fired += 1;
                    }
                }
                Fault::NoMkcalendar if method == "MKCALENDAR" => {
                    plan = Plan::Answer(403);
                    *fired += 1;
                }
                Fault::MissingCollection(status) if method == "PUT" => {
                    missing = Some(*status);
                }
                Fault::ServerError { path: p, when } | Fault::Drop { path: p, when }
                    if method == "PUT" && conditional && path.contains(*p) =>
                {
                    *seen += 1;
                    if when.fires(*seen) {
                        *fired += 1;
                        plan = if matches!(fault, Fault::Drop { .. }) {
                            Plan::ForwardThenDrop
                        } else {
                            Plan::ForwardThen500
                        };
                    }
                }
                _ => {}
            }
        }
    }
    match plan {
        Plan::Answer(status) => return answer(&mut client, status),
        Plan::Close => {
            let _ = client.shutdown(Shutdown::Both);
            return Ok(());
        }
        Plan::HoldThenForward => hold(state),
        _ => {}
    }
    let mut response = forward(&request, upstream)?;
    if let (Some(status), true) = (missing, response.first.contains(" 409")) {
        let mut state = state.lock().unwrap();
        if let Some((_, _, fired)) = state
            .faults
            .iter_mut()
            .find(|(f, _, _)| *f == Fault::MissingCollection(status))
        {
            *fired += 1;
        }
        response.first = format!("HTTP/1.1 {status} Refused by the proxy");
        response.body.clear();
    }
    match plan {
        Plan::ForwardThen500 => answer(&mut client, 500),
        Plan::ForwardThenDrop => {
            let _ = client.shutdown(Shutdown::Both);
            Ok(())
        }
        Plan::ForwardThenHold => {
            hold(state);
            client.write_all(&response.bytes())?;
            let _ = client.shutdown(Shutdown::Write);
            Ok(())
        }
        _ => {
            client.write_all(&response.bytes())?;
            let _ = client.shutdown(Shutdown::Write);
            Ok(())
        }
    }
}

/// The body with `;TZID=…` removed from DTSTART, DTEND and RECURRENCE-ID lines (unfolded
/// lines only: a client writes these short).
fn strip_tzid(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let upper = line.to_ascii_uppercase();
        let dated = ["DTSTART;", "DTEND;", "RECURRENCE-ID;"]
            .iter()
            .any(|p| upper.starts_with(p));
        match (dated, upper.find(";TZID=")) {
            (true, Some(i)) => {
                let rest = &line[i + 1..];
                let end = rest.find([';', ':']).unwrap_or(rest.len());
                out.push_str(&line[..i]);
                out.push_str(&rest[end..]);
            }
            _ => out.push_str(line),
        }
    }
    out.into_bytes()
}

/// A REPORT body without its `calendar-data` property (an empty element, any prefix).
fn without_data(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Some(name) = text.find("calendar-data") else {
        return body.to_vec();
    };
    let (Some(open), Some(close)) = (text[..name].rfind('<'), text[name..].find('>')) else {
        return body.to_vec();
    };
    format!("{}{}", &text[..open], &text[name + close + 1..]).into_bytes()
}

/// Takes the next place among the held back, and waits until [`Faults::release`] lets it go.
fn hold(state: &Mutex<State>) {
    let ticket = {
        let mut state = state.lock().unwrap();
        state.held += 1;
        state.held
    };
    while state.lock().unwrap().released < ticket {
        std::thread::sleep(Duration::from_millis(5));
    }
}
