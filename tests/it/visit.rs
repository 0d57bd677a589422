//! Recording visits: validation, appointments honoured once, copies, followed people with
//! consent, anonymous visits without identity, the open vocabularies.

use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::mediator::{self, Mediator, MediatorInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::site::Site;
use permanences::network::vocab::{AppointmentStatus as Status, PermanenceKind, Reason};
use permanences::records::beneficiary::{self, FollowInput, Profile};
use permanences::records::visit::codes::{AgeBracket, Material, PlaceType, VisitKind};
use permanences::records::visit::terms::{self, Vocabulary};
use permanences::records::visit::{self, VisitFilter, VisitInput};
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::ErrorKind;
use rusqlite::Connection;

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

fn now() -> DateTime<Utc> {
    at("2027-04-01T12:00:00Z")
}

fn setup(conn: &Connection) -> (Site, Mediator) {
    let s = new_site(conn, "Médiathèque Malraux");
    let m = mediator::create(
        conn,
        &MediatorInput {
            name: "Samia Benali".into(),
            site_ids: vec![s.id],
            ..MediatorInput::default()
        },
        crate::common::now(),
    )
    .unwrap();
    (s, m)
}

fn input(s: &Site, m: &Mediator) -> VisitInput {
    VisitInput {
        date: "2027-03-02".into(),
        time: "10:00".into(),
        site_id: Some(s.id),
        mediator_id: Some(m.id),
        themes: vec!["email".into()],
        materials: vec![Material::Computer],
        first_visit: true,
        ..VisitInput::default()
    }
}

#[test]
fn an_anonymous_visit_is_recorded_with_its_themes_and_profile() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let v = visit::record(
        &conn,
        &VisitInput {
            themes: vec!["email".into(), "aide_aux_demarches_administratives".into()],
            procedures: vec!["argent_impots".into()],
            profile: Profile {
                age_bracket: AgeBracket::From60,
                postcode: Some("67 000".into()),
                ..Profile::default()
            },
            ..input(&s, &m)
        },
        now(),
    )?;
    assert_eq!(v.day, "mardi 2 mars 2027");
    assert_eq!(v.time, "10\u{a0}h");
    let codes: Vec<&str> = v.themes.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(codes, ["email", "aide_aux_demarches_administratives"]);
    assert_eq!(v.procedures[0].label, "Argent - Impôts");
    assert!(!v.followed && v.beneficiary_name.is_none());
    let profile = v.profile.unwrap_or_default();
    assert_eq!(profile.age_bracket, AgeBracket::From60);
    assert_eq!(
        profile.postcode.as_deref(),
        Some("67000"),
        "postcode spaces are removed"
    );
    Ok(())
}

#[test]
fn invalid_visits_are_refused_in_french_and_write_nothing() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let base = input(&s, &m);
    let cases: Vec<(VisitInput, &str, &str)> = vec![
        (
            VisitInput {
                themes: vec![],
                ..base.clone()
            },
            "themes",
            "au moins un thème",
        ),
        (
            VisitInput {
                mediator_id: None,
                ..base.clone()
            },
            "mediatorId",
            "qui a fait",
        ),
        (
            VisitInput {
                date: "2027-05-01".into(),
                ..base.clone()
            },
            "date",
            "futur",
        ),
        (
            VisitInput {
                date: "31/02/2027".into(),
                ..base.clone()
            },
            "date",
            "Date",
        ),
        (
            VisitInput {
                duration_minutes: 0,
                ..base.clone()
            },
            "durationMinutes",
            "durée",
        ),
        (
            VisitInput {
                duration_minutes: 721,
                ..base.clone()
            },
            "durationMinutes",
            "12 heures",
        ),
        (
            VisitInput {
                place_type: None,
                ..base.clone()
            },
            "placeType",
            "type de lieu",
        ),
        (
            VisitInput {
                site_id: None,
                ..base.clone()
            },
            "siteId",
            "lieu",
        ),
        (
            VisitInput {
                themes: vec!["inconnu".into()],
                ..base.clone()
            },
            "themes",
            "pas dans la liste",
        ),
        (
            VisitInput {
                procedures: vec!["logement".into()],
                ..base.clone()
            },
            "procedures",
            "Aide aux démarches",
        ),
        (
            VisitInput {
                materials: vec![Material::None, Material::Phone],
                ..base.clone()
            },
            "materials",
            "Pas de matériel",
        ),
        (
            VisitInput {
                kind: VisitKind::Workshop,
                ..base.clone()
            },
            "workshopTitle",
            "obligatoire",
        ),
        (
            VisitInput {
                date: "2027-03-28".into(),
                time: "02:30".into(),
                ..base.clone()
            },
            "time",
            "heure d'été",
        ),
        (
            VisitInput {
                notes: Some("x".repeat(2001)),
                ..base.clone()
            },
            "notes",
            "2000",
        ),
    ];
    for (bad, field, words) in cases {
        let kind = ErrorKind::Validation;
        assert_refused(visit::record(&conn, &bad, now()), kind, field, words);
    }
    assert_eq!(count(&conn, "visits"), 0, "a refused visit writes nothing");
    assert_eq!(count(&conn, "visit_terms"), 0, "nor its themes");
    Ok(())
}

