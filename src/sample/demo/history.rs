//! A year of appointments and walk-ins before the anchor day: each booked a few days ahead,
//! some people ticked « Prévenu(e) » the day before, then honoured (with its visit), missed
//! or cancelled, through the same functions a desk's clicks go through, each at its own
//! instant. Quieter in August and closed at Christmas, like a real network. Deterministic:
//! every choice comes from [`pick`], a hash of the day and the slot.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::network::mediator::Mediator;
use crate::network::vocab::{AppointmentStatus as Status, PermanenceKind, Reason};
use crate::records::visit;
use crate::records::visit::codes::{AgeBracket, Gender, SocialStatus};
use crate::scheduling::appointment::{self, BookingInput};
use crate::scheduling::slot::{self, Slot};
use crate::scheduling::walk_in::{self, WalkInInput, WalkInStatus};
use crate::scheduling::{reminder, walk_in::WalkInId};

/// How many days of history the demo writes.
pub(super) const DAYS: u64 = 365;

/// How busy a day of the year is, out of 4: closed between Christmas and New Year's Day,
/// a quarter of the usual in August, a little less in July and on the last days of June,
/// busiest at the return in September and October and when taxes are due (April, May).
pub(super) fn season(day: NaiveDate) -> u64 {
    match (day.month(), day.day()) {
        (12, 24..) | (1, 1) => 0,
        (8, _) => 1,
        (7, _) | (6, 25..) | (12, _) => 2,
        (9 | 10 | 4 | 5, _) => 4,
        _ => 3,
    }
}

/// A number from 0 to `n - 1` fixed by `seed` (splitmix64): the same anchor gives the same
/// year.
pub(super) fn pick(seed: u64, n: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % n.max(1)
}

fn day_seed(day: NaiveDate, k: u64) -> u64 {
    u64::try_from(day.num_days_from_ce()).unwrap_or(0) * 1_000 + k
}

const NAMES: &[&str] = &[
    "Mme Muller",
    "Karim",
    "M. Weber",
    "Nadia B.",
    "Jean-Paul",
    "Fatou",
    "Mme Lang",
    "Ahmed",
    "Odile",
    "M. Roth",
];

const REASONS: &[Reason] = &[
    Reason::Caf,
    Reason::Caf,
    Reason::Ameli,
    Reason::IdentityCard,
    Reason::Taxes,
    Reason::FranceTravail,
    Reason::Email,
    Reason::Smartphone,
    Reason::Pension,
    Reason::ResidencePermit,
];

/// The profiles of the invented people (age, situation, gender), in turn.
pub(super) const PROFILES: &[(AgeBracket, SocialStatus, Gender)] = &[
    (AgeBracket::From60, SocialStatus::Retired, Gender::Female),
    (AgeBracket::From70, SocialStatus::Retired, Gender::Male),
    (AgeBracket::From40, SocialStatus::JobSeeker, Gender::Female),
    (AgeBracket::From25, SocialStatus::Employed, Gender::Male),
    (AgeBracket::From18, SocialStatus::Pupil, Gender::Female),
    (AgeBracket::Unknown, SocialStatus::Unknown, Gender::Unknown),
];

/// What [`record_year`] wrote.
pub(super) struct History {
    pub appointments: usize,
    pub visits: usize,
}

/// Books, reminds and ends a year of appointments, and queues the walk-ins of the drop-in
/// permanences, in the year before `now`'s day.
pub(super) fn record_year(
    conn: &Connection,
    team: &[Mediator],
    now: DateTime<Utc>,
) -> Result<History> {
    let today = crate::clock::today(now);
    let first = today.checked_sub_days(Days::new(DAYS)).unwrap_or(today);
    let last = today.pred_opt().unwrap_or(today);
    let mut history = History {
        appointments: 0,
        visits: 0,
    };
    let mut phone = 0u64;
    let mut sessions = std::collections::HashSet::new();
    for (k, s) in slot::list(conn, None, first, last)?.iter().enumerate() {
        let day = s.start.date_naive();
        let seed = day_seed(day, u64::try_from(k % 1_000).unwrap_or(0));
        let busy = season(day);
        if s.kind != PermanenceKind::DropIn && pick(seed, 5) < busy {
            phone += 1;
            history.visits += appointment_of(conn, s, team, seed, phone)?;
            history.appointments += 1;
        }
        // The walk-ins of a drop-in session arrive at its start.
        if s.kind != PermanenceKind::Appointment && sessions.insert((s.permanence_id.0, day)) {
            for j in 0..busy {
                walk_in_at(conn, s, seed + 100 + j, j)?;
            }
        }
    }
    Ok(history)
}

