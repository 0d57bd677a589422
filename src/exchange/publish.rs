//! Automatic publishing: calendars and open-data files kept up to date in a folder that a
//! sync client (Nextcloud…) or a web server shares.
//!
//! The coordinator picks a folder and the files ([`Publication`]); [`refresh`] rewrites them
//! all when the published data changed since the last time (a counter moved by triggers on
//! every table the files show, see migration 0004, so changes made by the command line or a
//! cron script count too), when the day changed (calendars cover a window around today), or
//! when a file went missing. It is cheap when nothing changed (one query): the desktop app
//! calls it after every command, the command line after every command.
//!
//! Every file is written atomically ([`crate::store::file::write_atomic`]): a temporary file in the same folder,
//! flushed to disk, then renamed over the old one, so that a reader (a calendar client, the
//! sync client, a portal) sees the old file or the new one, never a part of one.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::exchange::calendar::{self, CalendarRequest, CalendarScope};
use crate::exchange::opendata::{self, Format};
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;

/// What one published file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Content {
    /// A calendar (.ics).
    #[serde(rename_all = "camelCase")]
    Calendar { request: CalendarRequest },
    /// The sites in the open-data standard.
    #[serde(rename_all = "camelCase")]
    OpenData { format: Format },
}

/// One file kept up to date in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Publication {
    pub content: Content,
    /// A plain file name in the folder (`permanences-reseau.ics`); empty when choosing: the
    /// usual name is then given.
    pub file_name: String,
}

/// The publishing settings, as chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PublishSettings {
    /// `None`: publishing is off.
    pub folder: Option<String>,
    pub publications: Vec<Publication>,
}

/// The settings and how the last publication went.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PublishStatus {
    pub settings: PublishSettings,
    /// When the files were last written (RFC 3339, UTC).
    pub published_at: Option<String>,
    /// Why the last attempt failed, in French; `None` when it worked.
    pub last_error: Option<String>,
}

