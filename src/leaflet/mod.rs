//! Printable documents of places and hours: the site poster, the network leaflet (both also in
//! large print), and the desk's documents (appointment slip, day and week sheets, in `desk`).

mod desk;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

pub use desk::{appointment_slip, day_sheet, week_sheet};

use crate::error::Result;
use crate::pdf::typo::french;
use crate::pdf::{Canvas, Meta, Paper, Pdf, Rgb8, Style, Weight};
use crate::permanence::Permanence;
use crate::site::{self, Site, SiteId};
use crate::vocab::{PermanenceKind, WheelchairAccess, WEEKDAYS};
use crate::{closure, fr, permanence};

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

const BUNDLED_LOGO: &[u8] = include_bytes!("../../assets/icons/icon.png");

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

/// One site's poster: name, address, access, the week's hours, how to book, closures, QR code.
/// It stays on one page: type shrinks as needed (never under 16 points in large print).
pub fn site_poster(conn: &Connection, id: SiteId, options: PrintOptions) -> Result<Pdf> {
    let detail = crate::site_detail(conn, id)?;
    let today = permanence::today();
    let permanences = current(detail.permanences, today);
    let closures = closure::list_for_site(conn, id, today)?;
    let logo = logo_bytes(&options.logo)?;
    let full = Scale::of(&options, true);
    let floor = if options.large_print { 16.0 } else { 8.0 };
    let mut factor = 1.0;
    loop {
        let s = Scale {
            title: full.title * factor,
            heading: full.heading * factor,
            body: (full.body * factor).max(floor),
            small: (full.small * factor).max(if options.large_print { 16.0 } else { 7.0 }),
        };
        let c = draw_poster(
            &detail.site,
            &permanences,
            &closures,
            &s,
            &options,
            logo.as_deref(),
            today,
        )?;
        // Only the size that fits is finished (fonts subset, saved, previewed).
        if c.page_count() == 1 || s.body <= floor {
            return c.finish(&Meta {
                title: &format!("Permanence numérique – {}", detail.site.name),
                subject: "Lieu, horaires et accès d'une permanence numérique",
                author: "Permanences",
            });
        }
        factor *= 0.9;
    }
}

fn draw_poster(
    site: &Site,
    permanences: &[Permanence],
    closures: &[closure::Closure],
    s: &Scale,
    options: &PrintOptions,
    logo: Option<&[u8]>,
    today: NaiveDate,
) -> Result<Canvas> {
    let mut c = Canvas::new(
        paper(options.size),
        if options.size == Size::A4 { 42.0 } else { 30.0 },
    )?;
    let w = c.inner_width();
    let band = s.heading * 2.2;
    let band_width = c.width();
    c.fill(0.0, 0.0, band_width, band, ACCENT);
    c.line_at(
        c.margin,
        band * 0.28,
        "PERMANENCE NUMÉRIQUE",
        Style::new(s.heading, Weight::Bold).color(Rgb8::WHITE),
    );
    c.y = band + s.body;
    let mut title_width = w;
    if let Some(bytes) = logo {
        let right = c.width() - c.margin;
        let box_side = s.title * 2.2;
        let top = c.y;
        let (logo_width, _) = c.image(bytes, right, top, box_side, box_side)?;
        title_width = w - logo_width - s.body;
    }
    c.fitted(
        &site.name,
        Style::new(s.title, Weight::Bold).color(ACCENT),
        title_width,
        3,
        s.heading,
    );
    c.y += s.body * 0.3;
    // The QR code stands at the right of the address, where the short lines leave room.
    let side = if options.size == Size::A4 {
        100.0
    } else {
        72.0
    };
    let block_top = c.y;
    let with_qr = site.website.as_ref().is_some_and(|url| {
        let x = c.width() - c.margin - side;
        c.qr(x, block_top, side, url).is_ok()
    });
    let address_width = if with_qr { w - side - s.body } else { w };
    address_block(&mut c, site, s, address_width);
    if with_qr {
        c.y = c.y.max(block_top + side);
    }

    c.y += s.body;
    section(&mut c, "Quand venir ?", s);
    if permanences.is_empty() {
        c.paragraph(
            "Pas de permanence prévue pour l'instant.",
            Style::new(s.body, Weight::Regular),
            w,
        );
    } else {
        let x = c.margin;
        hours_block(&mut c, permanences, s, x, w);
    }
    booking_block(&mut c, site, permanences, s, w);
    if !closures.is_empty() {
        c.y += s.body * 0.5;
        section(&mut c, "Fermetures à venir", s);
        for cl in closures.iter().take(6) {
            c.paragraph(
                &format!("{} : fermé {}.", cl.reason, cl.label),
                Style::new(s.body, Weight::Regular),
                w,
            );
        }
    }
    if let Some(notes) = &site.public_notes {
        c.y += s.body * 0.5;
        c.paragraph(notes, Style::new(s.body, Weight::Regular), w);
    }
    let stamp = format!("Mis à jour le {}.", fr::date_long(today));
    let stamp_top = c.height() - c.margin * 0.6 - s.small;
    c.line_at(
        c.margin,
        stamp_top,
        &stamp,
        Style::new(s.small, Weight::Regular).color(SOFT),
    );
    Ok(c)
}

