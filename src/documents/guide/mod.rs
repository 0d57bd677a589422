//! The « Guide de Permanences » in PDF: the pages of `docs/guide/`, the same Markdown the app
//! shows under « Aide » (ui/src/lib/markdown.ts reads it there), embedded at build time; a
//! cover whose table of contents gives each task's page (and links to it, as the outline
//! does), then each task with the picture of its screen.
//!
//! The pictures are not embedded here: the packaged app already carries them once, in its
//! UI bundle, and gives them through a [`Pictures`] lookup; tests and the core's own command
//! line read them in `docs/screenshots` ([`pictures_in`]).

mod markdown;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

pub use markdown::{parse, plain, title, Block};

use crate::documents::pdf::{Canvas, Meta, Paper, Pdf, Rgb8, Style, Weight};
use crate::error::Result;

// The leaflets' colours (documents::leaflet, which renders this guide: not imported back).
const ACCENT: Rgb8 = Rgb8(31, 95, 139);
const SOFT: Rgb8 = Rgb8(74, 85, 102);

/// A page of `docs/guide/`, embedded: (file name, Markdown).
macro_rules! page {
    ($file:literal) => {
        (
            $file,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide/", $file)),
        )
    };
}

/// The guide's pages, in order: (file name, Markdown). A test checks that every file of
/// `docs/guide/` is here.
pub const PAGES: [(&str, &str); 11] = [
    page!("01-premiers-pas.md"),
    page!("02-prendre-un-rendez-vous.md"),
    page!("03-sans-rendez-vous.md"),
    page!("04-liste-d-attente.md"),
    page!("05-noter-un-accompagnement.md"),
    page!("06-retrouver-et-prevenir.md"),
    page!("07-partager.md"),
    page!("08-imprimer-pour-le-public.md"),
    page!("09-rendre-compte.md"),
    page!("10-proteger-les-donnees.md"),
    page!("11-sauvegarder-et-restaurer.md"),
];

/// Finds a picture of the guide by its file name (« premiers-pas.png »): its PNG bytes, or
/// `None` when there is none (the page then names the picture in words).
pub type Pictures<'a> = &'a dyn Fn(&str) -> Option<Vec<u8>>;

/// The pictures of a folder (`docs/screenshots` of the repository): a plain file name only,
/// never a path that leaves the folder.
pub fn pictures_in(dir: PathBuf) -> impl Fn(&str) -> Option<Vec<u8>> {
    move |name: &str| {
        let plain = !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.');
        plain.then(|| std::fs::read(dir.join(name)).ok()).flatten()
    }
}

/// The file name of a picture as a page links it: « ../screenshots/agenda.png » → « agenda.png ».
pub fn picture_name(src: &str) -> &str {
    src.rsplit('/').next().unwrap_or(src)
}

/// The guide as a PDF (A4): a cover with the table of contents, then one page (or more) per
/// task, each with the pictures `pictures` finds, drawn across the text width.
pub fn guide_pdf(now: DateTime<Utc>, pictures: Pictures<'_>) -> Result<Pdf> {
    let mut c = Canvas::new(Paper::A4, 56.0)?;
    let contents = cover(&mut c);
    c.running_head = Some(("Guide de Permanences".to_owned(), styles().note));
    let mut starts = Vec::with_capacity(PAGES.len());
    for (n, (_, markdown)) in PAGES.iter().enumerate() {
        c.new_page();
        starts.push(c.page_count());
        task(&mut c, n + 1, markdown, pictures);
    }
    fill_contents(&mut c, &contents, &starts);
    c.finish(&Meta {
        title: "Guide de Permanences",
        created: now,
        subject: "Les gestes de l'accueil d'une permanence numérique, pas à pas",
        author: "Permanences",
    })
}

/// The guide's text styles.
struct Styles {
    body: Style,
    h1: Style,
    h2: Style,
    note: Style,
}

fn styles() -> Styles {
    Styles {
        body: Style {
            leading: 1.45,
            ..Style::new(11.5, Weight::Regular)
        },
        h1: Style::new(22.0, Weight::Bold).color(ACCENT),
        h2: Style::new(14.0, Weight::Bold).color(ACCENT),
        note: Style::new(10.0, Weight::Regular).color(SOFT),
    }
}

/// Where a line of the table of contents is: its page and its top.
struct ContentsLine {
    page: usize,
    top: f32,
}

/// Room kept at the right of a contents line for its page number.
const NUMBER_WIDTH: f32 = 36.0;

