//! Printable documents of places and hours: the site poster, the network leaflet (both also in
//! large print), and the desk's documents (appointment slip, day and week sheets, in `desk`;
//! the call list of the residents to remind, in `calls`).

mod calls;
mod desk;
mod memo;
mod network;
mod poster;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

pub use calls::call_list;
pub use desk::{appointment_slip, day_sheet, week_sheet};
pub use memo::desk_memo;
pub use network::network_leaflet;
pub use poster::site_poster;

use crate::documents::guide::Pictures;
use crate::documents::pdf::typo::french;
use crate::documents::pdf::{Canvas, Paper, Pdf, Rgb8, Style, Weight};
use crate::error::Result;
use crate::network::permanence::Permanence;
use crate::network::site::{self, SiteId};
use crate::network::vocab::WEEKDAYS;

/// The page size a coordinator chooses for posters and leaflets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Size {
    A4,
    A5,
}

/// How a poster or leaflet is printed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PrintOptions {
    pub size: Size,
    /// Body text of at least 16 points, black on white, short sentences.
    pub large_print: bool,
    /// A logo at the top right of a poster.
    #[serde(default)]
    pub logo: Logo,
}

impl PrintOptions {
    /// Without a logo.
    pub fn new(size: Size, large_print: bool) -> Self {
        PrintOptions {
            size,
            large_print,
            logo: Logo::None,
        }
    }
}

/// The logo printed on a poster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Logo {
    #[default]
    None,
    /// The pictogram shipped in `assets/`.
    Bundled,
    /// An image file chosen by the person (PNG or JPEG).
    File { path: String },
}

const BUNDLED_LOGO: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/icons/icon.png"
));

/// The logo's image bytes, if one was chosen. A file over 5 MB is refused.
fn logo_bytes(logo: &Logo) -> Result<Option<Vec<u8>>> {
    match logo {
        Logo::None => Ok(None),
        Logo::Bundled => Ok(Some(BUNDLED_LOGO.to_vec())),
        Logo::File { path } => {
            let meta = std::fs::metadata(path).map_err(|_| {
                crate::Error::invalid("logo", format!("Logo : le fichier {path} est introuvable."))
            })?;
            if meta.len() > 5 * 1024 * 1024 {
                return Err(crate::Error::invalid(
                    "logo",
                    "Logo : l'image dépasse 5 Mo ; choisissez-en une plus légère.",
                ));
            }
            Ok(Some(std::fs::read(path)?))
        }
    }
}

pub(crate) const ACCENT: Rgb8 = Rgb8(31, 95, 139);
pub(crate) const SOFT: Rgb8 = Rgb8(74, 85, 102);

/// Type sizes of one document.
pub(crate) struct Scale {
    pub title: f32,
    pub heading: f32,
    pub body: f32,
    pub small: f32,
}

impl Scale {
    /// A poster is read from a distance; a leaflet is held in the hand.
    fn of(options: &PrintOptions, poster: bool) -> Self {
        match (options.size, options.large_print, poster) {
            (Size::A4, false, true) => Scale {
                title: 40.0,
                heading: 24.0,
                body: 17.0,
                small: 11.0,
            },
            (Size::A4, true, true) => Scale {
                title: 44.0,
                heading: 30.0,
                body: 24.0,
                small: 16.0,
            },
            (Size::A5, false, true) => Scale {
                title: 28.0,
                heading: 17.0,
                body: 12.5,
                small: 9.0,
            },
            (Size::A5, true, true) => Scale {
                title: 32.0,
                heading: 22.0,
                body: 17.0,
                small: 16.0,
            },
            (Size::A4, false, false) => Scale {
                title: 26.0,
                heading: 15.0,
                body: 11.5,
                small: 9.5,
            },
            (Size::A5, false, false) => Scale {
                title: 20.0,
                heading: 13.0,
                body: 10.0,
                small: 8.5,
            },
            (_, true, false) => Scale {
                title: 28.0,
                heading: 20.0,
                body: 16.0,
                small: 16.0,
            },
        }
    }
}

fn paper(size: Size) -> Paper {
    match size {
        Size::A4 => Paper::A4,
        Size::A5 => Paper::A5,
    }
}

/// The permanences worth printing: running now or later, by weekday and time.
fn current(permanences: Vec<Permanence>, today: NaiveDate) -> Vec<Permanence> {
    permanences
        .into_iter()
        .filter(|p| p.valid_until.is_none_or(|u| u >= today))
        .collect()
}

/// "14 h – 17 h, sans rendez-vous" lines of one weekday.
fn day_lines(permanences: &[Permanence], weekday: u8) -> Vec<String> {
    permanences
        .iter()
        .filter(|p| p.weekday == weekday)
        .map(|p| {
            let mut line = format!("{}, {}", p.hours, p.kind.label());
            if let Some(period) = &p.period {
                line.push_str(&format!(" ({period})"));
            }
            line
        })
        .collect()
}

/// Writes the week's hours as "Mardi | 14 h – 17 h, sans rendez-vous" rows.
pub(crate) fn hours_block(
    c: &mut Canvas,
    permanences: &[Permanence],
    s: &Scale,
    x: f32,
    width: f32,
) {
    let day_style = Style::new(s.body, Weight::Bold);
    let body = Style::new(s.body, Weight::Regular);
    let label_width = c.measure("Mercredi", day_style) + s.body;
    for (i, day) in WEEKDAYS.iter().enumerate() {
        let lines = day_lines(permanences, (i + 1) as u8);
        if lines.is_empty() {
            continue;
        }
        let text = lines.join("\n");
        let h = c.text_height(&text, body, width - label_width);
        c.keep(h);
        let top = c.y;
        c.line_at(x, top, day, day_style);
        c.paragraph_at(x + label_width, &french(&text), body, width - label_width);
        c.y = c.y.max(top + h) + s.body * 0.3;
    }
}

