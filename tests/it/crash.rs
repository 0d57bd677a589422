//! Nothing confirmed is lost when the process dies: a child process records visits in a loop
//! and prints each id once `visit::record` has returned (the COMMIT is done); it is killed with
//! SIGKILL at random moments, and after every kill the file must pass `integrity_check` and
//! hold every confirmed visit, whole. The same with the `permanences` command line booking
//! appointments.
//!
//! `PERMANENCES_CRASH_KILLS` (default 50) and `PERMANENCES_CRASH_SEED` (default: the clock)
//! set the number of kills and the random delays; `make soak` runs many more.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestResult;
use permanences::network::mediator::{self, MediatorInput};
use permanences::network::site::SiteId;
use permanences::records::visit::codes::{Material, PlaceType};
use permanences::records::visit::{self, VisitInput};
use permanences::{network::site, store::db};
use rusqlite::{Connection, OpenFlags};

/// Set (to the database path) in the child: the child test then writes until killed.
const CHILD: &str = "PERMANENCES_CRASH_CHILD";

/// What the child writes for visit number `n`: the notes and length tell it apart, and its
/// two themes land in another table (a visit without them would be half-written).
fn input(site: SiteId, mediator: permanences::network::mediator::MediatorId, n: u64) -> VisitInput {
    let mut v = visit::blank(Some(site), Some(mediator), crate::common::now());
    v.date = "2026-03-02".into();
    v.time = "10:00".into();
    v.place_type = Some(PlaceType::Site);
    v.duration_minutes = u16::try_from(n % 700 + 5).unwrap_or(30);
    v.themes = vec!["email".into(), "navigation_sur_internet".into()];
    v.materials = vec![Material::Computer];
    v.notes = Some(format!(
        "écrit n° {n} — {}",
        "x".repeat(usize::try_from(n % 300 + 1).unwrap_or(1))
    ));
    v.first_visit = n.is_multiple_of(2);
    v
}

/// The child's body: runs only when the parent re-executes this binary with `CHILD` set.
#[test]
fn crash_child_writes_visits() -> TestResult {
    let Some(path) = std::env::var_os(CHILD) else {
        return Ok(());
    };
    let conn = db::open(Path::new(&path))?;
    let start: i64 = conn.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?;
    let start = u64::try_from(start)?;
    let mut out = std::io::stdout().lock();
    // Bounded, so that an orphan (the parent gone) cannot run forever.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut n = start;
    while Instant::now() < deadline {
        let v = visit::record(
            &conn,
            &input(SiteId(1), mediator::MediatorId(1), n),
            crate::common::now(),
        )?;
        writeln!(out, "VISIT {} {n}", v.id.0)?;
        out.flush()?;
        n += 1;
    }
    Ok(())
}

fn kills() -> u32 {
    std::env::var("PERMANENCES_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(50)
}

fn rng() -> fastrand::Rng {
    let seed = std::env::var("PERMANENCES_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(7, |d| d.as_secs())
        });
    // Printed so that a failing run can be replayed (cargo test shows it on failure).
    println!("PERMANENCES_CRASH_SEED={seed}");
    fastrand::Rng::with_seed(seed)
}

/// Kills `child` after `delay` and returns the complete lines it printed before dying.
fn kill_after(mut child: Child, delay: Duration) -> Result<Vec<String>, std::io::Error> {
    let mut stdout = child.stdout.take().ok_or(std::io::ErrorKind::BrokenPipe)?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    std::thread::sleep(delay);
    // SIGKILL on Unix: no destructor, no flush, no COMMIT of anything in flight.
    let _ = child.kill();
    child.wait()?;
    let text = reader.join().unwrap_or_default();
    // A line cut by the kill has no end: it was not confirmed.
    let complete = text.rfind('\n').map_or("", |end| &text[..end]);
    Ok(complete.lines().map(str::to_owned).collect())
}

/// `PRAGMA integrity_check` and foreign keys on a plain connection (no migration, no pragma of
/// ours: the file as the crash left it, after SQLite's own recovery of the WAL).
fn assert_sound(path: &Path, what: &str) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    assert_eq!(check, "ok", "{what}: the file is damaged");
    let orphans: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    assert_eq!(orphans, 0, "{what}: rows point to nothing");
    Ok(conn)
}

