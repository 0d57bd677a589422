//! The sums behind the statistics: visits, people and their profiles, themes and procedures,
//! appointments, each read in one pass over the period's rows.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use rusqlite::{params_from_iter, types::Value, Connection};

use super::{empty, options_with, percent, AppointmentFigures, Count, Period, Source, Stats};
use crate::clock::{day_bounds, utc_text};
use crate::error::Result;
use crate::network::vocab::AppointmentStatus;
use crate::network::vocab::VocabOption;
use crate::records::visit::codes::{AgeBracket, Gender, PlaceType, SocialStatus, VisitKind};
use crate::records::visit::read::duration_label;
use crate::records::visit::terms::Vocabulary;

/// One person as the statistics describe them.
struct Person {
    age: AgeBracket,
    status: SocialStatus,
    gender: Gender,
    first: bool,
}

/// Counts per code, for a breakdown.
#[derive(Default)]
struct Tally {
    ages: HashMap<&'static str, i64>,
    statuses: HashMap<&'static str, i64>,
    genders: HashMap<&'static str, i64>,
    new: i64,
    returning: i64,
}

impl Tally {
    fn add(&mut self, p: &Person, n: i64) {
        *self.ages.entry(p.age.code()).or_default() += n;
        *self.statuses.entry(p.status.code()).or_default() += n;
        *self.genders.entry(p.gender.code()).or_default() += n;
        if p.first {
            self.new += n;
        } else {
            self.returning += n;
        }
    }
}

/// Visits, hours, durations, places and the people of individual visits, in one read of
/// the period's visits (a covering index: no lookup per visit), summed here rather than by
/// an SQL GROUP BY (which would sort the period first). Followed people come one row per
/// visit, to be counted once each.
///
/// Gathered activities (other desks') are read from their per-day sums and, for their
/// followed people, from the activities of followed people only, in the same order; those
/// people are keyed by negative numbers so that they never meet this desk's. The themes of
/// those sums are returned for [`term_counts`].
pub(super) fn totals(tx: &Connection, p: &Period) -> Result<(Stats, HashMap<i64, i64>)> {
    let mut s = empty();
    let mut buckets: HashMap<&str, i64> = HashMap::new();
    let mut places: HashMap<&str, i64> = HashMap::new();
    let mut followed: HashMap<i64, Person> = HashMap::new();
    let mut tally = Tally::default();
    let mut gathered_terms = HashMap::new();
    for source in p.sources() {
        let (filter, args) = p.visit_filter(source);
        let sql = match source {
            Source::Own => format!(
                "SELECT v.kind, v.place_type, v.duration_minutes, coalesce(v.beneficiary_id, 0),
                    v.age_bracket, v.social_status, v.gender, v.first_visit, v.participants
                 FROM visits v WHERE {filter}"
            ),
            Source::Gathered => {
                let (day_filter, day_args) = p.filter_on("", source);
                let sums = super::days::sums(tx, &day_filter, day_args)?;
                add_sums(&mut s, &sums, &mut buckets, &mut places, &mut tally);
                gathered_terms = sums.terms;
                gathered_followed(tx, &filter, args, &mut followed)?;
                continue;
            }
        };
        let mut stmt = tx.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            let kind: VisitKind = r.get(0)?;
            let place: PlaceType = r.get(1)?;
            let minutes: i64 = r.get(2)?;
            let person_id: i64 = r.get(3)?;
            let participants: i64 = r.get(8)?;
            let bucket = super::days::bucket(minutes);
            s.visits += 1;
            s.minutes += minutes;
            *buckets.entry(bucket).or_default() += 1;
            *places.entry(place.code()).or_default() += 1;
            if kind == VisitKind::Workshop {
                s.workshops += 1;
                s.workshop_participants += participants;
                continue;
            }
            s.individual_visits += 1;
            let person = Person {
                age: r.get(4)?,
                status: r.get(5)?,
                gender: r.get(6)?,
                first: r.get(7)?,
            };
            if person_id == 0 {
                s.people_anonymous += 1;
                tally.add(&person, 1);
            } else {
                let entry = followed.entry(person_id).or_insert(Person {
                    first: false,
                    ..person
                });
                entry.first |= person.first;
            }
        }
    }
    s.hours = duration_label(s.minutes);
    let bucket_labels = [
        ("moins_30", "Moins de 30 min"),
        ("30_60", "30 min à 1 h"),
        ("60_120", "1 h à 2 h"),
        ("plus_120", "2 h et plus"),
    ];
    s.durations = options_with(
        bucket_labels
            .iter()
            .map(|(code, label)| VocabOption {
                code: (*code).to_owned(),
                label: (*label).to_owned(),
            })
            .collect(),
        &buckets,
    );
    s.places = options_with(PlaceType::options(), &places);
    workshop_people(tx, p, &mut s, &mut followed)?;
    s.people_followed = i64::try_from(followed.len()).unwrap_or(i64::MAX);
    s.people = s.people_followed + s.people_anonymous;
    for person in followed.values() {
        tally.add(person, 1);
    }
    s.people_new = tally.new;
    s.people_returning = tally.returning;
    s.age_brackets = options_with(AgeBracket::options(), &tally.ages);
    s.social_statuses = options_with(SocialStatus::options(), &tally.statuses);
    s.genders = options_with(Gender::options(), &tally.genders);
    Ok((s, gathered_terms))
}