/// Which document to print, as the "Documents" screen asks for it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum DocumentRequest {
    /// One site's poster.
    #[serde(rename_all = "camelCase")]
    Poster {
        site_id: SiteId,
        options: PrintOptions,
    },
    /// Every active site, by commune.
    #[serde(rename_all = "camelCase")]
    Network { options: PrintOptions },
    /// The slip of one appointment.
    #[serde(rename_all = "camelCase")]
    Slip {
        appointment_id: crate::scheduling::appointment::AppointmentId,
    },
    /// A site's day at the desk (internal). The date as typed: "30/03/2027" or "2027-03-30".
    #[serde(rename_all = "camelCase")]
    DaySheet { site_id: SiteId, date: String },
    /// A site's week at the desk (internal), given any day of it.
    #[serde(rename_all = "camelCase")]
    WeekSheet { site_id: SiteId, date: String },
    /// The residents to remind of their appointment (internal), at one site or all, for a
    /// day ("2026-12-02"; empty: the next open day).
    #[serde(rename_all = "camelCase")]
    CallList {
        site_id: Option<SiteId>,
        date: String,
    },
    /// The desk's one-page memo: the five daily gestures and their keys.
    #[serde(rename_all = "camelCase")]
    Memo { large_print: bool },
    /// The « Guide de Permanences » (docs/guide/).
    Guide,
}

/// A document ready to save or print, with its first page for the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DocumentPreview {
    /// The first page as an SVG image.
    pub svg: Option<String>,
    pub pages: u32,
    /// Size of the PDF, in kilobytes.
    pub kilobytes: u32,
    /// A file name to propose in the save dialog ("affiche-mediatheque.pdf").
    pub file_name: String,
    /// True for documents that carry personal data (day and week sheets).
    pub internal: bool,
}

/// Builds the document asked for; `pictures` finds the guide's pictures (the other
/// documents have none).
pub fn render(
    conn: &Connection,
    request: &DocumentRequest,
    now: chrono::DateTime<chrono::Utc>,
    pictures: Pictures<'_>,
) -> Result<(Pdf, String)> {
    let today = crate::clock::today(now);
    Ok(match request {
        DocumentRequest::Poster { site_id, options } => {
            let name = site::get(conn, *site_id)?.name;
            (
                site_poster(conn, *site_id, options.clone(), now)?,
                format!("affiche-{}.pdf", crate::fr::slug(&name)),
            )
        }
        DocumentRequest::Network { options } => (
            network_leaflet(conn, options.clone(), now)?,
            "lieux-et-horaires.pdf".to_owned(),
        ),
        DocumentRequest::Slip { appointment_id } => (
            appointment_slip(conn, *appointment_id, now)?,
            format!("rendez-vous-{}.pdf", appointment_id.0),
        ),
        DocumentRequest::DaySheet { site_id, date } => {
            let date = typed_date(date, today)?;
            (
                day_sheet(conn, *site_id, date, now)?,
                format!("feuille-du-jour-{date}.pdf"),
            )
        }
        DocumentRequest::WeekSheet { site_id, date } => {
            let date = typed_date(date, today)?;
            (
                week_sheet(conn, *site_id, date, now)?,
                format!("semaine-{date}.pdf"),
            )
        }
        DocumentRequest::CallList { site_id, date } => {
            let date = crate::validate::optional_date("date", "Jour", &Some(date.clone()))?;
            let list = call_list(conn, *site_id, date, now)?;
            let day = match date {
                Some(d) => d,
                None => crate::scheduling::reminder::next_open_day(conn, *site_id, today)?,
            };
            (list, format!("a-prevenir-{day}.pdf"))
        }
        DocumentRequest::Memo { large_print } => (
            desk_memo(*large_print, now)?,
            if *large_print {
                "memo-accueil-gros-caracteres.pdf"
            } else {
                "memo-accueil.pdf"
            }
            .to_owned(),
        ),
        DocumentRequest::Guide => (
            crate::documents::guide::guide_pdf(now, pictures)?,
            "guide-de-permanences.pdf".to_owned(),
        ),
    })
}

/// A date as typed in the form; empty means `today`.
fn typed_date(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    crate::validate::optional_date("date", "Jour", &Some(text.to_owned()))
        .map(|d| d.unwrap_or(today))
}

/// The preview of the document asked for (its size counts the guide's `pictures`).
pub fn preview(
    conn: &Connection,
    request: &DocumentRequest,
    now: chrono::DateTime<chrono::Utc>,
    pictures: Pictures<'_>,
) -> Result<DocumentPreview> {
    let (pdf, file_name) = render(conn, request, now, pictures)?;
    let kilobytes = u32::try_from(pdf.kilobytes()).unwrap_or(u32::MAX);
    Ok(DocumentPreview {
        svg: pdf.preview,
        pages: u32::try_from(pdf.pages).unwrap_or(u32::MAX),
        kilobytes,
        file_name,
        internal: matches!(
            request,
            DocumentRequest::DaySheet { .. }
                | DocumentRequest::WeekSheet { .. }
                | DocumentRequest::CallList { .. }
        ),
    })
}

/// Builds the document and writes it to `path` (chosen by the person in a save dialog).
pub fn save(
    conn: &Connection,
    request: &DocumentRequest,
    path: &std::path::Path,
    now: chrono::DateTime<chrono::Utc>,
    pictures: Pictures<'_>,
) -> Result<()> {
    let (pdf, _) = render(conn, request, now, pictures)?;
    crate::store::file::write_atomic(path, &pdf.bytes)
}
