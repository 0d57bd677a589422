//! The sample network seeds a coherent set of data, once.
mod common;

use common::*;
use permanences::{demo, site};

#[test]
fn demo_network_is_complete_and_valid() -> TestResult {
    let conn = conn();
    let seeded = demo::seed(&conn)?;
    assert_eq!(seeded.sites, 5);
    assert_eq!(count(&conn, "permanences") as usize, seeded.permanences);
    for s in site::list(&conn, false)? {
        let detail = permanences::site_detail(&conn, s.id)?;
        assert!(
            !detail.permanences.is_empty(),
            "{} has no permanence",
            s.name
        );
        assert!(
            s.latitude.is_some() && s.pivot.is_some(),
            "{} lacks open-data fields",
            s.name
        );
        assert!(!detail.mediators.is_empty(), "{} has no team", s.name);
    }
    Ok(())
}

#[test]
fn demo_is_refused_on_a_database_with_sites_and_writes_nothing() -> TestResult {
    let conn = conn();
    new_site(&conn, "Mon lieu");
    assert!(demo::seed(&conn).is_err());
    assert_eq!(count(&conn, "sites"), 1);
    assert_eq!(count(&conn, "mediators"), 0);
    Ok(())
}