#[test]
fn a_blank_form_leaves_the_length_and_the_place_to_the_mediator() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let mut draft = visit::blank(Some(s.id), Some(m.id), now());
    assert_eq!(
        (draft.duration_minutes, draft.place_type),
        (0, None),
        "a guessed length or place would be counted as the mediator's answer"
    );
    draft.themes = vec!["email".into()];
    assert_refused(
        visit::record(&conn, &draft, now()),
        ErrorKind::Validation,
        "durationMinutes",
        "durée",
    );
    draft.duration_minutes = 45;
    assert_refused(
        visit::record(&conn, &draft, now()),
        ErrorKind::Validation,
        "placeType",
        "type de lieu",
    );
    draft.place_type = Some(PlaceType::Home);
    let v = visit::record(&conn, &draft, now())?;
    assert_eq!(
        (v.duration_minutes, v.place_type),
        (45, PlaceType::Home),
        "once told, the form's answers are kept"
    );
    Ok(())
}

fn appointment_desk(conn: &Connection, s: &Site) -> appointment::Appointment {
    permanence::create(
        conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(2),
            ..slot(s, 2, "14:00", "16:00")
        },
        crate::common::now(),
    )
    .unwrap();
    appointment::book(
        conn,
        &BookingInput {
            site_id: s.id,
            start: "2027-03-30T14:30".into(),
            resident_name: Some("Mme Durandeau".into()),
            resident_phone: Some("06 12 34 56 78".into()),
            reason: Some(Reason::Taxes),
            ..BookingInput::default()
        },
        at("2027-03-01T08:00:00Z"),
    )
    .unwrap()
}

#[test]
fn a_visit_from_an_appointment_is_prefilled_and_marks_it_honoured_once() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let a = appointment_desk(&conn, &s);
    let draft = visit::from_appointment(&conn, a.id, Some(m.id))?;
    assert_eq!(
        (draft.date.as_str(), draft.time.as_str()),
        ("2027-03-30", "14:30")
    );
    assert_eq!(draft.duration_minutes, 30);
    assert_eq!(draft.themes, ["aide_aux_demarches_administratives"]);
    assert_eq!(draft.procedures, ["argent_impots"]);
    let v = visit::record(&conn, &draft, now())?;
    let after = appointment::get(&conn, a.id)?;
    assert_eq!(
        after.status,
        Status::Honoured,
        "recording the visit marks the appointment"
    );
    assert_eq!(after.visit_id, Some(v.id.0));
    assert!(
        !after.can_undo,
        "the status cannot be undone under a recorded visit"
    );
    assert_refused(
        appointment::undo_status(&conn, a.id, None, crate::common::now()),
        ErrorKind::Conflict,
        "status",
        "accompagnement est noté",
    );
    assert_refused(
        visit::record(&conn, &draft, now()),
        ErrorKind::Conflict,
        "appointmentId",
        "déjà noté",
    );
    // The resident's name and phone given at booking never reach the anonymous visit.
    let dump: String = conn.query_row(
        "SELECT coalesce(notes, '') || coalesce(procedure_details, '') || coalesce(home_commune, '')
            || coalesce(place_commune, '') || coalesce(beneficiary_id, '')
         FROM visits",
        [],
        |r| r.get(0),
    )?;
    assert!(
        !dump.contains("Durandeau") && !dump.contains("06 12"),
        "found: {dump}"
    );
    assert_eq!(
        count(&conn, "beneficiaries"),
        0,
        "nobody is followed without being asked"
    );
    Ok(())
}

