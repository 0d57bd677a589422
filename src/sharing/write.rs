//! Writing one record's resource on the server, whatever it holds now and however it
//! answers (see [`super::dav::Dav::put_checked`]).

use rusqlite::{params, Connection, OptionalExtension};

use super::dav::{Dav, Put, Written};
use super::marks;
use super::shared::Kind;
use crate::error::Result;

/// The calendar a resource is in (its address up to the last `/`).
pub(super) fn parent(href: &str) -> &str {
    href.rfind('/').map_or(href, |i| &href[..=i])
}

/// Writes a record's resource, whatever the server holds now: created if new, replaced
/// with the ETag last seen, and on a refusal (another desk wrote it meanwhile) replaced
/// with the current one: the desk's own change is the newest. An ambiguous answer is read
/// back (the same record there: written); a missing calendar is made again, then the write
/// retried once.
pub(super) fn write(
    conn: &Connection,
    dav: &Dav,
    href: &str,
    kind: Kind,
    id: i64,
    ics: &str,
) -> Result<()> {
    marks::note(conn, parent(href))?;
    let ours = |text: &str| super::when::same_record(text, ics);
    let seen = known(conn, kind, id)?;
    let condition = match seen.as_ref().and_then(|(_, e)| e.as_deref()) {
        Some(etag) => Put::Replace(etag),
        None => Put::Create,
    };
    let mut first = dav.put_checked(href, ics, condition, ours)?;
    if first == Written::NoCollection {
        // The site's calendar is not there (removed on the server by hand?): made again.
        dav.make_calendar(parent(href), &calendar_name(conn, parent(href))?)?;
        first = dav.put_checked(href, ics, condition, ours)?;
    }
    let again = |w: Written| match w {
        Written::Done { etag } => Ok(etag),
        Written::Precondition => Ok(None),
        Written::NoCollection => Err(super::url::missing(href)),
        Written::Unsure(reason) => Err(crate::error::Error::Network(reason)),
    };
    let etag = match first {
        Written::Precondition => match dav.get(href)?.and_then(|i| i.etag) {
            Some(current) => again(dav.put_checked(href, ics, Put::Replace(&current), ours)?)?,
            None => again(dav.put_checked(href, ics, Put::Any, ours)?)?,
        },
        other => again(other)?,
    };
    remember(conn, href, kind, id, etag.as_deref())
}

/// The name people see of a site's calendar: « Permanences – <site> ».
pub(super) fn calendar_name(conn: &Connection, calendar: &str) -> Result<String> {
    let site: Option<String> = conn
        .query_row(
            "SELECT s.name FROM network_sites n JOIN sites s ON s.id = n.site_id
             WHERE n.calendar = ?1",
            [calendar],
            |r| r.get(0),
        )
        .optional()?;
    Ok(format!("Permanences – {}", site.unwrap_or_default()))
}

/// What the desk last saw of a resource: its address and ETag.
pub(super) fn known(
    conn: &Connection,
    kind: Kind,
    id: i64,
) -> Result<Option<(String, Option<String>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT href, etag FROM network_resources WHERE kind = ?1 AND local_id = ?2",
        )?
        .query_row(params![kind, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Records what the server holds at `href` (sent from here or received).
pub(super) fn remember(
    conn: &Connection,
    href: &str,
    kind: Kind,
    id: i64,
    etag: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO network_resources (href, kind, local_id, etag) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (href) DO UPDATE SET etag = excluded.etag, kind = excluded.kind,
            local_id = excluded.local_id",
    )?
    .execute(params![href, kind, id, etag])?;
    Ok(())
}
