//! The weekly permanences of an imported site, from its row's `horaires` (read by
//! [`crate::exchange::opendata::hours_reader`]).
//!
//! Their kind comes from how the row says people come, since the standard has one
//! `modalites_acces` for the whole place:
//! - drop-in when it says « Se présenter », or says nothing about it;
//! - by appointment when it names a way to book (`prise_rdv` given, « Prendre un RDV en
//!   ligne », or « Téléphoner » / « Contacter par mail » without « Se présenter »);
//! - both when it says both (« Se présenter » and an online booking);
//! - none at all when the place « n'accueille pas de public ».
//!
//! Importing again replaces the permanences made from the file when its hours (or kind)
//! changed, and leaves them when nothing changed. Permanences changed in the app since the
//! import are the app's: kept, and the report says the file's hours were not taken.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveTime, Utc};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::exchange::opendata::hours_reader::{self, WeeklyHours};
use crate::exchange::opendata::row::Range;
use crate::exchange::opendata::source::{self, Source};
use crate::network::permanence::{self, PermanenceId, PermanenceInput};
use crate::network::site::SiteId;
use crate::network::vocab::{PermanenceKind, WEEKDAYS};

/// A permanence as the file asks for it: weekday, "HH:MM" start and end, kind code.
type Wanted = Range;

/// What a row asks for: its permanences, and what could not become one (French sentences).
pub(super) struct Plan {
    wanted: Vec<Wanted>,
    kind: Option<PermanenceKind>,
    pub notes: Vec<String>,
}

impl Plan {
    /// The permanences the file asks for, by weekday and start.
    pub fn wanted(&self) -> &[Range] {
        &self.wanted
    }
}

/// Reads the row's hours and kind.
pub(super) fn plan(values: &HashMap<String, String>) -> Plan {
    let kind = kind(values);
    let mut notes = Vec::new();
    let Some(text) = values.get("horaires") else {
        return Plan {
            wanted: Vec::new(),
            kind,
            notes,
        };
    };
    let hours = hours_reader::read(text);
    let Some(kind) = kind else {
        notes.push(
            "modalites_acces : « Ce lieu n'accueille pas de public » : aucune permanence n'est \
             créée."
                .to_owned(),
        );
        return Plan {
            wanted: Vec::new(),
            kind,
            notes,
        };
    };
    notes.extend(said(text, &hours));
    let hhmm = |t: &NaiveTime| t.format("%H:%M").to_string();
    let wanted = (1u8..)
        .zip(&hours.days)
        .flat_map(|(day, spans)| {
            spans
                .iter()
                .map(move |(a, b)| (day, hhmm(a), hhmm(b), kind.code().to_owned()))
        })
        .collect();
    Plan {
        wanted,
        kind: Some(kind),
        notes,
    }
}

/// `None` when the place does not receive the public.
fn kind(values: &HashMap<String, String>) -> Option<PermanenceKind> {
    let access: Vec<&str> = values
        .get("modalites_acces")
        .map(|a| a.split('|').map(str::trim).collect())
        .unwrap_or_default();
    let has = |what: &str| access.contains(&what);
    let walk_in = has("Se présenter");
    let booked = values.contains_key("prise_rdv")
        || has("Prendre un RDV en ligne")
        || (!walk_in && (has("Téléphoner") || has("Contacter par mail")));
    let closed = access
        .iter()
        .any(|a| a.replace('’', "'") == "Ce lieu n'accueille pas de public");
    match (walk_in, booked) {
        (true, true) => Some(PermanenceKind::Both),
        (false, true) => Some(PermanenceKind::Appointment),
        (false, false) if closed => None,
        _ => Some(PermanenceKind::DropIn),
    }
}

/// What the report says about the hours it could not read.
fn said(text: &str, hours: &WeeklyHours) -> Option<String> {
    let shown: String = text.chars().take(120).collect();
    if hours.unparsed {
        return Some(format!(
            "horaires : « {shown} » ne suit pas la syntaxe OpenStreetMap (opening_hours) : \
             aucune permanence n'est créée, saisissez-les dans l'application."
        ));
    }
    if hours.unread.is_empty() {
        return None;
    }
    let verb = if hours.unread.len() == 1 {
        "ne peut pas devenir"
    } else {
        "ne peuvent pas devenir"
    };
    let days: Vec<String> = hours
        .dropped
        .iter()
        .filter_map(|d| WEEKDAYS.get(usize::from(d.saturating_sub(1))))
        .map(|d| d.to_lowercase())
        .collect();
    let rest = if days.is_empty() {
        "les autres horaires sont importés".to_owned()
    } else {
        format!(
            "aucune permanence importée le {}, à saisir dans l'application",
            days.join(", le ")
        )
    };
    Some(format!(
        "horaires : {} {verb} une permanence de chaque semaine ; {rest}.",
        hours.unread.join(", ")
    ))
}

