//! WebDAV's XML: the request bodies, and the multistatus answers read back.
//!
//! Answers are read by namespace, never by prefix: Radicale writes `<multistatus
//! xmlns="DAV:">` with `C:` for CalDAV, Xandikos `<ns0:multistatus xmlns:ns0="DAV:">`, others
//! `d:` or `D:`. Only the properties of a `propstat` whose status is 2xx count: a server lists
//! the properties it does not have under a `404` propstat.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

const DAV: &str = "DAV:";
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
const CALENDARSERVER: &str = "http://calendarserver.org/ns/";
/// Radicale's own properties (its `version`, which tells the server: [`super::dav`]).
const RADICALE: &str = "http://radicale.org/ns/";

mod body;
pub(super) use body::{
    mkcalendar, multiget, propfind_collections, propfind_discovery, propfind_etags,
    propfind_radicale, sync_collection,
};

/// A multistatus answer.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Multistatus {
    pub responses: Vec<Response>,
    /// The top-level `DAV:sync-token` of a sync-collection answer.
    pub sync_token: Option<String>,
}

/// One `<response>`: its href as the server wrote it (still percent-encoded), the status of
/// the response itself (sync-collection's removed members: 404), and its found properties.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Response {
    pub href: String,
    pub status: Option<u16>,
    pub props: Props,
}

/// The properties this client asks for, as found (2xx propstat) in one response.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Props {
    pub collection: bool,
    pub calendar: bool,
    pub displayname: Option<String>,
    pub etag: Option<String>,
    pub sync_token: Option<String>,
    pub ctag: Option<String>,
    pub calendar_data: Option<String>,
    pub current_user_principal: Option<String>,
    pub calendar_home_set: Option<String>,
    /// Radicale's `version` (only Radicale has it).
    pub radicale_version: Option<String>,
}

impl Props {
    fn merge(&mut self, other: Props) {
        self.collection |= other.collection;
        self.calendar |= other.calendar;
        self.displayname = self.displayname.take().or(other.displayname);
        self.etag = self.etag.take().or(other.etag);
        self.sync_token = self.sync_token.take().or(other.sync_token);
        self.ctag = self.ctag.take().or(other.ctag);
        self.calendar_data = self.calendar_data.take().or(other.calendar_data);
        self.current_user_principal = self
            .current_user_principal
            .take()
            .or(other.current_user_principal);
        self.calendar_home_set = self.calendar_home_set.take().or(other.calendar_home_set);
        self.radicale_version = self.radicale_version.take().or(other.radicale_version);
    }
}

/// The answer is not a well-formed WebDAV multistatus.
#[derive(Debug, PartialEq)]
pub(super) struct Unreadable;

/// An element's name, reduced to what this client knows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ns {
    Dav,
    CalDav,
    CalendarServer,
    Radicale,
    Other,
}

type Name = (Ns, String);

fn name(resolved: &ResolveResult<'_>, local: &str) -> Name {
    let ns = match resolved {
        ResolveResult::Bound(Namespace(DAV)) => Ns::Dav,
        ResolveResult::Bound(Namespace(CALDAV)) => Ns::CalDav,
        ResolveResult::Bound(Namespace(CALENDARSERVER)) => Ns::CalendarServer,
        ResolveResult::Bound(Namespace(RADICALE)) => Ns::Radicale,
        _ => Ns::Other,
    };
    (ns, local.to_owned())
}

fn is(name: Option<&Name>, ns: Ns, local: &str) -> bool {
    name.is_some_and(|(n, l)| *n == ns && l == local)
}

