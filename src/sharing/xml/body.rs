//! The bodies of the requests the client sends.

use quick_xml::escape::escape;

/// PROPFIND body for discovery: who the user is, where their calendars live, what this is.
pub(in crate::sharing) fn propfind_discovery() -> String {
    propfind(r#"<D:current-user-principal/><C:calendar-home-set/><D:resourcetype/>"#)
}

/// PROPFIND body for the collections under a calendar home.
pub(in crate::sharing) fn propfind_collections() -> String {
    // Not their sync tokens nor CTags: Radicale computes those by reading every resource of
    // every collection (the places' calendars included), at each sync.
    propfind(r#"<D:resourcetype/><D:displayname/>"#)
}

/// PROPFIND body for the members of a collection and their ETags.
pub(in crate::sharing) fn propfind_etags() -> String {
    propfind(r#"<D:resourcetype/><D:getetag/>"#)
}

/// PROPFIND body asking for Radicale's `version`: only Radicale has it.
pub(in crate::sharing) fn propfind_radicale() -> String {
    r#"<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:R="http://radicale.org/ns/"><D:prop><R:version/></D:prop></D:propfind>"#
        .to_owned()
}

fn propfind(props: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/"><D:prop>{props}</D:prop></D:propfind>"#
    )
}

/// MKCALENDAR body: a display name, and the one kind of component it holds.
pub(in crate::sharing) fn mkcalendar(name: &str, component: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>{}</D:displayname><C:supported-calendar-component-set><C:comp name="{}"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"#,
        escape(name),
        escape(component)
    )
}

/// REPORT sync-collection body (RFC 6578), sync-level 1, ETags, and each member's
/// iCalendar text when `data`; no token: everything.
pub(in crate::sharing) fn sync_collection(token: Option<&str>, data: bool) -> String {
    let token = token.map(escape).unwrap_or_default();
    let (ns, text) = if data {
        (
            r#" xmlns:C="urn:ietf:params:xml:ns:caldav""#,
            "<C:calendar-data/>",
        )
    } else {
        ("", "")
    };
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<D:sync-collection xmlns:D="DAV:"{ns}><D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/>{text}</D:prop></D:sync-collection>"#
    )
}

/// REPORT calendar-multiget body for these hrefs (paths, as the server wrote them).
pub(in crate::sharing) fn multiget<S: AsRef<str>>(hrefs: &[S]) -> String {
    let hrefs: String = hrefs
        .iter()
        .map(|h| format!("<D:href>{}</D:href>", escape(h.as_ref())))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>{hrefs}</C:calendar-multiget>"#
    )
}
