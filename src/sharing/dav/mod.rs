//! The program's one network client: WebDAV/CalDAV requests to the network's server.
//!
//! Blocking requests through one [`ureq::Agent`] (rustls, the system's certificate roots),
//! Basic credentials sent with every request, redirects followed by hand on the same host (so
//! that a PROPFIND stays a PROPFIND and the password never goes to another server). Every
//! failure is an [`Error::Network`] with a French message for the mediator, which never
//! contains the password. Every href read back is returned as an absolute URL
//! (`scheme://host[:port]/path`, percent-encoding as the server sent it), so that it compares
//! equal to a collection's URL joined with a resource's name.

use std::fmt;
use std::time::Duration;

use ureq::tls::{RootCerts, TlsConfig};

use super::url::{not_caldav, same_path, status_error, Url};
use super::xml;
use crate::error::{Error, Result};
use wire::quote;

mod read;
mod whole;
mod wire;
mod write;

pub use whole::Whole;

const MAX_REDIRECTS: usize = 5;
const XML: &str = "application/xml; charset=utf-8";

/// A client for one account on one CalDAV server. Cheap to share by reference; the
/// connection pool lives inside.
pub struct Dav {
    agent: ureq::Agent,
    user: String,
    password: String,
    plain_http_allowed: bool,
    /// When set, no request goes on past this instant (a booking waits a bounded time).
    deadline: Option<std::time::Instant>,
    /// The largest answer read, in bytes ([`super::url::MAX_BODY`] unless lowered by
    /// [`Dav::with_max_body`]).
    max_body: u64,
}

impl fmt::Debug for Dav {
    // By hand: the password never reaches a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dav")
            .field("user", &self.user)
            .field("plain_http_allowed", &self.plain_http_allowed)
            .finish_non_exhaustive()
    }
}

/// A collection found under the calendar home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// Absolute URL, ending in `/`.
    pub href: String,
    /// Its `displayname`, when it has one.
    pub name: Option<String>,
    /// A calendar (CalDAV `resourcetype` calendar), not another kind of collection.
    pub calendar: bool,
}

/// One calendar resource: its absolute URL, ETag, and iCalendar text (None when only listed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub href: String,
    pub etag: Option<String>,
    pub data: Option<String>,
}

/// What changed in a collection since a sync token (RFC 6578).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// The token to ask from next time.
    pub token: String,
    /// Added or modified members: href and ETag, and their iCalendar text when the listing
    /// was asked with it ([`Dav::changes_with_data`]) and the server sent it.
    pub changed: Vec<Item>,
    /// Absolute URLs of the removed members.
    pub removed: Vec<String>,
}

/// The outcome of a [`Dav::put`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Stored; the new ETag when the server sent one.
    Done { etag: Option<String> },
    /// 412: the `If-None-Match`/`If-Match` condition was refused (someone else wrote first).
    Precondition,
    /// The collection it goes in does not exist: 409 (RFC 4918, 9.7.1), or 403, 404, 405
    /// as other servers answer, the parent collection then found missing.
    NoCollection,
    /// An answer that does not say whether the write happened: a 5xx, a dropped connection,
    /// a timeout after sending. The French reason; [`Dav::put_checked`] reads back.
    Unsure(String),
}

/// The outcome of a [`Dav::delete`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    Done,
    /// 404: it was not (or no longer) there.
    Gone,
    /// 412: the resource changed since the given ETag.
    Precondition,
}

/// The condition of a [`Dav::put`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put<'a> {
    /// Only if nothing is there yet (`If-None-Match: *`).
    Create,
    /// Only if it still has this ETag (`If-Match`).
    Replace(&'a str),
    /// Whatever is there.
    Any,
}

impl Dav {
    /// A client for `user`'s account; every request (connection, sending, answer) gives up
    /// after `timeout`. `plain_http_allowed`: plain http:// is refused (before any connection)
    /// unless the host is loopback (127.0.0.0/8, ::1, localhost) or this flag is set.
    pub fn new(user: &str, password: &str, timeout: Duration, plain_http_allowed: bool) -> Dav {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            // PROPFIND, REPORT, MKCALENDAR.
            .allow_non_standard_methods(true)
            // Followed by hand, see `request`.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .build();
        Dav {
            agent: ureq::Agent::new_with_config(config),
            user: user.to_owned(),
            password: password.to_owned(),
            plain_http_allowed,
            deadline: None,
            max_body: super::url::MAX_BODY,
        }
    }