/// The current settings and status.
pub fn status(conn: &Connection) -> Result<PublishStatus> {
    let row: Option<(String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT folder, published_at, last_error FROM publish_folder WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (folder, published_at, last_error) = match row {
        Some((f, p, e)) => (Some(f), p, e),
        None => (None, None, None),
    };
    Ok(PublishStatus {
        settings: PublishSettings {
            folder,
            publications: publications(conn)?,
        },
        published_at,
        last_error,
    })
}

fn publications(conn: &Connection) -> Result<Vec<Publication>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, site_id, mediator_id, with_appointments, with_names, file_name
         FROM publications ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(0)?;
        let site: Option<i64> = r.get(1)?;
        let mediator: Option<i64> = r.get(2)?;
        let content = match kind.as_str() {
            "opendata_csv" => Content::OpenData {
                format: Format::Csv,
            },
            "opendata_json" => Content::OpenData {
                format: Format::Json,
            },
            _ => Content::Calendar {
                request: CalendarRequest {
                    scope: match (site, mediator) {
                        (Some(s), _) => CalendarScope::Site { site_id: SiteId(s) },
                        (None, Some(m)) => CalendarScope::Mediator {
                            mediator_id: MediatorId(m),
                        },
                        (None, None) => CalendarScope::Network,
                    },
                    with_appointments: r.get(3)?,
                    with_names: r.get(4)?,
                },
            },
        };
        Ok(Publication {
            content,
            file_name: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the settings, then publishes at once. A folder that does not exist, a file name
/// that is not a plain name with the right extension, or the same name twice is refused.
pub fn set(
    conn: &Connection,
    settings: &PublishSettings,
    now: DateTime<Utc>,
) -> Result<PublishStatus> {
    let mut settings = settings.clone();
    for p in &mut settings.publications {
        if p.file_name.trim().is_empty() {
            p.file_name = match p.content {
                Content::Calendar { request } => calendar::file_name(conn, &request)?,
                Content::OpenData { format } => format.file_name().to_owned(),
            };
        }
    }
    let settings = &settings;
    let folder = check(settings)?;
    crate::store::db::write(conn, |tx| {
        tx.execute("DELETE FROM publications", [])?;
        tx.execute("DELETE FROM publish_folder", [])?;
        let Some(folder) = &folder else {
            return Ok(());
        };
        tx.execute(
            "INSERT INTO publish_folder (id, folder) VALUES (1, ?1)",
            [folder.display().to_string()],
        )?;
        let mut insert = tx.prepare(
            "INSERT INTO publications (kind, site_id, mediator_id, with_appointments, with_names, file_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for p in &settings.publications {
            let (kind, site, mediator, appointments, names) = match p.content {
                Content::OpenData {
                    format: Format::Csv,
                } => ("opendata_csv", None, None, false, false),
                Content::OpenData {
                    format: Format::Json,
                } => ("opendata_json", None, None, false, false),
                Content::Calendar { request } => {
                    let (s, m) = match request.scope {
                        CalendarScope::Network => (None, None),
                        CalendarScope::Site { site_id } => (Some(site_id.0), None),
                        CalendarScope::Mediator { mediator_id } => (None, Some(mediator_id.0)),
                    };
                    let appointments = request.with_appointments;
                    (
                        "calendar",
                        s,
                        m,
                        appointments,
                        appointments && request.with_names,
                    )
                }
            };
            insert.execute(params![
                kind,
                site,
                mediator,
                appointments,
                names,
                p.file_name.trim()
            ])?;
        }
        Ok(())
    })?;
    if folder.is_some() {
        // The settings are saved either way; a failure to write is shown in the status.
        let _ = refresh(conn, now);
    }
    status(conn)
}

fn check(settings: &PublishSettings) -> Result<Option<PathBuf>> {
    let Some(folder) = settings
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    else {
        return Ok(None);
    };
    let folder = PathBuf::from(folder);
    if !folder.is_absolute() || !folder.is_dir() {
        return Err(Error::invalid(
            "folder",
            format!(
                "Dossier : « {} » n'existe pas. Choisissez un dossier existant.",
                folder.display()
            ),
        ));
    }
    let mut names = std::collections::HashSet::new();
    for p in &settings.publications {
        let name = p.file_name.trim();
        let ext = match p.content {
            Content::Calendar { .. } => ".ics",
            Content::OpenData {
                format: Format::Csv,
            } => ".csv",
            Content::OpenData {
                format: Format::Json,
            } => ".json",
        };
        let plain = !name.contains(['/', '\\']) && !name.starts_with('.') && name.len() <= 120;
        if !plain || !name.ends_with(ext) || name.len() == ext.len() {
            return Err(Error::invalid(
                "fileName",
                format!("Nom de fichier : « {name} » doit être un simple nom finissant par {ext}."),
            ));
        }
        if !names.insert(name.to_owned()) {
            return Err(Error::invalid(
                "fileName",
                format!("Nom de fichier : « {name} » est choisi deux fois."),
            ));
        }
    }
    Ok(Some(folder))
}

/// Rewrites the published files if what they show changed (or the day, or a file is
/// missing). Returns how many files were written (0 when nothing needed it, or publishing is
/// off). A failure is recorded in the status (see [`status`]) and returned.
pub fn refresh(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let state: Option<(String, i64, i64, Option<String>)> = conn
        .query_row(
            "SELECT f.folder, f.published_version, v.version, f.published_at
             FROM publish_folder f, data_version v",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((folder, published, current, published_at)) = state else {
        return Ok(0);
    };
    let folder = PathBuf::from(folder);
    let list = publications(conn)?;
    let paris_day = |t: DateTime<Utc>| t.with_timezone(&Paris).date_naive();
    let same_day = published_at
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .is_some_and(|t| paris_day(t.to_utc()) == paris_day(now));
    let stale = published != current
        || !same_day
        || list.iter().any(|p| !folder.join(&p.file_name).exists());
    if !stale {
        return Ok(0);
    }
    // One snapshot: the files and the version they are stamped with agree.
    let written = crate::store::db::read(conn, |conn| {
        let version: i64 = conn.query_row("SELECT version FROM data_version", [], |r| r.get(0))?;
        for p in &list {
            let bytes = render(conn, p, now)?;
            crate::store::file::write_atomic(&folder.join(&p.file_name), &bytes)?;
        }
        Ok(version)
    });
    match written {
        Ok(version) => {
            conn.execute(
                "UPDATE publish_folder SET published_version = ?1, published_at = ?2, last_error = NULL",
                params![version, crate::clock::utc_text(now)],
            )?;
            Ok(list.len())
        }
        Err(e) => {
            let message = format!("Publication dans {} impossible : {e}", folder.display());
            conn.execute("UPDATE publish_folder SET last_error = ?1", [&message])?;
            Err(e)
        }
    }
}

fn render(conn: &Connection, p: &Publication, now: DateTime<Utc>) -> Result<Vec<u8>> {
    Ok(match p.content {
        Content::Calendar { request } => calendar::render(conn, &request, now)?.text.into_bytes(),
        Content::OpenData { format } => {
            let today = crate::clock::today(now);
            opendata::export(conn, format, today)?.bytes
        }
    })
}
