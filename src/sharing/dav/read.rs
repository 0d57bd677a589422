//! Reading a collection's members: what changed since a sync token (RFC 6578), with or
//! without their iCalendar text, the text of chosen members (calendar-multiget), and the
//! plain listing of servers without sync-collection.
//!
//! A whole calendar is read in ONE request when the server allows it: a sync-collection that
//! asks for `calendar-data` beside `getetag` (RFC 6578 allows any property). On Radicale it
//! costs the server what the ETags alone cost (it serializes every member either way), where
//! a listing then multigets by 500 made it serialize every member twice
//! (`benches/dav_read_costs.py`). A server that leaves the text out is asked for it by
//! multiget ([`Dav::texts`]).

use super::super::url::{same_path, status_error, too_large, unreadable, Url};
use super::super::xml;
use super::{Changes, Dav, Item, XML};
use crate::error::Result;

/// Hrefs per calendar-multiget REPORT.
const MULTIGET_BATCH: usize = 500;

impl Dav {
    /// REPORT sync-collection (RFC 6578, sync-level 1, ETags) from `token` (None: everything).
    /// Ok(None) when the server no longer accepts the token: start over without one.
    pub fn changes(&self, collection: &str, token: Option<&str>) -> Result<Option<Changes>> {
        match self.sync_report(collection, token, false)? {
            Listing::Read(changes) => Ok(Some(changes)),
            Listing::TokenRefused => Ok(None),
            Listing::TooLarge(url) => Err(too_large(&url, self.max_body)),
            // Only asked with the text.
            Listing::TextRefused => Err(status_error(400, &Url::parse(collection)?)),
        }
    }

    /// Like [`Dav::changes`], asking for each changed member's iCalendar text too, so that a
    /// first read of a calendar is one request. A server may leave the text out (then
    /// [`Dav::texts`] fetches it). When the answer would be larger than the client reads, or
    /// the server refuses it (Radicale past 10 000 events), the ETags alone are asked
    /// instead.
    pub fn changes_with_data(
        &self,
        collection: &str,
        token: Option<&str>,
    ) -> Result<Option<Changes>> {
        match self.sync_report(collection, token, true)? {
            Listing::Read(changes) => Ok(Some(changes)),
            Listing::TokenRefused => Ok(None),
            Listing::TooLarge(_) | Listing::TextRefused => self.changes(collection, token),
        }
    }

    fn sync_report(&self, collection: &str, token: Option<&str>, data: bool) -> Result<Listing> {
        let url = Url::parse(collection)?.as_collection();
        let Some(answer) = self.request_unless_too_large(
            "REPORT",
            &url,
            // RFC 6578 3.3: Depth 0; sync-level says how deep.
            &[("Depth", "0"), ("Content-Type", XML)],
            Some(&xml::sync_collection(token, data)),
        )?
        else {
            return Ok(Listing::TooLarge(url));
        };
        match answer.status {
            207 => {}
            // Too many events' text at once for the server (Radicale answers 400 past its
            // `max_expand_occurrence`, 10 000 events by default), or a refused token: the
            // ETags alone say which.
            _ if data => return Ok(Listing::TextRefused),
            // RFC 6578: 403 or 409 with DAV:valid-sync-token; some servers: 400 or 412.
            403 | 409 if token.is_some() && answer.mentions("valid-sync-token") => {
                return Ok(Listing::TokenRefused)
            }
            400 | 412 if token.is_some() => return Ok(Listing::TokenRefused),
            status => return Err(status_error(status, &answer.url)),
        }
        let base = answer.url.clone();
        let m = answer.multistatus()?;
        let token = m.sync_token.ok_or_else(|| unreadable(&base))?;
        let mut changes = Changes {
            token,
            changed: Vec::new(),
            removed: Vec::new(),
        };
        for r in m.responses {
            let href = base.join(&r.href)?;
            if same_path(&href.path, &base.path) {
                continue;
            }
            match r.status {
                Some(404 | 410) => changes.removed.push(href.to_string()),
                _ => changes.changed.push(Item {
                    href: href.to_string(),
                    etag: r.props.etag,
                    data: r
                        .props
                        .calendar_data
                        .filter(|t| data && !t.trim().is_empty()),
                }),
            }
        }
        Ok(Listing::Read(changes))
    }

    /// The members `wanted` of a listing, with their text: the text the listing brought
    /// ([`Dav::changes_with_data`]), the others' fetched by calendar-multiget. A wanted
    /// member the listing does not hold (a repeating event read again) is fetched too.
    pub fn texts(&self, collection: &str, listed: &[Item], wanted: &[String]) -> Result<Vec<Item>> {
        let with_text: std::collections::HashMap<&str, &Item> = listed
            .iter()
            .filter(|i| i.data.is_some())
            .map(|i| (i.href.as_str(), i))
            .collect();
        let mut items = Vec::with_capacity(wanted.len());
        let mut missing = Vec::new();
        for href in wanted {
            match with_text.get(href.as_str()) {
                Some(item) => items.push((*item).clone()),
                None => missing.push(href.clone()),
            }
        }
        if !missing.is_empty() {
            items.extend(self.fetch(collection, &missing)?);
        }
        Ok(items)
    }

    /// REPORT calendar-multiget for these hrefs (absolute URLs or paths), 500 at a time:
    /// href, ETag and iCalendar text of those still there.
    pub fn fetch(&self, collection: &str, hrefs: &[String]) -> Result<Vec<Item>> {
        let url = Url::parse(collection)?.as_collection();
        let mut items = Vec::new();
        for batch in hrefs.chunks(MULTIGET_BATCH) {
            let paths = batch
                .iter()
                .map(|h| url.join(h).map(|u| u.path))
                .collect::<Result<Vec<_>>>()?;
            let answer = self.request(
                "REPORT",
                &url,
                &[("Depth", "1"), ("Content-Type", XML)],
                Some(&xml::multiget(paths.as_slice())),
            )?;
            if answer.status != 207 {
                return Err(status_error(answer.status, &answer.url));
            }
            let base = answer.url.clone();
            for r in answer.multistatus()?.responses {
                if let Some(data) = r.props.calendar_data {
                    items.push(Item {
                        href: base.join(&r.href)?.to_string(),
                        etag: r.props.etag,
                        data: Some(data),
                    });
                }
            }
        }
        Ok(items)
    }

    /// PROPFIND Depth 1 getetag of every member (for servers without sync-collection):
    /// the members that are not collections, data None.
    pub fn list(&self, collection: &str) -> Result<Vec<Item>> {
        let url = Url::parse(collection)?.as_collection();
        let (base, m) = self.propfind_members(&url, xml::propfind_etags())?;
        let mut items = Vec::new();
        for r in m.responses {
            let href = base.join(&r.href)?;
            if !r.props.collection && !same_path(&href.path, &base.path) {
                items.push(Item {
                    href: href.to_string(),
                    etag: r.props.etag,
                    data: None,
                });
            }
        }
        Ok(items)
    }
}

/// What a sync-collection REPORT gave.
enum Listing {
    Read(Changes),
    /// The server no longer knows the token.
    TokenRefused,
    /// The answer was larger than the client reads ([`Dav::with_max_body`]).
    TooLarge(Url),
    /// Asked with the events' text, the server answered anything but a multistatus.
    TextRefused,
}
