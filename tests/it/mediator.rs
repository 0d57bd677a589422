//! Mediators and the sites they work at.

use crate::common::*;
use permanences::network::mediator::{self, MediatorInput};
use permanences::ErrorKind;

#[test]
fn a_mediator_works_at_several_sites() -> TestResult {
    let conn = conn();
    let a = new_site(&conn, "A");
    let b = new_site(&conn, "B");
    let m = mediator::create(
        &conn,
        &MediatorInput {
            name: "Samia Benali".into(),
            site_ids: vec![b.id, a.id],
            ..Default::default()
        },
        crate::common::now(),
    )?;
    assert_eq!(m.site_ids, vec![a.id, b.id]);
    assert_eq!(mediator::list_for_site(&conn, a.id)?, vec![m.clone()]);
    let moved = mediator::update(
        &conn,
        m.id,
        &MediatorInput {
            name: "Samia Benali".into(),
            site_ids: vec![b.id],
            ..Default::default()
        },
    )?;
    assert_eq!(moved.site_ids, vec![b.id]);
    assert!(mediator::list_for_site(&conn, a.id)?.is_empty());
    Ok(())
}

#[test]
fn archived_mediators_leave_the_team_lists() -> TestResult {
    let conn = conn();
    let a = new_site(&conn, "A");
    let m = mediator::create(
        &conn,
        &MediatorInput {
            name: "Lucas Meyer".into(),
            site_ids: vec![a.id],
            ..Default::default()
        },
        crate::common::now(),
    )?;
    mediator::set_archived(&conn, m.id, true, crate::common::now())?;
    assert!(mediator::list_for_site(&conn, a.id)?.is_empty());
    assert!(mediator::list(&conn, false)?.is_empty());
    assert_eq!(mediator::list(&conn, true)?.len(), 1);
    Ok(())
}

#[test]
fn bad_mediators_are_refused() {
    let conn = conn();
    assert_refused(
        mediator::create(&conn, &MediatorInput::default(), crate::common::now()),
        ErrorKind::Validation,
        "name",
        "Nom",
    );
    let bad_site = MediatorInput {
        name: "X".into(),
        site_ids: vec![permanences::network::site::SiteId(77)],
        ..Default::default()
    };
    assert_refused(
        mediator::create(&conn, &bad_site, crate::common::now()),
        ErrorKind::Validation,
        "siteIds",
        "n'existe plus",
    );
    assert_eq!(
        count(&conn, "mediators"),
        0,
        "the mediator row must be rolled back with its sites"
    );
}
