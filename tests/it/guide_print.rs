//! The printed guide as a reader meets it: the picture of each task's screen drawn across the
//! text width inside the margins, with its alternative text (pdfimages, and the page content
//! read back with lopdf); a table of contents whose page numbers are the pages where the tasks
//! start (pdftotext page by page), and the same entries in the PDF's outline.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::now;
use crate::common::tools::root;
use permanences::documents::guide::{self, Block, PAGES};
use permanences::documents::pdf::typo::french;
use permanences::documents::pdf::Pdf;

/// A4 in points, and the guide's margin.
const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 56.0;

/// A picture a page of docs/guide/ links: (task number from 1, alt text, file name).
fn linked() -> Vec<(usize, String, String)> {
    PAGES
        .iter()
        .enumerate()
        .flat_map(|(n, (_, markdown))| {
            guide::parse(markdown)
                .into_iter()
                .filter_map(move |b| match b {
                    Block::Picture { alt, src } => {
                        Some((n + 1, alt, guide::picture_name(&src).to_owned()))
                    }
                    _ => None,
                })
        })
        .collect()
}

fn screenshots() -> PathBuf {
    root().join("docs/screenshots")
}

/// The guide with the repository's pictures, written to a file for poppler's tools.
fn written(name: &str, pdf: &Pdf) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("guide");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, &pdf.bytes).unwrap();
    file
}

