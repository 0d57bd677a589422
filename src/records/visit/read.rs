//! Reading visits back: one, a period's list, a followed person's history.

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Europe::Paris;
use rusqlite::{params_from_iter, types::Value, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::codes::{Autonomy, Material, PlaceType, Redirection, VisitKind, WorkshopLevel};
use super::VisitId;
use crate::error::{Error, Result};
use crate::fr;
use crate::network::mediator::MediatorId;
use crate::network::site::SiteId;
use crate::network::vocab::Reason;
use crate::records::beneficiary::{BeneficiaryId, Profile};
use crate::scheduling::appointment::AppointmentId;

/// A theme or procedure as a visit shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TermRef {
    pub code: String,
    pub label: String,
}

/// A recorded visit.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub id: VisitId,
    pub kind: VisitKind,
    pub start: DateTime<FixedOffset>,
    /// "mardi 30 mars 2027".
    pub day: String,
    /// "14 h 30".
    pub time: String,
    pub duration_minutes: u16,
    /// "1 h 30".
    pub duration: String,
    pub place_type: PlaceType,
    pub site_id: Option<SiteId>,
    pub site_name: Option<String>,
    pub place_commune: Option<String>,
    pub place_postcode: Option<String>,
    pub mediator_id: MediatorId,
    pub mediator_name: String,
    pub appointment_id: Option<AppointmentId>,
    pub beneficiary_id: Option<BeneficiaryId>,
    /// Whether the person is followed (`beneficiary_name` is then their name).
    /// A followed person's visit records their profile as it was that day.
    pub followed: bool,
    pub beneficiary_name: Option<String>,
    /// The person's profile at the visit (individual visits).
    pub profile: Option<Profile>,
    pub themes: Vec<TermRef>,
    pub procedures: Vec<TermRef>,
    pub reason: Option<Reason>,
    pub procedure_details: Option<String>,
    pub materials: Vec<Material>,
    pub autonomy: Option<Autonomy>,
    pub redirected_to: Option<Redirection>,
    pub follow_up: bool,
    pub first_visit: bool,
    pub workshop_title: Option<String>,
    pub workshop_level: Option<WorkshopLevel>,
    pub participants: u16,
    pub participant_ids: Vec<BeneficiaryId>,
    pub notes: Option<String>,
}

/// Which visits to list.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct VisitFilter {
    /// First day included ("2027-03-01" or "01/03/2027"); none: no lower bound.
    pub from: Option<String>,
    /// Last day included; none: no upper bound.
    pub to: Option<String>,
    pub site_id: Option<SiteId>,
    pub mediator_id: Option<MediatorId>,
}

const SELECT: &str = "SELECT v.*, s.name AS site_name, m.name AS mediator_name,
    b.first_name, b.last_name, b.erased_at,
    (SELECT group_concat(t.vocabulary || char(31) || t.code || char(31) || t.label, char(30))
       FROM visit_terms vt JOIN terms t ON t.id = vt.term_id
       WHERE vt.visit_id = v.id) AS term_list,
    (SELECT group_concat(p.beneficiary_id) FROM visit_participants p
       WHERE p.visit_id = v.id) AS participant_list
    FROM visits v
    JOIN mediators m ON m.id = v.mediator_id
    LEFT JOIN sites s ON s.id = v.site_id
    LEFT JOIN beneficiaries b ON b.id = v.beneficiary_id";

