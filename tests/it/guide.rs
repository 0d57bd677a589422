//! The « Guide de Permanences » and the desk's memo, in PDF: the guide's text (read back by
//! pdftotext) has every page title of docs/guide/, and the memo is one A4 page in both prints.
//! From the core and from the command line (`permanences guide`, `leaflet --memo`).

use std::path::Path;
use std::process::Command;

use crate::common::tools::{cli as run, text};
use crate::common::*;
use permanences::documents::guide::{self, PAGES};
use permanences::documents::leaflet::{self, DocumentRequest};
use permanences::documents::pdf::typo::french;

/// pdfinfo's "Pages:" and "Page size:" of a PDF file.
fn pages_and_size(file: &Path) -> (String, String) {
    let out = Command::new("pdfinfo")
        .arg(file)
        .output()
        .expect("pdfinfo (make test installs poppler-utils)");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_else(|| panic!("{name} in pdfinfo's answer: {info}"))
    };
    (field("Pages:"), field("Page size:"))
}

#[test]
fn the_guide_pdf_has_every_page_title_of_docs_guide() {
    let pdf = guide::guide_pdf(now(), &|_| None).unwrap();
    let text = crate::leaflet::check(&pdf, "guide.pdf", now());
    assert_eq!(
        PAGES.len(),
        11,
        "the ten tasks of the issue and the first steps"
    );
    for (file, markdown) in PAGES {
        let title = guide::title(markdown).unwrap_or_else(|| panic!("{file} has a # title"));
        // As printed: French typography (’ for ', non-breaking spaces read back as spaces).
        let title = french(&title).replace(['\u{a0}', '\u{202f}'], " ");
        assert!(
            text.matches(title.as_str()).count() >= 2,
            "« {title} » is in the list of the cover and heads its page: {text:.400}"
        );
    }
    assert!(
        !text.contains("**") && !text.contains("](") && !text.contains("<!--"),
        "no Markdown mark is printed"
    );
    assert!(
        pdf.pages > PAGES.len(),
        "one page or more per task, after the cover"
    );
}

#[test]
fn the_memo_is_one_a4_page_in_both_prints_with_the_five_gestures() {
    let dir = tempfile::tempdir().unwrap();
    for large in [false, true] {
        let pdf = leaflet::desk_memo(large, now()).unwrap();
        let name = if large { "memo-gros.pdf" } else { "memo.pdf" };
        let text = crate::leaflet::check(&pdf, name, now());
        let file = dir.path().join(name);
        std::fs::write(&file, &pdf.bytes).unwrap();
        let (pages, size) = pages_and_size(&file);
        assert_eq!(
            pages, "1",
            "the memo is one page to pin up (large print: {large})"
        );
        assert!(size.contains("(A4)"), "the memo is A4: {size}");
        for gesture in [
            "Prendre un rendez-vous",
            "Noter « Présent » ou « Absent »",
            "Accueillir sans rendez-vous",
            "Noter un accompagnement",
            "Retrouver et prévenir",
        ] {
            assert!(text.contains(gesture), "« {gesture} » in the memo: {text}");
        }
        assert!(text.contains("F1") && text.contains("Échap") && text.contains("Entrée"));
    }
}

#[test]
fn guide_and_memo_are_documents_of_the_documents_screen() {
    let conn = conn();
    let (_, name) = leaflet::render(&conn, &DocumentRequest::Guide, now(), &|_| None).unwrap();
    assert_eq!(name, "guide-de-permanences.pdf");
    let memo = leaflet::preview(
        &conn,
        &DocumentRequest::Memo { large_print: true },
        now(),
        &|_| None,
    )
    .unwrap();
    assert_eq!(memo.pages, 1);
    assert!(!memo.internal, "the memo names nobody: it can be pinned up");
    assert!(memo.svg.is_some(), "the memo has its preview");
}

#[test]
fn the_command_line_writes_the_guide_and_the_memo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("vide.sqlite3");
    let guide_pdf = dir.path().join("guide.pdf");
    let out = run(&db, &["guide", "-o", guide_pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("PDF écrit :"),
        "{}",
        text(&out.stdout)
    );
    let memo = dir.path().join("memo.pdf");
    let out = run(
        &db,
        &[
            "leaflet",
            "--memo",
            "--large-print",
            "-o",
            memo.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(pages_and_size(&memo).0, "1");
    // A memo names no place: --site with it is refused, in French, and writes nothing.
    let refused = dir.path().join("refus.pdf");
    let out = run(
        &db,
        &[
            "leaflet",
            "--memo",
            "--site",
            "1",
            "-o",
            refused.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("options incompatibles"),
        "{}",
        text(&out.stderr)
    );
    assert!(!refused.exists());
}