/// The gathered activities' followed people (their partial index), in visits_by_day's order
/// so that a person's profile is the one of their first visit in it, as for this desk's.
/// Most people come back: a profile is read only for a person not seen yet.
fn gathered_followed(
    tx: &Connection,
    filter: &str,
    args: Vec<Value>,
    followed: &mut HashMap<i64, Person>,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT -v.person_id, v.first_visit, v.age_bracket, v.social_status, v.gender
         FROM gathered_visits v INDEXED BY gathered_followed_by_day
         WHERE {filter} AND v.person_id IS NOT NULL
         ORDER BY v.day, v.kind, v.place_type, v.duration_minutes, v.participants,
            v.first_visit, v.person_id, v.age_bracket, v.social_status, v.gender"
    ))?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        let first: bool = r.get(1)?;
        match followed.entry(r.get(0)?) {
            Entry::Occupied(mut e) => e.get_mut().first |= first,
            Entry::Vacant(e) => {
                e.insert(Person {
                    age: r.get(2)?,
                    status: r.get(3)?,
                    gender: r.get(4)?,
                    first,
                });
            }
        }
    }
    Ok(())
}

/// Adds a period's per-day sums of gathered activities (their anonymous people included).
fn add_sums(
    s: &mut Stats,
    sums: &super::days::Sums,
    buckets: &mut HashMap<&'static str, i64>,
    places: &mut HashMap<&'static str, i64>,
    tally: &mut Tally,
) {
    s.visits += sums.visits;
    s.minutes += sums.minutes;
    s.individual_visits += sums.individual;
    s.workshops += sums.workshops;
    s.workshop_participants += sums.participants;
    s.people_anonymous += sums.anonymous;
    for (key, &n) in &sums.counts {
        let (kind, code) = key.split_once(':').unwrap_or((key.as_str(), ""));
        match kind {
            "d" => {
                let b = super::days::BUCKETS.into_iter().find(|b| *b == code);
                if let Some(b) = b {
                    *buckets.entry(b).or_default() += n;
                }
            }
            "p" => {
                if let Some(x) = PlaceType::from_code(code) {
                    *places.entry(x.code()).or_default() += n;
                }
            }
            "a" => {
                if let Some(x) = AgeBracket::from_code(code) {
                    *tally.ages.entry(x.code()).or_default() += n;
                }
            }
            "s" => {
                if let Some(x) = SocialStatus::from_code(code) {
                    *tally.statuses.entry(x.code()).or_default() += n;
                }
            }
            "g" => {
                if let Some(x) = Gender::from_code(code) {
                    *tally.genders.entry(x.code()).or_default() += n;
                }
            }
            "new" => tally.new += n,
            "ret" => tally.returning += n,
            _ => {}
        }
    }
}

