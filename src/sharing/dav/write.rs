//! Writing one resource as servers really answer: a missing collection recognised whatever
//! the status, and an answer that does not say whether the write happened (a 5xx, a dropped
//! connection, a timeout after sending) followed by reading the resource back.

use super::{Dav, Put, Written};
use crate::error::{Error, Result};
use crate::sharing::url::{status_error, Url};

impl Dav {
    /// PUT text/calendar under the condition. Returns the ETag header when the server sent
    /// one (Radicale does; otherwise None, and [`Dav::get`] or [`Dav::list`] tell it). A
    /// 403, 404, 405 or 409 is [`Written::NoCollection`] when the parent collection is not
    /// there; an ambiguous answer is [`Written::Unsure`].
    pub fn put(&self, url: &str, ics: &str, condition: Put<'_>) -> Result<Written> {
        let url = Url::parse(url)?;
        let condition = super::wire::condition(condition);
        let mut headers = vec![("Content-Type", "text/calendar; charset=utf-8")];
        if let Some((name, value)) = &condition {
            headers.push((name, value.as_str()));
        }
        let mut once_more = true;
        loop {
            let answer = match self.request("PUT", &url, &headers, Some(ics)) {
                Ok(answer) => answer,
                // No answer: the request may have reached the server, or not.
                Err(Error::Network(reason)) => return Ok(Written::Unsure(reason)),
                Err(e) => return Err(e),
            };
            return match answer.status {
                200..=299 => Ok(Written::Done { etag: answer.etag }),
                412 => Ok(Written::Precondition),
                // RFC 4918, 9.7.1.
                409 => Ok(Written::NoCollection),
                // Servers also answer 403, 404 or 405 (sabre/dav's 405 stopped a desk).
                // Missing, or refused? The parent tells.
                403..=405 => {
                    if !self.is_collection(&parent_of(&url))? {
                        return Ok(Written::NoCollection);
                    }
                    // There now: made by another desk meanwhile? Once more, then refused.
                    if once_more {
                        once_more = false;
                        continue;
                    }
                    Err(status_error(answer.status, &answer.url))
                }
                status @ 500..=599 => Ok(Written::Unsure(
                    status_error(status, &answer.url).to_string(),
                )),
                status => Err(status_error(status, &answer.url)),
            };
        }
    }

    /// [`Dav::put`], then, on an ambiguous answer, the resource read back: held by this
    /// write when `is_ours` says the server's text is ours ([`Written::Done`] with the ETag
    /// read), someone else's ([`Written::Precondition`], the write did not happen), or
    /// absent, and then written again once, the same name and content (or
    /// [`Written::NoCollection`] when its collection is not there). Still ambiguous, or
    /// the read-back itself unanswered: an [`Error::Network`], nothing assumed.
    pub fn put_checked(
        &self,
        url: &str,
        ics: &str,
        condition: Put<'_>,
        is_ours: impl Fn(&str) -> bool,
    ) -> Result<Written> {
        let mut condition = condition;
        for attempt in 0..2 {
            let reason = match self.put(url, ics, condition)? {
                Written::Unsure(reason) => reason,
                written => return Ok(written),
            };
            match self.get(url)? {
                Some(item) if item.data.as_deref().is_some_and(&is_ours) => {
                    return Ok(Written::Done { etag: item.etag })
                }
                Some(_) => return Ok(Written::Precondition),
                // A 500 or a dropped connection may hide a missing collection.
                None if !self.is_collection(&parent_of(&Url::parse(url)?))? => {
                    return Ok(Written::NoCollection)
                }
                None if attempt == 0 => {
                    // Not written: once more, as a creation (nothing is there now).
                    if matches!(condition, Put::Replace(_)) {
                        condition = Put::Create;
                    }
                }
                None => return Err(Error::Network(reason)),
            }
        }
        Err(Error::Network(
            "Le serveur du réseau n'a pas dit si l'écriture a eu lieu : réessayez.".into(),
        ))
    }
}

/// The collection a resource is in.
fn parent_of(url: &Url) -> Url {
    let trimmed = url.path.trim_end_matches('/');
    let path = trimmed
        .rfind('/')
        .map_or("/", |i| &trimmed[..=i])
        .to_owned();
    Url {
        path,
        ..url.clone()
    }
}
