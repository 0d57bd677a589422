//! A small page-layout engine over printpdf: measured text that wraps (never overflows its
//! box), headings, rules, filled boxes, QR codes, pages that flow, and documents saved with
//! their metadata, fonts embedded and subset. The leaflets, slips and day sheets are built on it.

mod finish;
mod fonts;
mod picture;
pub mod qr;
mod table;
pub mod typo;

use printpdf::{
    Color, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point, Pt, Rect, Rgb,
    TextItem, WindingOrder,
};

use crate::error::{Error, Result};
pub use finish::Pdf;
pub use fonts::Weight;
pub use table::Column;

/// Paper sizes, portrait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    A5,
    A6,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        let mm = |w: f32, h: f32| (Mm(w).into_pt().0, Mm(h).into_pt().0);
        match self {
            Paper::A4 => mm(210.0, 297.0),
            Paper::A5 => mm(148.0, 210.0),
            Paper::A6 => mm(105.0, 148.0),
        }
    }
}

/// An RGB colour, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb8(pub u8, pub u8, pub u8);

impl Rgb8 {
    pub const BLACK: Rgb8 = Rgb8(0, 0, 0);
    pub const WHITE: Rgb8 = Rgb8(255, 255, 255);

    fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.0) / 255.0,
            g: f32::from(self.1) / 255.0,
            b: f32::from(self.2) / 255.0,
            icc_profile: None,
        })
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    pub color: Rgb8,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl Style {
    pub fn new(size: f32, weight: Weight) -> Self {
        Style {
            size,
            weight,
            color: Rgb8::BLACK,
            leading: 1.3,
        }
    }

    pub fn color(self, color: Rgb8) -> Self {
        Style { color, ..self }
    }
}

/// Document metadata.
pub struct Meta<'a> {
    pub title: &'a str,
    /// When the document was made (its creation date): the caller's "now", so that the
    /// same data and instant give the same file.
    pub created: chrono::DateTime<chrono::Utc>,
    pub subject: &'a str,
    pub author: &'a str,
}

/// Pages being laid out, top to bottom, with a cursor. Coordinates are points from the top-left
/// corner of the page (converted to PDF's bottom-left origin when drawn).
pub struct Canvas {
    paper: Paper,
    pub margin: f32,
    /// Distance from the top of the page to the next free line.
    pub y: f32,
    ops: Vec<Op>,
    pages: Vec<PdfPage>,
    fonts: fonts::Fonts,
    images: Vec<(printpdf::XObjectId, printpdf::RawImage)>,
    /// The outline: (title, page from 1), in page order.
    bookmarks: Vec<(String, usize)>,
    /// Drawn at the top of every page after the first (e.g. "suite").
    pub running_head: Option<(String, Style)>,
}

impl Canvas {
    pub fn new(paper: Paper, margin: f32) -> Result<Self> {
        Ok(Canvas {
            paper,
            margin,
            y: margin,
            ops: Vec::new(),
            pages: Vec::new(),
            fonts: fonts::Fonts::load()?,
            images: Vec::new(),
            bookmarks: Vec::new(),
            running_head: None,
        })
    }

    pub fn width(&self) -> f32 {
        self.paper.size().0
    }

    pub fn height(&self) -> f32 {
        self.paper.size().1
    }

    /// Width available between the margins.
    pub fn inner_width(&self) -> f32 {
        self.width() - 2.0 * self.margin
    }

    /// Space left before the bottom margin.
    pub fn room(&self) -> f32 {
        self.height() - self.margin - self.y
    }

    /// Width of `text` in `style`, in points.
    pub fn measure(&self, text: &str, style: Style) -> f32 {
        self.fonts.measure(text, style.weight, style.size)
    }