fn section(c: &mut Canvas, title: &str, s: &Scale) {
    c.keep(s.heading * 3.0);
    c.paragraph(
        &french(title),
        Style::new(s.heading, Weight::Bold).color(ACCENT),
        c.inner_width(),
    );
    c.y += s.body * 0.2;
}

fn address_block(c: &mut Canvas, site: &Site, s: &Scale, w: f32) {
    let body = Style::new(s.body, Weight::Regular);
    let mut lines = vec![site.address.clone()];
    if let Some(more) = &site.address_complement {
        lines.push(more.clone());
    }
    lines.push(format!("{} {}", site.postcode, site.city));
    c.paragraph(
        &french(&lines.join("\n")),
        Style::new(s.body, Weight::Bold),
        w,
    );
    let access = match site.wheelchair_access {
        WheelchairAccess::Unknown => None,
        other => Some(other.label().to_owned()),
    };
    for line in [access, site.public_transport.clone()]
        .into_iter()
        .flatten()
    {
        c.paragraph(&french(&line), body, w);
    }
}

fn booking_block(c: &mut Canvas, site: &Site, permanences: &[Permanence], s: &Scale, w: f32) {
    let by_appointment = permanences.iter().any(|p| p.kind != PermanenceKind::DropIn);
    let body = Style::new(s.body, Weight::Regular);
    let mut lines = Vec::new();
    if let Some(phone) = &site.phone {
        lines.push(format!("Par téléphone : {phone}"));
    }
    if let Some(email) = &site.email {
        lines.push(format!("Par e-mail : {email}"));
    }
    if let Some(url) = &site.website {
        lines.push(format!("Sur internet : {url}"));
    }
    if !by_appointment && lines.is_empty() {
        return;
    }
    c.y += s.body * 0.5;
    if by_appointment {
        section(c, "Prendre rendez-vous", s);
        if lines.is_empty() {
            lines.push("Demandez un rendez-vous à l'accueil du lieu.".to_owned());
        }
    } else {
        section(c, "Nous contacter", s);
    }
    c.paragraph(&french(&lines.join("\n")), body, w);
}

/// Every active site with its address and hours, by commune, on A5 (or A4) pages.
pub fn network_leaflet(conn: &Connection, options: PrintOptions) -> Result<Pdf> {
    let today = permanence::today();
    let mut sites = site::list(conn, false)?;
    sites.sort_by(|a, b| (&a.city, &a.postcode, &a.name).cmp(&(&b.city, &b.postcode, &b.name)));
    let s = Scale::of(&options, false);
    let mut c = Canvas::new(
        paper(options.size),
        if options.size == Size::A4 { 40.0 } else { 28.0 },
    )?;
    let w = c.inner_width();
    c.paragraph(
        &french("Se faire aider pour le numérique"),
        Style::new(s.title, Weight::Bold).color(ACCENT),
        w,
    );
    c.paragraph(
        &french("Des médiateurs vous aident pour vos démarches en ligne, votre e-mail, votre téléphone."),
        Style::new(s.body, Weight::Regular),
        w,
    );
    c.y += s.body * 0.4;
    c.paragraph(
        &french("« sans rendez-vous » : venez directement aux heures indiquées.\n« sur rendez-vous » : appelez le lieu avant de venir."),
        Style::new(s.small, Weight::Regular).color(SOFT),
        w,
    );
    c.y += s.body * 0.6;
    c.running_head = Some((
        french("Se faire aider pour le numérique (suite)"),
        Style::new(s.small, Weight::Bold).color(SOFT),
    ));
    let mut city = String::new();
    for site in &sites {
        let permanences = current(crate::permanence::list_for_site(conn, site.id)?, today);
        if permanences.is_empty() {
            continue;
        }
        let entry = entry_text(site, &permanences);
        let needed =
            c.text_height(&entry, Style::new(s.body, Weight::Regular), w) + 3.0 * s.heading;
        c.keep(needed.min(c.height() / 2.0));
        if site.city != city {
            city = site.city.clone();
            c.y += s.body * 0.3;
            c.paragraph(
                &french(&city),
                Style::new(s.heading, Weight::Bold).color(ACCENT),
                w,
            );
            c.rule(ACCENT, 0.8);
            c.y += s.body * 0.3;
        }
        c.paragraph(&french(&site.name), Style::new(s.body, Weight::Bold), w);
        c.paragraph(&french(&entry), Style::new(s.body, Weight::Regular), w);
        c.y += s.body * 0.6;
    }
    if sites.is_empty() {
        c.paragraph(
            "Aucun lieu n'est encore enregistré.",
            Style::new(s.body, Weight::Regular),
            w,
        );
    }
    c.finish(&Meta {
        title: "Se faire aider pour le numérique – lieux et horaires",
        subject: "Les lieux de médiation numérique du réseau et leurs horaires",
        author: "Permanences",
    })
}

