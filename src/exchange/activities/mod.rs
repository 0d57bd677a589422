//! Activities between the desks of a network and their coordinator (issue 16).
//!
//! - [`coop`]: this desk's activities in La Coop de la médiation numérique's spreadsheet
//!   layout (`.xlsx` or CSV), to put beside the Coop's own exports;
//! - [`file`]: the exchange file (JSON) a desk writes for the coordinator, and why it is not
//!   the Coop's layout;
//! - [`gather`]: the coordinator reads those files; `records::gathered` writes their
//!   activities, and the statistics count the whole network (`records::stats`);
//! - [`folder`]: the gathering folder a desk writes its file to and a coordinator reads from.

pub mod coop;
pub mod file;
pub mod folder;
pub mod gather;
pub use crate::records::gathered::rows;

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;
use file::Selection;

/// The file formats of an activities export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    /// The Coop's spreadsheet.
    Xlsx,
    /// The Coop's columns as CSV (`;`, BOM).
    Csv,
    /// The exchange file for a coordinator.
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub format: ExportFormat,
    /// First and last day ("2027-03-01" or "01/03/2027").
    pub from: String,
    pub to: String,
    pub site_id: Option<SiteId>,
    pub mediator_id: Option<MediatorId>,
    /// Followed people's names and the notes (Coop layouts only; never in the exchange file).
    #[serde(default)]
    pub personal: bool,
}

/// An export's bytes and what to tell the person.
#[derive(Debug, Clone)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub activities: usize,
    /// « 12 activités ».
    pub summary: String,
    /// `coop-numerique_accompagnements_2026-12-01.xlsx` (the Coop's own name), or
    /// `activites-…json`.
    pub file_name: String,
}

/// This desk's activities of a period, in the format asked.
pub fn export(conn: &Connection, req: &ExportRequest, now: DateTime<Utc>) -> Result<Export> {
    // The statistics' own period check: same fields, same messages.
    let period = crate::records::stats::StatsQuery {
        from: req.from.clone(),
        to: req.to.clone(),
        ..Default::default()
    }
    .checked()?;
    let (from, to) = (period.from, period.to);
    let sel = Selection {
        from,
        to,
        site_id: req.site_id.map(|s| s.0),
        mediator_id: req.mediator_id.map(|m| m.0),
    };
    let data = file::read(conn, sel, now)?;
    let today = crate::clock::today(now);
    let (bytes, file_name) = match req.format {
        ExportFormat::Json => (
            serde_json::to_vec_pretty(&data).map_err(|e| Error::Io(std::io::Error::other(e)))?,
            folder::own_file_name(&data.desk),
        ),
        format => {
            let layout = if req.mediator_id.is_some() {
                coop::Layout::Mediator
            } else {
                coop::Layout::Team
            };
            let personal = if req.personal {
                personal(conn, &data)?
            } else {
                coop::Personal::default()
            };
            let name = format!(
                "coop-numerique_accompagnements_{}.{}",
                today.format("%Y-%m-%d"),
                format.extension()
            );
            let bytes = if format == ExportFormat::Csv {
                coop::csv(&data, layout, &personal)?
            } else {
                let header = header(conn, &data, req, from, to, now)?;
                coop::xlsx(&data, layout, &personal, &header)?
            };
            (bytes, name)
        }
    };
    let n = data.activities.len();
    Ok(Export {
        bytes,
        activities: n,
        summary: crate::fr::count(
            i64::try_from(n).unwrap_or(i64::MAX),
            "activité",
            "activités",
        ),
        file_name,
    })
}

fn header(
    conn: &Connection,
    data: &file::ActivityFile,
    req: &ExportRequest,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<coop::Header> {
    let mut filters = vec![(
        "Période".to_owned(),
        format!(
            "du {} au {}",
            from.format("%d/%m/%Y"),
            to.format("%d/%m/%Y")
        ),
    )];
    if let Some(s) = req.site_id {
        filters.push(("Lieu".to_owned(), crate::network::site::get(conn, s)?.name));
    }
    if let Some(m) = req.mediator_id {
        filters.push((
            "Médiateur".to_owned(),
            crate::network::mediator::get(conn, m)?.name,
        ));
    }
    Ok(coop::Header {
        by: data.desk.name.clone(),
        at: now,
        filters,
    })
}

/// The followed people's names and the notes of the exported activities.
fn personal(conn: &Connection, data: &file::ActivityFile) -> Result<coop::Personal> {
    let mut out = coop::Personal::default();
    let mut stmt = conn.prepare_cached(
        "SELECT trim(coalesce(b.first_name, '') || ' ' || coalesce(b.last_name, '')),
                v.notes, b.erased_at
         FROM visits v LEFT JOIN beneficiaries b ON b.id = v.beneficiary_id WHERE v.uid = ?1",
    )?;
    for a in &data.activities {
        let (name, notes, erased): (Option<String>, Option<String>, Option<String>) =
            stmt.query_row([&a.uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        if let Some(name) = name.filter(|n| !n.is_empty() && erased.is_none()) {
            out.names.insert(a.uid.clone(), name);
        }
        if let Some(notes) = notes {
            out.notes.insert(a.uid.clone(), notes);
        }
    }
    Ok(out)
}

/// Imports a desk's exchange file, or every exchange file of a folder.
pub fn import_path(
    conn: &Connection,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<gather::GatherReport>> {
    if path.is_dir() {
        return folder::gather_from(conn, path, now, false);
    }
    let bytes = std::fs::read(path)?;
    let data = gather::parse(&bytes)?;
    Ok(vec![gather::import(conn, &data, now)?])
}
