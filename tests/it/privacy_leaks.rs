//! "Logs and error messages never contain a person's name, phone or e-mail": every refused
//! path a person's data goes through is driven with recognisable values, and no error message
//! (as the UI shows it), no command-line output on stderr, no purge or erasure report may
//! contain them. Adding a message that echoes the input makes this test fail.

use crate::common::tools::{cli, cli_ok, text};
use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::vocab::PermanenceKind;
use permanences::privacy::{self, PurgeCause};
use permanences::records::beneficiary::{self, BeneficiaryId, FollowInput};
use permanences::records::visit::codes::Material;
use permanences::records::visit::{self, VisitInput};
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::waiting::{self, WaitingInput};
use permanences::scheduling::walk_in::{self, WalkInInput};
use permanences::{store::db, Error, ErrorReport};

const NAME: &str = "Zoltanmarqueur";
const PHONE: &str = "06 99 88 77 66";
const BAD_PHONE: &str = "06 99 88 77 66 55";
const EMAIL: &str = "zoltan.marqueur@exemple.fr";
const BAD_EMAIL: &str = "zoltan.marqueur@exemple";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-03-01T08:00:00Z")
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

/// Fails when `said` holds any of the markers (or a recognisable part of them).
fn assert_clean(what: &str, said: &str) {
    for marker in [
        NAME, PHONE, BAD_PHONE, EMAIL, BAD_EMAIL, "99 88 77", "zoltan",
    ] {
        assert!(
            !said.to_lowercase().contains(&marker.to_lowercase()),
            "{what}: the message « {said} » leaks personal data ({marker})"
        );
    }
}

/// The refusal of `result`, checked both as text and as the IPC report the UI receives.
fn refused<T: std::fmt::Debug>(what: &str, result: Result<T, Error>) {
    let e = match result {
        Ok(v) => panic!("{what}: expected a refusal, got {v:?}"),
        Err(e) => e,
    };
    assert_clean(what, &e.to_string());
    assert_clean(what, &format!("{e:?}"));
    let report = ErrorReport::from(&e);
    assert_clean(what, &format!("{} {:?}", report.message, report.field));
}

fn person() -> FollowInput {
    FollowInput {
        first_name: Some(NAME.into()),
        last_name: Some(NAME.into()),
        phone: Some(PHONE.into()),
        email: Some(EMAIL.into()),
        notes: Some(format!("{NAME} {PHONE}")),
        consent: true,
        ..FollowInput::default()
    }
}

#[test]
fn refusals_of_the_core_never_echo_personal_data() {
    let conn = conn();
    let site = new_site(&conn, "Médiathèque Malraux");
    permanence::create(
        &conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(1),
            ..slot(&site, 2, "14:00", "16:00")
        },
        crate::common::now(),
    )
    .unwrap();

    // Following a person.
    refused(
        "invalid phone",
        beneficiary::follow(
            &conn,
            &FollowInput {
                phone: Some(BAD_PHONE.into()),
                ..person()
            },
            now(),
        ),
    );
    refused(
        "invalid e-mail",
        beneficiary::follow(
            &conn,
            &FollowInput {
                email: Some(BAD_EMAIL.into()),
                ..person()
            },
            now(),
        ),
    );
    refused(
        "no consent",
        beneficiary::follow(
            &conn,
            &FollowInput {
                consent: false,
                ..person()
            },
            now(),
        ),
    );
    refused(
        "name too long",
        beneficiary::follow(
            &conn,
            &FollowInput {
                last_name: Some(NAME.repeat(8)),
                ..person()
            },
            now(),
        ),
    );
    refused(
        "notes too long",
        beneficiary::follow(
            &conn,
            &FollowInput {
                notes: Some(NAME.repeat(200)),
                ..person()
            },
            now(),
        ),
    );
    let who = beneficiary::follow(&conn, &person(), now()).unwrap();
    refused(
        "update, invalid e-mail",
        beneficiary::update(
            &conn,
            who.id,
            &FollowInput {
                email: Some(BAD_EMAIL.into()),
                ..person()
            },
        ),
    );
    refused(
        "not found",
        beneficiary::get(&conn, BeneficiaryId(who.id.0 + 100)),
    );

    // Appointments: invalid phone, then the same slot twice (a double booking).
    let booking = BookingInput {
        site_id: site.id,
        start: "2027-03-09T14:00".into(),
        resident_name: Some(NAME.into()),
        resident_phone: Some(PHONE.into()),
        notes: Some(EMAIL.to_owned()),
        ..BookingInput::default()
    };
    refused(
        "appointment, invalid phone",
        appointment::book(
            &conn,
            &BookingInput {
                resident_phone: Some(BAD_PHONE.into()),
                ..booking.clone()
            },
            now(),
        ),
    );
    refused(
        "appointment, invalid e-mail",
        appointment::book(
            &conn,
            &BookingInput {
                resident_email: Some(BAD_EMAIL.into()),
                ..booking.clone()
            },
            now(),
        ),
    );
    refused(
        "appointment, name too long",
        appointment::book(
            &conn,
            &BookingInput {
                resident_name: Some(NAME.repeat(8)),
                ..booking.clone()
            },
            now(),
        ),
    );
    appointment::book(&conn, &booking, now()).unwrap();
    refused("double booking", appointment::book(&conn, &booking, now()));
    let series = appointment::book_series(&conn, &booking, 1, 3, now()).unwrap();
    assert!(
        !series.refused.is_empty(),
        "the first week of the series is taken"
    );
    for r in &series.refused {
        assert_clean("series refusal", &format!("{} {}", r.when, r.message));
    }

    // Walk-ins and the waiting list.
    refused(
        "walk-in, name too long",
        walk_in::arrive(
            &conn,
            &WalkInInput {
                site_id: site.id,
                name: Some(NAME.repeat(8)),
                reason: None,
                created_by: None,
            },
            now(),
        ),
    );
    refused(
        "waiting, name too long",
        waiting::add(
            &conn,
            &WaitingInput {
                site_id: site.id,
                name: NAME.repeat(8),
                contact: PHONE.into(),
                reason: None,
                notes: None,
            },
            crate::common::now(),
        ),
    );
    refused(
        "waiting, no contact",
        waiting::add(
            &conn,
            &WaitingInput {
                site_id: site.id,
                name: NAME.into(),
                contact: " ".into(),
                reason: None,
                notes: Some(EMAIL.into()),
            },
            crate::common::now(),
        ),
    );

    // A visit whose free text names the person, refused for another field.
    let visit = VisitInput {
        date: "2027-02-26".into(),
        time: "10:00".into(),
        duration_minutes: 0,
        site_id: Some(site.id),
        themes: vec!["email".into()],
        procedure_details: Some(format!("{NAME} {PHONE}")),
        materials: vec![Material::Computer],
        notes: Some(format!("{NAME} {EMAIL}")),
        beneficiary_id: Some(who.id),
        profile: beneficiary::Profile::default(),
        ..VisitInput::default()
    };
    refused("visit, duration", visit::record(&conn, &visit, now()));
    refused(
        "visit, notes too long",
        visit::record(
            &conn,
            &VisitInput {
                duration_minutes: 30,
                notes: Some(NAME.repeat(200)),
                ..visit.clone()
            },
            now(),
        ),
    );

    // The rights and the purge report counts only.
    let export = privacy::export(&conn, who.id, now()).unwrap();
    assert!(
        export.person.display_name.contains(&NAME.to_uppercase()),
        "the export itself holds the data"
    );
    let erased = privacy::erase(&conn, who.id, now()).unwrap();
    assert_clean("erasure report", &format!("{erased:?}"));
    refused("erase twice", privacy::erase(&conn, who.id, now()));
    refused(
        "export after erasure",
        privacy::export(&conn, who.id, now()),
    );
    let purged = privacy::purge(&conn, now(), PurgeCause::Manual).unwrap();
    assert_clean("purge report", &format!("{purged:?}"));
    let status = privacy::retention_status(&conn, now()).unwrap();
    assert_clean("retention status", &format!("{status:?}"));
}

