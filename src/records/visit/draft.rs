//! Pre-filled visit forms: from an appointment, or as a copy of an earlier visit.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::Connection;

use super::{get, VisitId, VisitInput};
use crate::error::Result;
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;
use crate::records::beneficiary::Profile;
use crate::scheduling::appointment::{self, AppointmentId};

/// The form for the visit of an appointment: its date, time, length, site and reason, with
/// the theme and procedure the reason falls under. Saving it marks the appointment honoured.
/// The resident's name is not copied: the visit stays anonymous unless the person is followed.
pub fn from_appointment(
    conn: &Connection,
    id: AppointmentId,
    mediator: Option<MediatorId>,
) -> Result<VisitInput> {
    let a = appointment::get(conn, id)?;
    // Nobody named at the desk: the site's only mediator, when it has just one.
    let team = crate::network::mediator::list_for_site(conn, a.site_id)?;
    let sole = match team.as_slice() {
        [only] => Some(only.id),
        _ => None,
    };
    let start = a.start.with_timezone(&Paris);
    let minutes = (a.end - a.start).num_minutes().clamp(1, 720);
    let mut themes = Vec::new();
    let mut procedures = Vec::new();
    if let Some(reason) = a.reason {
        themes.push(reason.theme().to_owned());
        if let Some(p) = reason.procedure() {
            procedures.push(p.to_owned());
        }
    }
    Ok(VisitInput {
        date: start.format("%Y-%m-%d").to_string(),
        time: start.format("%H:%M").to_string(),
        duration_minutes: u16::try_from(minutes).unwrap_or(30),
        themes,
        procedures,
        reason: a.reason,
        appointment_id: Some(id),
        created_by: mediator,
        ..base(Some(a.site_id), mediator.or(a.created_by).or(sole))
    })
}

/// The form for a new visit copied from `id` (the weekly workshop, the same help again):
/// everything but the date (today), the appointment and the notes. An anonymous person's
/// profile is not copied (it is someone else); a followed person and a workshop's named
/// participants are.
pub fn from_visit(conn: &Connection, id: VisitId, now: DateTime<Utc>) -> Result<VisitInput> {
    let v = get(conn, id)?;
    let today = crate::clock::today(now);
    Ok(VisitInput {
        kind: v.kind,
        date: today.format("%Y-%m-%d").to_string(),
        time: v.start.format("%H:%M").to_string(),
        duration_minutes: v.duration_minutes,
        place_type: Some(v.place_type),
        site_id: v.site_id,
        place_commune: v.place_commune,
        place_postcode: v.place_postcode,
        mediator_id: Some(v.mediator_id),
        themes: v.themes.into_iter().map(|t| t.code).collect(),
        procedures: v.procedures.into_iter().map(|t| t.code).collect(),
        reason: v.reason,
        procedure_details: v.procedure_details,
        materials: v.materials,
        autonomy: v.autonomy,
        redirected_to: v.redirected_to,
        follow_up: v.follow_up,
        beneficiary_id: v.beneficiary_id,
        profile: if v.followed {
            v.profile.unwrap_or_default()
        } else {
            Profile::default()
        },
        workshop_title: v.workshop_title,
        workshop_level: v.workshop_level,
        participants: v.participants,
        participant_ids: v.participant_ids,
        ..VisitInput::default()
    })
}

/// An empty form for a visit made now (a walk-in, help on the phone): today, this hour, at
/// `site` by `mediator`. The length and the kind of place are left for the mediator to say
/// (0 and `None`, refused on save until chosen): a guess would be counted as an answer.
pub fn blank(site: Option<SiteId>, mediator: Option<MediatorId>, now: DateTime<Utc>) -> VisitInput {
    let local = now.with_timezone(&Paris);
    VisitInput {
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:00").to_string(),
        duration_minutes: 0,
        place_type: None,
        ..base(site, mediator)
    }
}

/// An anonymous individual visit of 30 minutes at `site` by `mediator`, nothing ticked yet:
/// what every pre-filled form starts from.
fn base(site: Option<SiteId>, mediator: Option<MediatorId>) -> VisitInput {
    VisitInput {
        site_id: site,
        mediator_id: mediator,
        created_by: mediator,
        ..VisitInput::default()
    }
}
