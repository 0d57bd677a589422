//! Real CalDAV servers on loopback, for the sharing tests (issue 15): Radicale and Xandikos,
//! both from PyPI, installed in `.venv` by `make test` (`scripts/setup.sh test` reads
//! `tests/requirements.txt`), and DAViCal (issue 26), from Debian, installed by the same
//! script and started as [`super::davical`] says. A missing server FAILS the test, it is never
//! skipped.
//!
//! Each [`DavServer`] listens on 127.0.0.1 on a free port with its own temporary storage, and
//! can be stopped and restarted on the same port and storage ("server unreachable" tests).
//!
//! What the two servers do, as seen with Radicale 3.9.0 and Xandikos 0.4.10:
//!
//! - `/.well-known/caldav` (no credentials): Radicale answers `301 Moved Permanently` to `/`,
//!   Xandikos `302 Found` to `/`. Discovery then goes through `current-user-principal` on `/`.
//! - Credentials: Radicale refuses a wrong password, or none, with `401 Unauthorized` (with
//!   `WWW-Authenticate: Basic`), after its default one-second `[auth] delay`. `OPTIONS` needs no
//!   credentials. Xandikos, started without `--htpasswd` (which needs TLS), has no
//!   authentication: it ignores `Authorization` and answers anyone.
//! - `PUT` with `If-None-Match: *` on a resource that exists: `412 Precondition Failed` on both;
//!   on a new name `201 Created`. The CalDAV client relies on this to give a place only once
//!   across desks. Two such `PUT`s of the same new name at the same instant: exactly one `201`
//!   and one `412` on both servers (`dav_servers::create_only_if_absent_races`).
//! - `MKCALENDAR` on a new collection: `201`; on an existing one Radicale `409`, Xandikos `403`.
//! - Radicale speaks HTTP/1.0 and closes each connection; Xandikos (aiohttp) HTTP/1.1.
//!
//! DAViCal 1.1.12: `/.well-known/caldav` -> `301` to `/caldav.php/`; home `/caldav.php/accueil/`;
//! a wrong password `401`; a `PUT` into a missing collection, or `MKCALENDAR` on an existing
//! one, `405`; the loser of two `PUT`s with `If-None-Match: *` (or two `MKCALENDAR`s) at the
//! same instant gets `412` or `500` (its unique-key error; 1 race in 10 with curl), the stored
//! resource being the winner's: the client looks again (`sharing::dav`).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::davical;
use super::tools::root;

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Radicale,
    Xandikos,
    Davical,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Radicale, Kind::Xandikos, Kind::Davical];
}

const USER: &str = "accueil";
const PASSWORD: &str = "mot-de-passe-1";
const READY_WITHIN: Duration = Duration::from_secs(20);
const TERM_GRACE: Duration = Duration::from_secs(5);

/// A CalDAV server process on 127.0.0.1, killed and its storage removed on drop.
pub struct DavServer {
    kind: Kind,
    port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
    /// DAViCal's PostgreSQL, kept running across [`DavServer::stop`].
    database: Option<davical::Database>,
    /// DAViCal's two `php -S` and the port that shares them out.
    front: Option<davical::Front>,
}

