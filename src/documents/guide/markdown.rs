//! The guide's Markdown, read into blocks: headings, paragraphs, lists, pictures, with
//! **bold**, `keys` and [links](page.md) reduced to their words. Anything else is printed as
//! it is written.

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

#[cfg(test)]
mod tests {
    use super::*;

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