fn entry_text(site: &Site, permanences: &[Permanence]) -> String {
    let mut lines = vec![format!("{}, {} {}", site.address, site.postcode, site.city)];
    if let Some(phone) = &site.phone {
        lines.push(format!("Tél. {phone}"));
    }
    for (i, day) in WEEKDAYS.iter().enumerate() {
        for l in day_lines(permanences, (i + 1) as u8) {
            lines.push(format!("{day} {l}"));
        }
    }
    lines.join("\n")
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
        appointment_id: crate::appointment::AppointmentId,
    },
    /// A site's day at the desk (internal). The date as typed: "30/03/2027" or "2027-03-30".
    #[serde(rename_all = "camelCase")]
    DaySheet { site_id: SiteId, date: String },
    /// A site's week at the desk (internal), given any day of it.
    #[serde(rename_all = "camelCase")]
    WeekSheet { site_id: SiteId, date: String },
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

/// Builds the document asked for.
pub fn render(
    conn: &Connection,
    request: &DocumentRequest,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Pdf, String)> {
    Ok(match request {
        DocumentRequest::Poster { site_id, options } => {
            let name = site::get(conn, *site_id)?.name;
            (
                site_poster(conn, *site_id, options.clone())?,
                format!("affiche-{}.pdf", slug(&name)),
            )
        }
        DocumentRequest::Network { options } => (
            network_leaflet(conn, options.clone())?,
            "lieux-et-horaires.pdf".to_owned(),
        ),
        DocumentRequest::Slip { appointment_id } => (
            appointment_slip(conn, *appointment_id)?,
            format!("rendez-vous-{}.pdf", appointment_id.0),
        ),
        DocumentRequest::DaySheet { site_id, date } => {
            let date = typed_date(date)?;
            (
                day_sheet(conn, *site_id, date, now)?,
                format!("feuille-du-jour-{date}.pdf"),
            )
        }
        DocumentRequest::WeekSheet { site_id, date } => {
            let date = typed_date(date)?;
            (
                week_sheet(conn, *site_id, date, now)?,
                format!("semaine-{date}.pdf"),
            )
        }
    })
}

/// A date as typed in the form; empty means today.
fn typed_date(text: &str) -> Result<NaiveDate> {
    crate::validate::optional_date("date", "Jour", &Some(text.to_owned()))
        .map(|d| d.unwrap_or_else(permanence::today))
}

/// The preview of the document asked for.
pub fn preview(
    conn: &Connection,
    request: &DocumentRequest,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<DocumentPreview> {
    let (pdf, file_name) = render(conn, request, now)?;
    Ok(DocumentPreview {
        svg: pdf.preview,
        pages: u32::try_from(pdf.pages).unwrap_or(u32::MAX),
        kilobytes: u32::try_from(pdf.bytes.len().div_ceil(1024)).unwrap_or(u32::MAX),
        file_name,
        internal: matches!(
            request,
            DocumentRequest::DaySheet { .. } | DocumentRequest::WeekSheet { .. }
        ),
    })
}

/// Builds the document and writes it to `path` (chosen by the person in a save dialog).
pub fn save(
    conn: &Connection,
    request: &DocumentRequest,
    path: &std::path::Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let (pdf, _) = render(conn, request, now)?;
    crate::pdf::save(path, &pdf.bytes)
}

/// "Médiathèque Olympe de Gouges" → "mediatheque-olympe-de-gouges".
fn slug(name: &str) -> String {
    let plain: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect();
    plain
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
