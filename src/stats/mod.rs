//! Activity statistics for funders: a period, one site or the network, one mediator or all.
//!
//! How people are counted (the national report's convention): each anonymous individual
//! visit is one person; a followed person counts once however often they came (in individual
//! visits or named in workshops); a workshop's unnamed participants count one each. Profiles
//! (age, status, gender) and "first time or not" describe the people of individual visits and
//! the named workshop participants; the unnamed participants are counted, not described.
//!
//! Counts are `i64` (SQLite's integers) and stay far below 2^53: they cross to TypeScript as
//! plain numbers (`#[specta(type = Number)]`).

pub mod csv;
pub mod report;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::fr;
use crate::mediator::MediatorId;
use crate::site::SiteId;
use crate::slot::{day_bounds, utc_text};
use crate::validate;
use crate::visit::codes::{AgeBracket, Gender, PlaceType, SocialStatus, VisitKind};
use crate::visit::read::duration_label;
use crate::visit::terms::Vocabulary;
use crate::vocab::{AppointmentStatus, VocabOption};

/// Which visits the statistics cover.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StatsQuery {
    /// First day included: "2027-03-01" or "01/03/2027".
    pub from: String,
    /// Last day included.
    pub to: String,
    pub site_id: Option<SiteId>,
    pub mediator_id: Option<MediatorId>,
}

/// A query once checked.
pub(crate) struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub site_id: Option<SiteId>,
    pub mediator_id: Option<MediatorId>,
}

impl StatsQuery {
    pub(crate) fn checked(&self) -> Result<Period> {
        let from = validate::date("from", "Du", &self.from)?;
        let to = validate::date("to", "Au", &self.to)?;
        if to < from {
            return Err(Error::invalid(
                "to",
                "La fin de la période est avant son début : vérifiez les dates.",
            ));
        }
        Ok(Period {
            from,
            to,
            site_id: self.site_id,
            mediator_id: self.mediator_id,
        })
    }
}

impl Period {
    /// "WHERE …" over `visits v` for this period, and its arguments.
    pub(crate) fn visit_filter(&self) -> (String, Vec<Value>) {
        let mut sql = "v.day BETWEEN ? AND ?".to_owned();
        let mut args = vec![
            Value::Text(self.from.format("%Y-%m-%d").to_string()),
            Value::Text(self.to.format("%Y-%m-%d").to_string()),
        ];
        if let Some(site) = self.site_id {
            sql.push_str(" AND v.site_id = ?");
            args.push(Value::Integer(site.0));
        }
        if let Some(m) = self.mediator_id {
            sql.push_str(" AND v.mediator_id = ?");
            args.push(Value::Integer(m.0));
        }
        (sql, args)
    }
}

/// One line of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Count {
    pub code: String,
    pub label: String,
    #[specta(type = specta_typescript::Number)]
    pub count: i64,
    /// Its share of the visits (themes, places, durations) or of the people described
    /// (age, status, gender): "12,5 %".
    pub share: String,
}

/// A key figure as the screen and the report show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct KeyFigure {
    pub label: String,
    pub value: String,
    pub detail: String,
}

/// Appointments of the period (the mediator filter does not apply: an appointment is the
/// site's, not a mediator's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentFigures {
    #[specta(type = specta_typescript::Number)]
    pub booked: i64,
    #[specta(type = specta_typescript::Number)]
    pub honoured: i64,
    #[specta(type = specta_typescript::Number)]
    pub no_show: i64,
    /// Cancelled by the person or by the site.
    #[specta(type = specta_typescript::Number)]
    pub cancelled: i64,
    /// Still to come or not yet marked.
    #[specta(type = specta_typescript::Number)]
    pub pending: i64,
    /// Absent / (came + absent), "12,5 %"; "–" when none of either.
    pub no_show_rate: String,
}

/// The figures of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// "du 1er mars 2027 au 31 mars 2027".
    pub period: String,
    /// "Tout le réseau" or the site's name.
    pub scope: String,
    /// "Toute l'équipe" or the mediator's name.
    pub team: String,
    #[specta(type = specta_typescript::Number)]
    pub people: i64,
    #[specta(type = specta_typescript::Number)]
    pub people_followed: i64,
    #[specta(type = specta_typescript::Number)]
    pub people_anonymous: i64,
    /// People described as coming for the first time / having come before.
    #[specta(type = specta_typescript::Number)]
    pub people_new: i64,
    #[specta(type = specta_typescript::Number)]
    pub people_returning: i64,
    #[specta(type = specta_typescript::Number)]
    pub visits: i64,
    #[specta(type = specta_typescript::Number)]
    pub individual_visits: i64,
    #[specta(type = specta_typescript::Number)]
    pub workshops: i64,
    #[specta(type = specta_typescript::Number)]
    pub workshop_participants: i64,
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
    /// "12 h 30".
    pub hours: String,
    pub themes: Vec<Count>,
    pub procedures: Vec<Count>,
    pub durations: Vec<Count>,
    pub places: Vec<Count>,
    pub age_brackets: Vec<Count>,
    pub social_statuses: Vec<Count>,
    pub genders: Vec<Count>,
    pub appointments: AppointmentFigures,
    /// The six key figures, worded as on the PDF report.
    pub figures: Vec<KeyFigure>,
}

