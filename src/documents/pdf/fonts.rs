//! The embedded typeface (Atkinson Hyperlegible, SIL OFL), parsed once, with glyph metrics for
//! measuring text.

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont, PdfDocument};

use crate::error::{Error, Result};

const REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/AtkinsonHyperlegible-Regular.ttf"
));
const BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/AtkinsonHyperlegible-Bold.ttf"
));

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

struct Face {
    parsed: ParsedFont,
    units_per_em: f32,
    ascent: f32,
}

fn faces() -> Result<&'static (Face, Face)> {
    static FACES: OnceLock<Option<(Face, Face)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let load = |bytes: &[u8]| {
                let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
                let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
                let ascent = parsed.font_metrics.ascent / units_per_em;
                Some(Face {
                    parsed,
                    units_per_em,
                    ascent,
                })
            };
            Some((load(REGULAR)?, load(BOLD)?))
        })
        .as_ref()
        .ok_or_else(|| {
            Error::Io(std::io::Error::other(
                "police Atkinson Hyperlegible illisible",
            ))
        })
}

/// The two faces, and their ids once registered in a document.
pub struct Fonts {
    faces: &'static (Face, Face),
    ids: Option<(FontId, FontId)>,
}

impl Fonts {
    pub fn load() -> Result<Self> {
        Ok(Fonts {
            faces: faces()?,
            ids: None,
        })
    }

    fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.faces.0,
            Weight::Bold => &self.faces.1,
        }
    }

    /// Width of `text` at `size` points.
    pub fn measure(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let face = self.face(weight);
        let units: u32 = text
            .chars()
            .map(|c| {
                face.parsed
                    .lookup_glyph_index(u32::from(c))
                    .map_or(0, |g| u32::from(face.parsed.get_horizontal_advance(g)))
            })
            .sum();
        units as f32 * size / face.units_per_em
    }

    /// Height above the baseline, as a share of the size.
    pub fn ascent(&self, weight: Weight) -> f32 {
        self.face(weight).ascent
    }

    /// The id under which `weight` is drawn. Ids are fixed before the first page is drawn.
    pub fn id(&mut self, weight: Weight) -> FontId {
        let (regular, bold) = self
            .ids
            .get_or_insert_with(|| (FontId::new(), FontId::new()));
        match weight {
            Weight::Regular => regular.clone(),
            Weight::Bold => bold.clone(),
        }
    }

    /// Adds both faces to `doc` under the ids used while drawing.
    pub fn register(&mut self, doc: &mut PdfDocument) {
        let (regular, bold) = self
            .ids
            .get_or_insert_with(|| (FontId::new(), FontId::new()))
            .clone();
        doc.resources
            .fonts
            .map
            .insert(regular, printpdf::PdfFont::new(self.faces.0.parsed.clone()));
        doc.resources
            .fonts
            .map
            .insert(bold, printpdf::PdfFont::new(self.faces.1.parsed.clone()));
    }
}
