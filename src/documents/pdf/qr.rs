//! QR codes as vector squares: crisp at any print size, a few hundred bytes; on screen, the
//! same runs of dark modules drawn as SVG rectangles.

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};
use serde::Serialize;
use specta::Type;

use crate::error::{Error, Result};

/// A QR code as runs of dark modules, for drawing: no image, nothing to decode twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct QrRuns {
    /// Modules across, the four-module quiet zone on each side included.
    pub side: u32,
    /// (x, y, length) of each horizontal run of dark modules, from the top-left.
    pub runs: Vec<[u32; 3]>,
}

/// The QR code of `data` (error correction M). A text beyond ASCII (a reminder's « é »)
/// starts with the UTF-8 designator (ECI 26), so that a reader need not guess the encoding.
fn encode(data: &str) -> Result<QrCode> {
    let too_long = |_: qrcode::types::QrError| {
        Error::invalid(
            "qr",
            "Texte trop long pour un code QR (moins de 2 000 caractères environ) : raccourcissez-le.",
        )
    };
    if data.is_ascii() {
        return QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).map_err(too_long);
    }
    let mut last = qrcode::types::QrError::DataTooLong;
    for version in 1..=40 {
        let mut bits = Bits::new(Version::Normal(version));
        let fitted = bits
            .push_eci_designator(26)
            .and_then(|()| bits.push_byte_data(data.as_bytes()))
            .and_then(|()| bits.push_terminator(EcLevel::M));
        match fitted {
            Ok(()) => return QrCode::with_bits(bits, EcLevel::M).map_err(too_long),
            Err(e) => last = e,
        }
    }
    Err(too_long(last))
}

/// The QR code of `data`, as runs of dark modules.
pub fn runs(data: &str) -> Result<QrRuns> {
    let code = encode(data)?;
    let n = code.width();
    let colors = code.to_colors();
    let mut out = Vec::new();
    let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors.get(row * n + col) == Some(&Color::Dark) {
                let start = col;
                while col < n && colors.get(row * n + col) == Some(&Color::Dark) {
                    col += 1;
                }
                // Four modules of quiet zone on each side, as the standard asks.
                out.push([at(start + 4), at(row + 4), at(col - start)]);
            } else {
                col += 1;
            }
        }
    }
    Ok(QrRuns {
        side: at(n + 8),
        runs: out,
    })
}

/// Dark cells of the QR code of `data`, `side` points wide (quiet zone included), as
/// (x, y, width, height) from the top-left; horizontal runs are merged.
pub fn cells(data: &str, side: f32) -> Result<Vec<(f32, f32, f32, f32)>> {
    let code = runs(data)?;
    let module = side / code.side as f32;
    Ok(code
        .runs
        .iter()
        .map(|[x, y, w]| {
            (
                *x as f32 * module,
                *y as f32 * module,
                *w as f32 * module,
                module,
            )
        })
        .collect())
}
