//! Closures: date ranges when a site is shut.

use crate::common::*;
use permanences::network::closure::{self, ClosureInput};
use permanences::ErrorKind;
use rstest::rstest;

fn input(
    site: &permanences::network::site::Site,
    start: &str,
    end: Option<&str>,
    reason: &str,
) -> ClosureInput {
    ClosureInput {
        site_id: site.id,
        start_date: start.into(),
        end_date: end.map(Into::into),
        reason: reason.into(),
    }
}

#[test]
fn a_closure_is_stored_with_a_french_label() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    let c = closure::create(
        &conn,
        &input(&s, "24/12/2099", Some("2100-01-02"), "Vacances de Noël"),
        crate::common::now(),
    )?;
    assert_eq!(c.label, "du 24 décembre 2099 au 2 janvier 2100");
    let one = closure::create(
        &conn,
        &input(&s, "2099-05-08", None, "Pont"),
        crate::common::now(),
    )?;
    assert_eq!(one.end_date, one.start_date, "no end date means one day");
    let listed = closure::list_for_site(
        &conn,
        s.id,
        chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap_or_default(),
    )?;
    assert_eq!(listed, vec![one, c], "soonest first");
    Ok(())
}

#[test]
fn past_closures_are_not_listed_as_upcoming() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    closure::create(
        &conn,
        &input(&s, "2020-01-01", Some("2020-01-05"), "Anciens travaux"),
        crate::common::now(),
    )?;
    let from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    assert!(closure::list_for_site(&conn, s.id, from)?.is_empty());
    Ok(())
}

#[rstest]
#[case::bad_start("demain", None, "Noël", "startDate", "date non reconnue")]
#[case::end_before_start("2027-01-10", Some("2027-01-09"), "Noël", "endDate", "date de fin")]
#[case::too_long(
    "2027-01-01",
    Some("2028-06-01"),
    "Travaux",
    "endDate",
    "au plus un an"
)]
#[case::no_reason("2027-01-01", None, "  ", "reason", "Motif")]
fn bad_closures_are_refused(
    #[case] start: &str,
    #[case] end: Option<&str>,
    #[case] reason: &str,
    #[case] field: &str,
    #[case] words: &str,
) {
    let conn = conn();
    let s = new_site(&conn, "A");
    assert_refused(
        closure::create(&conn, &input(&s, start, end, reason), crate::common::now()),
        ErrorKind::Validation,
        field,
        words,
    );
    assert_eq!(count(&conn, "closures"), 0);
}

#[test]
fn deleting_a_closure() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    let c = closure::create(
        &conn,
        &input(&s, "2099-05-08", None, "Pont"),
        crate::common::now(),
    )?;
    closure::delete(&conn, c.id)?;
    assert_eq!(count(&conn, "closures"), 0);
    Ok(())
}
