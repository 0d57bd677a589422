//! One window per database file: a second launch on the same file asks the first window to
//! come forward and exits, instead of opening a second window that would edit the same data
//! (a mediator who clicks the icon again finds the window they had lost behind others).
//!
//! The first instance holds an exclusive lock on a small file for its whole life (the system
//! releases it when the process ends, even killed) and listens on a Unix socket beside it;
//! a later one finds the lock taken, connects and says "focus". No D-Bus: it works the same in
//! a desktop session, under Xvfb, or over SSH.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `claim` found.
pub enum Instance {
    /// This process is the first on the file: it serves the others' requests.
    First(Listener),
    /// Another window has the file open and was asked to come forward.
    Already,
}

/// The first instance's side: keeps the lock and answers the later launches.
pub struct Listener {
    _lock: File,
    socket: UnixListener,
}

/// Where the lock and the socket of a database live: the user's runtime folder (private to
/// them), named after the database's full path, so that two different files can be open at once.
pub fn rendezvous(db: &Path) -> PathBuf {
    let full = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let full = full.canonicalize().unwrap_or(full);
    let dir = dirs::runtime_dir().unwrap_or_else(std::env::temp_dir);
    dir.join(format!(
        "permanences-{:016x}",
        fnv1a(full.as_os_str().as_bytes())
    ))
}

/// Becomes the first instance for `base` (see [`rendezvous`]), or asks the one that is.
pub fn claim(base: &Path) -> std::io::Result<Instance> {
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(base.with_extension("lock"))?;
    let socket = base.with_extension("sock");
    match lock.try_lock() {
        Ok(()) => {
            // A socket left by an instance that was killed: nobody listens on it any more.
            match std::fs::remove_file(&socket) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            let socket = UnixListener::bind(&socket)?;
            Ok(Instance::First(Listener {
                _lock: lock,
                socket,
            }))
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            ask_to_focus(&socket)?;
            Ok(Instance::Already)
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Sends "focus" and waits for the answer. The first instance may still be starting (lock
/// taken, socket not yet bound): tries again for a few seconds.
fn ask_to_focus(socket: &Path) -> std::io::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match UnixStream::connect(socket) {
            Ok(mut stream) => {
                stream.set_read_timeout(Some(Duration::from_secs(5)))?;
                stream.write_all(b"focus\n")?;
                let mut answer = String::new();
                BufReader::new(stream).read_line(&mut answer)?;
                return Ok(());
            }
            Err(e) if Instant::now() >= deadline => return Err(e),
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

impl Listener {
    /// Answers every later launch, on a thread of its own that sleeps in `accept` (no
    /// polling): `focus` is called for each.
    pub fn serve(self, focus: impl Fn() + Send + 'static) {
        std::thread::spawn(move || {
            let _lock = self._lock;
            for stream in self.socket.incoming().flatten() {
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                if reader.read_line(&mut line).is_ok() && line.trim() == "focus" {
                    focus();
                    let _ = (&stream).write_all(b"ok\n");
                }
            }
        });
    }
}

/// FNV-1a, 64 bits: a stable name for a path (the standard hasher may change between Rust
/// versions, and two versions of the app must find each other).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;
    use std::sync::mpsc;

    #[test]
    fn a_second_launch_asks_the_first_to_come_forward() -> Result<(), Box<dyn Error>> {
        let dir = tempfile::tempdir()?;
        let base = dir.path().join("permanences-test");
        let Instance::First(first) = claim(&base)? else {
            panic!("nobody has the file: this one must be first");
        };
        let (tx, rx) = mpsc::channel();
        first.serve(move || {
            let _ = tx.send(());
        });

        for _ in 0..2 {
            assert!(matches!(claim(&base)?, Instance::Already));
            rx.recv_timeout(Duration::from_secs(5))?;
        }
        Ok(())
    }

    #[test]
    fn a_socket_left_behind_does_not_stop_the_next_start() -> Result<(), Box<dyn Error>> {
        let dir = tempfile::tempdir()?;
        let base = dir.path().join("permanences-test");
        // What a killed instance leaves: the socket file, and a lock nobody holds.
        drop(UnixListener::bind(base.with_extension("sock"))?);
        File::create(base.with_extension("lock"))?;
        assert!(matches!(claim(&base)?, Instance::First(_)));
        Ok(())
    }

    #[test]
    fn each_database_has_its_own_rendezvous() {
        let a = rendezvous(Path::new("/tmp/a.sqlite3"));
        assert_eq!(a, rendezvous(Path::new("/tmp/./a.sqlite3")));
        assert_ne!(a, rendezvous(Path::new("/tmp/b.sqlite3")));
        assert!(
            a.as_os_str().len() < 100,
            "a Unix socket path must stay short"
        );
    }
}