impl DavServer {
    /// Starts the server on 127.0.0.1 on a free port, with its own temporary storage folder,
    /// and waits until it answers an HTTP `OPTIONS /` (up to 20 s); panics with the server's
    /// standard error if it does not.
    ///
    /// - Radicale: `.venv/bin/python -m radicale --config DIR/radicale.conf`, the file setting
    ///   `[server] hosts`, `[auth] type = htpasswd` (plain, one user), `[rights] type =
    ///   owner_only` (the user may create calendars under `/accueil/`), `[storage]
    ///   filesystem_folder` and `[logging] level = warning`.
    /// - Xandikos: `.venv/bin/python -m xandikos serve -d DIR/data --state-dir DIR/state
    ///   --defaults -l 127.0.0.1 -p PORT`; `--defaults` creates the principal `/user/`, its
    ///   calendar home `/user/calendars/` with a `calendar/` in it, and an address book.
    /// - DAViCal: see [`super::davical`].
    pub fn start(kind: Kind) -> DavServer {
        let python = root().join(".venv/bin/python");
        let module = root().join(match kind {
            Kind::Radicale => ".venv/bin/radicale",
            Kind::Xandikos => ".venv/bin/xandikos",
            Kind::Davical => davical::HTDOCS,
        });
        assert!(
            kind == Kind::Davical || python.exists() && module.exists(),
            "{} is missing: run `make test` (scripts/setup.sh test installs {kind:?} from \
             tests/requirements.txt into .venv)",
            module.display()
        );
        let dir = tempfile::Builder::new()
            .prefix(&format!("permanences-{kind:?}-").to_lowercase())
            .tempdir()
            .expect("a temporary folder for the server");
        let port = free_port();
        if kind == Kind::Radicale {
            write_radicale_config(dir.path(), port);
        }
        let database =
            (kind == Kind::Davical).then(|| davical::prepare(dir.path(), USER, PASSWORD));
        let mut server = DavServer {
            kind,
            port,
            dir,
            child: None,
            database,
            front: None,
        };
        server.spawn();
        server
    }

    /// The root URL, `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    /// Radicale's storage folder of the account's collections (`collection-root/accueil/`),
    /// for the benchmark that grows calendars without waiting on the server's writes.
    pub fn radicale_collections(&self) -> PathBuf {
        self.dir
            .path()
            .join("collections/collection-root")
            .join(USER)
    }

    /// The account. Radicale checks it (htpasswd); Xandikos ignores it.
    pub fn user(&self) -> &str {
        USER
    }

    pub fn password(&self) -> &str {
        PASSWORD
    }

    /// The calendar home a client should discover: `/accueil/` (Radicale, the user's
    /// principal is also its home), `/user/calendars/` (Xandikos with `--defaults`) or
    /// `/caldav.php/accueil/` (DAViCal).
    pub fn calendar_home(&self) -> String {
        match self.kind {
            Kind::Radicale => format!("/{USER}/"),
            Kind::Xandikos => "/user/calendars/".into(),
            Kind::Davical => format!("/caldav.php/{USER}/"),
        }
    }