#[test]
fn a_cancelled_appointment_cannot_get_a_visit_but_a_no_show_can() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let a = appointment_desk(&conn, &s);
    appointment::set_status(
        &conn,
        a.id,
        Status::Excused,
        None,
        at("2027-03-20T08:00:00Z"),
    )?;
    let draft = visit::from_appointment(&conn, a.id, Some(m.id))?;
    assert_refused(
        visit::record(&conn, &draft, now()),
        ErrorKind::Conflict,
        "appointmentId",
        "rétablissez",
    );
    assert_eq!(count(&conn, "visits"), 0);
    appointment::undo_status(&conn, a.id, None, crate::common::now())?;
    appointment::set_status(&conn, a.id, Status::NoShow, None, now())?;
    visit::record(&conn, &draft, now())?;
    assert_eq!(
        appointment::get(&conn, a.id)?.status,
        Status::Honoured,
        "the visit proves they came"
    );
    Ok(())
}

#[test]
fn following_someone_needs_their_consent() -> TestResult {
    let conn = conn();
    let (_, m) = setup(&conn);
    let who = FollowInput {
        first_name: Some("Marie".into()),
        last_name: Some("Durand".into()),
        phone: Some("06 11 22 33 44".into()),
        consent: false,
        consent_by: Some(m.id),
        ..FollowInput::default()
    };
    assert_refused(
        beneficiary::follow(&conn, &who, now()),
        ErrorKind::Validation,
        "consent",
        "accord",
    );
    assert_eq!(count(&conn, "beneficiaries"), 0);
    let b = beneficiary::follow(
        &conn,
        &FollowInput {
            consent: true,
            ..who
        },
        now(),
    )?;
    assert_eq!(b.display_name, "DURAND Marie");
    assert_eq!(b.consent_on, "01/04/2027");
    assert_eq!(b.consent_by, Some(m.id));
    // The schema refuses an identity without consent, whatever the code does.
    let raw = conn.execute(
        "INSERT INTO beneficiaries (followed, last_name, created_at) VALUES (1, 'X', 'now')",
        [],
    );
    assert!(
        raw.is_err(),
        "a followed person without consent must be refused by the schema"
    );
    let raw = conn.execute(
        "INSERT INTO beneficiaries (followed, last_name, created_at) VALUES (0, 'X', 'now')",
        [],
    );
    assert!(
        raw.is_err(),
        "an anonymous person with a name must be refused by the schema"
    );
    Ok(())
}

#[test]
fn a_followed_persons_history_lists_their_visits_and_workshops() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let b = beneficiary::follow(
        &conn,
        &FollowInput {
            last_name: Some("Haddad".into()),
            consent: true,
            ..FollowInput::default()
        },
        now(),
    )?;
    let first = visit::record(
        &conn,
        &VisitInput {
            beneficiary_id: Some(b.id),
            ..input(&s, &m)
        },
        now(),
    )?;
    assert!(first.followed);
    assert_eq!(first.beneficiary_name.as_deref(), Some("HADDAD"));
    let workshop = VisitInput {
        kind: VisitKind::Workshop,
        date: "2027-03-10".into(),
        workshop_title: Some("Premiers pas sur tablette".into()),
        participants: 5,
        participant_ids: vec![b.id],
        first_visit: false,
        ..input(&s, &m)
    };
    visit::record(&conn, &workshop, now())?;
    visit::record(&conn, &input(&s, &m), now())?; // someone else, anonymous
    let history = visit::list_for_beneficiary(&conn, b.id)?;
    let days: Vec<&str> = history.iter().map(|v| v.day.as_str()).collect();
    assert_eq!(
        days,
        ["mercredi 10 mars 2027", "mardi 2 mars 2027"],
        "most recent first"
    );
    let b = beneficiary::get(&conn, b.id)?;
    assert_eq!(b.visit_count, 2);
    assert_eq!(b.last_visit_on.as_deref(), Some("10/03/2027"));
    assert_eq!(beneficiary::search(&conn, "hadd")?.len(), 1);
    assert_eq!(
        beneficiary::search(&conn, "%")?.len(),
        0,
        "LIKE wildcards are escaped"
    );
    // A workshop cannot name more people than took part.
    assert_refused(
        visit::record(
            &conn,
            &VisitInput {
                participants: 0,
                ..workshop
            },
            now(),
        ),
        ErrorKind::Validation,
        "participants",
        "entre 1 et 500",
    );
    Ok(())
}