/// The statistics of a period, read in one consistent snapshot.
pub fn compute(conn: &Connection, query: &StatsQuery) -> Result<Stats> {
    let p = query.checked()?;
    crate::db::read(conn, |tx| {
        let mut stats = totals(tx, &p)?;
        stats.period = format!("du {} au {}", fr::date_long(p.from), fr::date_long(p.to));
        stats.scope = match p.site_id {
            Some(id) => crate::site::get(tx, id)?.name,
            None => "Tout le réseau".to_owned(),
        };
        stats.team = match p.mediator_id {
            Some(id) => crate::mediator::get(tx, id)?.name,
            None => "Toute l'équipe".to_owned(),
        };
        (stats.themes, stats.procedures) = term_counts(tx, &p)?;
        stats.appointments = appointments(tx, &p)?;
        let described = stats.people_new + stats.people_returning;
        for (list, whole) in [
            (&mut stats.themes, stats.visits),
            (&mut stats.procedures, stats.visits),
            (&mut stats.places, stats.visits),
            (&mut stats.durations, stats.visits),
            (&mut stats.age_brackets, described),
            (&mut stats.social_statuses, described),
            (&mut stats.genders, described),
        ] {
            for c in list.iter_mut() {
                c.share = percent(c.count, whole);
            }
        }
        stats.figures = report::key_figures(&stats);
        Ok(stats)
    })
}

fn options_with(options: Vec<VocabOption>, counts: &HashMap<&str, i64>) -> Vec<Count> {
    options
        .into_iter()
        .map(|o| Count {
            count: counts.get(o.code.as_str()).copied().unwrap_or(0),
            code: o.code,
            label: o.label,
            share: String::new(),
        })
        .collect()
}

/// Statistics with nothing counted yet.
fn empty() -> Stats {
    Stats {
        period: String::new(),
        scope: String::new(),
        team: String::new(),
        people: 0,
        people_followed: 0,
        people_anonymous: 0,
        people_new: 0,
        people_returning: 0,
        visits: 0,
        individual_visits: 0,
        workshops: 0,
        workshop_participants: 0,
        minutes: 0,
        hours: String::new(),
        themes: Vec::new(),
        procedures: Vec::new(),
        durations: Vec::new(),
        places: Vec::new(),
        age_brackets: Vec::new(),
        social_statuses: Vec::new(),
        genders: Vec::new(),
        appointments: AppointmentFigures::default(),
        figures: Vec::new(),
    }
}

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
fn totals(tx: &Connection, p: &Period) -> Result<Stats> {
    let (filter, args) = p.visit_filter();
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT v.kind, v.place_type, v.duration_minutes, coalesce(v.beneficiary_id, 0),
            v.age_bracket, v.social_status, v.gender, v.first_visit, v.participants
         FROM visits v WHERE {filter}"
    ))?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut s = empty();
    let mut buckets: HashMap<&str, i64> = HashMap::new();
    let mut places: HashMap<&str, i64> = HashMap::new();
    let mut followed: HashMap<i64, Person> = HashMap::new();
    let mut tally = Tally::default();
    while let Some(r) = rows.next()? {
        let kind: VisitKind = r.get(0)?;
        let place: PlaceType = r.get(1)?;
        let minutes: i64 = r.get(2)?;
        let person_id: i64 = r.get(3)?;
        let participants: i64 = r.get(8)?;
        let n = 1;
        let bucket = match minutes {
            ..30 => "moins_30",
            30..60 => "30_60",
            60..120 => "60_120",
            _ => "plus_120",
        };
        s.visits += n;
        s.minutes += minutes;
        *buckets.entry(bucket).or_default() += n;
        *places.entry(place.code()).or_default() += n;
        if kind == VisitKind::Workshop {
            s.workshops += n;
            s.workshop_participants += participants;
            continue;
        }
        s.individual_visits += n;
        let person = Person {
            age: r.get(4)?,
            status: r.get(5)?,
            gender: r.get(6)?,
            first: r.get(7)?,
        };
        if person_id == 0 {
            s.people_anonymous += n;
            tally.add(&person, n);
        } else {
            let entry = followed.entry(person_id).or_insert(Person {
                first: false,
                ..person
            });
            entry.first |= person.first;
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
    Ok(s)
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
    let (filter, args) = p.visit_filter();
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT b.id, b.age_bracket, b.social_status, b.gender
         FROM visit_participants vp CROSS JOIN visits v ON v.id = vp.visit_id
              CROSS JOIN beneficiaries b ON b.id = vp.beneficiary_id
         WHERE {filter}"
    ))?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut named = 0;
    while let Some(r) = rows.next()? {
        named += 1;
        followed.entry(r.get(0)?).or_insert(Person {
            age: r.get(1)?,
            status: r.get(2)?,
            gender: r.get(3)?,
            first: false,
        });
    }
    s.people_anonymous += s.workshop_participants - named;
    Ok(())
}

