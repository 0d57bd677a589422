//! The sample network seeds a coherent set of data, once.

use crate::common::*;
use permanences::{network::site, sample::demo};

#[test]
fn demo_network_is_complete_and_valid() -> TestResult {
    let conn = conn();
    let seeded = demo::seed(&conn, crate::common::now())?;
    assert_eq!(seeded.sites, 5);
    assert_eq!(count(&conn, "permanences") as usize, seeded.permanences);
    for s in site::list(&conn, false)? {
        let detail =
            permanences::network::detail::site_detail(&conn, s.id, crate::common::today())?;
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
    assert!(demo::seed(&conn, crate::common::now()).is_err());
    assert_eq!(count(&conn, "sites"), 1);
    assert_eq!(count(&conn, "mediators"), 0);
    Ok(())
}