#[test]
fn the_command_line_never_prints_personal_data_when_refusing_or_purging() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    cli_ok(&path, &["demo"]);
    // Find a free Tuesday slot of the demo through the command line itself.
    let slots = cli_ok(
        &path,
        &["slots", "--from", "2027-03-01", "--to", "2027-03-31"],
    );
    let free = slots
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|s| s["booked"].as_u64() == Some(0) && s["capacity"].as_u64() == Some(1))
        .unwrap_or_else(|| panic!("the demo has a free single slot in March 2027:\n{slots}"));
    let site = free["siteId"].to_string();
    let start = free["start"].as_str().unwrap_or_default().to_owned();
    let mut runs = Vec::new();
    let long_name = NAME.repeat(8);
    let book = |name: &str, extra: &[&str]| {
        let mut args = vec!["book", "--site", &site, "--start", &start, "--name", name];
        args.extend_from_slice(extra);
        cli(&path, &args)
    };
    runs.push(("invalid phone", book(NAME, &["--phone", BAD_PHONE])));
    runs.push((
        "first booking",
        book(NAME, &["--phone", PHONE, "--notes", EMAIL]),
    ));
    runs.push(("double booking", book(NAME, &["--phone", PHONE])));
    runs.push(("name too long", book(&long_name, &[])));
    runs.push((
        "export not found",
        cli(&path, &["beneficiary", "export", "--id", "9999"]),
    ));
    runs.push((
        "erase not found",
        cli(&path, &["beneficiary", "erase", "--id", "9999"]),
    ));
    runs.push(("purge dry run", cli(&path, &["purge", "--dry-run"])));
    runs.push(("purge", cli(&path, &["purge"])));
    runs.push(("erase", cli(&path, &["beneficiary", "erase", "--id", "1"])));
    for (what, out) in &runs {
        assert_clean(what, &text(&out.stderr));
        if *what != "first booking" {
            assert_clean(what, &text(&out.stdout));
        }
    }
    let codes: Vec<Option<i32>> = runs.iter().map(|(_, o)| o.status.code()).collect();
    assert_eq!(
        codes,
        [
            Some(1),
            Some(0),
            Some(1),
            Some(1),
            Some(1),
            Some(1),
            Some(0),
            Some(0),
            Some(0)
        ],
        "refusals exit 1, successes 0"
    );
    assert!(
        text(&runs[2].1.stderr).contains("complet"),
        "the double booking is explained"
    );
    let conn = db::open(&path).unwrap();
    assert_eq!(
        count(&conn, "purges"),
        3,
        "the demo's purge of its year of history, the purge and the erasure are logged \
         (counts only)"
    );
}
