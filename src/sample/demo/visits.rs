//! A year of invented visits in the sample network (beside those of its appointments, see
//! `history`), so that "Statistiques" and the funders' report show the shape of a year.

use chrono::{DateTime, Datelike, Days, Utc, Weekday};
use rusqlite::Connection;

use crate::error::Result;
use crate::network::mediator::Mediator;
use crate::network::site::SiteId;
use crate::network::vocab::Reason;
use crate::records::beneficiary::{self, FollowInput, Profile};
use crate::records::visit::codes::{
    AgeBracket, Autonomy, Material, PlaceType, Redirection, VisitKind, WorkshopLevel,
};
use crate::records::visit::{self, VisitInput};

/// Themes, procedure and reason of the typical requests.
const REQUESTS: &[(&[&str], &[&str], Option<Reason>)] = &[
    (
        &["aide_aux_demarches_administratives"],
        &["social_sante"],
        Some(Reason::Caf),
    ),
    (
        &["aide_aux_demarches_administratives", "email"],
        &["papiers_elections_citoyennete"],
        Some(Reason::IdentityCard),
    ),
    (
        &["aide_aux_demarches_administratives"],
        &["argent_impots"],
        Some(Reason::Taxes),
    ),
    (&["email"], &[], Some(Reason::Email)),
    (
        &["prendre_en_main_du_materiel"],
        &[],
        Some(Reason::Smartphone),
    ),
    (
        &["aide_aux_demarches_administratives", "sante"],
        &["social_sante"],
        Some(Reason::Ameli),
    ),
    (
        &[
            "insertion_professionnelle",
            "aide_aux_demarches_administratives",
        ],
        &["travail_formation"],
        Some(Reason::FranceTravail),
    ),
    (
        &["navigation_sur_internet", "securite_numerique"],
        &[],
        None,
    ),
];

/// Records the sample visits; returns how many.
pub(super) fn record_some(
    conn: &Connection,
    sites: &[SiteId],
    team: &[Mediator],
    now: DateTime<Utc>,
) -> Result<usize> {
    let today = crate::clock::today(now);
    let Some(first) = team.first() else {
        return Ok(0);
    };
    let followed = [
        ("Durand", "Marie", AgeBracket::From70),
        ("Haddad", "Youssef", AgeBracket::From40),
        ("Lefèvre", "Gisèle", AgeBracket::From60),
        ("Nguyen", "Thi", AgeBracket::From25),
    ]
    .iter()
    .map(|(last, first_name, age)| {
        beneficiary::follow(
            conn,
            &FollowInput {
                first_name: Some((*first_name).into()),
                last_name: Some((*last).into()),
                phone: Some("06 11 22 33 44".into()),
                profile: Profile {
                    age_bracket: *age,
                    commune: Some("Strasbourg".into()),
                    postcode: Some("67100".into()),
                    ..Profile::default()
                },
                consent: true,
                consent_by: Some(first.id),
                ..FollowInput::default()
            },
            now,
        )
    })
    .collect::<Result<Vec<_>>>()?;
    let mut n = 0;
    for back in (1..=super::history::DAYS).rev() {
        let Some(day) = today.checked_sub_days(Days::new(back)) else {
            continue;
        };
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let k = usize::try_from(back).unwrap_or(0);
        let site_index = k % sites.len().max(1);
        let Some(site) = sites.get(site_index) else {
            continue;
        };
        let mediator = team
            .iter()
            .find(|m| m.site_ids.contains(site))
            .unwrap_or(first);
        // One to three visits a day as the season goes (none at Christmas, one every other
        // day in August), a weekly workshop on Thursdays out of the summer.
        let busy = super::history::season(day);
        let per_day = match busy {
            0 => 0,
            1 => usize::from(k % 2 == 0),
            b => usize::try_from(b - 1).unwrap_or(1),
        };
        for j in 0..per_day {
            let (themes, procedures, reason) = REQUESTS[(k * 3 + j) % REQUESTS.len()];
            let (age, status, gender) =
                super::history::PROFILES[(k + j * 5) % super::history::PROFILES.len()];
            let person = (k % 9 == 0 && j == 0).then(|| followed[k % followed.len()].id);
            let input = VisitInput {
                date: day.format("%Y-%m-%d").to_string(),
                time: ["14:00", "15:00", "16:00"][j % 3].into(),
                duration_minutes: [30, 45, 60, 20, 90][(k + j) % 5],
                place_type: Some(if k % 11 == 0 {
                    PlaceType::Remote
                } else {
                    PlaceType::Site
                }),
                site_id: Some(*site),
                mediator_id: Some(mediator.id),
                themes: themes.iter().map(|t| (*t).to_owned()).collect(),
                procedures: procedures.iter().map(|t| (*t).to_owned()).collect(),
                reason,
                materials: vec![if j == 0 {
                    Material::Computer
                } else {
                    Material::Phone
                }],
                autonomy: Some([Autonomy::Guided, Autonomy::Partly, Autonomy::Autonomous][k % 3]),
                redirected_to: (k % 7 == 0).then_some(Redirection::Operator),
                follow_up: k % 4 == 0,
                beneficiary_id: person,
                profile: Profile {
                    age_bracket: age,
                    social_status: status,
                    gender,
                    postcode: Some(if k % 2 == 0 { "67000" } else { "67300" }.into()),
                    commune: Some(
                        if k % 2 == 0 {
                            "Strasbourg"
                        } else {
                            "Schiltigheim"
                        }
                        .into(),
                    ),
                },
                first_visit: (k + j) % 3 == 0,
                created_by: Some(mediator.id),
                ..VisitInput::default()
            };
            visit::record(conn, &input, now)?;
            n += 1;
        }
        if day.weekday() == Weekday::Thu && busy >= 2 {
            let input = VisitInput {
                kind: VisitKind::Workshop,
                date: day.format("%Y-%m-%d").to_string(),
                time: "10:00".into(),
                duration_minutes: 120,
                site_id: sites.first().copied(),
                mediator_id: Some(first.id),
                themes: vec!["securite_numerique".into(), "email".into()],
                materials: vec![Material::Computer],
                workshop_title: Some("Se protéger des arnaques en ligne".into()),
                workshop_level: Some(WorkshopLevel::Beginner),
                participants: 6 + u16::try_from(k % 4).unwrap_or(0),
                participant_ids: vec![followed[0].id],
                created_by: Some(first.id),
                ..VisitInput::default()
            };
            visit::record(conn, &input, now)?;
            n += 1;
        }
    }
    Ok(n)
}
