//! The activities gathered from other desks (`gathered_*` tables, see
//! `records::gathered`) as rows of the visits CSV, so that the spreadsheet covers
//! the whole network like the figures do. They carry no names, notes nor appointments.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params_from_iter, Connection};

use super::{Period, Source};
use crate::error::Result;
use crate::records::visit::codes::{
    AgeBracket, Autonomy, Gender, Material, PlaceType, Redirection, SocialStatus, VisitKind,
    WorkshopLevel,
};

fn label<T: Copy>(
    code: Option<String>,
    from: fn(&str) -> Option<T>,
    l: fn(T) -> &'static str,
) -> String {
    code.as_deref()
        .and_then(from)
        .map(l)
        .unwrap_or_default()
        .to_owned()
}

fn yes_no(v: bool) -> String {
    crate::fr::yes_no(v).to_owned()
}

/// The gathered activities of the period, one row each, in the visits CSV's columns (the
/// last one: the desk).
pub(super) fn rows(conn: &Connection, p: &Period) -> Result<Vec<Vec<String>>> {
    if !p.sources().contains(&Source::Gathered) {
        return Ok(Vec::new());
    }
    let (filter, args) = p.visit_filter(Source::Gathered);
    let mut stmt = conn.prepare(&format!(
        "SELECT v.uid, v.kind, v.start_at, v.duration_minutes, v.place_type, gs.name,
            v.place_commune, v.place_postcode, v.mediator,
            v.terms, v.terms,
            v.materials, v.autonomy, v.redirected_to, v.follow_up, v.workshop_title,
            v.workshop_level, v.participants, v.first_visit, v.age_bracket, v.social_status,
            v.gender, v.home_postcode, v.home_commune, v.person_id IS NOT NULL, d.name
         FROM gathered_visits v JOIN desks d ON d.id = v.desk_id
              LEFT JOIN gathered_sites gs ON gs.id = v.gathered_site_id
         WHERE {filter} ORDER BY v.start_at, v.id"
    ))?;
    let mut rows = stmt.query(params_from_iter(args))?;
    // Term id → (is a theme, label).
    let labels: std::collections::HashMap<i64, (bool, String)> = conn
        .prepare("SELECT id, vocabulary = 'theme', label FROM terms")?
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let named = |ids: &str, theme: bool| {
        ids.split(',')
            .filter_map(|t| t.parse::<i64>().ok())
            .filter_map(|id| labels.get(&id))
            .filter(|(is_theme, _)| *is_theme == theme)
            .map(|(_, label)| label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let start = r.get::<_, DateTime<Utc>>(2)?.with_timezone(&Paris);
        let kind: VisitKind = r.get(1)?;
        let individual = kind == VisitKind::Individual;
        let described = |text: String| if individual { text } else { String::new() };
        let materials: String = r.get(11)?;
        let text = |i: usize| -> rusqlite::Result<String> {
            Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
        };
        out.push(vec![
            text(0)?,
            kind.label().to_owned(),
            start.format("%d/%m/%Y").to_string(),
            start.format("%H:%M").to_string(),
            r.get::<_, i64>(3)?.to_string(),
            r.get::<_, PlaceType>(4)?.label().to_owned(),
            text(5)?,
            text(6)?,
            text(7)?,
            text(8)?,
            named(&text(9)?, true),
            named(&text(10)?, false),
            String::new(),
            String::new(),
            materials
                .split(',')
                .filter_map(Material::from_code)
                .map(Material::label)
                .collect::<Vec<_>>()
                .join(", "),
            label(r.get(12)?, Autonomy::from_code, Autonomy::label),
            label(r.get(13)?, Redirection::from_code, Redirection::label),
            yes_no(r.get(14)?),
            text(15)?,
            label(r.get(16)?, WorkshopLevel::from_code, WorkshopLevel::label),
            r.get::<_, i64>(17)?.to_string(),
            described(yes_no(r.get(18)?)),
            described(label(r.get(19)?, AgeBracket::from_code, AgeBracket::label)),
            described(label(
                r.get(20)?,
                SocialStatus::from_code,
                SocialStatus::label,
            )),
            described(label(r.get(21)?, Gender::from_code, Gender::label)),
            text(22)?,
            text(23)?,
            yes_no(r.get(24)?),
            String::new(),
            String::new(),
            text(25)?,
        ]);
    }
    Ok(out)
}