    /// The same client, reading answers of at most `bytes` (a larger one is refused, or asked
    /// for in a smaller form where the request allows it: [`Dav::changes_with_data`]). Desks
    /// keep the default, [`super::url::MAX_BODY`]; a test lowers it instead of making a
    /// server send that much.
    #[must_use]
    pub fn with_max_body(mut self, bytes: u64) -> Dav {
        self.max_body = bytes;
        self
    }

    /// The same client, whose requests all end by `deadline`: one that would go on past it
    /// gives up then, as a timeout (the server may or may not have done what it was asked).
    #[must_use]
    pub fn until(mut self, deadline: std::time::Instant) -> Dav {
        self.deadline = Some(deadline);
        self
    }

    /// The calendar home's absolute URL, from any address the person typed: the server's
    /// root, `/.well-known/caldav`, a principal, a calendar or the home itself (RFC 6764 and
    /// 4791: `current-user-principal`, then its `calendar-home-set`). When the address says
    /// nothing, `/.well-known/caldav` on the same server is tried.
    pub fn discover(&self, url: &str) -> Result<String> {
        let typed = Url::parse(url)?;
        let well_known = Url {
            path: "/.well-known/caldav".into(),
            ..typed.clone()
        };
        for candidate in [&typed, &well_known] {
            if let Some(home) = self.discover_from(candidate)? {
                return Ok(home.as_collection().to_string());
            }
            if typed.path == well_known.path {
                break;
            }
        }
        Err(not_caldav(&typed))
    }

    fn discover_from(&self, url: &Url) -> Result<Option<Url>> {
        let Some((url, props)) = self.probe(url)? else {
            return Ok(None);
        };
        if let Some(home) = &props.calendar_home_set {
            return Ok(Some(url.join(home)?));
        }
        if let Some(principal) = &props.current_user_principal {
            let principal = url.join(principal)?;
            if principal.path != url.path {
                if let Some((at, p)) = self.probe(&principal)? {
                    if let Some(home) = &p.calendar_home_set {
                        return Ok(Some(at.join(home)?));
                    }
                }
            }
        }
        // A home that does not say so: a plain collection holding calendars.
        if props.collection && !props.calendar {
            let children = self.collections(&url.as_collection().to_string())?;
            if children.iter().any(|c| c.calendar) {
                return Ok(Some(url));
            }
        }
        Ok(None)
    }

    /// PROPFIND Depth 0 for discovery; None when the address does not answer as WebDAV.
    fn probe(&self, url: &Url) -> Result<Option<(Url, xml::Props)>> {
        let answer = self.request(
            "PROPFIND",
            url,
            &[("Depth", "0"), ("Content-Type", XML)],
            Some(&xml::propfind_discovery()),
        )?;
        match answer.status {
            207 => {}
            // Not WebDAV here: a web page, a missing path, a method not known.
            200..=299 | 400 | 404 | 405 | 501 => return Ok(None),
            status => return Err(status_error(status, &answer.url)),
        }
        let m = answer.multistatus()?;
        let props = m
            .responses
            .into_iter()
            .next()
            .map(|r| r.props)
            .unwrap_or_default();
        Ok(Some((answer.url, props)))
    }

    /// PROPFIND Depth 1 on the home: its child collections (the home itself left out).
    pub fn collections(&self, home: &str) -> Result<Vec<Collection>> {
        let home = Url::parse(home)?;
        let (base, m) = self.propfind_members(&home, xml::propfind_collections())?;
        let mut out = Vec::new();
        for r in m.responses {
            let href = base.join(&r.href)?;
            if r.props.collection && !same_path(&href.path, &base.path) {
                out.push(Collection {
                    href: href.as_collection().to_string(),
                    name: r.props.displayname,
                    calendar: r.props.calendar,
                });
            }
        }
        Ok(out)
    }