/// The status code of a `HTTP/1.1 404 Not Found` line.
fn status_code(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reads a multistatus answer (PROPFIND, REPORT).
pub(super) fn parse_multistatus(text: &str) -> Result<Multistatus, Unreadable> {
    let mut reader = NsReader::from_str(text);
    let mut out = Multistatus::default();
    let mut stack: Vec<Name> = Vec::new();
    let mut response: Option<Response> = None;
    let mut propstat: Option<(Props, Option<u16>)> = None;
    let mut text_buf = String::new();
    let mut seen_root = false;
    loop {
        let (resolved, event) = reader.read_resolved_event().map_err(|_| Unreadable)?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let n = name(&resolved, e.local_name().as_ref());
                if stack.is_empty() {
                    // One root, and it is DAV:multistatus.
                    if seen_root || n != (Ns::Dav, "multistatus".into()) {
                        return Err(Unreadable);
                    }
                    seen_root = true;
                }
                let parent = stack.last();
                if n.0 == Ns::Dav && n.1 == "response" && is(parent, Ns::Dav, "multistatus") {
                    response = Some(Response::default());
                } else if n.0 == Ns::Dav && n.1 == "propstat" && response.is_some() {
                    propstat = Some((Props::default(), None));
                } else if is(parent, Ns::Dav, "resourcetype") {
                    if let Some((props, _)) = propstat.as_mut() {
                        match (n.0, n.1.as_str()) {
                            (Ns::Dav, "collection") => props.collection = true,
                            (Ns::CalDav, "calendar") => props.calendar = true,
                            _ => {}
                        }
                    }
                }
                text_buf.clear();
                if is_empty {
                    // An empty element closes at once: `<D:getetag/>` has no value.
                    let value = String::new();
                    close(
                        &n,
                        stack.last(),
                        value,
                        &mut out,
                        &mut response,
                        &mut propstat,
                    )?;
                } else {
                    stack.push(n);
                }
            }
            // Raw, without XML's end-of-line normalisation: iCalendar text keeps its CRLF.
            Event::Text(e) => text_buf.push_str(&e.into_inner()),
            Event::CData(e) => text_buf.push_str(&e.into_inner()),
            Event::GeneralRef(e) => {
                if let Some(c) = e.resolve_char_ref().map_err(|_| Unreadable)? {
                    text_buf.push(c);
                } else {
                    let entity = resolve_predefined_entity(&e).ok_or(Unreadable)?;
                    text_buf.push_str(entity);
                }
            }
            Event::End(_) => {
                let n = stack.pop().ok_or(Unreadable)?;
                let value = std::mem::take(&mut text_buf);
                close(
                    &n,
                    stack.last(),
                    value,
                    &mut out,
                    &mut response,
                    &mut propstat,
                )?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root || !stack.is_empty() {
        return Err(Unreadable);
    }
    Ok(out)
}

/// What closing element `n` (whose parent is `parent`) with text `value` means.
fn close(
    n: &Name,
    parent: Option<&Name>,
    value: String,
    out: &mut Multistatus,
    response: &mut Option<Response>,
    propstat: &mut Option<(Props, Option<u16>)>,
) -> Result<(), Unreadable> {
    let trimmed = || value.trim().to_owned();
    match (n.0, n.1.as_str()) {
        (Ns::Dav, "response") => {
            let r = response.take().ok_or(Unreadable)?;
            if r.href.is_empty() {
                return Err(Unreadable);
            }
            out.responses.push(r);
        }
        (Ns::Dav, "propstat") => {
            let (props, status) = propstat.take().ok_or(Unreadable)?;
            let r = response.as_mut().ok_or(Unreadable)?;
            // No status at all is read as found: lenient with servers that omit it.
            if status.is_none_or(|s| (200..300).contains(&s)) {
                r.props.merge(props);
            }
        }
        (Ns::Dav, "href") if is(parent, Ns::Dav, "response") => {
            if let Some(r) = response.as_mut() {
                // RFC 4918 allows several hrefs with one status; the first one is kept.
                if r.href.is_empty() {
                    r.href = trimmed();
                }
            }
        }
        (Ns::Dav, "href") if is(parent, Ns::Dav, "current-user-principal") => {
            if let Some((props, _)) = propstat.as_mut() {
                props.current_user_principal = Some(trimmed());
            }
        }
        (Ns::Dav, "href") if is(parent, Ns::CalDav, "calendar-home-set") => {
            if let Some((props, _)) = propstat.as_mut() {
                props.calendar_home_set.get_or_insert_with(trimmed);
            }
        }
        (Ns::Dav, "status") if is(parent, Ns::Dav, "propstat") => {
            if let Some((_, status)) = propstat.as_mut() {
                *status = Some(status_code(&value).ok_or(Unreadable)?);
            }
        }
        (Ns::Dav, "status") if is(parent, Ns::Dav, "response") => {
            if let Some(r) = response.as_mut() {
                r.status = Some(status_code(&value).ok_or(Unreadable)?);
            }
        }
        (Ns::Dav, "sync-token") if is(parent, Ns::Dav, "multistatus") => {
            out.sync_token = Some(trimmed());
        }
        _ if is(parent, Ns::Dav, "prop") => {
            let Some((props, _)) = propstat.as_mut() else {
                return Ok(());
            };
            let slot = match (n.0, n.1.as_str()) {
                (Ns::Dav, "displayname") => &mut props.displayname,
                (Ns::Dav, "getetag") => &mut props.etag,
                (Ns::Dav, "sync-token") => &mut props.sync_token,
                (Ns::CalendarServer, "getctag") => &mut props.ctag,
                (Ns::Radicale, "version") => &mut props.radicale_version,
                (Ns::CalDav, "calendar-data") => {
                    props.calendar_data = Some(value);
                    return Ok(());
                }
                _ => return Ok(()),
            };
            let v = trimmed();
            *slot = (!v.is_empty()).then_some(v);
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Radicale: default namespace DAV:, `C:` for CalDAV, `CS:` for calendarserver; the
    /// missing getctag under a 404 propstat.
    const RADICALE_HOME: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/"><response><href>/accueil/</href><propstat><prop><resourcetype><principal /><collection /></resourcetype><current-user-principal><href>/accueil/</href></current-user-principal><C:calendar-home-set><href>/accueil/</href></C:calendar-home-set></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/accueil/reseau%20est/</href><propstat><prop><resourcetype><C:calendar /><collection /></resourcetype><displayname>Réseau &amp; Est</displayname><sync-token>http://radicale.org/ns/sync/abc</sync-token><CS:getctag>"ctag-1"</CS:getctag></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/accueil/notes/</href><propstat><prop><resourcetype><collection /></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><displayname /><CS:getctag /></prop><status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>"#;

    #[test]
    fn radicale_home_reads_by_namespace() {
        let m = parse_multistatus(RADICALE_HOME).unwrap();
        assert_eq!(m.responses.len(), 3);
        let home = &m.responses[0];
        assert_eq!(home.href, "/accueil/");
        assert_eq!(
            home.props.current_user_principal.as_deref(),
            Some("/accueil/")
        );
        assert_eq!(home.props.calendar_home_set.as_deref(), Some("/accueil/"));
        assert!(home.props.collection && !home.props.calendar);
        let cal = &m.responses[1];
        assert_eq!(
            cal.href, "/accueil/reseau%20est/",
            "the href stays percent-encoded"
        );
        assert!(cal.props.calendar && cal.props.collection);
        assert_eq!(cal.props.displayname.as_deref(), Some("Réseau & Est"));
        assert_eq!(
            cal.props.sync_token.as_deref(),
            Some("http://radicale.org/ns/sync/abc")
        );
        assert_eq!(cal.props.ctag.as_deref(), Some("\"ctag-1\""));
        let notes = &m.responses[2];
        assert!(notes.props.collection && !notes.props.calendar);
        assert_eq!(
            notes.props.displayname, None,
            "a property under a 404 propstat is missing, not empty"
        );
    }

    /// Radicale's own `version`, under its namespace with any prefix; another server lists
    /// the property under a 404 propstat, which does not count.
    #[test]
    fn radicale_s_version_is_read_only_when_found() {
        let radicale = r#"<multistatus xmlns="DAV:" xmlns:R="http://radicale.org/ns/"><response><href>/accueil/</href><propstat><prop><R:version>3.9.0</R:version></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        let m = parse_multistatus(radicale).unwrap();
        assert_eq!(
            m.responses[0].props.radicale_version.as_deref(),
            Some("3.9.0")
        );
        let other = r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/h/</d:href><d:propstat><d:prop><x:version xmlns:x="http://radicale.org/ns/"/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response></d:multistatus>"#;
        let m = parse_multistatus(other).unwrap();
        assert_eq!(m.responses[0].props.radicale_version, None);
        let elsewhere = r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/h/</d:href><d:propstat><d:prop><x:version xmlns:x="urn:other">1</x:version></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
        let m = parse_multistatus(elsewhere).unwrap();
        assert_eq!(
            m.responses[0].props.radicale_version, None,
            "another namespace"
        );
    }

    /// Xandikos: generated prefixes `ns0:`, `ns1:`; an absolute href.
    const XANDIKOS_PRINCIPAL: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns0:response><ns0:href>/user/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:current-user-principal><ns0:href>/user/</ns0:href></ns0:current-user-principal><ns1:calendar-home-set><ns0:href>/user/calendars/</ns0:href></ns1:calendar-home-set><ns0:resourcetype><ns0:principal /><ns0:collection /></ns0:resourcetype></ns0:prop></ns0:propstat></ns0:response></ns0:multistatus>"#;

    #[test]
    fn xandikos_principal_with_status_before_prop() {
        let m = parse_multistatus(XANDIKOS_PRINCIPAL).unwrap();
        let p = &m.responses[0].props;
        assert_eq!(p.calendar_home_set.as_deref(), Some("/user/calendars/"));
        assert_eq!(p.current_user_principal.as_deref(), Some("/user/"));
    }

    /// Nextcloud-like: `d:` and `cal:` prefixes, calendar-data in CDATA, weak ETag escaped.
    const MULTIGET: &str = "<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\">\n <d:response>\n  <d:href>https://cloud.example.org/remote.php/dav/calendars/a/b/1.ics</d:href>\n  <d:propstat>\n   <d:prop>\n    <d:getetag>&quot;e1&quot;</d:getetag>\n    <cal:calendar-data><![CDATA[BEGIN:VCALENDAR\r\nSUMMARY:A & B <C>\r\nEND:VCALENDAR\r\n]]></cal:calendar-data>\n   </d:prop>\n   <d:status>HTTP/1.1 200 OK</d:status>\n  </d:propstat>\n </d:response>\n <d:response>\n  <d:href>/remote.php/dav/calendars/a/b/2.ics</d:href>\n  <d:status>HTTP/1.1 404 Not Found</d:status>\n </d:response>\n</d:multistatus>";

    #[test]
    fn multiget_with_cdata_and_a_missing_member() {
        let m = parse_multistatus(MULTIGET).unwrap();
        assert_eq!(m.responses.len(), 2);
        let one = &m.responses[0];
        assert_eq!(one.props.etag.as_deref(), Some("\"e1\""));
        assert_eq!(
            one.props.calendar_data.as_deref(),
            Some("BEGIN:VCALENDAR\r\nSUMMARY:A & B <C>\r\nEND:VCALENDAR\r\n"),
            "calendar data keeps its CRLF line ends, untrimmed"
        );
        assert_eq!(m.responses[1].status, Some(404));
    }

    /// sync-collection (uppercase `D:`): a changed member, a removed one (404), the new token.
    const SYNC: &str = r#"<?xml version="1.0" encoding="utf-8" ?>
<D:multistatus xmlns:D="DAV:"><D:response><D:href>/accueil/cal/a.ics</D:href><D:propstat><D:prop><D:getetag>"a2"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response><D:response><D:href>/accueil/cal/b.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response><D:sync-token>http://example.com/ns/sync/1235</D:sync-token></D:multistatus>"#;

    #[test]
    fn sync_collection_changes_and_removals() {
        let m = parse_multistatus(SYNC).unwrap();
        assert_eq!(
            m.sync_token.as_deref(),
            Some("http://example.com/ns/sync/1235")
        );
        assert_eq!(m.responses[0].props.etag.as_deref(), Some("\"a2\""));
        assert_eq!(m.responses[0].status, None);
        assert_eq!(m.responses[1].href, "/accueil/cal/b.ics");
        assert_eq!(m.responses[1].status, Some(404));
    }

    #[test]
    fn an_empty_multistatus_is_read() {
        let m = parse_multistatus(r#"<multistatus xmlns="DAV:"/>"#).unwrap();
        assert_eq!(m, Multistatus::default());
    }

    #[test]
    fn garbage_is_unreadable() {
        for garbage in [
            "",
            "hello",
            "<html><body>It works!</body></html>",
            r#"<multistatus xmlns="urn:not-dav"></multistatus>"#,
            r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href>"#,
            r#"<d:multistatus xmlns:d="DAV:"><d:response></d:response></d:multistatus>"#,
            r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a</d:href><d:status>garbage</d:status></d:response></d:multistatus>"#,
            r#"<d:multistatus xmlns:d="DAV:">&nbsp;</d:multistatus>"#,
            "\u{0}\u{1}\u{2}binary",
        ] {
            assert_eq!(
                parse_multistatus(garbage),
                Err(Unreadable),
                "{garbage:?} is not a multistatus"
            );
        }
    }

    #[test]
    fn request_bodies_escape_what_they_carry() {
        let body = mkcalendar("Accueil <Est> & Ouest", "VEVENT");
        assert!(body.contains("<D:displayname>Accueil &lt;Est&gt; &amp; Ouest</D:displayname>"));
        let body = sync_collection(Some("http://x/sync?a=1&b=2"), false);
        assert!(body.contains("<D:sync-token>http://x/sync?a=1&amp;b=2</D:sync-token>"));
        assert!(sync_collection(None, false).contains("<D:sync-token></D:sync-token>"));
        assert!(
            !sync_collection(None, false).contains("calendar-data"),
            "the marks' listing asks for ETags only"
        );
        let body = multiget(&["/a/b%20c.ics", "/a/d&e.ics"]);
        assert!(body.contains("<D:href>/a/b%20c.ics</D:href><D:href>/a/d&amp;e.ics</D:href>"));
        // Each body is itself well-formed XML: quick-xml reads it to the end.
        for body in [
            propfind_discovery(),
            propfind_collections(),
            propfind_etags(),
            sync_collection(None, true),
        ] {
            let mut reader = NsReader::from_str(&body);
            while !matches!(reader.read_event().unwrap(), Event::Eof) {}
        }
    }
}
