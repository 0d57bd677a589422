//! A whole calendar written in one request: Radicale takes a `PUT` of an iCalendar document
//! onto a collection's address, and stores the collection with one resource per UID, named
//! `<UID>.ics` (or the UID itself when it ends in `.ics`). It is not CalDAV: Xandikos stores
//! such a document as one plain resource, DAViCal answers 405. So the client asks first
//! whether the server is Radicale ([`Dav::takes_whole_calendars`]), and the caller reads the
//! collection back ([`Dav::list`]) to learn what was stored under which name.

use super::{Dav, Put, XML};
use crate::error::{Error, Result};
use crate::sharing::url::{status_error, Url};
use crate::sharing::xml;

/// The outcome of a [`Dav::put_calendar`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whole {
    /// Stored: the collection holds the document's events now.
    Stored,
    /// 412: the condition was refused (a collection there already, or changed).
    Precondition,
    /// Any other refusal (405, 403, 400…): nothing was written; one resource at a time then.
    Refused(u16),
    /// An answer that does not say whether it was stored: a 5xx, a dropped connection, a
    /// timeout after sending. The French reason.
    Unsure(String),
}

impl Dav {
    /// Whether the server takes a whole calendar in one `PUT`: it answers Radicale's own
    /// `version` property on the calendar home (a PROPFIND Depth 0). Any other answer: no.
    pub fn takes_whole_calendars(&self, home: &str) -> Result<bool> {
        let url = Url::parse(home)?.as_collection();
        let answer = self.request(
            "PROPFIND",
            &url,
            &[("Depth", "0"), ("Content-Type", XML)],
            Some(&xml::propfind_radicale()),
        )?;
        if answer.status != 207 {
            return Ok(false);
        }
        let Ok(m) = answer.multistatus() else {
            return Ok(false);
        };
        Ok(m.responses
            .first()
            .is_some_and(|r| r.props.radicale_version.is_some()))
    }

    /// The ETag of the calendar at `url` when it holds no resource (a PROPFIND Depth 1);
    /// `None` when it holds some, is not there, or has no ETag.
    pub fn empty_calendar(&self, url: &str) -> Result<Option<String>> {
        let url = Url::parse(url)?.as_collection();
        let answer = self.request(
            "PROPFIND",
            &url,
            &[("Depth", "1"), ("Content-Type", XML)],
            Some(&xml::propfind_etags()),
        )?;
        match answer.status {
            207 => {}
            404 | 410 => return Ok(None),
            status => return Err(status_error(status, &answer.url)),
        }
        let m = answer.multistatus()?;
        let mut etag = None;
        for r in m.responses {
            if !r.props.collection {
                return Ok(None);
            }
            let href = answer.url.join(&r.href)?;
            if crate::sharing::url::same_path(&href.path, &answer.url.path) {
                etag = r.props.etag;
            } else {
                return Ok(None);
            }
        }
        Ok(etag)
    }

    /// PUT a whole iCalendar document onto the collection `url` (see the module), under the
    /// condition: [`Put::Create`] for a collection not there yet, [`Put::Replace`] with the
    /// collection's ETag for one seen empty ([`Dav::empty_calendar`]). A 401 is an error.
    pub fn put_calendar(&self, url: &str, ics: &str, condition: Put<'_>) -> Result<Whole> {
        let url = Url::parse(url)?.as_collection();
        let condition = super::wire::condition(condition);
        let mut headers = vec![("Content-Type", "text/calendar; charset=utf-8")];
        if let Some((name, value)) = &condition {
            headers.push((name, value.as_str()));
        }
        let answer = match self.request("PUT", &url, &headers, Some(ics)) {
            Ok(answer) => answer,
            Err(Error::Network(reason)) => return Ok(Whole::Unsure(reason)),
            Err(e) => return Err(e),
        };
        Ok(match answer.status {
            200..=299 => Whole::Stored,
            412 => Whole::Precondition,
            401 => return Err(status_error(401, &answer.url)),
            status @ 500..=599 => Whole::Unsure(status_error(status, &answer.url).to_string()),
            status => Whole::Refused(status),
        })
    }
}