/// Makes the site's permanences what `plan` asks for (see the module's documentation);
/// `before` is what the previous import kept, `created` whether the row just created the site.
/// Returns what the report should say, and `true` when the permanences were left as the app
/// has them because they were changed there.
pub(super) fn apply(
    tx: &Connection,
    site: SiteId,
    plan: &Plan,
    before: Option<&Source>,
    created: bool,
    now: DateTime<Utc>,
) -> Result<(Vec<String>, bool)> {
    let today = crate::clock::today(now).to_string();
    let held = source::held(tx, site)?;
    let valid_today = |h: &source::Held| h.4 <= today && h.5.as_ref().is_none_or(|u| *u >= today);
    let mut current: Vec<Wanted> = held
        .iter()
        .filter(|h| valid_today(h))
        .map(|h| (h.0, h.1.clone(), h.2.clone(), h.3.clone()))
        .collect();
    current.sort();
    let mut wanted = plan.wanted.clone();
    wanted.sort();
    if current == wanted {
        return Ok((Vec::new(), false));
    }
    let changed_here = match before {
        Some(source) => source.permanences != held,
        None => !created && !held.is_empty(),
    };
    if changed_here {
        let note = "horaires : les permanences de ce lieu ont été saisies ou modifiées dans \
             l'application : elles sont gardées, les horaires du fichier ne sont pas repris.";
        return Ok((vec![note.to_owned()], true));
    }
    if !remove_current(tx, site, now)? {
        let note = "horaires : des rendez-vous sont pris sur les permanences de ce lieu : elles \
             sont gardées, les horaires du fichier ne sont pas repris. Modifiez-les dans \
             l'application.";
        return Ok((vec![note.to_owned()], false));
    }
    let mut notes = Vec::new();
    for (weekday, start, end, _) in &wanted {
        let minutes = minutes_between(start, end);
        let input = PermanenceInput {
            site_id: site,
            weekday: *weekday,
            start_time: start.clone(),
            end_time: end.clone(),
            kind: plan.kind,
            slot_minutes: (plan.kind != Some(PermanenceKind::DropIn)).then(|| minutes.clamp(5, 30)),
            ..PermanenceInput::default()
        };
        match permanence::create(tx, &input, now) {
            Ok(_) => {}
            Err(e @ (Error::Validation { .. } | Error::Conflict { .. })) => {
                let day = WEEKDAYS[usize::from(weekday - 1)].to_lowercase();
                notes.push(format!("horaires du {day} {start}-{end} : {e}"));
            }
            Err(e) => return Err(e),
        }
    }
    Ok((notes, false))
}

/// Ends the site's permanences that run today or later: deleted when they never had an
/// appointment, ended yesterday (their history kept) when they had some before today.
/// `false`, and nothing changed, when one has an appointment today or later.
fn remove_current(tx: &Connection, site: SiteId, now: DateTime<Utc>) -> Result<bool> {
    let today = crate::clock::today(now);
    let (from, _) = crate::clock::day_bounds(today, today);
    let mut stmt = tx.prepare(
        "SELECT p.id, p.valid_from < ?2,
                EXISTS (SELECT 1 FROM appointments a WHERE a.permanence_id = p.id),
                EXISTS (SELECT 1 FROM appointments a WHERE a.permanence_id = p.id
                        AND a.start_at >= ?3)
         FROM permanences p
         WHERE p.site_id = ?1 AND (p.valid_until IS NULL OR p.valid_until >= ?2)",
    )?;
    let rows: Vec<(i64, bool, bool, bool)> = stmt
        .query_map(
            rusqlite::params![site.0, today, crate::clock::utc_text(from)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    if rows
        .iter()
        .any(|(_, started, booked, ahead)| *ahead || (*booked && !started))
    {
        return Ok(false);
    }
    let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
    for (id, _, booked, _) in rows {
        let id = PermanenceId(id);
        if booked {
            let p = permanence::get(tx, id, today)?;
            let input = PermanenceInput {
                site_id: p.site_id,
                weekday: p.weekday,
                start_time: p.start_time,
                end_time: p.end_time,
                kind: Some(p.kind),
                slot_minutes: Some(p.slot_minutes),
                capacity: Some(p.capacity),
                valid_from: Some(p.valid_from.to_string()),
                valid_until: Some(yesterday.to_string()),
                notes: p.notes,
                mediator_ids: p.mediator_ids,
            };
            permanence::update(tx, id, &input, now)?;
        } else {
            permanence::delete(tx, id)?;
        }
    }
    Ok(true)
}

fn minutes_between(start: &str, end: &str) -> u16 {
    let parse = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").ok();
    match (parse(start), parse(end)) {
        (Some(a), Some(b)) => u16::try_from((b - a).num_minutes()).unwrap_or(0),
        _ => 0,
    }
}