/// Visits per theme and per procedure (a visit with two themes counts in each), most
/// frequent first; terms never used in the period are left out. One read of an index.
fn term_counts(tx: &Connection, p: &Period) -> Result<(Vec<Count>, Vec<Count>)> {
    // Summed here rather than grouped in SQL: the index gives the terms in day order.
    let mut sql = "SELECT term_id FROM visit_terms WHERE day BETWEEN ? AND ?".to_owned();
    let mut args = vec![
        Value::Text(p.from.format("%Y-%m-%d").to_string()),
        Value::Text(p.to.format("%Y-%m-%d").to_string()),
    ];
    if let Some(site) = p.site_id {
        sql.push_str(" AND site_id = ?");
        args.push(Value::Integer(site.0));
    }
    if let Some(m) = p.mediator_id {
        sql.push_str(" AND mediator_id = ?");
        args.push(Value::Integer(m.0));
    }
    let mut counts: HashMap<i64, i64> = HashMap::new();
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        *counts.entry(r.get(0)?).or_default() += 1;
    }
    let mut themes = Vec::new();
    let mut procedures = Vec::new();
    // The list comes in the report's order: ties keep it.
    for t in crate::visit::terms::list(tx, true)? {
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

/// "12,5 %" (one decimal at most, French decimal comma).
pub(crate) fn percent(part: i64, whole: i64) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    // Tenths of a percent, rounded half up, in integers (no float formatting surprises).
    let tenths = (part * 1000 + whole / 2) / whole;
    if tenths % 10 == 0 {
        format!("{}\u{a0}%", tenths / 10)
    } else {
        format!("{},{}\u{a0}%", tenths / 10, tenths % 10)
    }
}

fn appointments(tx: &Connection, p: &Period) -> Result<AppointmentFigures> {
    let (from, to) = day_bounds(p.from, p.to);
    let mut sql =
        "SELECT status, count(*) FROM appointments WHERE start_at >= ?1 AND start_at < ?2"
            .to_owned();
    let mut args = vec![Value::Text(utc_text(from)), Value::Text(utc_text(to))];
    if let Some(site) = p.site_id {
        sql.push_str(" AND site_id = ?3");
        args.push(Value::Integer(site.0));
    }
    sql.push_str(" GROUP BY status");
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut a = AppointmentFigures::default();
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
    a.no_show_rate = percent(a.no_show, a.honoured + a.no_show);
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_have_their_calendar_bounds() -> Result<()> {
        let b = period_bounds(PeriodSpan::Month, 2028, 2)?;
        assert_eq!(
            (b.from.as_str(), b.to.as_str()),
            ("2028-02-01", "2028-02-29")
        );
        let b = period_bounds(PeriodSpan::Quarter, 2027, 4)?;
        assert_eq!(
            (b.from.as_str(), b.to.as_str()),
            ("2027-10-01", "2027-12-31")
        );
        let b = period_bounds(PeriodSpan::Year, 2027, 0)?;
        assert_eq!(
            (b.from.as_str(), b.to.as_str()),
            ("2027-01-01", "2027-12-31")
        );
        assert!(period_bounds(PeriodSpan::Month, 2027, 13).is_err());
        Ok(())
    }

    #[test]
    fn percent_is_french_and_rounded() {
        assert_eq!(percent(1, 8), "12,5\u{a0}%");
        assert_eq!(percent(1, 4), "25\u{a0}%");
        assert_eq!(percent(2, 3), "66,7\u{a0}%");
        assert_eq!(percent(0, 0), "–");
    }
}

/// A calendar period the statistics screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum PeriodSpan {
    Month,
    Quarter,
    Year,
}

/// The first and last days of a calendar period, as the statistics query takes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PeriodBounds {
    /// "2027-03-01".
    pub from: String,
    /// "2027-03-31".
    pub to: String,
}

/// The bounds of month `number` (1–12), quarter `number` (1–4) or the whole `year`.
pub fn period_bounds(span: PeriodSpan, year: i32, number: u32) -> Result<PeriodBounds> {
    let (first_month, months) = match span {
        PeriodSpan::Month if (1..=12).contains(&number) => (number, 1),
        PeriodSpan::Quarter if (1..=4).contains(&number) => (3 * number - 2, 3),
        PeriodSpan::Year => (1, 12),
        _ => return Err(Error::invalid("period", "Cette période n'existe pas.")),
    };
    let from = NaiveDate::from_ymd_opt(year, first_month, 1)
        .ok_or_else(|| Error::invalid("period", "Cette année n'est pas valable."))?;
    let to = from
        .checked_add_months(chrono::Months::new(months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Error::invalid("period", "Cette année n'est pas valable."))?;
    Ok(PeriodBounds {
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
    })
}
