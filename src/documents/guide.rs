//! The « Guide de Permanences » in PDF: the pages of `docs/guide/`, the same Markdown the app
//! shows under « Aide » (ui/src/lib/markdown.ts reads it there), embedded at build time. The
//! Markdown is the guide's small part — headings, paragraphs, lists, pictures, **bold**,
//! `keys`, [links](page.md) — and anything else is printed as it is written.

use chrono::{DateTime, Utc};

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

/// One block of a guide page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading { level: u8, text: String },
    Paragraph(String),
    List { ordered: bool, items: Vec<String> },
    Picture { alt: String, src: String },
}

/// The text of a line with its marks removed: **bold** and `keys` keep their words, a link
/// keeps its text.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                out.push_str(&after[..end]);
                rest = &after[end + 2..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                out.push_str(&after[..end]);
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('[') {
            if let Some(close) = after.find("](") {
                if let Some(end) = after[close..].find(')') {
                    out.push_str(&after[..close]);
                    rest = &after[close + end + 1..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Reads a page's Markdown into blocks (its `<!-- écran : … -->` comment left out).
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    let mut list: Option<(bool, Vec<String>)> = None;
    fn flush(
        blocks: &mut Vec<Block>,
        paragraph: &mut Vec<String>,
        list: &mut Option<(bool, Vec<String>)>,
    ) {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(plain(&paragraph.join(" "))));
            paragraph.clear();
        }
        if let Some((ordered, items)) = list.take() {
            let items = items.iter().map(|i| plain(i)).collect();
            blocks.push(Block::List { ordered, items });
        }
    }
    for raw in markdown.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim();
        let hashes = line.chars().take_while(|&c| c == '#').count();
        let item = list_item(line);
        if trimmed.is_empty() || (trimmed.starts_with("<!--") && trimmed.ends_with("-->")) {
            flush(&mut blocks, &mut paragraph, &mut list);
        } else if (1..=3).contains(&hashes) && line[hashes..].starts_with(' ') {
            flush(&mut blocks, &mut paragraph, &mut list);
            blocks.push(Block::Heading {
                level: hashes as u8,
                text: line[hashes..].trim().to_owned(),
            });
        } else if let Some((alt, src)) = picture(trimmed) {
            flush(&mut blocks, &mut paragraph, &mut list);
            blocks.push(Block::Picture { alt, src });
        } else if let Some((ordered, text)) = item {
            if !paragraph.is_empty() || list.as_ref().is_some_and(|(o, _)| *o != ordered) {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            list.get_or_insert_with(|| (ordered, Vec::new()))
                .1
                .push(text.to_owned());
        } else if list.is_some() && raw.starts_with(char::is_whitespace) {
            // A continuation line of the last item.
            if let Some(last) = list.as_mut().and_then(|(_, items)| items.last_mut()) {
                last.push(' ');
                last.push_str(trimmed);
            }
        } else {
            if list.is_some() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            paragraph.push(trimmed.to_owned());
        }
    }
    flush(&mut blocks, &mut paragraph, &mut list);
    blocks
}

/// `- text` or `12. text`: (ordered, text).
fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(text) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, text.trim()));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(text) = line[digits..].strip_prefix(". ") {
            return Some((true, text.trim()));
        }
    }
    None
}

/// `![alt](src)` alone on its line.
fn picture(line: &str) -> Option<(String, String)> {
    let inner = line.strip_prefix("![")?.strip_suffix(')')?;
    let (alt, src) = inner.split_once("](")?;
    Some((alt.to_owned(), src.to_owned()))
}

/// The title of a page: its first `#` heading.
pub fn title(markdown: &str) -> Option<String> {
    parse(markdown).into_iter().find_map(|b| match b {
        Block::Heading { level: 1, text } => Some(text),
        _ => None,
    })
}

/// The guide as a PDF (A4): a cover with the pages' list, then one page (or more) per task.
/// The pictures of the screens are named, not drawn: the printed guide stays light, and the
/// app shows them.
pub fn guide_pdf(now: DateTime<Utc>) -> Result<Pdf> {
    let mut c = Canvas::new(Paper::A4, 56.0)?;
    let w = c.inner_width();
    let body = Style {
        leading: 1.45,
        ..Style::new(11.5, Weight::Regular)
    };
    let h1 = Style::new(22.0, Weight::Bold).color(ACCENT);
    let h2 = Style::new(14.0, Weight::Bold).color(ACCENT);
    let note = Style::new(10.0, Weight::Regular).color(SOFT);

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
    c.paragraph("Dans ce guide", h2, w);
    c.y += 4.0;
    for (n, (_, markdown)) in PAGES.iter().enumerate() {
        let title = title(markdown).unwrap_or_default();
        c.paragraph(&format!("{}. {title}", n + 1), body, w);
    }
    c.y += 24.0;
    c.paragraph(
        "Dans l'application, la touche F1 ouvre ce guide à la page de l'écran où vous êtes.",
        body,
        w,
    );
    c.running_head = Some(("Guide de Permanences".to_owned(), note));

    for (n, (_, markdown)) in PAGES.iter().enumerate() {
        c.new_page();
        for block in parse(markdown) {
            match block {
                Block::Heading { level: 1, text } => {
                    c.paragraph(&format!("{}. {text}", n + 1), h1, w);
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
                Block::List { ordered, items } => {
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
                Block::Picture { alt, .. } => {
                    c.paragraph(&format!("Image dans l'application : {alt}."), note, w);
                    c.y += 6.0;
                }
            }
        }
    }
    c.finish(&Meta {
        title: "Guide de Permanences",
        created: now,
        subject: "Les gestes de l'accueil d'une permanence numérique, pas à pas",
        author: "Permanences",
    })
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

    #[test]
    fn reads_the_guides_markdown() {
        let blocks = parse(
            "# Titre\n\n<!-- écran : agenda -->\n\nUn **mot**, `F1`, [là](02-x.md).\n\n1. un\n2. deux\n   suite\n- a\n\n![Une image](../a.png)\n",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Titre".into()
                },
                Block::Paragraph("Un mot, F1, là.".into()),
                Block::List {
                    ordered: true,
                    items: vec!["un".into(), "deux suite".into()]
                },
                Block::List {
                    ordered: false,
                    items: vec!["a".into()]
                },
                Block::Picture {
                    alt: "Une image".into(),
                    src: "../a.png".into()
                },
            ]
        );
        assert_eq!(
            plain("a ** b"),
            "a ** b",
            "an unclosed mark stays as written"
        );
    }
}
