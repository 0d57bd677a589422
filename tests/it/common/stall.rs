//! A loopback proxy in front of a test server that can stop answering: it forwards every
//! connection to the server, or, once told to stall, accepts connections and reads what they
//! send but never answers (a server overloaded, a network that swallows packets). Its
//! threads end with the test process; a stalled connection is closed when the proxy is
//! dropped.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Stall {
    addr: SocketAddr,
    stalling: Arc<AtomicBool>,
    /// Connections accepted while stalling (requests left without answer).
    stalled: Arc<AtomicUsize>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Stall {
    /// A proxy on 127.0.0.1 (free port) in front of `upstream`, forwarding.
    pub fn start(upstream: SocketAddr) -> Stall {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let addr = listener.local_addr().expect("its address");
        let stalling = Arc::new(AtomicBool::new(false));
        let stalled = Arc::new(AtomicUsize::new(0));
        let open = Arc::new(Mutex::new(Vec::new()));
        let (s, n, o) = (stalling.clone(), stalled.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if let Ok(copy) = client.try_clone() {
                    o.lock().unwrap().push(copy);
                }
                if s.load(Ordering::SeqCst) {
                    n.fetch_add(1, Ordering::SeqCst);
                    std::thread::spawn(move || swallow(client));
                } else {
                    std::thread::spawn(move || forward(client, upstream));
                }
            }
        });
        Stall {
            addr,
            stalling,
            stalled,
            open,
        }
    }

    /// The address a desk joins: `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// From now on, new connections get no answer (or forward again).
    pub fn stall(&self, on: bool) {
        self.stalling.store(on, Ordering::SeqCst);
    }

    /// How many connections were left without answer so far.
    pub fn stalled(&self) -> usize {
        self.stalled.load(Ordering::SeqCst)
    }
}

impl Drop for Stall {
    fn drop(&mut self) {
        for s in self.open.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

/// Reads and drops what the client sends, answering nothing, until it gives up.
fn swallow(mut client: TcpStream) {
    let mut buf = [0u8; 4096];
    while matches!(client.read(&mut buf), Ok(n) if n > 0) {}
}

fn forward(client: TcpStream, upstream: SocketAddr) {
    let Ok(server) = TcpStream::connect_timeout(&upstream, Duration::from_secs(5)) else {
        return;
    };
    let (Ok(mut c2), Ok(mut s2)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let up = std::thread::spawn(move || {
        let _ = pipe(&mut c2, &mut s2);
    });
    let (mut c, mut s) = (client, server);
    let _ = pipe(&mut s, &mut c);
    let _ = up.join();
}

/// Copies `from` to `to` until `from` ends, then ends `to`'s sending side.
fn pipe(from: &mut TcpStream, to: &mut TcpStream) -> std::io::Result<()> {
    let mut buf = [0u8; 16384];
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            let _ = to.shutdown(Shutdown::Write);
            return Ok(());
        }
        to.write_all(&buf[..n])?;
    }
}