    /// Breaks `text` into lines no wider than `width` (a word longer than the line is cut),
    /// after French typography is applied (non-breaking spaces never break).
    pub fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let text = typo::french(text);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.measure(&candidate, style) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A single word wider than the line: cut it where it fits.
                let mut rest = word.to_owned();
                while self.measure(&rest, style) > width {
                    let mut cut = rest.chars().count().saturating_sub(1);
                    while cut > 1
                        && self.measure(&rest.chars().take(cut).collect::<String>(), style) > width
                    {
                        cut -= 1;
                    }
                    let head: String = rest.chars().take(cut.max(1)).collect();
                    rest = rest.chars().skip(cut.max(1)).collect();
                    lines.push(head);
                }
                line = rest;
            }
            lines.push(line);
        }
        lines
    }

    /// Height that `text` wrapped to `width` takes.
    pub fn text_height(&self, text: &str, style: Style, width: f32) -> f32 {
        self.wrap(text, style, width).len() as f32 * style.size * style.leading
    }

    /// Starts a new page when less than `needed` points are left.
    pub fn keep(&mut self, needed: f32) {
        if self.room() < needed {
            self.new_page();
        }
    }

    /// Closes the current page and opens the next.
    pub fn new_page(&mut self) {
        let (w, h) = self.paper.size();
        let ops = std::mem::take(&mut self.ops);
        self.pages
            .push(PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), ops));
        self.y = self.margin;
        if let Some((text, style)) = self.running_head.clone() {
            self.paragraph(&text, style, self.inner_width());
            self.y += style.size * 0.5;
        }
    }

    /// Writes `text` at the cursor, wrapped to `width` from the left margin, and moves down.
    pub fn paragraph(&mut self, text: &str, style: Style, width: f32) {
        let x = self.margin;
        self.paragraph_at(x, text, style, width);
    }

    /// Writes wrapped text starting at `x`, flowing onto new pages if needed.
    pub fn paragraph_at(&mut self, x: f32, text: &str, style: Style, width: f32) {
        for line in self.wrap(text, style, width) {
            let line_height = style.size * style.leading;
            self.keep(line_height);
            self.line_at(x, self.y, &line, style);
            self.y += line_height;
        }
    }

    /// Writes one line of text with its top at (`x`, `top`), without moving the cursor.
    pub fn line_at(&mut self, x: f32, top: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        let baseline = top + style.size * self.fonts.ascent(style.weight);
        let font = self.fonts.id(style.weight);
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor {
                col: style.color.color(),
            },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(style.size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(self.height() - baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Writes `text` in the largest size from `style.size` down to `min` that fits in
    /// `max_lines` lines of `width`; returns the size used.
    pub fn fitted(
        &mut self,
        text: &str,
        style: Style,
        width: f32,
        max_lines: usize,
        min: f32,
    ) -> f32 {
        let mut size = style.size;
        while size > min && self.wrap(text, Style { size, ..style }, width).len() > max_lines {
            size -= 1.0;
        }
        self.paragraph(text, Style { size, ..style }, width);
        size
    }

    /// A filled rectangle (top-left corner, size).
    pub fn fill(&mut self, x: f32, top: f32, w: f32, h: f32, color: Rgb8) {
        self.ops.push(Op::SetFillColor { col: color.color() });
        self.rect(x, top, w, h, PaintMode::Fill);
    }

    /// A rectangle outline.
    pub fn frame(&mut self, x: f32, top: f32, w: f32, h: f32, color: Rgb8, thickness: f32) {
        self.ops.extend([
            Op::SetOutlineColor { col: color.color() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
        ]);
        self.rect(x, top, w, h, PaintMode::Stroke);
    }

    fn rect(&mut self, x: f32, top: f32, w: f32, h: f32, mode: PaintMode) {
        let y = self.height() - top - h;
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(w),
                height: Pt(h),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// A horizontal rule across the text width at the cursor.
    pub fn rule(&mut self, color: Rgb8, thickness: f32) {
        let y = self.height() - self.y;
        let (a, b) = (self.margin, self.width() - self.margin);
        self.ops.extend([
            Op::SetOutlineColor { col: color.color() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point { x: Pt(a), y: Pt(y) },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point { x: Pt(b), y: Pt(y) },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A QR code of `data`, `side` points wide, top-left at (`x`, `top`).
    pub fn qr(&mut self, x: f32, top: f32, side: f32, data: &str) -> Result<()> {
        for (cx, cy, cw, ch) in qr::cells(data, side)? {
            self.fill(x + cx, top + cy, cw, ch, Rgb8::BLACK);
        }
        Ok(())
    }

    /// Draws an image (PNG or JPEG bytes) scaled to fit in `max_w` × `max_h`, its top-right
    /// corner at (`right`, `top`); returns its drawn width and height.
    pub fn image(
        &mut self,
        bytes: &[u8],
        right: f32,
        top: f32,
        max_w: f32,
        max_h: f32,
    ) -> Result<(f32, f32)> {
        let raw = printpdf::RawImage::decode_from_bytes(bytes, &mut Vec::new()).map_err(|e| {
            Error::invalid(
                "logo",
                format!("Logo : image illisible ({e}). Choisissez un fichier PNG ou JPEG."),
            )
        })?;
        let (px_w, px_h) = (raw.width.max(1) as f32, raw.height.max(1) as f32);
        let scale = (max_w / px_w).min(max_h / px_h);
        let (w, h) = (px_w * scale, px_h * scale);
        let id = printpdf::XObjectId::new();
        self.ops.push(Op::UseXobject {
            id: id.clone(),
            transform: printpdf::XObjectTransform {
                translate_x: Some(Pt(right - w)),
                translate_y: Some(Pt(self.height() - top - h)),
                scale_x: Some(scale),
                scale_y: Some(scale),
                // One pixel is one point before scaling.
                dpi: Some(72.0),
                ..Default::default()
            },
        });
        self.images.push((id, raw));
        Ok((w, h))
    }

    /// Pages drawn so far, the current one included.
    pub fn page_count(&self) -> usize {
        self.pages.len() + 1
    }
}
