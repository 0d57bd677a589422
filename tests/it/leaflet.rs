//! PDFs checked with independent tools: qpdf (structure), pdffonts (embedded, subset fonts),
//! pdftotext (the text comes back with its accents), pdfinfo (metadata). These tools are
//! installed by `make test` (poppler-utils, qpdf); a missing tool fails the test.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::documents::leaflet::{self, PrintOptions, Size};
use permanences::network::closure::{self, ClosureInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::{self, SiteInput};
use permanences::network::vocab::{PermanenceKind, Reason, WheelchairAccess};
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::waiting::{self, WaitingInput};

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let mut cmd = Command::new(name);
    cmd.args(args).arg(file);
    if name == "pdftotext" {
        cmd.arg("-"); // to standard output
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (make test installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs every independent check on `pdf` and returns its text (line breaks folded to spaces).
/// `made` is the instant the document was made: its creation date.
pub(crate) fn check(
    pdf: &permanences::documents::pdf::Pdf,
    name: &str,
    made: DateTime<Utc>,
) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    permanences::store::file::write_atomic(&file, &pdf.bytes).unwrap();
    tool("qpdf", &["--check"], &file);
    let fonts = tool("pdffonts", &[], &file);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no font in {name}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains('+'), "font not subset in {name}: {row}");
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "font not embedded in {name}: {row}");
    }
    let info = tool("pdfinfo", &[], &file);
    assert!(
        info.contains("Author:") && info.contains("Subject:") && info.contains("Title:"),
        "{info}"
    );
    // pdfinfo writes it as "Mon Jan  4 08:00:00 2027 UTC".
    let date = made.format("%b %e %H:%M:%S %Y").to_string();
    assert!(
        info.lines()
            .any(|l| l.starts_with("CreationDate:") && l.contains(&date)),
        "the creation date is the instant the document was made ({date}): {info}"
    );
    let raw = String::from_utf8_lossy(&pdf.bytes).into_owned();
    assert!(
        raw.contains("/Lang") && raw.contains("fr-FR"),
        "language fr-FR in the catalog"
    );
    // The first page, rendered by poppler, is kept for the documentation.
    let shots = crate::common::screenshots_dir();
    let stem = shots.join(format!("pdf-{}", name.trim_end_matches(".pdf")));
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&file)
        .arg(&stem)
        .status()
        .expect("pdftoppm");
    assert!(rendered.success(), "pdftoppm renders {name}");
    let text = tool("pdftotext", &["-nopgbrk"], &file).replace('\u{a0}', " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn big_site(conn: &rusqlite::Connection) -> site::Site {
    let name = "Maison des services publics et de la médiation numérique Hautepierre"; // 67 characters
    let s = site::create(
        conn,
        &SiteInput {
            name: name.into(),
            address: "10 rue Jean Mermoz".into(),
            postcode: "67200".into(),
            city: "Strasbourg".into(),
            phone: Some("03 68 98 51 00".into()),
            email: Some("accueil@exemple.fr".into()),
            website: Some("https://cartographie.societenumerique.gouv.fr/lieux/hautepierre".into()),
            wheelchair_access: Some(WheelchairAccess::Full),
            public_transport: Some("Tram A, arrêt Dante".into()),
            public_notes: Some("Apportez vos identifiants : nous ne les gardons jamais !".into()),
            ..SiteInput::default()
        },
        crate::common::now(),
    )
    .unwrap();
    // Twelve permanences over the week.
    let slots = [
        (1, "09:00", "12:00"),
        (1, "14:00", "17:00"),
        (2, "09:00", "12:00"),
        (2, "14:00", "17:30"),
        (3, "09:00", "12:00"),
        (3, "13:30", "16:00"),
        (4, "09:00", "12:00"),
        (4, "14:00", "18:00"),
        (5, "09:00", "12:00"),
        (5, "14:00", "16:30"),
        (6, "09:30", "12:00"),
        (6, "13:00", "15:00"),
    ];
    for (i, (day, a, b)) in slots.iter().enumerate() {
        let kind = if i % 2 == 0 {
            PermanenceKind::DropIn
        } else {
            PermanenceKind::Appointment
        };
        permanence::create(
            conn,
            &PermanenceInput {
                kind: Some(kind),
                ..slot(&s, *day, a, b)
            },
            crate::common::now(),
        )
        .unwrap();
    }
    closure::create(
        conn,
        &ClosureInput {
            site_id: s.id,
            start_date: "2099-12-24".into(),
            end_date: Some("2100-01-02".into()),
            reason: "Vacances de Noël".into(),
        },
        crate::common::now(),
    )
    .unwrap();
    s
}

