//! « À prévenir »: the next open day skips closures and public holidays, the list holds the
//! booked appointments with a phone and a ready text, and the « Prévenu(e) » tick is stored.

use crate::common::*;
use chrono::NaiveDate;
use permanences::network::closure::{self, ClosureInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::{self, Site};
use permanences::network::vocab::{AppointmentStatus, PermanenceKind, Reason};
use permanences::scheduling::appointment::{self, AppointmentId, BookingInput};
use permanences::scheduling::reminder;
use permanences::ErrorKind;
use rusqlite::Connection;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// A site open on the given weekdays, 9:00–12:00, appointments of 30 minutes.
fn desk(conn: &Connection, weekdays: &[u8]) -> Site {
    let s = site::create(
        conn,
        &permanences::network::site::SiteInput {
            address_complement: Some("1er étage".into()),
            phone: Some("03 88 12 34 56".into()),
            ..site_input("Centre social Montagne Verte")
        },
        now(),
    )
    .expect("site");
    for weekday in weekdays {
        permanence::create(
            conn,
            &PermanenceInput {
                kind: Some(PermanenceKind::Appointment),
                slot_minutes: Some(30),
                capacity: Some(2),
                ..slot(&s, *weekday, "09:00", "12:00")
            },
            now(),
        )
        .expect("permanence");
    }
    s
}

fn close(conn: &Connection, s: &Site, day: &str) {
    closure::create(
        conn,
        &ClosureInput {
            site_id: s.id,
            start_date: day.into(),
            end_date: None,
            reason: "Formation de l'équipe".into(),
        },
        now(),
    )
    .expect("closure");
}

#[test]
fn the_next_open_day_is_tomorrow_when_the_site_opens_then() -> TestResult {
    let conn = conn();
    let s = desk(&conn, &[3, 5]);
    assert_eq!(
        reminder::next_open_day(&conn, Some(s.id), today())?,
        date("2026-12-02"),
        "Tuesday 1 December: the site opens on Wednesday"
    );
    Ok(())
}

#[test]
fn the_next_open_day_skips_a_closure() -> TestResult {
    let conn = conn();
    let s = desk(&conn, &[3, 5]);
    close(&conn, &s, "02/12/2026");
    assert_eq!(
        reminder::next_open_day(&conn, Some(s.id), today())?,
        date("2026-12-04"),
        "closed on Wednesday: the next permanence is on Friday"
    );
    let list = reminder::list(&conn, None, None, now())?;
    assert_eq!(list.date, date("2026-12-04"), "the list is for that day");
    assert_eq!(list.day, "vendredi 4 décembre 2026");
    Ok(())
}

#[test]
fn the_next_open_day_skips_public_holidays() -> TestResult {
    let conn = conn();
    // Friday, Saturday and Monday; in Alsace-Moselle both 25 and 26 December are holidays.
    let s = desk(&conn, &[5, 6, 1]);
    assert_eq!(
        reminder::next_open_day(&conn, Some(s.id), date("2026-12-24"))?,
        date("2026-12-28"),
        "Christmas (Friday) and Saint-Étienne (Saturday) skipped: Monday 28 December"
    );
    Ok(())
}

fn book(
    conn: &Connection,
    s: &Site,
    start: &str,
    name: Option<&str>,
    phone: Option<&str>,
    reason: Option<Reason>,
) -> AppointmentId {
    book_with_email(conn, s, start, name, phone, None, reason)
}

fn book_with_email(
    conn: &Connection,
    s: &Site,
    start: &str,
    name: Option<&str>,
    phone: Option<&str>,
    email: Option<&str>,
    reason: Option<Reason>,
) -> AppointmentId {
    appointment::book(
        conn,
        &BookingInput {
            site_id: s.id,
            start: start.into(),
            resident_name: name.map(str::to_owned),
            resident_phone: phone.map(str::to_owned),
            resident_email: email.map(str::to_owned),
            reason,
            ..BookingInput::default()
        },
        now(),
    )
    .unwrap_or_else(|e| panic!("{start}: {e}"))
    .id
}

#[test]
fn the_list_holds_booked_appointments_with_a_phone_and_a_ready_text() -> TestResult {
    let conn = conn();
    let s = desk(&conn, &[3]);
    book(
        &conn,
        &s,
        "2026-12-02T10:00",
        Some("Awa"),
        Some("06 12 34 56 78"),
        None,
    );
    book(
        &conn,
        &s,
        "2026-12-02T09:30",
        Some("Hélène"),
        Some("07 11 22 33 44"),
        Some(Reason::Caf),
    );
    book(
        &conn,
        &s,
        "2026-12-02T11:00",
        Some("Sans téléphone"),
        None,
        None,
    );
    let cancelled = book(
        &conn,
        &s,
        "2026-12-02T11:30",
        Some("Jo"),
        Some("06 99 88 77 66"),
        None,
    );
    appointment::set_status(&conn, cancelled, AppointmentStatus::Excused, None, now())?;
    book(
        &conn,
        &s,
        "2026-12-09T09:00",
        Some("Plus tard"),
        Some("06 55 44 33 22"),
        None,
    );

    let list = reminder::list(&conn, Some(s.id), None, now())?;
    let who: Vec<&str> = list.items.iter().map(|r| r.who.as_str()).collect();
    assert_eq!(
        who,
        ["Hélène", "Awa"],
        "Wednesday's booked appointments with a phone, in time order (not the one without a \
         phone, not the cancelled one, not next week's)"
    );
    let helene = &list.items[0];
    assert_eq!(helene.phone.as_deref(), Some("07 11 22 33 44"));
    assert_eq!(helene.contact, "07 11 22 33 44");
    assert_eq!(helene.mailto, None, "no e-mail given, no e-mail link");
    assert_eq!(helene.time, "9\u{a0}h\u{a0}30");
    assert!(!helene.reminded);
    assert_eq!(
        helene.message,
        "Bonjour Hélène, nous vous rappelons votre rendez-vous le mercredi 2 décembre 2026 à \
         9 h 30 : Centre social Montagne Verte, 3 rue Kuhn, 1er étage, 67000 Strasbourg. \
         À apporter : Votre numéro d'allocataire et votre mot de passe CAF, votre dernier avis \
         d'imposition, votre téléphone portable. En cas d'empêchement, prévenez-nous au \
         03 88 12 34 56 : la place ira à quelqu'un d'autre.",
        "date, hour, address, what the reason needs, how to cancel"
    );
    assert!(
        list.items[1]
            .message
            .contains("Pensez à apporter les papiers"),
        "without a reason, a generic sentence: {}",
        list.items[1].message
    );
    assert!(
        list.items.iter().all(|r| !r.message.contains('\u{a0}')),
        "plain spaces only: the text goes to a phone"
    );
    Ok(())
}

#[test]
fn a_chosen_day_lists_that_day() -> TestResult {
    let conn = conn();
    let s = desk(&conn, &[3]);
    book(
        &conn,
        &s,
        "2026-12-09T09:00",
        Some("Plus tard"),
        Some("06 55 44 33 22"),
        None,
    );
    let list = reminder::list(&conn, None, Some(date("2026-12-09")), now())?;
    assert_eq!(
        list.items.len(),
        1,
        "the day asked for, not the next open one"
    );
    assert!(list.items[0].message.starts_with("Bonjour Plus tard,"));
    Ok(())
}

#[test]
fn the_tick_is_stored_and_undone_by_unticking() -> TestResult {
    let conn = conn();
    let s = desk(&conn, &[3]);
    let id = book(
        &conn,
        &s,
        "2026-12-02T10:00",
        None,
        Some("06 12 34 56 78"),
        None,
    );
    let ticked = reminder::set_reminded(&conn, id, true, now())?;
    assert!(ticked.reminded);
    assert_eq!(ticked.who, "Anonyme");
    assert!(ticked.message.starts_with("Bonjour, nous vous rappelons"));
    let stored: Option<String> = conn.query_row(
        "SELECT reminded_at FROM appointments WHERE id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    assert_eq!(
        stored.as_deref(),
        Some("2026-12-01T09:40:00Z"),
        "the tick keeps when it was made"
    );
    assert!(
        reminder::list(&conn, None, None, now())?.items[0].reminded,
        "the list shows the tick again after a reload"
    );
    assert!(!reminder::set_reminded(&conn, id, false, now())?.reminded);
    assert!(!reminder::list(&conn, None, None, now())?.items[0].reminded);

    let silent = book(&conn, &s, "2026-12-02T10:30", None, None, None);
    let err = reminder::set_reminded(&conn, silent, true, now()).expect_err("no phone");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert!(
        reminder::set_reminded(&conn, AppointmentId(999), true, now()).is_err(),
        "an appointment that does not exist"
    );
    Ok(())
}

/// The codes of the printed call list, decoded by zbarimg from the page rendered by pdftoppm:
/// one per person, each the `SMSTO:` form with the number as digits and the text as it is.
#[test]
fn the_call_list_carries_a_qr_code_per_person_that_opens_the_sms() -> TestResult {
    let conn = conn();
    let s = desk(&conn, &[3]);
    book(
        &conn,
        &s,
        "2026-12-02T09:30",
        Some("Hélène"),
        Some("07 11 22 33 44"),
        Some(Reason::Caf),
    );
    book(
        &conn,
        &s,
        "2026-12-02T10:00",
        Some("Awa"),
        Some("+33 6 12 34 56 78"),
        None,
    );
    let list = reminder::list(&conn, Some(s.id), None, now())?;
    let helene = &list.items[0];
    assert_eq!(
        helene.sms.as_deref(),
        Some(format!("SMSTO:0711223344:{}", helene.message).as_str()),
        "the number as digits, the ready text after the second colon"
    );
    assert!(list.items[1]
        .sms
        .as_deref()
        .is_some_and(|t| t.starts_with("SMSTO:+33612345678:Bonjour Awa,")));

    let dir = tempfile::tempdir()?;
    let pdf = dir.path().join("a-prevenir.pdf");
    std::fs::write(
        &pdf,
        permanences::documents::leaflet::call_list(&conn, Some(s.id), None, now())?.bytes,
    )?;
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()?;
    assert_eq!(
        String::from_utf8_lossy(&images.stdout).lines().count(),
        2,
        "no bitmap: the codes are vector squares (only pdfimages' two header lines)"
    );
    let png = dir.path().join("page");
    let rendered = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "200", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png)
        .status()?;
    assert!(rendered.success(), "pdftoppm renders the list");
    let page = std::fs::read_dir(dir.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "png"))
        .ok_or("a rendered page")?;
    let read = std::process::Command::new("zbarimg")
        .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
        .arg(&page)
        .output()?;
    assert!(read.status.success(), "zbarimg finds codes on the page");
    let mut decoded: Vec<String> = String::from_utf8(read.stdout)?
        .lines()
        .map(str::to_owned)
        .collect();
    decoded.sort();
    let mut expected: Vec<String> = list.items.iter().map(|r| r.code.clone()).collect();
    expected.sort();
    assert_eq!(
        decoded, expected,
        "each code is the person's number and text, accents included"
    );
    Ok(())
}

