//! Pictures in the flow of the text (a screen of the app in the guide), with their
//! alternative text for screen readers; and what lets a reader move in a long document: text
//! and links written on an earlier page (a table of contents filled in once the pages are
//! known), bookmarks of the outline.

use printpdf::{Actions, Destination, DictItem, LinkAnnotation, Op, Pt, Rect};

use super::{Canvas, Style};
use crate::error::{Error, Result};

impl Canvas {
    /// Draws a picture (PNG or JPEG bytes) at the cursor, from the left margin, scaled in
    /// proportion to at most `width` × `max_h` points, on the next page if it and the `below`
    /// points kept under it (its caption) do not fit in what is left of this one; moves the
    /// cursor below it. `alt` is its alternative text (the `/Alt` of a `Span` marked-content
    /// sequence: what a screen reader says). Returns the drawn width and height.
    pub fn picture(
        &mut self,
        bytes: &[u8],
        alt: &str,
        (width, max_h): (f32, f32),
        below: f32,
    ) -> Result<(f32, f32)> {
        let raw = printpdf::RawImage::decode_from_bytes(bytes, &mut Vec::new()).map_err(|e| {
            Error::invalid(
                "image",
                format!("Image illisible ({e}) : un fichier PNG ou JPEG est attendu."),
            )
        })?;
        let (px_w, px_h) = (raw.width.max(1) as f32, raw.height.max(1) as f32);
        let max_h = max_h.min(self.height() - 2.0 * self.margin);
        let scale = (width / px_w).min(max_h / px_h);
        let (w, h) = (px_w * scale, px_h * scale);
        self.keep(h + below);
        let id = printpdf::XObjectId::new();
        let alt = DictItem::Dict {
            map: [("Alt".to_owned(), text_string(alt))].into(),
        };
        self.ops.extend([
            Op::BeginMarkedContentWithProperties {
                tag: "Span".to_owned(),
                properties: alt,
            },
            Op::UseXobject {
                id: id.clone(),
                transform: printpdf::XObjectTransform {
                    translate_x: Some(Pt(self.margin)),
                    translate_y: Some(Pt(self.height() - self.y - h)),
                    scale_x: Some(scale),
                    scale_y: Some(scale),
                    // One pixel is one point before scaling.
                    dpi: Some(72.0),
                    ..Default::default()
                },
            },
            Op::EndMarkedContentWithProperties,
        ]);
        self.images.push((id, raw));
        self.y += h;
        Ok((w, h))
    }

    /// Writes one line of text on page `page` (1 for the first), already laid out or the
    /// current one, with its top at (`x`, `top`).
    pub fn line_on_page(&mut self, page: usize, x: f32, top: f32, text: &str, style: Style) {
        self.on_page(page, |c| c.line_at(x, top, text, style));
    }

    /// Makes the area (`x`, `top`, `w`, `h`) of page `page` a link to the top of page `target`.
    pub fn link_on_page(&mut self, page: usize, area: (f32, f32, f32, f32), target: usize) {
        let (x, top, w, h) = area;
        let rect = Rect {
            x: Pt(x),
            y: Pt(self.height() - top - h),
            width: Pt(w),
            height: Pt(h),
            mode: None,
            winding_order: None,
        };
        let link = LinkAnnotation::new(
            rect,
            Actions::go_to(Destination::Xyz {
                page: target,
                left: None,
                top: None,
                zoom: None,
            }),
            // No frame around the link: the printed page shows nothing more.
            Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
            None,
            None,
        );
        self.on_page(page, |c| c.ops.push(Op::LinkAnnotation { link }));
    }

    /// Adds an entry to the document's outline (its bookmarks), pointing at the current page.
    pub fn bookmark(&mut self, title: &str) {
        let page = self.page_count();
        self.bookmarks.push((title.to_owned(), page));
    }

    /// Runs `draw` with page `page`'s operations as the current ones.
    fn on_page(&mut self, page: usize, draw: impl FnOnce(&mut Canvas)) {
        let Some(index) = page.checked_sub(1) else {
            return;
        };
        if index >= self.pages.len() {
            draw(self);
            return;
        }
        std::mem::swap(&mut self.ops, &mut self.pages[index].ops);
        draw(self);
        std::mem::swap(&mut self.ops, &mut self.pages[index].ops);
    }
}

/// A PDF text string: UTF-16BE with its byte-order mark, as a hexadecimal string.
fn text_string(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    DictItem::String {
        data,
        literal: false,
    }
}