/// "1 h 30", "45 min".
pub(crate) fn duration_label(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}\u{a0}min"),
        (h, 0) => format!("{h}\u{a0}h"),
        (h, m) => format!("{h}\u{a0}h\u{a0}{m:02}"),
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Visit> {
    let start_at: String = r.get("start_at")?;
    let start = DateTime::parse_from_rfc3339(&start_at)
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        })?
        .with_timezone(&Paris);
    let minutes: u16 = r.get("duration_minutes")?;
    // A person erased on request or by the purge: the visit reads as an anonymous one.
    let erased = r.get::<_, Option<String>>("erased_at")?.is_some();
    let beneficiary_id = r
        .get::<_, Option<i64>>("beneficiary_id")?
        .filter(|_| !erased)
        .map(BeneficiaryId);
    let followed = beneficiary_id.is_some();
    let beneficiary_name = if followed {
        let first: Option<String> = r.get("first_name")?;
        let last: Option<String> = r.get("last_name")?;
        Some(
            [last.map(|l| l.to_uppercase()), first]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        None
    };
    let kind: VisitKind = r.get("kind")?;
    let profile = match kind {
        VisitKind::Individual => Some(Profile {
            age_bracket: r.get("age_bracket")?,
            social_status: r.get("social_status")?,
            gender: r.get("gender")?,
            postcode: r.get("home_postcode")?,
            commune: r.get("home_commune")?,
        }),
        VisitKind::Workshop => None,
    };
    let mut themes = Vec::new();
    let mut procedures = Vec::new();
    let term_list: Option<String> = r.get("term_list")?;
    for entry in term_list.iter().flat_map(|l| l.split('\u{1e}')) {
        let mut parts = entry.split('\u{1f}');
        let (Some(vocabulary), Some(code), Some(label)) =
            (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let term = TermRef {
            code: code.to_owned(),
            label: label.to_owned(),
        };
        if vocabulary == "procedure" {
            procedures.push(term);
        } else {
            themes.push(term);
        }
    }
    let materials: String = r.get("materials")?;
    let participant_list: Option<String> = r.get("participant_list")?;
    Ok(Visit {
        id: VisitId(r.get("id")?),
        kind,
        day: fr::weekday_date(start.date_naive()),
        time: fr::time(start.time()),
        start: start.fixed_offset(),
        duration_minutes: minutes,
        duration: duration_label(i64::from(minutes)),
        place_type: r.get("place_type")?,
        site_id: r.get::<_, Option<i64>>("site_id")?.map(SiteId),
        site_name: r.get("site_name")?,
        place_commune: r.get("place_commune")?,
        place_postcode: r.get("place_postcode")?,
        mediator_id: MediatorId(r.get("mediator_id")?),
        mediator_name: r.get("mediator_name")?,
        appointment_id: r
            .get::<_, Option<i64>>("appointment_id")?
            .map(AppointmentId),
        beneficiary_id,
        followed,
        beneficiary_name,
        profile,
        themes,
        procedures,
        reason: r.get("reason")?,
        procedure_details: r.get("procedure_details")?,
        materials: materials
            .split(',')
            .filter_map(Material::from_code)
            .collect(),
        autonomy: r.get("autonomy")?,
        redirected_to: r.get("redirected_to")?,
        follow_up: r.get("follow_up")?,
        first_visit: r.get("first_visit")?,
        workshop_title: r.get("workshop_title")?,
        workshop_level: r.get("workshop_level")?,
        participants: r.get("participants")?,
        participant_ids: participant_list
            .iter()
            .flat_map(|l| l.split(','))
            .filter_map(|id| id.parse().ok().map(BeneficiaryId))
            .collect(),
        notes: r.get("notes")?,
    })
}

/// One visit.
pub fn get(conn: &Connection, id: VisitId) -> Result<Visit> {
    conn.prepare_cached(&format!("{SELECT} WHERE v.id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("Cet accompagnement n'existe plus.".to_owned()))
}

fn day_bound(field: &'static str, value: &Option<String>) -> Result<Option<NaiveDate>> {
    crate::validate::optional_date(field, "Date", value)
}

/// Visits matching `filter`, most recent first, at most `limit`.
pub fn list(conn: &Connection, filter: &VisitFilter, limit: u32) -> Result<Vec<Visit>> {
    let mut sql = format!("{SELECT} WHERE 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(from) = day_bound("from", &filter.from)? {
        sql.push_str(" AND v.day >= ?");
        args.push(Value::Text(from.format("%Y-%m-%d").to_string()));
    }
    if let Some(to) = day_bound("to", &filter.to)? {
        sql.push_str(" AND v.day <= ?");
        args.push(Value::Text(to.format("%Y-%m-%d").to_string()));
    }
    if let Some(site) = filter.site_id {
        sql.push_str(" AND v.site_id = ?");
        args.push(Value::Integer(site.0));
    }
    if let Some(m) = filter.mediator_id {
        sql.push_str(" AND v.mediator_id = ?");
        args.push(Value::Integer(m.0));
    }
    sql.push_str(" ORDER BY v.day DESC, v.start_at DESC, v.id DESC LIMIT ?");
    args.push(Value::Integer(i64::from(limit)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A followed person's visits (individual ones and workshops they were named in), most
/// recent first.
pub fn list_for_beneficiary(conn: &Connection, id: BeneficiaryId) -> Result<Vec<Visit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE v.beneficiary_id = ?1
            OR v.id IN (SELECT visit_id FROM visit_participants WHERE beneficiary_id = ?1)
         ORDER BY v.start_at DESC"
    ))?;
    let rows = stmt.query_map([id.0], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
