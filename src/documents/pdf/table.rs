//! Tables whose cells wrap, with a header row repeated on each page.

use super::{Canvas, Rgb8, Style, Weight};

/// A column: its share of the width and its header.
pub struct Column<'a> {
    pub share: f32,
    pub header: &'a str,
}

const PAD: f32 = 4.0;
const HEADER_FILL: Rgb8 = Rgb8(226, 232, 240);
const LINE: Rgb8 = Rgb8(150, 160, 175);

impl Canvas {
    /// Draws a table at the cursor, full text width.
    pub fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<String>], style: Style) {
        let total: f32 = columns.iter().map(|c| c.share).sum();
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| self.inner_width() * c.share / total)
            .collect();
        let header: Vec<String> = columns.iter().map(|c| c.header.to_owned()).collect();
        let bold = Style {
            weight: Weight::Bold,
            ..style
        };
        self.row(&header, &widths, bold, Some(HEADER_FILL));
        for row in rows {
            let h = self.row_height(row, &widths, style);
            if self.room() < h {
                self.new_page();
                self.row(&header, &widths, bold, Some(HEADER_FILL));
            }
            self.row(row, &widths, style, None);
        }
    }

    fn row_height(&self, cells: &[String], widths: &[f32], style: Style) -> f32 {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| self.text_height(c, style, w - 2.0 * PAD))
            .fold(style.size * style.leading, f32::max)
            + 2.0 * PAD
    }

    fn row(&mut self, cells: &[String], widths: &[f32], style: Style, fill: Option<Rgb8>) {
        let h = self.row_height(cells, widths, style);
        let top = self.y;
        let mut x = self.margin;
        if let Some(color) = fill {
            let w = self.inner_width();
            self.fill(x, top, w, h, color);
        }
        for (cell, w) in cells.iter().zip(widths) {
            let mut line_top = top + PAD;
            for line in self.wrap(cell, style, w - 2.0 * PAD) {
                self.line_at(x + PAD, line_top, &line, style);
                line_top += style.size * style.leading;
            }
            self.frame(x, top, *w, h, LINE, 0.5);
            x += w;
        }
        self.y = top + h;
    }
}
