//! Appointments honoured and missed, by reason and by whether the person was reminded
//! (« Prévenu(e) »): what the absence charts of [`super::charts`] draw.

use rusqlite::{params_from_iter, types::Value, Connection};

use super::{percent, Period, Source};
use crate::clock::{day_bounds, utc_text};
use crate::error::Result;
use crate::network::vocab::Reason;

/// Honoured and missed appointments of a group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attendance {
    pub honoured: i64,
    pub no_show: i64,
}

impl Attendance {
    pub(super) fn base(self) -> i64 {
        self.honoured + self.no_show
    }

    /// Tenths of a percent of absences; 0 when no appointment was honoured or missed.
    pub(super) fn per_mille(self) -> i64 {
        let base = self.base();
        if base == 0 {
            0
        } else {
            (self.no_show * 1000 + base / 2) / base
        }
    }

    pub(super) fn rate(self) -> String {
        percent(self.no_show, self.base())
    }
}

/// "WHERE …" over this desk's appointments `a` of the period (the site filter applies, the
/// mediator one does not: an appointment is the site's).
fn own_appointments(p: &Period) -> (String, Vec<Value>) {
    let (from, to) = day_bounds(p.from, p.to);
    let mut sql =
        "a.start_at >= ? AND a.start_at < ? AND a.status IN ('honoured', 'no_show')".to_owned();
    let mut args = vec![Value::Text(utc_text(from)), Value::Text(utc_text(to))];
    if let Some(site) = p.site_id {
        sql.push_str(" AND a.site_id = ?");
        args.push(Value::Integer(site.0));
    }
    (sql, args)
}

fn reads_own(p: &Period) -> bool {
    p.sources().contains(&Source::Own)
}

/// Attendance per reason (`None`: no reason given), in the vocabulary's order.
pub(crate) type ByReason = Vec<(Option<Reason>, Attendance)>;

/// This desk's honoured and missed appointments by reason (in the vocabulary's order, no
/// reason last), and the gathered desks' (their reason is not gathered).
pub(crate) fn by_reason(tx: &Connection, p: &Period) -> Result<(ByReason, Attendance)> {
    let mut lines: Vec<(Option<Reason>, Attendance)> = Reason::ALL
        .iter()
        .map(|r| (Some(*r), Attendance::default()))
        .collect();
    lines.push((None, Attendance::default()));
    if reads_own(p) {
        let (filter, args) = own_appointments(p);
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT a.reason, a.status = 'no_show', count(*) FROM appointments a
             WHERE {filter} GROUP BY 1, 2"
        ))?;
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            let reason: Option<Reason> = r.get(0)?;
            let missed: bool = r.get(1)?;
            let n: i64 = r.get(2)?;
            if let Some((_, a)) = lines.iter_mut().find(|(x, _)| *x == reason) {
                add(a, missed, n);
            }
        }
    }
    let mut gathered = Attendance::default();
    if p.sources().contains(&Source::Gathered) {
        let (filter, args) = p.filter_on("", Source::Gathered);
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT status = 'no_show', sum(count) FROM gathered_appointments
             WHERE {filter} AND status IN ('honoured', 'no_show') GROUP BY 1"
        ))?;
        let mut rows = stmt.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            add(&mut gathered, r.get(0)?, r.get(1)?);
        }
    }
    Ok((lines, gathered))
}

fn add(a: &mut Attendance, missed: bool, n: i64) {
    if missed {
        a.no_show += n;
    } else {
        a.honoured += n;
    }
}

/// This desk's honoured and missed appointments whose person was ticked « Prévenu(e) », and
/// the others. The gathered desks do not send that tick: they are left out of both.
pub(crate) fn by_reminder(tx: &Connection, p: &Period) -> Result<(Attendance, Attendance)> {
    let mut reminded = Attendance::default();
    let mut not_reminded = Attendance::default();
    if !reads_own(p) {
        return Ok((reminded, not_reminded));
    }
    let (filter, args) = own_appointments(p);
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT a.reminded_at IS NOT NULL, a.status = 'no_show', count(*) FROM appointments a
         WHERE {filter} GROUP BY 1, 2"
    ))?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        let was_reminded: bool = r.get(0)?;
        let target = if was_reminded {
            &mut reminded
        } else {
            &mut not_reminded
        };
        add(target, r.get(1)?, r.get(2)?);
    }
    Ok((reminded, not_reminded))
}
