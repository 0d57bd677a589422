//! Finishing a document: fonts embedded and subset, metadata (with the caller's instant as
//! creation date), the catalog's language, and the saved bytes.

use printpdf::{PdfDocument, PdfSaveOptions};

use super::{Canvas, Meta};
use crate::error::{Error, Result};

impl Canvas {
    /// Finishes the document: fonts embedded and subset, metadata, language `fr-FR`.
    pub fn finish(mut self, meta: &Meta<'_>) -> Result<Pdf> {
        self.new_page();
        let mut doc = PdfDocument::new(meta.title);
        self.fonts.register(&mut doc);
        for (id, raw) in self.images.drain(..) {
            doc.resources
                .xobjects
                .map
                .insert(id, printpdf::XObject::Image(raw));
        }
        // Any instant of chrono's range is a valid one for printpdf's `time`.
        let now = printpdf::OffsetDateTime::from_unix_timestamp(meta.created.timestamp())
            .map_err(|e| Error::Io(std::io::Error::other(format!("PDF : {e}"))))?;
        doc.metadata.info.author = meta.author.to_owned();
        doc.metadata.info.subject = meta.subject.to_owned();
        doc.metadata.info.creator = "Permanences".to_owned();
        doc.metadata.info.producer = format!("Permanences {}", env!("CARGO_PKG_VERSION"));
        doc.metadata.info.creation_date = now;
        doc.metadata.info.modification_date = now;
        doc.metadata.info.metadata_date = now;
        for (title, page) in &self.bookmarks {
            doc.add_bookmark(title, *page);
        }
        let pages = self.pages.len();
        doc.with_pages(self.pages);
        let mut warnings = Vec::new();
        let preview = doc.page_to_svg(1, &printpdf::PdfToSvgOptions::default(), &mut warnings);
        let bytes = doc.save(&save_options(), &mut warnings);
        Ok(Pdf {
            bytes: with_language(&bytes)?,
            pages,
            preview,
        })
    }
}

/// printpdf's defaults, but pictures kept in their own pixels, losslessly compressed: by
/// default an image over 2 MB of pixels (a screen of the app in the guide, 1280 pixels wide)
/// is scaled down, which blurs its small text.
fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
        image_optimization: Some(printpdf::ImageOptimizationOptions {
            max_image_size: None,
            format: Some(printpdf::ImageCompression::Flate),
            ..Default::default()
        }),
        ..PdfSaveOptions::default()
    }
}

/// A finished PDF.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// The first page as SVG, for an on-screen preview.
    pub preview: Option<String>,
}

impl Pdf {
    /// Its size in kilobytes, rounded up.
    pub fn kilobytes(&self) -> usize {
        self.bytes.len().div_ceil(1024)
    }

    /// What the person is told once it is written: « 1 page, 28 Ko ».
    pub fn summary(&self) -> String {
        let pages = i64::try_from(self.pages).unwrap_or(i64::MAX);
        format!(
            "{}, {} Ko",
            crate::fr::count(pages, "page", "pages"),
            self.kilobytes()
        )
    }
}

/// Adds `/Lang (fr-FR)` to the document catalog (screen readers and PDF/UA checkers read it).
fn with_language(bytes: &[u8]) -> Result<Vec<u8>> {
    let broken = |e: lopdf::Error| Error::Io(std::io::Error::other(format!("PDF : {e}")));
    let mut doc = lopdf::Document::load_mem(bytes).map_err(broken)?;
    doc.catalog_mut()
        .map_err(broken)?
        .set("Lang", lopdf::Object::string_literal("fr-FR"));
    let mut out = Vec::with_capacity(bytes.len() + 32);
    doc.save_to(&mut out)?;
    Ok(out)
}