#[test]
fn site_poster_passes_the_checks_and_gives_its_text_back() -> TestResult {
    let conn = conn();
    let s = big_site(&conn);
    for (size, large, name) in [
        (Size::A4, false, "poster-a4.pdf"),
        (Size::A5, false, "poster-a5.pdf"),
        (Size::A4, true, "poster-a4-gros.pdf"),
    ] {
        let pdf = leaflet::site_poster(
            &conn,
            s.id,
            PrintOptions::new(size, large),
            crate::common::now(),
        )?;
        assert!(
            pdf.bytes.len() < 100 * 1024,
            "{name} is {} bytes, over 100 KB",
            pdf.bytes.len()
        );
        let text = check(&pdf, name, crate::common::now());
        for expected in [
            "Maison des services publics et de la médiation numérique Hautepierre",
            "10 rue Jean Mermoz",
            "67200 Strasbourg",
            "Tram A, arrêt Dante",
            "Accessible en fauteuil roulant",
            "Lundi 9 h – 12 h, sans rendez-vous",
            "14 h – 17 h 30, sur rendez-vous",
            "Samedi 9 h 30 – 12 h, sans rendez-vous",
            "Par téléphone : 03 68 98 51 00",
            "Vacances de Noël : fermé du 24 décembre 2099 au 2 janvier 2100.",
            "Apportez vos identifiants : nous ne les gardons jamais !",
        ] {
            assert!(
                text.contains(expected),
                "{name} lacks « {expected} »:\n{text}"
            );
        }
        assert_eq!(pdf.pages, 1, "{name}: a poster is one page");
        assert!(
            text.contains(
                "Sur internet : https://cartographie.societenumerique.gouv.fr/lieux/hautepierre"
            ),
            "{text}"
        );
    }
    Ok(())
}

#[test]
fn a_poster_carries_a_logo_and_refuses_a_bad_one() -> TestResult {
    let conn = conn();
    let s = big_site(&conn);
    let bundled = PrintOptions {
        logo: leaflet::Logo::Bundled,
        ..PrintOptions::new(Size::A4, false)
    };
    let pdf = leaflet::site_poster(&conn, s.id, bundled, crate::common::now())?;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("poster-logo.pdf");
    permanences::store::file::write_atomic(&file, &pdf.bytes)?;
    let images = tool("pdfimages", &["-list"], &file);
    let pictures = images
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count();
    assert_eq!(
        pictures, 1,
        "one image (with its transparency mask) on the poster:\n{images}"
    );
    assert_eq!(pdf.pages, 1);
    let not_an_image = dir.join("logo.png");
    std::fs::write(&not_an_image, b"pas une image")?;
    let bad = PrintOptions {
        logo: leaflet::Logo::File {
            path: not_an_image.display().to_string(),
        },
        ..PrintOptions::new(Size::A4, false)
    };
    assert_refused(
        leaflet::site_poster(&conn, s.id, bad, crate::common::now()),
        permanences::ErrorKind::Validation,
        "logo",
        "image illisible",
    );
    let missing = PrintOptions {
        logo: leaflet::Logo::File {
            path: "/nulle/part.png".into(),
        },
        ..PrintOptions::new(Size::A4, false)
    };
    assert_refused(
        leaflet::site_poster(&conn, s.id, missing, crate::common::now()),
        permanences::ErrorKind::Validation,
        "logo",
        "introuvable",
    );
    Ok(())
}

