//! Sites: creation, validation with French messages, update, archive.

use crate::common::*;
use permanences::network::site::{self, SiteInput};
use permanences::network::vocab::{Public, Service, Typology, WheelchairAccess};
use permanences::ErrorKind;
use rstest::rstest;

#[test]
fn a_site_is_stored_with_every_field() -> TestResult {
    let conn = conn();
    let input = SiteInput {
        name: "  Médiathèque Olympe de Gouges ".into(),
        address_complement: Some("1er étage".into()),
        insee_code: Some("67482".into()),
        latitude: Some(48.5866),
        longitude: Some(7.7388),
        phone: Some("03 88 12 34 50".into()),
        email: Some("accueil@mediatheque.fr".into()),
        website: Some("www.mediatheque.fr".into()),
        wheelchair_access: Some(WheelchairAccess::Full),
        public_transport: Some("Tram A, arrêt Gare".into()),
        public_notes: Some("Apportez vos identifiants.".into()),
        pivot: Some("21670482500019".into()),
        typology: Some(Typology::Library),
        alsace_moselle: Some(false),
        services: vec![
            Service::Access,
            Service::AdministrativeProcedures,
            Service::Access,
        ],
        publics: vec![Public::Seniors],
        ..site_input("")
    };
    let s = site::create(&conn, &input, crate::common::now())?;
    assert_eq!(s.name, "Médiathèque Olympe de Gouges", "names are trimmed");
    assert_eq!(s.website.as_deref(), Some("https://www.mediatheque.fr"));
    assert_eq!(
        s.services,
        vec![Service::AdministrativeProcedures, Service::Access],
        "duplicates collapse"
    );
    assert!(!s.alsace_moselle);
    assert_eq!(
        site::get(&conn, s.id)?,
        s,
        "what is read back is what was returned"
    );
    Ok(())
}

#[test]
fn alsace_moselle_is_the_default() -> TestResult {
    let conn = conn();
    assert!(new_site(&conn, "A").alsace_moselle);
    Ok(())
}

#[rstest]
#[case::empty_name(SiteInput { name: " ".into(), ..site_input("x") }, "name", "Nom du lieu")]
#[case::long_name(SiteInput { name: "x".repeat(121), ..site_input("x") }, "name", "120 caractères")]
#[case::no_address(SiteInput { address: "".into(), ..site_input("x") }, "address", "Adresse")]
#[case::bad_postcode(SiteInput { postcode: "6700".into(), ..site_input("x") }, "postcode", "cinq chiffres")]
#[case::no_city(SiteInput { city: "".into(), ..site_input("x") }, "city", "Commune")]
#[case::bad_insee(SiteInput { insee_code: Some("6748".into()), ..site_input("x") }, "inseeCode", "Code INSEE")]
#[case::half_point(SiteInput { latitude: Some(48.5), ..site_input("x") }, "longitude", "Longitude")]
#[case::bad_phone(SiteInput { phone: Some("0388".into()), ..site_input("x") }, "phone", "Téléphone")]
#[case::bad_email(SiteInput { email: Some("accueil@".into()), ..site_input("x") }, "email", "e-mail")]
#[case::bad_website(SiteInput { website: Some("rien".into()), ..site_input("x") }, "website", "Site web")]
#[case::bad_siret(SiteInput { pivot: Some("21670482500018".into()), ..site_input("x") }, "pivot", "SIRET")]
fn bad_sites_are_refused_and_nothing_is_written(
    #[case] input: SiteInput,
    #[case] field: &str,
    #[case] words: &str,
) {
    let conn = conn();
    assert_refused(
        site::create(&conn, &input, crate::common::now()),
        ErrorKind::Validation,
        field,
        words,
    );
    assert_eq!(
        count(&conn, "sites"),
        0,
        "a refused site must not be stored"
    );
}

#[test]
fn update_replaces_fields_and_lists() -> TestResult {
    let conn = conn();
    let s = site::create(
        &conn,
        &SiteInput {
            services: vec![Service::Access],
            ..site_input("A")
        },
        crate::common::now(),
    )?;
    let changed = site::update(
        &conn,
        s.id,
        &SiteInput {
            city: "Schiltigheim".into(),
            postcode: "67300".into(),
            services: vec![Service::Security],
            ..site_input("B")
        },
        crate::common::now(),
    )?;
    assert_eq!(
        (changed.name.as_str(), changed.city.as_str()),
        ("B", "Schiltigheim")
    );
    assert_eq!(changed.services, vec![Service::Security]);
    Ok(())
}

#[test]
fn a_refused_update_changes_nothing() -> TestResult {
    let conn = conn();
    let s = new_site(&conn, "A");
    let bad = SiteInput {
        postcode: "abc".into(),
        ..site_input("B")
    };
    assert!(site::update(&conn, s.id, &bad, crate::common::now()).is_err());
    assert_eq!(site::get(&conn, s.id)?, s);
    Ok(())
}

#[test]
fn archiving_hides_but_keeps_the_site() -> TestResult {
    let conn = conn();
    let a = new_site(&conn, "A");
    let b = new_site(&conn, "B");
    permanences::network::permanence::create(
        &conn,
        &slot(&a, 2, "14:00", "17:00"),
        crate::common::now(),
    )?;
    let archived = site::set_archived(&conn, a.id, true, crate::common::now())?;
    assert!(archived.archived);
    let active: Vec<_> = site::list(&conn, false)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        active,
        vec![b.id],
        "archived sites are not listed by default"
    );
    assert_eq!(
        site::list(&conn, true)?.len(),
        2,
        "but they are still there"
    );
    assert_eq!(
        permanences::network::permanence::list_for_site(&conn, a.id, crate::common::today())?.len(),
        1,
        "history is kept"
    );
    assert!(
        !site::set_archived(&conn, a.id, false, crate::common::now())?.archived,
        "and can be restored"
    );
    Ok(())
}

#[test]
fn missing_site_is_not_found() {
    let conn = conn();
    let e = site::get(&conn, site::SiteId(42)).err();
    assert_eq!(e.map(|e| e.kind()), Some(ErrorKind::NotFound));
}

#[test]
fn schema_enforces_rules_even_without_the_core() {
    let conn = conn();
    let bad = conn.execute(
        "INSERT INTO sites (name, street, postcode, city, created_at, updated_at)
         VALUES ('A', 'rue', '1', 'X', 'now', 'now')",
        [],
    );
    assert!(
        bad.is_err(),
        "the CHECK on postcode must refuse a one-digit postcode"
    );
}
