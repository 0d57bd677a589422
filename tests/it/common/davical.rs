//! DAViCal for the sharing tests (issue 26): the third real CalDAV server of the suite, the one
//! many associations run (PHP and PostgreSQL). Debian's `davical` 1.1.12, `postgresql` and
//! `php-cgi` (named so that apt satisfies DAViCal's `php` without Apache), installed by
//! `scripts/setup.sh test`. Started here without Apache nor the system's PostgreSQL:
//!
//! - a private PostgreSQL cluster in the server's temporary folder (`initdb`, trust, its socket
//!   in that folder and no TCP port, `fsync=off`), run as `postgres` through `setpriv` when the
//!   tests run as root (PostgreSQL refuses root), in its own process group;
//! - the database made by DAViCal's own `create-database.sh`, the account added to its tables;
//! - two `php -S` serving DAViCal's `htdocs` (each one process: no `PHP_CLI_SERVER_WORKERS`),
//!   each in its own process group, with a router answering `/.well-known/caldav` as DAViCal's
//!   Apache configuration does (`301` to `/caldav.php/`), behind a port that hands connections
//!   to each in turn ([`Front`]): requests run at the same instant, as under Apache. Debian's
//!   `/etc/davical/config.php` is used as it is: database `davical`, found through `PGHOST`
//!   (the cluster's socket folder).
//!
//! Signals: a process group is signalled only through [`signal_group`] (`kill -s SIG -- -PGID`),
//! which refuses a group ≤ 1 and the tests' own group, and skips one whose leader is gone; a
//! process only through [`signal_process`], which refuses a pid ≤ 1 and the tests' own. (An earlier harness
//! ended every process of the machine twice, cause unproven; `kill` given `-PGID` as an option
//! was one suspect, a `php -S` with workers the other: neither is used here.)

use std::fs::File;
use std::net::{Ipv4Addr, Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const HTDOCS: &str = "/usr/share/davical/htdocs";
const CREATE_DB: &str = "/usr/share/davical/dba/create-database.sh";
const READY_WITHIN: Duration = Duration::from_secs(20);
const GRACE: Duration = Duration::from_secs(5);

/// `php -S`'s router: `/.well-known/caldav` as DAViCal's Apache configuration answers it,
/// everything else served as Apache would (`caldav.php/…` with its PATH_INFO).
const ROUTER: &str = r#"<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path === '/.well-known/caldav' || $path === '/.well-known/carddav') {
    header('Location: /caldav.php/', true, 301);
    return true;
}
return false;
"#;

/// The cluster's PostgreSQL, stopped (fast shutdown, then its group killed) on drop.
pub struct Database {
    child: Child,
}

impl Drop for Database {
    fn drop(&mut self) {
        end_group(&mut self.child, "INT");
    }
}

