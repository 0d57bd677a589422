//! The accessibility audit's data (`ui/a11y/fixtures.json`), made by the core itself: the
//! demo network on Tuesday 1 December 2026 at 10:40, with a morning of appointments in every
//! status and a walk-in queue at the Espace numérique de l'Hôtel de Ville, answered by the same
//! functions the app's commands call. The audit's mock (`ui/a11y/mock.ts`) serves these
//! answers; a change of the core's answers makes this test fail until the file is rewritten:
//!
//! ```sh
//! UPDATE_FIXTURES=1 cargo test --test it a11y_fixtures
//! ```

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use permanences::clock;
use permanences::exchange::publish;
use permanences::network::site::{self, SiteId};
use permanences::network::vocab::{self, AppointmentStatus as Status, Reason};
use permanences::network::{detail, mediator};
use permanences::records::beneficiary;
use permanences::records::stats::{self, PeriodSpan, StatsQuery};
use permanences::records::visit::{self, codes, terms, VisitFilter};
use permanences::sample::demo;
use permanences::scheduling::agenda::{self, Span};
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::slot::{self, SlotSearch};
use permanences::scheduling::walk_in::{self, WalkInInput, WalkInStatus};
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::common::{at, TestResult};

const DAY: &str = "2026-12-01";
/// The site whose Tuesday morning the audit shows (appointments and drop-in, 9 h 30 – 12 h).
const BUSY_SITE: &str = "Espace numérique de l'Hôtel de Ville";
/// The site the audit picks in the agenda.
const PICKED_SITE: &str = "Médiathèque Olympe de Gouges";

fn day() -> NaiveDate {
    clock::parse_date(DAY).expect("DAY is a date")
}

fn site_named(conn: &Connection, name: &str) -> SiteId {
    site::list(conn, false)
        .expect("sites")
        .into_iter()
        .find(|s| s.name == name)
        .map(|s| s.id)
        .unwrap_or_else(|| panic!("the demo network has {name}"))
}

/// The morning at the busy site: booked at 7:30, then seen to by 10:40.
fn morning(conn: &Connection, site: SiteId) -> TestResult {
    let booked_at = at(day(), "07:30");
    let people: [(&str, Option<&str>, Reason, Option<Status>); 6] = [
        (
            "09:30",
            Some("Mme Schneider"),
            Reason::Caf,
            Some(Status::Honoured),
        ),
        (
            "10:00",
            Some("M. Dupont"),
            Reason::Taxes,
            Some(Status::NoShow),
        ),
        ("10:30", None, Reason::Email, Some(Status::Honoured)),
        ("11:00", Some("Aïcha"), Reason::Ameli, None),
        (
            "11:30",
            Some("Louis"),
            Reason::Smartphone,
            Some(Status::Excused),
        ),
        (
            "11:30",
            Some("Mme Roth"),
            Reason::Pension,
            Some(Status::Revoked),
        ),
    ];
    let mut first_honoured = None;
    for (time, name, reason, status) in people {
        let a = appointment::book(
            conn,
            &BookingInput {
                site_id: site,
                start: format!("{DAY}T{time}"),
                resident_name: name.map(str::to_owned),
                reason: Some(reason),
                ..BookingInput::default()
            },
            booked_at,
        )?;
        if let Some(status) = status {
            appointment::set_status(conn, a.id, status, None, at(day(), "10:40"))?;
            if status == Status::Honoured && first_honoured.is_none() {
                first_honoured = Some(a.id);
            }
        }
    }
    // The first one's visit is noted; the other honoured one still waits for its note.
    if let Some(id) = first_honoured {
        // The reason (CAF) ticks its theme and procedure: the draft is complete as it is.
        let v = visit::from_appointment(conn, id, Some(mediator::MediatorId(1)))?;
        visit::record(conn, &v, at(day(), "10:15"))?;
    }
    for (time, name, reason, status) in [
        (
            "09:35",
            Some("Mme Lang"),
            Some(Reason::Caf),
            WalkInStatus::Seen,
        ),
        ("10:12", None, None, WalkInStatus::Waiting),
        (
            "10:20",
            Some("Paul"),
            Some(Reason::Smartphone),
            WalkInStatus::Left,
        ),
    ] {
        let w = walk_in::arrive(
            conn,
            &WalkInInput {
                site_id: site,
                name: name.map(str::to_owned),
                reason,
                created_by: None,
            },
            at(day(), time),
        )?;
        if status != WalkInStatus::Waiting {
            walk_in::set_status(conn, w.id, status, at(day(), "10:38"))?;
        }
    }
    Ok(())
}