/// One appointment in slot `s`: booked six days before, reminded the day before when the
/// person left a phone, then honoured (its visit recorded), missed or cancelled. Returns
/// the visits written (0 or 1).
fn appointment_of(
    conn: &Connection,
    s: &Slot,
    team: &[Mediator],
    seed: u64,
    phone: u64,
) -> Result<usize> {
    let start = s.start.to_utc();
    let mediator = team
        .iter()
        .find(|m| m.site_ids.contains(&s.site_id))
        .map(|m| m.id);
    let has_phone = pick(seed + 1, 5) != 0;
    let reason = REASONS[usize::try_from(pick(seed + 2, REASONS.len() as u64)).unwrap_or(0)];
    let a = appointment::book(
        conn,
        &BookingInput {
            site_id: s.site_id,
            start: start.to_rfc3339(),
            resident_name: Some(
                NAMES[usize::try_from(phone % NAMES.len() as u64).unwrap_or(0)].into(),
            ),
            // Distinct numbers: the same phone twice at once is refused.
            resident_phone: has_phone.then(|| {
                format!(
                    "06 {:02} {:02} {:02} {:02}",
                    10 + phone / 1_000_000 % 90,
                    phone / 10_000 % 100,
                    phone / 100 % 100,
                    phone % 100
                )
            }),
            reason: Some(reason),
            created_by: mediator,
            ..BookingInput::default()
        },
        start - Duration::days(6),
    )?;
    // One in twelve cancelled two days before; the others reminded (six in ten of those with
    // a phone) the day before, then come or not: reminded people miss about one time in
    // twelve, the others one in four.
    if pick(seed + 5, 12) == 0 {
        appointment::set_status(
            conn,
            a.id,
            Status::Excused,
            mediator,
            start - Duration::days(2),
        )?;
        return Ok(0);
    }
    let reminded = has_phone && pick(seed + 3, 10) < 6;
    if reminded {
        reminder::set_reminded(conn, a.id, true, start - Duration::days(1))?;
    }
    let missed = if reminded {
        pick(seed + 4, 12) == 0
    } else {
        pick(seed + 4, 4) == 0
    };
    if missed {
        appointment::set_status(
            conn,
            a.id,
            Status::NoShow,
            mediator,
            start + Duration::hours(1),
        )?;
        return Ok(0);
    }
    let draft = visit::from_appointment(conn, a.id, mediator)?;
    let (age, status, gender) = PROFILES[usize::try_from(pick(seed + 6, 6)).unwrap_or(0)];
    visit::record(
        conn,
        &visit::VisitInput {
            mediator_id: draft.mediator_id.or(mediator),
            first_visit: pick(seed + 7, 3) == 0,
            profile: crate::records::beneficiary::Profile {
                age_bracket: age,
                social_status: status,
                gender,
                ..Default::default()
            },
            ..draft
        },
        start + Duration::hours(1),
    )?;
    Ok(1)
}

/// A walk-in at the start of drop-in slot `s`, seen (or, once in eight, gone before).
fn walk_in_at(conn: &Connection, s: &Slot, seed: u64, j: u64) -> Result<()> {
    let at = s.start.to_utc() + Duration::minutes(i64::try_from(j * 7).unwrap_or(0));
    let w = walk_in::arrive(
        conn,
        &WalkInInput {
            site_id: s.site_id,
            name: None,
            reason: Some(REASONS[usize::try_from(pick(seed, REASONS.len() as u64)).unwrap_or(0)]),
            created_by: None,
        },
        at,
    );
    let id: WalkInId = match w {
        Ok(w) => w.id,
        // A session ended early by its rule (a short permanence): nobody queues.
        Err(Error::Validation { .. }) => return Ok(()),
        Err(e) => return Err(e),
    };
    let status = if pick(seed + 1, 8) == 0 {
        WalkInStatus::Left
    } else {
        WalkInStatus::Seen
    };
    walk_in::set_status(conn, id, status, at + Duration::minutes(20))?;
    Ok(())
}