/// Makes and starts DAViCal's database in `dir` (`dir/pg`), with the account `user` /
/// `password`, and writes the router `dir/router.php`. Panics with the output of the step that
/// failed, or says what to install when DAViCal, PostgreSQL or PHP is missing.
pub fn prepare(dir: &Path, user: &str, password: &str) -> Database {
    let initdb = postgres_bin("initdb");
    assert!(
        initdb.exists()
            && Path::new(HTDOCS).join("caldav.php").exists()
            && Path::new(CREATE_DB).exists()
            && Path::new("/usr/bin/php").exists(),
        "DAViCal, PostgreSQL or PHP is missing: run `make test` (scripts/setup.sh test \
         installs the Debian packages davical, postgresql and php-cgi)"
    );
    let pgdata = dir.join("pg");
    std::fs::create_dir(&pgdata).expect("the database folder");
    if is_root() {
        // PostgreSQL runs as `postgres`: it must reach and own its folder.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
            .expect("the server's folder opened to postgres");
        run(Command::new("chown").arg("postgres").arg(&pgdata));
    }
    run(as_postgres(&initdb)
        .arg("-D")
        .arg(&pgdata)
        .args(["-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
        .args(["--locale", "C.UTF-8"]));
    let log_path = dir.join("postgres.log");
    let log = std::fs::File::create(&log_path).expect("PostgreSQL's log file");
    let mut cmd = as_postgres(&postgres_bin("postgres"));
    cmd.arg("-D")
        .arg(&pgdata)
        .arg("-k")
        .arg(&pgdata)
        .args(["-c", "listen_addresses=", "-c", "fsync=off"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("PostgreSQL's log file"))
        .stderr(log);
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut database = Database {
        child: cmd.spawn().expect("PostgreSQL could not start"),
    };
    let socket = pgdata.join(".s.PGSQL.5432");
    let deadline = Instant::now() + READY_WITHIN;
    while !socket.exists() {
        let exited = matches!(database.child.try_wait(), Ok(Some(_)));
        assert!(
            !exited && Instant::now() < deadline,
            "PostgreSQL did not start within {READY_WITHIN:?}:\n{}",
            std::fs::read_to_string(&log_path).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    run(Command::new("sh")
        .arg(CREATE_DB)
        .args(["davical", "mot-de-passe-admin"])
        .current_dir(dir)
        .env("PGHOST", &pgdata)
        .env("PGUSER", "postgres"));
    run(Command::new("psql")
        .args(["-qXAt", "-v", "ON_ERROR_STOP=1", "davical", "-c"])
        .arg(format!(
            "INSERT INTO usr (active, email_ok, updated, username, password, fullname, email)
             VALUES (TRUE, current_date, current_date, '{user}', '**{password}', 'Accueil',
                     'accueil@example.net');
             INSERT INTO principal (type_id, user_no, displayname, default_privileges)
             SELECT 1, user_no, 'Accueil', 0::BIT(24) FROM usr WHERE username = '{user}';"
        ))
        .current_dir(dir)
        .env("PGHOST", &pgdata)
        .env("PGUSER", "postgres"));
    std::fs::write(dir.join("router.php"), ROUTER).expect("the router of php -S");
    database
}

/// DAViCal as the tests reach it: two `php -S` (each one process, in its own process group)
/// on private ports, both on the same database, and a port on 127.0.0.1 that hands each new
/// connection to the next of them in turn — as two Apache workers would, so that two desks'
/// requests can really run at the same instant. Dropping it closes the port (connections are
/// then refused) and ends both `php -S`.
pub struct Front {
    backends: Vec<Child>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Front {
    pub fn start(dir: &Path, port: u16, log: &File) -> Front {
        let ports = [free_port(), free_port()];
        let mut front = Front {
            backends: Vec::new(),
            stop: Arc::new(AtomicBool::new(false)),
            accept: None,
        };
        for backend in ports {
            let child = command(dir, backend)
                .stdout(log.try_clone().expect("the server's log file"))
                .stderr(log.try_clone().expect("the server's log file"))
                .spawn()
                .expect("php -S could not start");
            front.backends.push(child);
        }
        let deadline = Instant::now() + READY_WITHIN;
        for (child, backend) in front.backends.iter_mut().zip(ports) {
            while TcpStream::connect((Ipv4Addr::LOCALHOST, backend)).is_err() {
                let exited = matches!(child.try_wait(), Ok(Some(_)));
                assert!(
                    !exited && Instant::now() < deadline,
                    "php -S did not listen on {backend} within {READY_WITHIN:?} (see its log)"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let listener =
            TcpListener::bind((Ipv4Addr::LOCALHOST, port)).expect("DAViCal's port on 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let stop = Arc::clone(&front.stop);
        front.accept = Some(std::thread::spawn(move || {
            let mut next = 0;
            while !stop.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let backend = ports[next % ports.len()];
                        next += 1;
                        std::thread::spawn(move || pipe(client, backend));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        }));
        front
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        for child in &mut self.backends {
            end_group(child, "TERM");
        }
    }
}

/// Copies one connection both ways between a client and a backend, until both sides end.
fn pipe(client: TcpStream, backend: u16) {
    let _ = client.set_nonblocking(false);
    let Ok(server) = TcpStream::connect((Ipv4Addr::LOCALHOST, backend)) else {
        return;
    };
    let (Ok(mut client_in), Ok(mut server_out)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_in, &mut server_out);
        let _ = server_out.shutdown(Shutdown::Write);
    });
    let (mut server_in, mut client_out) = (server, client);
    let _ = std::io::copy(&mut server_in, &mut client_out);
    let _ = client_out.shutdown(Shutdown::Both);
    let _ = up.join();
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// `php -S 127.0.0.1:PORT` serving DAViCal, one process in its own process group.
fn command(dir: &Path, port: u16) -> Command {
    let mut cmd = Command::new("php");
    cmd.arg("-S")
        .arg(format!("127.0.0.1:{port}"))
        .arg("-t")
        .arg(HTDOCS)
        .arg(dir.join("router.php"))
        // DAViCal finds its libraries relative to the folder it runs in.
        .current_dir(HTDOCS)
        .env("HOME", dir)
        .env("PGHOST", dir.join("pg"))
        // One process: workers forked by `php -S` are not used (see the module's note).
        .env_remove("PHP_CLI_SERVER_WORKERS")
        .stdin(Stdio::null());
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    cmd
}

/// Ends a child started in its own process group ([`command`], [`prepare`]): `first` to the
/// group, then SIGKILL to the group after 5 s, and reaps it. Nothing is sent once the child
/// has been reaped (its pid may then belong to another process).
pub fn end_group(child: &mut Child, first: &str) {
    if !matches!(child.try_wait(), Ok(None)) {
        return;
    }
    signal_group(child.id(), first);
    let deadline = Instant::now() + GRACE;
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    signal_group(child.id(), "KILL");
    let _ = child.wait();
}

/// Sends `signal` (a name: `TERM`, `INT`, `KILL`) to the process group `pgid`, with
/// `kill -s SIGNAL -- -PGID` — only if `pgid` is > 1, not the tests' own group, and still the
/// leader of its group (a live, unreaped child started with `process_group(0)`). A group ≤ 1
/// or the tests' own panics rather than signal the wrong processes; a gone group is skipped.
pub fn signal_group(pgid: u32, signal: &str) {
    let own = group_of("self").expect("the tests' own process group (/proc/self/stat)");
    assert!(
        pgid > 1 && pgid != own,
        "refusing to signal process group {pgid} (the tests' own group is {own})"
    );
    if group_of(&pgid.to_string()) != Some(pgid) {
        // Already gone, or not the leader of a group: nothing of ours to end.
        return;
    }
    let _ = Command::new("kill")
        .args(["-s", signal, "--", &format!("-{pgid}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Sends `signal` (a name) to the process `pid` — only if it is > 1 and not the tests' own.
pub fn signal_process(pid: u32, signal: &str) {
    let own = std::process::id();
    assert!(
        pid > 1 && pid != own,
        "refusing to signal process {pid} (the tests are {own})"
    );
    let _ = Command::new("kill")
        .args(["-s", signal, "--", &pid.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// The process group of a process (`self` or a pid), read from `/proc/PID/stat` (the third
/// field after the command's closing parenthesis); `None` if it is gone.
fn group_of(pid: &str) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.get(stat.rfind(')')? + 1..)?;
    after.split_whitespace().nth(2)?.parse().ok()
}

/// A program of PostgreSQL's newest installed version (`/usr/lib/postgresql/N/bin/NAME`).
fn postgres_bin(name: &str) -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter_map(|p| {
                    let v = p.file_name()?.to_str()?.parse::<u32>().ok()?;
                    Some((v, p))
                })
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions
        .last()
        .map_or_else(|| PathBuf::from(name), |(_, v)| v.join("bin").join(name))
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}

/// `program` as the `postgres` user when the tests run as root (`setpriv` execs it: the child
/// is the program itself), as the current user otherwise.
fn as_postgres(program: &Path) -> Command {
    if is_root() {
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--reuid=postgres",
            "--regid=postgres",
            "--init-groups",
            "--reset-env",
        ])
        .arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

/// Runs a setup command; panics with its output if it fails.
fn run(cmd: &mut Command) {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} could not start: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
