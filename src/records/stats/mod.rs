//! Activity statistics for funders: a period, one site or the network, one mediator or all.
//!
//! How people are counted (the national report's convention): each anonymous individual
//! visit is one person; a followed person counts once however often they came (in individual
//! visits or named in workshops); a workshop's unnamed participants count one each. Profiles
//! (age, status, gender) and "first time or not" describe the people of individual visits and
//! the named workshop participants; the unnamed participants are counted, not described, and
//! show on each people breakdown's « Non renseigné » line, so that it adds up to `people`.
//!
//! Counts are `i64` (SQLite's integers) and stay far below 2^53: they cross to TypeScript as
//! plain numbers (`#[specta(type = Number)]`).

mod absences;
pub mod charts;
pub mod csv;
pub(crate) mod days;
pub mod figures;
mod gathered;
mod period;
mod tally;

use tally::{appointments, term_counts, totals};

pub use period::{period_bounds, PeriodBounds, PeriodSpan};

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{types::Value, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::fr;
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;
use crate::network::vocab::VocabOption;
use crate::validate;

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
    /// Only this desk's own activities ([`DeskId::OWN`]) or one gathered desk's; none: this
    /// desk's and every gathered one's.
    #[serde(default)]
    pub desk_id: Option<DeskId>,
}

/// A desk of the network whose activities were gathered here (`desks` table), or
/// [`DeskId::OWN`], this database's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[specta(type = specta_typescript::Number)]
pub struct DeskId(pub i64);

impl DeskId {
    /// This database's own activities.
    pub const OWN: DeskId = DeskId(0);
}

/// Where the counted activities are kept: this desk's `visits`, or the `gathered_visits` of
/// other desks (same column names for what statistics read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Own,
    Gathered,
}

/// A query once checked.
pub(crate) struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub site_id: Option<SiteId>,
    pub mediator_id: Option<MediatorId>,
    pub desk_id: Option<DeskId>,
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
            desk_id: self.desk_id,
        })
    }
}

impl Period {
    /// The sources this period reads: a mediator is one of this desk's, so a mediator filter
    /// leaves the gathered desks out; a desk filter keeps one source.
    pub(crate) fn sources(&self) -> Vec<Source> {
        match self.desk_id {
            Some(DeskId::OWN) => vec![Source::Own],
            Some(_) if self.mediator_id.is_some() => Vec::new(),
            Some(_) => vec![Source::Gathered],
            None if self.mediator_id.is_some() => vec![Source::Own],
            None => vec![Source::Own, Source::Gathered],
        }
    }

    /// "WHERE …" over `{source} v` for this period, and its arguments.
    pub(crate) fn visit_filter(&self, source: Source) -> (String, Vec<Value>) {
        let (sql, args) = self.filter_on("v.", source);
        (sql, args)
    }

    /// The same filter over a table whose columns are named as the visits' (`prefix`: "v."
    /// or "" for the terms tables, which repeat the day, site and desk).
    pub(crate) fn filter_on(&self, prefix: &str, source: Source) -> (String, Vec<Value>) {
        let mut sql = format!("{prefix}day BETWEEN ? AND ?");
        let mut args = vec![
            Value::Text(self.from.format("%Y-%m-%d").to_string()),
            Value::Text(self.to.format("%Y-%m-%d").to_string()),
        ];
        if let Some(site) = self.site_id {
            sql.push_str(&format!(" AND {prefix}site_id = ?"));
            args.push(Value::Integer(site.0));
        }
        match source {
            Source::Own => {
                if let Some(m) = self.mediator_id {
                    sql.push_str(&format!(" AND {prefix}mediator_id = ?"));
                    args.push(Value::Integer(m.0));
                }
            }
            Source::Gathered => {
                if let Some(d) = self.desk_id.filter(|d| *d != DeskId::OWN) {
                    sql.push_str(&format!(" AND {prefix}desk_id = ?"));
                    args.push(Value::Integer(d.0));
                }
            }
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
    /// Its share of the visits (themes, places, durations) or of the people (age, status,
    /// gender): "12,5 %". Places, durations, ages, statuses and genders add up to their
    /// whole, with a « Non renseigné » line ([`UNKNOWN`]) when needed.
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
    /// People described as coming for the first time / having come before; the others
    /// (`people` minus both: unnamed workshop participants) are « non renseignées ».
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
    crate::store::db::read(conn, |tx| {
        let (mut stats, gathered_terms) = totals(tx, &p)?;
        stats.period = format!("du {} au {}", fr::date_long(p.from), fr::date_long(p.to));
        stats.scope = match p.site_id {
            Some(id) => crate::network::site::get(tx, id)?.name,
            None => "Tout le réseau".to_owned(),
        };
        stats.team = match p.mediator_id {
            Some(id) => crate::network::mediator::get(tx, id)?.name,
            None => "Toute l'équipe".to_owned(),
        };
        match p.desk_id {
            Some(DeskId::OWN) => stats.scope.push_str(" — ce poste"),
            Some(d) => {
                let name: String = tx
                    .query_row("SELECT name FROM desks WHERE id = ?1", [d.0], |r| r.get(0))
                    .map_err(|_| {
                        Error::NotFound(
                            "Ce poste n'est pas dans les activités rassemblées.".to_owned(),
                        )
                    })?;
                stats.scope.push_str(&format!(" — poste « {name} »"));
            }
            None => {}
        }
        (stats.themes, stats.procedures) = term_counts(tx, &p, gathered_terms)?;
        stats.appointments = appointments(tx, &p)?;
        // Each breakdown adds up to the figure it is a share of: what is not counted on a
        // line (unnamed workshop participants, a gathered code this desk does not know) goes
        // on a « Non renseigné » one. Themes and procedures are not summed: a visit may have
        // several, or none.
        let people = stats.people;
        for list in [
            &mut stats.age_brackets,
            &mut stats.social_statuses,
            &mut stats.genders,
        ] {
            add_unknown(list, people);
        }
        for list in [&mut stats.places, &mut stats.durations] {
            add_unknown(list, stats.visits);
        }
        for (list, whole) in [
            (&mut stats.themes, stats.visits),
            (&mut stats.procedures, stats.visits),
            (&mut stats.places, stats.visits),
            (&mut stats.durations, stats.visits),
            (&mut stats.age_brackets, people),
            (&mut stats.social_statuses, people),
            (&mut stats.genders, people),
        ] {
            for c in list.iter_mut() {
                c.share = percent(c.count, whole);
            }
        }
        stats.figures = figures::key_figures(&stats);
        Ok(stats)
    })
}

/// Code of the line that carries what a breakdown's other lines leave out.
pub const UNKNOWN: &str = "non_renseigne";

/// Appends a « Non renseigné » line with what `list` misses of `whole`, if anything.
fn add_unknown(list: &mut Vec<Count>, whole: i64) {
    let missing = whole - list.iter().map(|c| c.count).sum::<i64>();
    if missing != 0 {
        list.push(Count {
            code: UNKNOWN.to_owned(),
            label: "Non renseigné".to_owned(),
            count: missing,
            share: String::new(),
        });
    }
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