#[test]
fn visits_confirmed_before_a_kill_are_all_there() -> TestResult {
    if std::env::var_os(CHILD).is_some() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("crash.sqlite3");
    {
        let conn = db::open(&path)?;
        let s = site::create(
            &conn,
            &crate::common::site_input("Espace Kuhn"),
            crate::common::now(),
        )?;
        mediator::create(
            &conn,
            &MediatorInput {
                name: "Samia Benali".into(),
                site_ids: vec![s.id],
                ..MediatorInput::default()
            },
            crate::common::now(),
        )?;
    }
    let mut rng = rng();
    let mut confirmed: Vec<Confirmed> = Vec::new();
    let started = Instant::now();
    let kills = kills();
    for k in 0..kills {
        let child = Command::new(std::env::current_exe()?)
            .args(["crash::crash_child_writes_visits", "--exact", "--nocapture"])
            .args(["--test-threads", "1"])
            .env(CHILD, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let delay = Duration::from_millis(rng.u64(15..150));
        let lines = kill_after(child, delay)?;
        let what = format!("kill {k} after {delay:?}");
        for l in lines.iter().filter(|l| l.starts_with("VISIT ")) {
            let mut parts = l.split(' ').skip(1).map(str::parse::<u64>);
            if let (Some(Ok(id)), Some(Ok(n))) = (parts.next(), parts.next()) {
                let written = input(SiteId(1), mediator::MediatorId(1), n);
                confirmed.push(Confirmed {
                    id: i64::try_from(id)?,
                    n,
                    notes: written.notes.unwrap_or_default(),
                    minutes: i64::from(written.duration_minutes),
                });
            }
        }
        let conn = assert_sound(&path, &what)?;
        assert_all_there(&conn, &confirmed, &what)?;
    }
    println!(
        "{kills} kills, {} visits confirmed, {:.1} s",
        confirmed.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        confirmed.len() > usize::try_from(kills)?,
        "the children must have written between kills, else nothing was tested"
    );
    Ok(())
}

/// A visit the child said was committed, and what it wrote.
struct Confirmed {
    id: i64,
    n: u64,
    notes: String,
    minutes: i64,
}

/// Every confirmed visit is there as written, and no visit at all (confirmed or cut short) is
/// missing its themes: a write is all or nothing.
fn assert_all_there(conn: &Connection, confirmed: &[Confirmed], what: &str) -> TestResult {
    // One pass over the table (not one query per visit): the soak confirms tens of thousands.
    let mut stmt = conn.prepare("SELECT id, notes, duration_minutes FROM visits")?;
    let stored: std::collections::HashMap<i64, (String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<Result<_, _>>()?;
    for c in confirmed {
        assert_eq!(
            stored.get(&c.id),
            Some(&(c.notes.clone(), c.minutes)),
            "{what}: confirmed visit {} (n° {}) lost or altered",
            c.id,
            c.n
        );
    }
    let halves: i64 = conn.query_row(
        "SELECT count(*) FROM visits v
         WHERE (SELECT count(*) FROM visit_terms t WHERE t.visit_id = v.id) <> 2",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(halves, 0, "{what}: a visit was stored without its themes");
    Ok(())
}

/// The real command line, killed while booking: every booking it confirmed (exit 0, its line
/// printed) is there after each kill.
#[test]
fn bookings_confirmed_by_the_command_line_survive_kills() -> TestResult {
    if std::env::var_os(CHILD).is_some() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("cli.sqlite3");
    crate::common::tools::cli_ok(&path, &["demo"]);
    let mut rng = rng();
    let mut confirmed = 0_i64;
    let mut killed = 0;
    let before: i64 =
        assert_sound(&path, "before")?
            .query_row("SELECT count(*) FROM appointments", [], |r| r.get(0))?;
    for k in 0..kills() {
        let start = format!("2031-01-06T{:02}:{:02}", 8 + k / 12 % 10, (k % 12) * 5);
        let mut child = crate::common::tools::permanences()
            .arg("--db")
            .arg(&path)
            .args(["book", "--site", "1", "--start", &start, "--extra"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        std::thread::sleep(Duration::from_millis(rng.u64(0..40)));
        // Exited on its own (0 = booked) or killed now.
        let finished = child.try_wait()?;
        if finished.is_none() {
            let _ = child.kill();
            killed += 1;
        }
        let status = child.wait()?;
        if finished.is_some() && status.code() == Some(0) {
            confirmed += 1;
        }
        let conn = assert_sound(&path, &format!("command line killed ({k})"))?;
        let n: i64 = conn.query_row("SELECT count(*) FROM appointments", [], |r| r.get(0))?;
        assert!(
            n - before >= confirmed,
            "kill {k}: {confirmed} bookings confirmed, only {} stored",
            n - before
        );
    }
    println!("command line: {killed} killed while running, {confirmed} bookings confirmed");
    assert!(
        killed > 0,
        "no run was cut short: the delays are too long to test anything"
    );
    Ok(())
}
