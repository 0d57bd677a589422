//! The proxy's side of HTTP/1.1: one message read whole (head, then a body by
//! Content-Length, chunks, or up to the end of the connection), written back with
//! `Connection: close`, and forwarded to the server on a connection of its own.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::time::Duration;

/// One HTTP request or response: its head lines and its body.
pub(super) struct Message {
    pub(super) first: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Vec<u8>,
}

impl Message {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The message as bytes, its body's length and `Connection: close` set.
    pub(super) fn bytes(&self) -> Vec<u8> {
        let mut out = format!("{}\r\n", self.first);
        for (n, v) in &self.headers {
            let skip = [
                "connection",
                "keep-alive",
                "content-length",
                "transfer-encoding",
            ];
            if !skip.iter().any(|s| n.eq_ignore_ascii_case(s)) {
                out.push_str(&format!("{n}: {v}\r\n"));
            }
        }
        out.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

pub(super) fn answer(client: &mut TcpStream, status: u16) -> std::io::Result<()> {
    let m = Message {
        first: format!("HTTP/1.1 {status} Fault injected by the test proxy"),
        headers: Vec::new(),
        body: Vec::new(),
    };
    client.write_all(&m.bytes())?;
    let _ = client.shutdown(Shutdown::Write);
    Ok(())
}

/// Sends the request to the server on a connection of its own and reads its whole answer.
pub(super) fn forward(request: &Message, upstream: SocketAddr) -> std::io::Result<Message> {
    let mut server = TcpStream::connect_timeout(&upstream, Duration::from_secs(5))?;
    server.set_read_timeout(Some(Duration::from_secs(30)))?;
    server.write_all(&request.bytes())?;
    read_message(&mut server, false)?
        .ok_or_else(|| std::io::Error::other("the server closed without answering"))
}

/// Reads one message: head, then a body by Content-Length, chunks, or (a response) up to
/// the end of the connection. None when the peer closed before sending anything.
pub(super) fn read_message(
    stream: &mut TcpStream,
    is_request: bool,
) -> std::io::Result<Option<Message>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let first = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = buf[head_end + 4..].to_vec();
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let bodiless = !is_request
        && (first.contains(" 204 ") || first.contains(" 304 ") || first.ends_with(" 204"));
    if let Some(length) = get("Content-Length").and_then(|l| l.parse::<usize>().ok()) {
        while body.len() < length {
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
        body.truncate(length);
    } else if get("Transfer-Encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        loop {
            if let Some(decoded) = dechunk(&body) {
                body = decoded;
                break;
            }
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    } else if !is_request && !bodiless {
        loop {
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    } else {
        body.clear();
    }
    Ok(Some(Message {
        first,
        headers,
        body,
    }))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A whole chunked body decoded; None while its last chunk has not arrived.
fn dechunk(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        let line_end = at + find(&raw[at..], b"\r\n")?;
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&raw[at..line_end])
                .split(';')
                .next()?
                .trim(),
            16,
        )
        .ok()?;
        at = line_end + 2;
        if size == 0 {
            return Some(out);
        }
        if raw.len() < at + size + 2 {
            return None;
        }
        out.extend_from_slice(&raw[at..at + size]);
        at += size + 2;
    }
}