#[test]
fn network_leaflet_lists_every_active_site_by_commune() -> TestResult {
    let conn = conn();
    permanences::sample::demo::seed(&conn, crate::common::now())?;
    big_site(&conn);
    let archived = new_site(&conn, "Ancienne antenne");
    permanence::create(
        &conn,
        &slot(&archived, 2, "09:00", "12:00"),
        crate::common::now(),
    )?;
    site::set_archived(&conn, archived.id, true, crate::common::now())?;
    for (size, large, name) in [
        (Size::A5, false, "reseau-a5.pdf"),
        (Size::A5, true, "reseau-a5-gros.pdf"),
        (Size::A4, false, "reseau-a4.pdf"),
    ] {
        let pdf =
            leaflet::network_leaflet(&conn, PrintOptions::new(size, large), crate::common::now())?;
        let text = check(&pdf, name, crate::common::now());
        for expected in [
            "Se faire aider pour le numérique",
            "Médiathèque Olympe de Gouges",
            "3 rue Kuhn, 67000 Strasbourg",
            "Mardi 14 h – 17 h, sans rendez-vous",
            "Espace numérique de l’Hôtel de Ville",
            "Schiltigheim",
        ] {
            assert!(
                text.contains(expected),
                "{name} lacks « {expected} »:\n{text}"
            );
        }
        assert!(
            !text.contains("Ancienne antenne"),
            "archived sites are not published"
        );
        let schilik = text.find("Schiltigheim Espace").unwrap_or(usize::MAX);
        let stras = text.find("Strasbourg Centre").unwrap_or(usize::MAX);
        assert!(schilik < stras, "communes in alphabetical order:\n{text}");
        if large {
            assert!(pdf.pages > 1, "large print flows over several pages");
        }
    }
    Ok(())
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-01-04T08:00:00Z")
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

#[test]
fn slip_day_and_week_sheets() -> TestResult {
    let conn = conn();
    let s = big_site(&conn);
    let a = appointment::book(
        &conn,
        &BookingInput {
            site_id: s.id,
            start: "2027-03-30T14:00".into(),
            resident_name: Some("Léa Müller".into()),
            resident_phone: Some("06 12 34 56 78".into()),
            reason: Some(Reason::Caf),
            ..BookingInput::default()
        },
        now(),
    )?;
    waiting::add(
        &conn,
        &WaitingInput {
            site_id: s.id,
            name: "Mme Keller".into(),
            contact: "06 55 44 33 22".into(),
            ..Default::default()
        },
        now(),
    )?;

    let slip = check(
        &leaflet::appointment_slip(&conn, a.id, now())?,
        "coupon.pdf",
        now(),
    );
    for expected in [
        "Votre rendez-vous",
        "mardi 30 mars 2027",
        "14 h – 14 h 30",
        "10 rue Jean Mermoz",
        "numéro d’allocataire",
        "03 68 98 51 00",
    ] {
        assert!(
            slip.contains(expected),
            "slip lacks « {expected} »:\n{slip}"
        );
    }

    let day = check(
        &leaflet::day_sheet(&conn, s.id, a.start.date_naive(), now())?,
        "jour.pdf",
        now(),
    );
    for expected in [
        "DOCUMENT INTERNE",
        "mardi 30 mars 2027",
        "Léa Müller",
        "06 12 34 56 78",
        "Liste d’attente",
        "Mme Keller",
    ] {
        assert!(
            day.contains(expected),
            "day sheet lacks « {expected} »:\n{day}"
        );
    }
    let week = check(
        &leaflet::week_sheet(&conn, s.id, a.start.date_naive(), now())?,
        "semaine.pdf",
        now(),
    );
    for expected in ["DOCUMENT INTERNE", "Semaine du 29 mars 2027", "Léa Müller"] {
        assert!(
            week.contains(expected),
            "week sheet lacks « {expected} »:\n{week}"
        );
    }
    Ok(())
}
