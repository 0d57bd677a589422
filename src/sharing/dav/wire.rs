//! The wire: one HTTP request of the client, redirects followed on the same host, and the
//! time it may take when the client has a deadline.

use std::time::Duration;

use ureq::http;

use super::super::url::{
    base64, header, invalid, too_large, transport_error, unencrypted, Answer, Url,
};
use super::{Dav, MAX_REDIRECTS};
use crate::error::{Error, Result};

impl Dav {
    /// One request, redirects followed on the same host (method and body kept).
    pub(super) fn request(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Answer> {
        self.request_unless_too_large(method, url, headers, body)?
            .ok_or_else(|| too_large(url, self.max_body))
    }

    /// Like [`Dav::request`]; `None` when the answer is larger than the client reads
    /// (`max_body`), for a caller that can ask for less.
    pub(super) fn request_unless_too_large(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Option<Answer>> {
        let started = std::time::Instant::now();
        let answer = self.follow(method, url, headers, body);
        if logging() {
            log(method, url, body, &answer, started.elapsed());
        }
        answer
    }

    fn follow(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Option<Answer>> {
        let mut url = url.clone();
        for _ in 0..=MAX_REDIRECTS {
            if url.scheme == "http" && !url.is_loopback() && !self.plain_http_allowed {
                return Err(unencrypted(&url));
            }
            let response = self.send(method, &url, headers, body)?;
            let status = response.status().as_u16();
            let location = header(&response, "location");
            if let (301 | 302 | 307 | 308, Some(location)) = (status, &location) {
                let next = url.join(location)?;
                if next.host != url.host {
                    return Err(Error::Network(format!(
                        "Le serveur {} renvoie vers un autre serveur ({}) : pour ne pas y \
                         envoyer le mot de passe, l'application ne l'a pas suivi. Saisissez \
                         directement l'adresse de cet autre serveur si elle est la bonne.",
                        url.origin(),
                        next.origin()
                    )));
                }
                url = next;
                continue;
            }
            let etag = header(&response, "etag");
            let body = match response
                .into_body()
                .with_config()
                .limit(self.max_body)
                .read_to_vec()
            {
                Ok(body) => body,
                Err(ureq::Error::BodyExceedsLimit(_)) => return Ok(None),
                Err(e) => return Err(transport_error(&e, &url)),
            };
            return Ok(Some(Answer {
                status,
                url,
                etag,
                body,
            }));
        }
        Err(Error::Network(format!(
            "Le serveur du réseau renvoie d'une adresse à l'autre sans fin (adresse {}) : \
             vérifiez l'adresse, ou prévenez la personne qui administre le serveur.",
            url.origin()
        )))
    }

    fn send(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<http::Response<ureq::Body>> {
        let method = http::Method::from_bytes(method.as_bytes()).map_err(|_| invalid(url))?;
        let mut builder = http::Request::builder().method(method).uri(url.to_string());
        if !self.user.is_empty() {
            let credentials = format!("{}:{}", self.user, self.password);
            builder = builder.header(
                "Authorization",
                format!("Basic {}", base64(credentials.as_bytes())),
            );
        }
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let left = match self.deadline {
            Some(deadline) => {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    return Err(super::super::url::too_late(url));
                }
                Some(left)
            }
            None => None,
        };
        let sent = match body {
            Some(body) => builder
                .body(body.to_owned())
                .map(|r| self.agent.run(self.within(r, left))),
            None => builder
                .body(())
                .map(|r| self.agent.run(self.within(r, left))),
        };
        sent.map_err(|_| invalid(url))?
            .map_err(|e| transport_error(&e, url))
    }
}

impl Dav {
    /// `request`, given at most `left` (the time to the deadline) when it is shorter than the
    /// client's own timeout.
    fn within<S: ureq::AsSendBody>(
        &self,
        request: http::Request<S>,
        left: Option<Duration>,
    ) -> http::Request<S> {
        let Some(left) = left else { return request };
        let own = self.agent.config().timeouts().global;
        if own.is_some_and(|own| own <= left) {
            return request;
        }
        self.agent
            .configure_request(request)
            .timeout_global(Some(left))
            .build()
    }
}

/// Whether every request is written to the standard error (`PERMANENCES_DAV_LOG` set, to
/// anything): method, REPORT kind, path, status, size and time, to see where a join or a
/// sync spends its time (`benches/caldav.rs`). Never a body nor the credentials.
fn logging() -> bool {
    static LOGGING: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *LOGGING.get_or_init(|| std::env::var_os("PERMANENCES_DAV_LOG").is_some())
}

/// One line of the request log: `dav: REPORT sync-collection /path/ 207 1234 B 5.6 ms`.
fn log(
    method: &str,
    url: &Url,
    body: Option<&str>,
    answer: &Result<Option<Answer>>,
    took: Duration,
) {
    let kind = body
        .and_then(|b| {
            ["sync-collection", "calendar-multiget", "calendar-query"]
                .into_iter()
                .find(|k| b.contains(k))
        })
        .unwrap_or("-");
    let (status, size) = match answer {
        Ok(Some(a)) => (a.status.to_string(), a.body.len()),
        Ok(None) => ("too-large".to_owned(), 0),
        Err(_) => ("error".to_owned(), 0),
    };
    eprintln!(
        "dav: {method} {kind} {} {status} {size} B {:.1} ms",
        url.path,
        took.as_secs_f64() * 1000.0
    );
}

/// The header a write's condition sends: `If-None-Match: *`, `If-Match` with the ETag
/// quoted, or none.
pub(super) fn condition(condition: super::Put<'_>) -> Option<(&'static str, String)> {
    match condition {
        super::Put::Create => Some(("If-None-Match", "*".to_owned())),
        super::Put::Replace(etag) => Some(("If-Match", quote(etag))),
        super::Put::Any => None,
    }
}

/// An ETag as `If-Match` wants it: quoted (or weak) as the server sent it.
pub(super) fn quote(etag: &str) -> String {
    if etag.starts_with('"') || etag.starts_with("W/") {
        etag.to_owned()
    } else {
        format!("\"{etag}\"")
    }
}