fn poppler(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (make test installs poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} failed: {:?}", out.stderr);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Width and height in pixels of a PNG file (its IHDR chunk).
fn png_size(file: &Path) -> (u32, u32) {
    let bytes = std::fs::read(file).unwrap();
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The pages where the tasks start, as the table of contents of page 1 gives them.
fn contents_pages(file: &Path) -> Vec<usize> {
    let cover = poppler("pdftotext", &["-layout", "-f", "1", "-l", "1"], file);
    PAGES
        .iter()
        .enumerate()
        .map(|(n, (_, markdown))| {
            let title = printed(&guide::title(markdown).unwrap());
            let entry = format!("{}. {title}", n + 1);
            let line = cover
                .lines()
                .find(|l| l.trim_start().starts_with(&entry))
                .unwrap_or_else(|| panic!("« {entry} » is a line of the contents: {cover}"));
            let number = line.split_whitespace().last().unwrap();
            number
                .parse()
                .unwrap_or_else(|_| panic!("« {line} » ends with its page number"))
        })
        .collect()
}

/// A title as printed: French typography, its non-breaking spaces read back as spaces.
fn printed(text: &str) -> String {
    french(text).replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn the_contents_give_the_page_where_each_task_starts() {
    let pictures = guide::pictures_in(screenshots());
    let pdf = guide::guide_pdf(now(), &pictures).unwrap();
    let file = written("guide-sommaire.pdf", &pdf);
    let pages = contents_pages(&file);
    assert!(
        pages.windows(2).all(|w| w[0] < w[1]) && pages[0] == 2,
        "the tasks follow the cover, in order, each from a new page: {pages:?}"
    );
    for (n, ((_, markdown), page)) in PAGES.iter().zip(&pages).enumerate() {
        let heading = format!("{}. {}", n + 1, printed(&guide::title(markdown).unwrap()));
        let p = page.to_string();
        let text = poppler("pdftotext", &["-layout", "-f", &p, "-l", &p], &file);
        assert!(
            text.lines().any(|l| l.trim() == heading),
            "page {p} is headed « {heading} »: {text:.300}"
        );
        if n > 0 {
            let before = (page - 1).to_string();
            let text = poppler("pdftotext", &["-f", &before, "-l", &before], &file);
            assert!(
                !text.contains(&heading),
                "« {heading} » starts on page {p}, not before"
            );
        }
    }
    // The same entries in the outline (bookmarks), pointing at the same pages.
    let outline = outline(&pdf.bytes);
    let expected: Vec<(String, usize)> = std::iter::once(("Sommaire".to_owned(), 1))
        .chain(
            PAGES
                .iter()
                .zip(&pages)
                .enumerate()
                .map(|(n, ((_, m), p))| (format!("{}. {}", n + 1, guide::title(m).unwrap()), *p)),
        )
        .collect();
    assert_eq!(
        outline, expected,
        "the outline lists the cover and every task"
    );
}

/// The document outline: (title, page from 1), first to last.
fn outline(bytes: &[u8]) -> Vec<(String, usize)> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut item = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .ok()
        .cloned();
    let mut out = Vec::new();
    while let Some(lopdf::Object::Reference(id)) = item {
        let dict = doc.get_dictionary(id).unwrap();
        let title = lopdf::decode_text_string(dict.get(b"Title").unwrap()).unwrap();
        let dest = dict.get(b"Dest").unwrap().as_array().unwrap();
        let target = dest[0].as_reference().unwrap();
        let page = pages.iter().position(|p| *p == target).unwrap() + 1;
        out.push((title, page));
        item = dict.get(b"Next").ok().cloned();
    }
    out
}

#[test]
fn each_linked_picture_is_drawn_once_across_the_text_width_inside_the_margins() {
    let pictures = guide::pictures_in(screenshots());
    let pdf = guide::guide_pdf(now(), &pictures).unwrap();
    let file = written("guide-images.pdf", &pdf);
    let linked = linked();
    assert!(linked.len() >= PAGES.len(), "every task shows its screen");
    let pages = contents_pages(&file);
    // pdfimages -list: page num type width height color comp bpc enc interp object ID x-ppi y-ppi …
    let list = poppler("pdfimages", &["-list"], &file);
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows.len(),
        linked.len(),
        "one image per picture linked by docs/guide: {list}"
    );
    let inner = PAGE.0 - 2.0 * MARGIN;
    for ((task, alt, name), row) in linked.iter().zip(&rows) {
        let page: usize = row[0].parse().unwrap();
        let start = pages[task - 1];
        let end = pages.get(*task).copied().unwrap_or(pdf.pages + 1);
        assert!(
            (start..end).contains(&page),
            "{name} is on a page of task {task} ({start}..{end}), not {page}"
        );
        let (w, h): (u32, u32) = (row[3].parse().unwrap(), row[4].parse().unwrap());
        assert_eq!(
            (w, h),
            png_size(&screenshots().join(name)),
            "{name}, in its own pixels"
        );
        let (xppi, yppi): (f32, f32) = (row[12].parse().unwrap(), row[13].parse().unwrap());
        assert!(
            (xppi - yppi).abs() < 1.0,
            "{name} keeps its proportions: {row:?}"
        );
        let drawn = w as f32 * 72.0 / xppi;
        assert!(
            (drawn - inner).abs() < 1.5,
            "{name} spans the text width: {drawn} pt"
        );
        assert!(
            pdf_text_has(&file, page, &printed(alt)),
            "the caption « {alt} » follows {name} on page {page}"
        );
    }
    let drawn = drawn_images(&pdf.bytes);
    assert_eq!(drawn.len(), linked.len(), "each picture is drawn once");
    for ((_, alt, name), (rect, image_alt)) in linked.iter().zip(drawn) {
        let (x0, y0, x1, y1) = rect;
        assert!(
            x0 >= MARGIN - 0.5
                && y0 >= MARGIN - 0.5
                && x1 <= PAGE.0 - MARGIN + 0.5
                && y1 <= PAGE.1 - MARGIN + 0.5,
            "{name} is drawn inside the margins: {rect:?}"
        );
        assert_eq!(
            image_alt.as_deref(),
            Some(alt.as_str()),
            "{name} has its alternative text"
        );
    }
}

fn pdf_text_has(file: &Path, page: usize, caption: &str) -> bool {
    let p = page.to_string();
    let text = poppler("pdftotext", &["-f", &p, "-l", &p], file);
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.contains(caption)
}

/// A box on the page: (x0, y0, x1, y1) in points from the bottom-left corner.
type Area = (f32, f32, f32, f32);

/// Each image drawn, in order: its box in points (x0, y0, x1, y1 from the bottom-left) and
/// the `/Alt` of the marked-content sequence around it.
fn drawn_images(bytes: &[u8]) -> Vec<(Area, Option<String>)> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    for page in doc.get_pages().into_values() {
        let content = doc.get_and_decode_page_content(page).unwrap();
        let mut stack = vec![[1.0f32, 0.0, 0.0, 1.0, 0.0, 0.0]];
        let mut alt: Option<String> = None;
        for op in content.operations {
            let num = |i: usize| op.operands[i].as_float().unwrap();
            match op.operator.as_str() {
                "q" => stack.push(*stack.last().unwrap()),
                "Q" => {
                    stack.pop();
                }
                "cm" => {
                    let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    let c = stack.last_mut().unwrap();
                    *c = [
                        m[0] * c[0] + m[1] * c[2],
                        m[0] * c[1] + m[1] * c[3],
                        m[2] * c[0] + m[3] * c[2],
                        m[2] * c[1] + m[3] * c[3],
                        m[4] * c[0] + m[5] * c[2] + c[4],
                        m[4] * c[1] + m[5] * c[3] + c[5],
                    ];
                }
                "BDC" => {
                    alt = op.operands[1]
                        .as_dict()
                        .ok()
                        .and_then(|d| d.get(b"Alt").ok())
                        .and_then(|a| lopdf::decode_text_string(a).ok());
                }
                "EMC" => alt = None,
                "Do" => {
                    let c = stack.last().unwrap();
                    out.push(((c[4], c[5], c[4] + c[0], c[5] + c[3]), alt.clone()));
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn without_its_pictures_the_guide_names_them() {
    let pdf = guide::guide_pdf(now(), &|_| None).unwrap();
    let file = written("guide-sans-images.pdf", &pdf);
    let list = poppler("pdfimages", &["-list"], &file);
    assert_eq!(list.lines().count(), 2, "no image, only the header: {list}");
    let text = poppler("pdftotext", &[], &file);
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (_, alt, _) in linked() {
        let named = format!("Image dans l’application : {}", printed(&alt));
        assert!(folded.contains(&named), "« {named} » in {folded:.300}");
    }
    let refused = guide::pictures_in(screenshots());
    assert_eq!(
        refused("../guide/01-premiers-pas.md"),
        None,
        "a path is not a picture name"
    );
    assert!(refused("premiers-pas.png").is_some());
}