/// A person who left only an e-mail is on the list too, with a `mailto:` link that opens the
/// desk's mail program: read back by Python's RFC 3986 parser (`urllib.parse`), the address,
/// the subject and the body are the reminder's, accents, `&`, `?` and `=` included.
#[test]
fn a_person_with_an_e_mail_gets_a_mailto_link_with_the_text_percent_encoded() -> TestResult {
    let conn = conn();
    let s = desk(&conn, &[3]);
    let id = book_with_email(
        &conn,
        &s,
        "2026-12-02T09:00",
        Some("Zoé & Noël ?=#"),
        None,
        Some("zoe.noel+rdv@exemple.fr"),
        Some(Reason::Caf),
    );
    book_with_email(
        &conn,
        &s,
        "2026-12-02T09:30",
        Some("Awa"),
        Some("06 12 34 56 78"),
        Some("awa@exemple.fr"),
        None,
    );
    let list = reminder::list(&conn, Some(s.id), None, now())?;
    assert_eq!(
        list.items.len(),
        2,
        "with an e-mail alone, the person is listed"
    );
    let zoe = &list.items[0];
    assert_eq!(zoe.id, id);
    assert_eq!(zoe.phone, None);
    assert_eq!(zoe.sms, None, "no phone, no SMS");
    assert_eq!(zoe.contact, "zoe.noel+rdv@exemple.fr");
    let mailto = zoe.mailto.clone().ok_or("a mailto link")?;
    assert_eq!(
        zoe.code, mailto,
        "the QR code opens the e-mail when there is no phone"
    );
    assert!(
        mailto.starts_with("mailto:zoe.noel%2Brdv@exemple.fr?subject="),
        "{mailto}"
    );
    assert!(
        !mailto.contains(' ') && !mailto[7..].contains(':') && mailto.matches('?').count() == 1,
        "one query, no raw space or colon: {mailto}"
    );
    let dir = tempfile::tempdir()?;
    let script = dir.path().join("mailto.py");
    std::fs::write(
        &script,
        "import json, sys\nfrom urllib.parse import urlsplit, parse_qs, unquote\n\
         u = urlsplit(sys.argv[1])\n\
         q = parse_qs(u.query, keep_blank_values=True, strict_parsing=True)\n\
         print(json.dumps({'scheme': u.scheme, 'to': unquote(u.path), \
         'subject': q['subject'], 'body': q['body']}))\n",
    )?;
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(&mailto)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(read["scheme"], "mailto");
    assert_eq!(read["to"], "zoe.noel+rdv@exemple.fr");
    assert_eq!(
        read["subject"],
        serde_json::json!(["Rappel : votre rendez-vous du mercredi 2 décembre 2026 à 9 h (Centre social Montagne Verte)"])
    );
    assert_eq!(read["body"], serde_json::json!([zoe.message.clone()]));
    assert!(zoe
        .message
        .starts_with("Bonjour Zoé & Noël ?=#, nous vous rappelons"));

    let awa = &list.items[1];
    assert_eq!(awa.contact, "06 12 34 56 78 · awa@exemple.fr");
    assert!(
        awa.sms.is_some() && awa.mailto.is_some(),
        "both ways offered"
    );
    assert_eq!(
        awa.code,
        awa.sms.clone().unwrap_or_default(),
        "the SMS first"
    );

    let ticked = reminder::set_reminded(&conn, id, true, now())?;
    assert!(
        ticked.reminded,
        "an e-mail alone is enough to tick « Prévenu(e) »"
    );
    Ok(())
}

#[test]
fn a_malformed_e_mail_is_refused_and_nothing_is_booked() -> TestResult {
    let conn = conn();
    let s = desk(&conn, &[3]);
    let err = appointment::book(
        &conn,
        &BookingInput {
            site_id: s.id,
            start: "2026-12-02T09:00".into(),
            resident_email: Some("awa at exemple".into()),
            ..BookingInput::default()
        },
        now(),
    )
    .expect_err("not an address");
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    let n: i64 = conn.query_row("SELECT count(*) FROM appointments", [], |r| r.get(0))?;
    assert_eq!(n, 0, "nothing written");
    Ok(())
}
