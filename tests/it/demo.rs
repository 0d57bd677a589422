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

/// « À prévenir » on the demo shows both ways of reminding on the next open day: a person
/// with a phone (the SMS code) and one who left only an e-mail (the `mailto:` link).
#[test]
fn the_demo_has_people_to_remind_by_sms_and_by_e_mail_on_the_next_open_day() -> TestResult {
    let conn = conn();
    demo::seed(&conn, crate::common::now())?;
    let list = permanences::scheduling::reminder::list(&conn, None, None, crate::common::now())?;
    assert_eq!(list.day, "mercredi 2 décembre 2026");
    assert!(
        list.items
            .iter()
            .any(|r| r.sms.is_some() && r.who == "Mme Hoffmann"),
        "{:?}",
        list.items
    );
    assert!(
        list.items.iter().any(|r| r.sms.is_none()
            && r.mailto
                .as_deref()
                .is_some_and(|m| m.starts_with("mailto:lea.martin@exemple.fr?"))),
        "{:?}",
        list.items
    );
    Ok(())
}