#[test]
fn a_visit_is_duplicated_for_today_without_its_notes_or_appointment() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let weekly = visit::record(
        &conn,
        &VisitInput {
            kind: VisitKind::Workshop,
            workshop_title: Some("Atelier e-mail".into()),
            participants: 7,
            notes: Some("Salle 2".into()),
            first_visit: false,
            ..input(&s, &m)
        },
        now(),
    )?;
    let copy = visit::from_visit(&conn, weekly.id, now())?;
    assert_eq!(copy.date, "2027-04-01", "a copy is for today");
    assert_eq!(copy.workshop_title.as_deref(), Some("Atelier e-mail"));
    assert_eq!(copy.participants, 7);
    assert_eq!(copy.notes, None);
    assert_eq!(copy.appointment_id, None);
    let second = visit::record(
        &conn,
        &VisitInput {
            time: "09:00".into(),
            ..copy
        },
        now(),
    )?;
    assert_ne!(second.id, weekly.id);
    let listed = visit::list(&conn, &VisitFilter::default(), 10)?;
    assert_eq!(listed.len(), 2);
    Ok(())
}

#[test]
fn correcting_and_deleting_a_visit_keep_things_whole() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let v = visit::record(&conn, &input(&s, &m), now())?;
    let fixed = visit::update(
        &conn,
        v.id,
        &VisitInput {
            duration_minutes: 45,
            themes: vec!["sante".into()],
            profile: Profile {
                age_bracket: AgeBracket::From70,
                ..Profile::default()
            },
            ..input(&s, &m)
        },
        now(),
    )?;
    assert_eq!(fixed.duration, "45\u{a0}min");
    assert_eq!(fixed.themes.len(), 1);
    assert_eq!(
        fixed.profile.map(|p| p.age_bracket),
        Some(AgeBracket::From70)
    );
    assert_refused(
        visit::update(
            &conn,
            v.id,
            &VisitInput {
                themes: vec![],
                ..input(&s, &m)
            },
            now(),
        ),
        ErrorKind::Validation,
        "themes",
        "thème",
    );
    assert_eq!(
        visit::get(&conn, v.id)?.duration_minutes,
        45,
        "a refused correction changes nothing"
    );
    visit::delete(&conn, v.id)?;
    assert_eq!(count(&conn, "visits"), 0);
    assert_eq!(
        count(&conn, "beneficiaries"),
        0,
        "the anonymous profile goes with its visit"
    );
    assert_eq!(count(&conn, "visit_terms"), 0);
    Ok(())
}

#[test]
fn a_network_adds_its_own_themes_and_cannot_delete_national_ones() -> TestResult {
    let conn = conn();
    let (s, m) = setup(&conn);
    let national = terms::list(&conn, false)?;
    assert_eq!(
        national
            .iter()
            .filter(|t| t.vocabulary == Vocabulary::Theme)
            .count(),
        19
    );
    assert_eq!(
        national
            .iter()
            .filter(|t| t.vocabulary == Vocabulary::Procedure)
            .count(),
        11
    );
    let ours = terms::add(&conn, Vocabulary::Theme, "Jeux vidéo en famille")?;
    assert!(ours.code.starts_with("reseau_") && !ours.national);
    assert_refused(
        terms::add(&conn, Vocabulary::Theme, "jeux vidéo en famille"),
        ErrorKind::Conflict,
        "label",
        "existe déjà",
    );
    let email = national.iter().find(|t| t.code == "email").map(|t| t.id);
    if let Some(email) = email {
        assert_refused(
            terms::delete(&conn, email),
            ErrorKind::Conflict,
            "label",
            "liste nationale",
        );
    }
    assert!(
        conn.execute("DELETE FROM terms WHERE code = 'email'", [])
            .is_err(),
        "the schema keeps national terms"
    );
    visit::record(
        &conn,
        &VisitInput {
            themes: vec![ours.code.clone()],
            ..input(&s, &m)
        },
        now(),
    )?;
    assert_refused(
        terms::delete(&conn, ours.id),
        ErrorKind::Conflict,
        "label",
        "archivez",
    );
    terms::set_archived(&conn, ours.id, true)?;
    assert_refused(
        visit::record(
            &conn,
            &VisitInput {
                themes: vec![ours.code.clone()],
                ..input(&s, &m)
            },
            now(),
        ),
        ErrorKind::Validation,
        "themes",
        "pas dans la liste",
    );
    assert_eq!(
        visit::list(&conn, &VisitFilter::default(), 5)?[0].themes[0].label,
        "Jeux vidéo en famille",
        "past visits keep it"
    );
    Ok(())
}