/// Every answer the audit's mock serves, keyed as `ui/a11y/fixtures.ts` reads them.
fn answers(conn: &Connection, now: DateTime<Utc>) -> Result<Value, Box<dyn std::error::Error>> {
    let today = clock::today(now);
    let busy = site_named(conn, BUSY_SITE);
    let picked = site_named(conn, PICKED_SITE);
    let sites = site::list(conn, false)?;
    let details = sites
        .iter()
        .map(|s| detail::site_detail(conn, s.id, today))
        .collect::<Result<Vec<_>, _>>()?;
    let people = beneficiary::search(conn, "")?;
    let followed = people.first().map(|p| p.id).ok_or("a followed person")?;
    let recent = visit::list(conn, &VisitFilter::default(), 100)?;
    let workshop = recent
        .iter()
        .find(|v| v.kind == codes::VisitKind::Workshop)
        .ok_or("a workshop")?;
    let period = stats::period_bounds(PeriodSpan::Month, 2026, 12)?;
    let month = StatsQuery {
        from: period.from.clone(),
        to: period.to.clone(),
        ..StatsQuery::default()
    };
    // The charts of the twelve months before the audit's day: the demo year's shape.
    let year = StatsQuery {
        from: "2025-12-01".into(),
        to: "2026-11-30".into(),
        ..StatsQuery::default()
    };
    Ok(json!({
        "vocab": vocab::all(),
        "sites": sites,
        "details": details,
        "mediators": mediator::list(conn, false)?,
        "freeSlots": slot::next_free(conn, now, &SlotSearch::default(), 6)?,
        "networkDay": agenda::show(conn, None, today, Span::Day, now)?,
        "siteDay": agenda::show(conn, Some(picked), today, Span::Day, now)?,
        "networkWeek": agenda::show(conn, None, today, Span::Week, now)?,
        "walkIns": walk_in::queue(conn, busy, today)?,
        // The code of « À prévenir »'s first reminder (the mock's Mme Schmitt).
        "smsQr": permanences::documents::pdf::qr::runs(
            "SMSTO:0612345678:Bonjour Mme Schmitt, nous vous rappelons votre rendez-vous le \
             mercredi 2 décembre 2026 à 9 h 30."
        )?,
        "visitData": {
            "blank": visit::blank(Some(busy), None, now),
            "copy": visit::from_visit(conn, workshop.id, now)?,
            "history": visit::list_for_beneficiary(conn, followed)?,
            "people": people,
            "period": period,
            "publish": publish::status(conn)?,
            "stats": stats::compute(conn, &month)?,
            "charts": stats::charts::compute_charts(conn, &year)?,
            "terms": terms::list(conn, true)?,
            "visitVocab": codes::all(),
            "visits": recent,
        },
    }))
}

#[test]
fn the_accessibility_audit_fixtures_are_fresh() -> TestResult {
    let conn = permanences::store::db::open_in_memory()?;
    demo::seed(&conn, at(day(), "07:30"))?;
    morning(&conn, site_named(&conn, BUSY_SITE))?;
    let text = serde_json::to_string_pretty(&answers(&conn, at(day(), "10:40"))?)? + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/a11y/fixtures.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &text)?;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "ui/a11y/fixtures.json is not what the core answers: run \
         `UPDATE_FIXTURES=1 cargo test --test it a11y_fixtures` and commit it"
    );
    Ok(())
}