    /// MKCALENDAR with a display name, for events. A collection already there is fine.
    pub fn make_calendar(&self, url: &str, name: &str) -> Result<()> {
        self.make_calendar_of(url, name, "VEVENT")
    }

    /// MKCALENDAR with a display name, for one kind of component (VEVENT, VJOURNAL). A
    /// collection already there is fine. An answer that does not say whether it was made (a
    /// 5xx, no answer) is followed by looking: there (made by this desk or another) is fine.
    pub fn make_calendar_of(&self, url: &str, name: &str, component: &str) -> Result<()> {
        let url = Url::parse(url)?.as_collection();
        let answer = match self.request(
            "MKCALENDAR",
            &url,
            &[("Content-Type", XML)],
            Some(&xml::mkcalendar(name, component)),
        ) {
            Ok(answer) => answer,
            Err(Error::Network(reason)) => {
                return if self.is_collection(&url)? {
                    Ok(())
                } else {
                    Err(Error::Network(reason))
                };
            }
            Err(e) => return Err(e),
        };
        match answer.status {
            200..=299 => Ok(()),
            // Radicale answers 409, Xandikos 403, RFC 4791 says 405: there, or refused?
            // DAViCal answers the loser of two MKCALENDARs at the same instant 500 (its
            // database's unique-key error): there, or failed?
            403 | 405 | 409 | 500..=599 if self.is_collection(&url)? => Ok(()),
            status @ (401 | 403 | 405 | 409) => Err(Error::Network(format!(
                "Le serveur n'a pas permis à ce compte (« {} ») de créer l'agenda « {name} » \
                 (code {status}, adresse {url}) : demandez à la personne qui administre le \
                 serveur de le créer, ou de donner à ce compte le droit de créer des agendas, \
                 puis réessayez.",
                self.user
            ))),
            status => Err(status_error(status, &answer.url)),
        }
    }

    fn is_collection(&self, url: &Url) -> Result<bool> {
        let answer = self.request(
            "PROPFIND",
            url,
            &[("Depth", "0"), ("Content-Type", XML)],
            Some(&xml::propfind_etags()),
        )?;
        if answer.status != 207 {
            return Ok(false);
        }
        let m = answer.multistatus()?;
        Ok(m.responses.first().is_some_and(|r| r.props.collection))
    }

    /// DELETE, with If-Match when an ETag is given.
    pub fn delete(&self, url: &str, etag: Option<&str>) -> Result<Removed> {
        let url = Url::parse(url)?;
        let quoted = etag.map(quote);
        let headers: Vec<(&str, &str)> = quoted.iter().map(|e| ("If-Match", e.as_str())).collect();
        let answer = self.request("DELETE", &url, &headers, None)?;
        match answer.status {
            200..=299 => Ok(Removed::Done),
            404 | 410 => Ok(Removed::Gone),
            412 => Ok(Removed::Precondition),
            status => Err(status_error(status, &answer.url)),
        }
    }

    /// GET one resource; None when it is not there (404, 410).
    pub fn get(&self, url: &str) -> Result<Option<Item>> {
        let url = Url::parse(url)?;
        let answer = self.request("GET", &url, &[], None)?;
        match answer.status {
            200..=299 => {}
            404 | 410 => return Ok(None),
            status => return Err(status_error(status, &answer.url)),
        }
        let data = answer.text()?;
        Ok(Some(Item {
            href: answer.url.to_string(),
            etag: answer.etag,
            data: Some(data),
        }))
    }

    /// PROPFIND Depth 1: the answering URL (after redirects) and its multistatus.
    fn propfind_members(&self, url: &Url, body: String) -> Result<(Url, xml::Multistatus)> {
        let answer = self.request(
            "PROPFIND",
            url,
            &[("Depth", "1"), ("Content-Type", XML)],
            Some(&body),
        )?;
        if answer.status != 207 {
            return Err(status_error(answer.status, &answer.url));
        }
        let base = answer.url.clone();
        Ok((base, answer.multistatus()?))
    }
}