    /// Where `/.well-known/caldav` sends a client: `/`, or `/caldav.php/` (DAViCal).
    pub fn well_known_target(&self) -> &'static str {
        match self.kind {
            Kind::Radicale | Kind::Xandikos => "/",
            Kind::Davical => "/caldav.php/",
        }
    }

    /// Stops the server (SIGTERM, then SIGKILL after 5 s), keeping its storage: connections
    /// to [`Self::url`] are then refused.
    pub fn stop(&mut self) {
        // DAViCal: its front stops listening and its `php -S` are ended.
        self.front.take();
        let Some(mut child) = self.child.take() else {
            return;
        };
        if matches!(child.try_wait(), Ok(None)) {
            davical::signal_process(child.id(), "TERM");
        }
        let deadline = Instant::now() + TERM_GRACE;
        while Instant::now() < deadline {
            if matches!(child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Starts it again on the same port and storage.
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    /// The program's CalDAV client on this server's account, as another client of the
    /// server (a calendar client, another desk) in the tests: 10 s per request.
    pub fn client(&self) -> permanences::sharing::dav::Dav {
        permanences::sharing::dav::Dav::new(
            self.user(),
            self.password(),
            Duration::from_secs(10),
            false,
        )
    }

    /// Writes an event of a calendar client (no record of this program) into `calendar` (an
    /// absolute URL), from `start` to `end` (UTC).
    pub fn client_event(
        &self,
        calendar: &str,
        uid: &str,
        (start, end): (&str, &str),
        summary: &str,
    ) {
        use permanences::sharing::dav::{Put, Written};
        let ics = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Un agenda//FR\r\nBEGIN:VEVENT\r\n\
             UID:{uid}\r\nDTSTAMP:20261201T094000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n\
             SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        let written = self
            .client()
            .put(&format!("{calendar}{uid}.ics"), &ics, Put::Create);
        assert!(
            matches!(written, Ok(Written::Done { .. })),
            "the calendar client's event is written: {written:?}"
        );
    }

    /// The server's standard error so far (all runs), for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    fn spawn(&mut self) {
        let dir = self.dir.path();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())
            .expect("the server's log file");
        if self.kind == Kind::Davical {
            self.front = Some(davical::Front::start(dir, self.port, &log));
            self.wait_ready();
            return;
        }
        let mut cmd = Command::new(root().join(".venv/bin/python"));
        match self.kind {
            Kind::Davical => unreachable!("started above"),
            Kind::Radicale => {
                cmd.args(["-m", "radicale", "--config"])
                    .arg(dir.join("radicale.conf"));
            }
            Kind::Xandikos => {
                cmd.args(["-m", "xandikos", "serve", "-d"])
                    .arg(dir.join("data"))
                    .arg("--state-dir")
                    .arg(dir.join("state"))
                    .args(["--defaults", "-l", "127.0.0.1", "-p"])
                    .arg(self.port.to_string());
            }
        }
        cmd.current_dir(dir)
            // Nothing from the developer's own configuration or data folders.
            .env("HOME", dir)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_DATA_HOME", dir.join("state"))
            .env_remove("RADICALE_CONFIG")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("the server's log file"))
            .stderr(log);
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("{:?} could not start: {e}", self.kind));
        self.child = Some(child);
        self.wait_ready();
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + READY_WITHIN;
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!(
                        "{:?} exited at start ({status}):\n{}",
                        self.kind,
                        self.log()
                    );
                }
            }
            if let Ok(response) = http(self.addr(), "OPTIONS", "/", &[], b"", None) {
                if response.status < 500 {
                    return;
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "{:?} did not answer on {} within {READY_WITHIN:?}:\n{}",
                    self.kind,
                    self.url(),
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One request with the account's Basic credentials.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Response> {
        http(
            self.addr(),
            method,
            path,
            headers,
            body,
            Some((USER, PASSWORD)),
        )
    }
}

impl Drop for DavServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        // DAViCal's front and `php -S`, then its PostgreSQL (their own Drop); then the TempDir
        // removes the storage.
        self.front.take();
        self.database.take();
        // The TempDir removes the storage after this.
    }
}

/// An HTTP response, read whole.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One raw HTTP/1.1 request over a fresh connection (`Connection: close`), optionally with
/// Basic credentials; the error is the connection's (refused when the server is stopped).
pub fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    auth: Option<(&str, &str)>,
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some((user, password)) = auth {
        head += &format!(
            "Authorization: Basic {}\r\n",
            base64(format!("{user}:{password}").as_bytes())
        );
    }
    for (name, value) in headers {
        head += &format!("{name}: {value}\r\n");
    }
    head += "\r\n";
    let mut request = head.into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_response(&raw).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not an HTTP response: {}", String::from_utf8_lossy(&raw)),
        )
    })
}

fn parse_response(raw: &[u8]) -> Option<Response> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Some(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size_line = std::str::from_utf8(&raw[..end]).ok()?;
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size + 2..)?;
    }
}

/// Standard base64 with padding, for Basic credentials.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

fn write_radicale_config(dir: &Path, port: u16) {
    let users = dir.join("users");
    std::fs::write(&users, format!("{USER}:{PASSWORD}\n")).expect("the htpasswd file");
    let config = format!(
        "[server]\nhosts = 127.0.0.1:{port}\n\n\
         [auth]\ntype = htpasswd\nhtpasswd_filename = {}\nhtpasswd_encryption = plain\n\n\
         [rights]\ntype = owner_only\n\n\
         [storage]\nfilesystem_folder = {}\n\n\
         [logging]\nlevel = warning\n",
        users.display(),
        dir.join("collections").display()
    );
    std::fs::write(dir.join("radicale.conf"), config).expect("Radicale's configuration");
}