/// The workshops' named participants (followed people, counted once with the others) and
/// their unnamed ones (counted as anonymous people). Read from the participants' side: the
/// named ones are few next to the period's visits.
fn workshop_people(
    tx: &Connection,
    p: &Period,
    s: &mut Stats,
    followed: &mut HashMap<i64, Person>,
) -> Result<()> {
    let mut named = 0;
    for source in p.sources() {
        let (filter, args) = p.visit_filter(source);
        let sql = match source {
            Source::Own => format!(
                "SELECT b.id, b.age_bracket, b.social_status, b.gender
                 FROM visit_participants vp CROSS JOIN visits v ON v.id = vp.visit_id
                      CROSS JOIN beneficiaries b ON b.id = vp.beneficiary_id
                 WHERE {filter}"
            ),
            Source::Gathered => {
                // From the index alone; a profile only for a person not met yet.
                let (filter, args) = p.filter_on("", source);
                let mut stmt = tx.prepare_cached(&format!(
                    "SELECT -person_id FROM gathered_participants WHERE {filter}"
                ))?;
                let mut profile = tx.prepare_cached(
                    "SELECT age_bracket, social_status, gender FROM gathered_people
                     WHERE id = ?1",
                )?;
                let mut rows = stmt.query(params_from_iter(args))?;
                while let Some(r) = rows.next()? {
                    named += 1;
                    let id: i64 = r.get(0)?;
                    if let Entry::Vacant(e) = followed.entry(id) {
                        e.insert(profile.query_row([-id], |g| {
                            Ok(Person {
                                age: g.get(0)?,
                                status: g.get(1)?,
                                gender: g.get(2)?,
                                first: false,
                            })
                        })?);
                    }
                }
                continue;
            }
        };
        let mut stmt = tx.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            named += 1;
            followed.entry(r.get(0)?).or_insert(Person {
                age: r.get(1)?,
                status: r.get(2)?,
                gender: r.get(3)?,
                first: false,
            });
        }
    }
    s.people_anonymous += s.workshop_participants - named;
    Ok(())
}

/// Visits per theme and per procedure (a visit with two themes counts in each), most
/// frequent first; terms never used in the period are left out. One read of an index.
pub(super) fn term_counts(
    tx: &Connection,
    p: &Period,
    gathered: HashMap<i64, i64>,
) -> Result<(Vec<Count>, Vec<Count>)> {
    // Summed here rather than grouped in SQL: the index gives the terms in day order. The
    // gathered desks' come summed per day (see `totals`).
    let mut counts: HashMap<i64, i64> = gathered;
    if p.sources().contains(&Source::Own) {
        let (filter, args) = p.filter_on("", Source::Own);
        let mut stmt =
            tx.prepare_cached(&format!("SELECT term_id FROM visit_terms WHERE {filter}"))?;
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            *counts.entry(r.get(0)?).or_default() += 1;
        }
    }
    let mut themes = Vec::new();
    let mut procedures = Vec::new();
    // The list comes in the report's order: ties keep it.
    for t in crate::records::visit::terms::list(tx, true)? {
        let Some(&count) = counts.get(&t.id.0) else {
            continue;
        };
        let line = Count {
            code: t.code,
            label: t.label,
            count,
            share: String::new(),
        };
        match t.vocabulary {
            Vocabulary::Theme => themes.push(line),
            Vocabulary::Procedure => procedures.push(line),
        }
    }
    themes.sort_by_key(|c| std::cmp::Reverse(c.count));
    procedures.sort_by_key(|c| std::cmp::Reverse(c.count));
    Ok((themes, procedures))
}

/// This desk's appointments, and the gathered desks' counts per day (the mediator filter
/// does not apply to appointments, but it keeps to this desk).
pub(super) fn appointments(tx: &Connection, p: &Period) -> Result<AppointmentFigures> {
    let mut a = AppointmentFigures::default();
    for source in p.sources() {
        let (sql, args) = match source {
            Source::Own => {
                let (from, to) = day_bounds(p.from, p.to);
                let mut sql = "SELECT status, count(*) FROM appointments
                     WHERE start_at >= ? AND start_at < ?"
                    .to_owned();
                let mut args = vec![Value::Text(utc_text(from)), Value::Text(utc_text(to))];
                if let Some(site) = p.site_id {
                    sql.push_str(" AND site_id = ?");
                    args.push(Value::Integer(site.0));
                }
                (sql, args)
            }
            Source::Gathered => {
                let (filter, args) = p.filter_on("", Source::Gathered);
                (
                    format!("SELECT status, sum(count) FROM gathered_appointments WHERE {filter}"),
                    args,
                )
            }
        };
        count_statuses(tx, &format!("{sql} GROUP BY status"), args, &mut a)?;
    }
    a.no_show_rate = percent(a.no_show, a.honoured + a.no_show);
    Ok(a)
}

fn count_statuses(
    tx: &Connection,
    sql: &str,
    args: Vec<Value>,
    a: &mut AppointmentFigures,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(1)?;
        a.booked += n;
        match r.get::<_, AppointmentStatus>(0)? {
            AppointmentStatus::Honoured => a.honoured += n,
            AppointmentStatus::NoShow => a.no_show += n,
            AppointmentStatus::Excused | AppointmentStatus::Revoked => a.cancelled += n,
            AppointmentStatus::Booked => a.pending += n,
        }
    }
    Ok(())
}
