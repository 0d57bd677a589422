//! Automatic publishing: files rewritten after a change (made here or by another
//! connection), not rewritten when nothing changed, and never seen half-written.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::common::tools::{frictionless, python};
use crate::common::*;
use chrono::{DateTime, Duration, TimeZone, Utc};
use permanences::exchange::calendar::{CalendarRequest, CalendarScope};
use permanences::exchange::opendata::Format;
use permanences::exchange::publish::{self, Content, Publication, PublishSettings};
use permanences::{network::permanence, sample::demo, store::db};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("bad instant"))
}

fn network_calendar() -> Publication {
    Publication {
        content: Content::Calendar {
            request: CalendarRequest {
                scope: CalendarScope::Network,
                with_appointments: false,
                with_names: false,
            },
        },
        file_name: "permanences-reseau.ics".into(),
    }
}

fn settings(folder: &Path) -> PublishSettings {
    PublishSettings {
        folder: Some(folder.display().to_string()),
        publications: vec![
            network_calendar(),
            Publication {
                content: Content::OpenData {
                    format: Format::Csv,
                },
                file_name: "lieux.csv".into(),
            },
        ],
    }
}

#[test]
fn files_are_written_then_rewritten_only_after_a_change() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("reseau.sqlite3");
    let out = tempfile::tempdir()?;
    let conn = db::open(&db_path)?;
    demo::seed(&conn, crate::common::now())?;
    let status = publish::set(&conn, &settings(out.path()), now())?;
    assert_eq!(status.last_error, None);
    assert!(status.published_at.is_some());
    let ics = out.path().join("permanences-reseau.ics");
    let csv = out.path().join("lieux.csv");
    let checked = python("ics/check_ics.py", &[&ics]);
    assert!(checked["events"].as_u64() > Some(5), "{checked}");
    let (ok, report) = frictionless(&csv);
    assert!(ok, "{report}");

    assert_eq!(
        publish::refresh(&conn, now())?,
        0,
        "nothing changed: nothing rewritten"
    );

    // A change made through another connection (the command line, a cron script) counts.
    let other = db::open(&db_path)?;
    let site = permanences::network::site::list(&other, false)?.remove(0);
    let p = permanence::create(
        &other,
        &slot(&site, 7, "10:00", "12:00"),
        crate::common::now(),
    )?;
    assert_eq!(publish::refresh(&conn, now())?, 2, "both files rewritten");
    let text = std::fs::read_to_string(&ics)?;
    assert!(
        text.contains(&format!("UID:permanence-{}@", p.id.0)),
        "the new permanence is published"
    );
    assert!(std::fs::read_to_string(&csv)?.contains("Su 10:00-12:00"));

    // A new day moves the calendar's window: rewritten even without a change.
    assert_eq!(publish::refresh(&conn, now() + Duration::days(1))?, 2);
    // A deleted file comes back.
    std::fs::remove_file(&csv)?;
    assert_eq!(publish::refresh(&conn, now() + Duration::days(1))?, 2);
    assert!(csv.exists());
    let leftovers: Vec<_> = std::fs::read_dir(out.path())?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
    Ok(())
}

#[test]
fn a_reader_never_sees_a_partial_file() -> TestResult {
    let out = tempfile::tempdir()?;
    let conn = conn();
    demo::seed(&conn, crate::common::now())?;
    publish::set(&conn, &settings(out.path()), now())?;
    let ics = out.path().join("permanences-reseau.ics");
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (ics, stop) = (ics.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(Ordering::Relaxed) {
                let text = std::fs::read_to_string(&ics).unwrap();
                assert!(
                    text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"),
                    "a partial file was seen ({} bytes)",
                    text.len()
                );
                reads += 1;
            }
            reads
        })
    };
    let site = permanences::network::site::list(&conn, false)?.remove(0);
    for i in 0..40 {
        // Each change makes the file differ (and grow or shrink).
        conn.execute(
            "UPDATE permanences SET notes = ?1 WHERE site_id = ?2",
            rusqlite::params!["x".repeat(i * 50), site.id.0],
        )?;
        assert_eq!(publish::refresh(&conn, now())?, 2);
    }
    stop.store(true, Ordering::Relaxed);
    let reads = reader
        .join()
        .unwrap_or_else(|_| panic!("the reader failed"));
    assert!(
        reads > 10,
        "the reader ran alongside the writer ({reads} reads)"
    );
    Ok(())
}

#[test]
fn bad_settings_are_refused_and_a_failure_is_recorded() -> TestResult {
    let conn = conn();
    let out = tempfile::tempdir()?;
    let mut s = settings(out.path());
    s.folder = Some("relatif/dossier".into());
    assert_refused(
        publish::set(&conn, &s, now()),
        permanences::ErrorKind::Validation,
        "folder",
        "n'existe pas",
    );
    let mut s = settings(out.path());
    s.publications[1].file_name = "../lieux.csv".into();
    assert_refused(
        publish::set(&conn, &s, now()),
        permanences::ErrorKind::Validation,
        "fileName",
        "simple nom",
    );
    let mut s = settings(out.path());
    s.publications.push(network_calendar());
    assert_refused(
        publish::set(&conn, &s, now()),
        permanences::ErrorKind::Validation,
        "fileName",
        "deux fois",
    );

    let gone = out.path().join("partage");
    std::fs::create_dir(&gone)?;
    publish::set(&conn, &settings(&gone), now())?;
    std::fs::remove_dir_all(&gone)?;
    new_site(&conn, "Nouveau lieu");
    assert!(publish::refresh(&conn, now()).is_err());
    let status = publish::status(&conn)?;
    let message = status.last_error.unwrap_or_default();
    assert!(message.starts_with("Publication dans"), "{message}");

    // Turning publishing off stops it.
    publish::set(&conn, &PublishSettings::default(), now())?;
    assert_eq!(publish::refresh(&conn, now())?, 0);
    assert_eq!(publish::status(&conn)?.settings, PublishSettings::default());
    Ok(())
}

#[test]
fn empty_file_names_get_the_usual_ones() -> TestResult {
    let conn = conn();
    let site = new_site(&conn, "Médiathèque Nord");
    let out = tempfile::tempdir()?;
    let mut s = settings(out.path());
    s.publications[1].file_name = " ".into();
    s.publications.push(Publication {
        content: Content::Calendar {
            request: CalendarRequest {
                scope: CalendarScope::Site { site_id: site.id },
                with_appointments: false,
                with_names: false,
            },
        },
        file_name: String::new(),
    });
    let status = publish::set(&conn, &s, now())?;
    let names: Vec<&str> = status
        .settings
        .publications
        .iter()
        .map(|p| p.file_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "permanences-reseau.ics",
            "lieux-mediation-numerique.csv",
            "permanences-mediatheque-nord.ics"
        ]
    );
    assert!(out.path().join("permanences-mediatheque-nord.ics").exists());
    Ok(())
}
