//! One window per database file: a second launch on the same file asks the first window to
//! come forward and exits, instead of opening a second window that would edit the same data
//! (a mediator who clicks the icon again finds the window they had lost behind others).
//!
//! The first instance holds an exclusive lock on a small file for its whole life (the system
//! releases it when the process ends, even killed), listens on a loopback TCP port, and writes
//! the port with a random token in a file beside the lock; a later one finds the lock taken,
//! reads the port and the token, connects and says "focus TOKEN". No D-Bus and nothing but
//! the standard library: it works the same in a desktop session, under Xvfb, over SSH, and on
//! Windows or macOS (docs/packaging.md). The token keeps another program that happens to get
//! the port after a crash, or another user of the machine, from being mistaken for the first
//! instance or from driving it; the files live in the user's private runtime folder.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
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
    socket: TcpListener,
    token: String,
}

/// Where the lock and the address file of a database live: the user's runtime folder (private
/// to them), named after the database's full path, so that two different files can be open at
/// once.
pub fn rendezvous(db: &Path) -> PathBuf {
    let full = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let full = full.canonicalize().unwrap_or(full);
    folder(dirs::runtime_dir()).join(format!(
        "permanences-{:016x}",
        fnv1a(full.as_os_str().as_encoded_bytes())
    ))
}

/// The runtime folder, if it is there. XDG_RUNTIME_DIR may name a folder that is not (a
/// container or a CI runner that inherited a session's variables): then no launch could take
/// the lock, and each would open a window of its own. The temporary folder serves instead.
fn folder(runtime: Option<PathBuf>) -> PathBuf {
    runtime
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir)
}

/// Becomes the first instance for `base` (see [`rendezvous`]), or asks the one that is.
pub fn claim(base: &Path) -> std::io::Result<Instance> {
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(base.with_extension("lock"))?;
    let address = base.with_extension("port");
    match lock.try_lock() {
        Ok(()) => {
            let socket = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
            let token = new_token()?;
            // Written whole (the core's one file writer): a later launch never reads half an
            // address.
            let line = format!("{} {token}\n", socket.local_addr()?.port());
            permanences::store::file::write_atomic(&address, line.as_bytes())
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            Ok(Instance::First(Listener {
                _lock: lock,
                socket,
                token,
            }))
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            ask_to_focus(&address)?;
            Ok(Instance::Already)
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// 128 random bits as hex, from the system's generator (the same source `std` seeds its
/// hash maps from is not exposed; /dev/urandom on Unix, and a fresh `RandomState` elsewhere).
fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    #[cfg(unix)]
    {
        use std::io::Read;
        File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    }
    #[cfg(not(unix))]
    {
        use std::hash::{BuildHasher, RandomState};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            chunk.copy_from_slice(&RandomState::new().hash_one(i).to_le_bytes());
        }
    }
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Sends "focus TOKEN" and waits for the answer. The first instance may still be starting
/// (lock taken, address not yet written): tries again for a few seconds.
fn ask_to_focus(address: &Path) -> std::io::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match try_focus(address) {
            Ok(()) => return Ok(()),
            Err(e) if Instant::now() >= deadline => return Err(e),
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

fn try_focus(address: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(address)?;
    let (port, token) = text
        .trim()
        .split_once(' ')
        .and_then(|(p, t)| Some((p.parse::<u16>().ok()?, t)))
        .ok_or_else(|| std::io::Error::other("adresse de la première fenêtre illisible"))?;
    let mut stream =
        TcpStream::connect_timeout(&(Ipv4Addr::LOCALHOST, port).into(), Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.write_all(format!("focus {token}\n").as_bytes())?;
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer)?;
    if answer.trim() == "ok" {
        Ok(())
    } else {
        Err(std::io::Error::other("la première fenêtre n'a pas répondu"))
    }
}

impl Listener {
    /// Answers every later launch, on a thread of its own that sleeps in `accept` (no
    /// polling): `focus` is called for each request that carries the token.
    pub fn serve(self, focus: impl Fn() + Send + 'static) {
        std::thread::spawn(move || {
            let _lock = self._lock;
            let expected = format!("focus {}", self.token);
            for stream in self.socket.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                // A line is short: a peer that sends megabytes is cut off.
                let mut reader = BufReader::new(std::io::Read::take(&stream, 256));
                if reader.read_line(&mut line).is_ok() && line.trim() == expected {
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
    fn an_address_left_behind_does_not_stop_the_next_start() -> Result<(), Box<dyn Error>> {
        let dir = tempfile::tempdir()?;
        let base = dir.path().join("permanences-test");
        // What a killed instance leaves: its address file, and a lock nobody holds.
        std::fs::write(base.with_extension("port"), "1 0123456789abcdef\n")?;
        File::create(base.with_extension("lock"))?;
        assert!(matches!(claim(&base)?, Instance::First(_)));
        Ok(())
    }

    #[test]
    fn a_request_without_the_token_is_ignored() -> Result<(), Box<dyn Error>> {
        let dir = tempfile::tempdir()?;
        let base = dir.path().join("permanences-test");
        let Instance::First(first) = claim(&base)? else {
            panic!("nobody has the file: this one must be first");
        };
        let port = first.socket.local_addr()?.port();
        let (tx, rx) = mpsc::channel();
        first.serve(move || {
            let _ = tx.send(());
        });
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port))?;
        stream.write_all(b"focus\n")?;
        stream.write_all(b"focus 00000000000000000000000000000000\n")?;
        assert!(
            rx.recv_timeout(Duration::from_millis(500)).is_err(),
            "only a launch that read the token may bring the window forward"
        );
        assert!(matches!(claim(&base)?, Instance::Already));
        rx.recv_timeout(Duration::from_secs(5))?;
        Ok(())
    }

    #[test]
    fn a_runtime_folder_that_is_not_there_is_not_used() -> Result<(), Box<dyn Error>> {
        let gone = std::env::temp_dir().join("permanences-no-such-runtime-folder");
        assert_eq!(folder(Some(gone)), std::env::temp_dir());
        let there = tempfile::tempdir()?;
        assert_eq!(folder(Some(there.path().to_path_buf())), there.path());
        Ok(())
    }

    #[test]
    fn each_database_has_its_own_rendezvous() {
        let a = rendezvous(Path::new("/tmp/a.sqlite3"));
        assert_eq!(a, rendezvous(Path::new("/tmp/./a.sqlite3")));
        assert_ne!(a, rendezvous(Path::new("/tmp/b.sqlite3")));
        assert!(
            a.file_name().is_some_and(|n| n.len() < 40),
            "a short name in the runtime folder"
        );
    }
}
