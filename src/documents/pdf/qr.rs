//! QR codes as vector squares: crisp at any print size, a few hundred bytes.

use qrcode::{Color, EcLevel, QrCode};

use crate::error::{Error, Result};

/// Dark cells of the QR code of `data`, `side` points wide (quiet zone included), as
/// (x, y, width, height) from the top-left; horizontal runs are merged.
pub fn cells(data: &str, side: f32) -> Result<Vec<(f32, f32, f32, f32)>> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| Error::invalid("qr", format!("Adresse trop longue pour un code QR ({e}).")))?;
    let n = code.width();
    // Four modules of quiet zone on each side, as the standard asks.
    let module = side / (n + 8) as f32;
    let colors = code.to_colors();
    let mut out = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == Color::Dark {
                    col += 1;
                }
                out.push((
                    (start + 4) as f32 * module,
                    (row + 4) as f32 * module,
                    (col - start) as f32 * module,
                    module,
                ));
            } else {
                col += 1;
            }
        }
    }
    Ok(out)
}