/// The cover: title, purpose and the list of tasks, their page numbers left to
/// [`fill_contents`] (known once the tasks are laid out).
fn cover(c: &mut Canvas) -> Vec<ContentsLine> {
    let s = styles();
    let w = c.inner_width();
    c.bookmark("Sommaire");
    c.y += 80.0;
    c.paragraph(
        "Guide de Permanences",
        Style::new(34.0, Weight::Bold).color(ACCENT),
        w,
    );
    c.y += 8.0;
    c.paragraph(
        "Les gestes de l'accueil, pas à pas, pour une nouvelle médiatrice ou un nouveau médiateur.",
        Style::new(15.0, Weight::Regular),
        w,
    );
    c.y += 30.0;
    c.paragraph("Dans ce guide", s.h2, w);
    c.y += 4.0;
    let mut lines = Vec::with_capacity(PAGES.len());
    for (n, (_, markdown)) in PAGES.iter().enumerate() {
        let title = title(markdown).unwrap_or_default();
        let line = s.body.size * s.body.leading;
        c.keep(line);
        lines.push(ContentsLine {
            page: c.page_count(),
            top: c.y,
        });
        c.paragraph(&format!("{}. {title}", n + 1), s.body, w - NUMBER_WIDTH);
    }
    c.y += 24.0;
    c.paragraph(
        "Dans l'application, la touche F1 ouvre ce guide à la page de l'écran où vous êtes.",
        s.body,
        w,
    );
    lines
}

/// Writes each task's first page at the right of its contents line, and makes the line a
/// link to that page.
fn fill_contents(c: &mut Canvas, lines: &[ContentsLine], starts: &[usize]) {
    let body = styles().body;
    let right = c.width() - c.margin;
    for (line, start) in lines.iter().zip(starts) {
        let number = start.to_string();
        let x = right - c.measure(&number, body);
        c.line_on_page(line.page, x, line.top, &number, body);
        let area = (
            c.margin,
            line.top,
            right - c.margin,
            body.size * body.leading,
        );
        c.link_on_page(line.page, area, *start);
    }
}

/// One task of the guide, from the top of a page: its blocks, numbered `n`.
fn task(c: &mut Canvas, n: usize, markdown: &str, pictures: Pictures<'_>) {
    let Styles { body, h1, h2, note } = styles();
    let w = c.inner_width();
    for block in parse(markdown) {
        match block {
            Block::Heading { level: 1, text } => {
                c.bookmark(&format!("{n}. {text}"));
                c.paragraph(&format!("{n}. {text}"), h1, w);
                c.y += 8.0;
            }
            Block::Heading { text, .. } => {
                c.keep(h2.size * 4.0);
                c.y += 8.0;
                c.paragraph(&text, h2, w);
                c.y += 2.0;
            }
            Block::Paragraph(text) => {
                c.paragraph(&text, body, w);
                c.y += 6.0;
            }
            Block::List { ordered, items } => list(c, ordered, &items),
            Block::Picture { alt, src } => {
                let drawn = pictures(picture_name(&src)).is_some_and(|bytes| {
                    let caption = c.text_height(&alt, note, w) + 6.0;
                    picture(c, &bytes, &alt, caption)
                });
                let text = if drawn {
                    format!("{alt}.")
                } else {
                    format!("Image dans l'application : {alt}.")
                };
                c.paragraph(&text, note, w);
                c.y += 10.0;
            }
        }
    }
}

/// A picture across the text width, framed, with room for its caption kept below; `false`
/// when it cannot be read (its caption then says it is in the app).
fn picture(c: &mut Canvas, bytes: &[u8], alt: &str, caption: f32) -> bool {
    let w = c.inner_width();
    // A tall picture leaves room for the running head and its caption.
    let max_h = c.height() - 2.0 * c.margin - 40.0 - caption;
    c.y += 4.0;
    match c.picture(bytes, alt, (w, max_h), caption + 6.0) {
        Ok((pw, ph)) => {
            c.frame(c.margin, c.y - ph, pw, ph, SOFT, 0.5);
            c.y += 6.0;
            true
        }
        Err(_) => false,
    }
}

/// A list, each item marked (« 1. » or « • ») in the left margin of its text.
fn list(c: &mut Canvas, ordered: bool, items: &[String]) {
    let body = styles().body;
    let w = c.inner_width();
    let indent = 20.0;
    for (k, item) in items.iter().enumerate() {
        let mark = if ordered {
            format!("{}.", k + 1)
        } else {
            "•".to_owned()
        };
        c.keep(body.size * body.leading);
        let top = c.y;
        c.line_at(c.margin, top, &mark, body);
        c.paragraph_at(c.margin + indent, item, body, w - indent);
        c.y += 3.0;
    }
    c.y += 4.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_docs_guide_is_a_page_of_the_pdf() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("docs/guide")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .collect();
        files.sort();
        let listed: Vec<&str> = PAGES.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            files, listed,
            "a page added to docs/guide/ must be added to PAGES"
        );
    }
}
