//! Retention settings and the purge that applies them.

use chrono::{DateTime, Months, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clock::utc_text;
use crate::error::{Error, Result};
use crate::fr;
use crate::records::beneficiary::BeneficiaryId;

/// Bounds of the settings, as in the schema's CHECKs: a typo can neither erase everything at
/// once nor keep data for ever.
const BENEFICIARY_MONTHS: std::ops::RangeInclusive<u16> = 1..=60;
const APPOINTMENT_MONTHS: std::ops::RangeInclusive<u16> = 1..=24;

/// How long the network keeps personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RetentionSettings {
    /// A followed person's identity is erased this many months after their last visit (or
    /// after they were followed, when they never came). Default 24.
    pub beneficiary_months: u16,
    /// Names, phones and remarks of appointments, walk-ins and waiting-list entries are
    /// erased this many months after the day they were about. Default 3.
    pub appointment_months: u16,
}

/// How many records a purge erased (or would erase): never whose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PurgeCounts {
    /// Followed people whose identity was erased.
    #[specta(type = specta_typescript::Number)]
    pub beneficiaries: i64,
    /// Appointments whose name, phone and remarks were erased.
    #[specta(type = specta_typescript::Number)]
    pub appointments: i64,
    /// Walk-ins whose name was erased.
    #[specta(type = specta_typescript::Number)]
    pub walk_ins: i64,
    /// Waiting-list entries removed.
    #[specta(type = specta_typescript::Number)]
    pub waiting: i64,
}

impl PurgeCounts {
    /// "3 personnes suivies, 2 rendez-vous, 0 passage sans rendez-vous, 1 inscription en liste
    /// d'attente": counts only, never who.
    pub fn text(&self) -> String {
        use crate::fr::plural;
        let b = plural(self.beneficiaries);
        format!(
            "{} personne{b} suivie{b}, {} rendez-vous, {} passage{} sans rendez-vous, {} inscription{} en liste d'attente",
            self.beneficiaries,
            self.appointments,
            self.walk_ins,
            plural(self.walk_ins),
            self.waiting,
            plural(self.waiting)
        )
    }
}

impl PurgeCounts {
    /// All records together.
    pub fn total(&self) -> i64 {
        self.beneficiaries + self.appointments + self.walk_ins + self.waiting
    }
}

/// Why records were erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum PurgeCause {
    /// The automatic purge (at start-up and once a day).
    Daily,
    /// Asked for in Paramètres or on the command line.
    Manual,
    /// A person asked to be erased.
    Request,
}

impl PurgeCause {
    fn code(self) -> &'static str {
        match self {
            PurgeCause::Daily => "daily",
            PurgeCause::Manual => "manual",
            PurgeCause::Request => "request",
        }
    }
}

/// One line of the purge log.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PurgeRecord {
    /// "samedi 28 novembre 2026 à 18 h 05".
    pub when: String,
    pub cause: PurgeCause,
    pub counts: PurgeCounts,
}

/// What the « Conservation des données » section shows.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RetentionStatus {
    pub settings: RetentionSettings,
    /// The last purge (automatic or asked for), if any ran.
    pub last_purge: Option<PurgeRecord>,
    /// What a purge would erase now.
    pub due: PurgeCounts,
}

/// The network's retention settings.
pub fn settings(conn: &Connection) -> Result<RetentionSettings> {
    Ok(conn.query_row(
        "SELECT beneficiary_months, appointment_months FROM retention WHERE id = 1",
        [],
        |r| {
            Ok(RetentionSettings {
                beneficiary_months: r.get(0)?,
                appointment_months: r.get(1)?,
            })
        },
    )?)
}

/// Changes the retention settings (the next purge applies them).
pub fn set_settings(conn: &Connection, input: &RetentionSettings) -> Result<RetentionSettings> {
    if !BENEFICIARY_MONTHS.contains(&input.beneficiary_months) {
        return Err(Error::invalid(
            "beneficiaryMonths",
            "Personnes suivies : entre 1 et 60 mois après leur dernière venue.",
        ));
    }
    if !APPOINTMENT_MONTHS.contains(&input.appointment_months) {
        return Err(Error::invalid(
            "appointmentMonths",
            "Rendez-vous : entre 1 et 24 mois après le rendez-vous.",
        ));
    }
    crate::store::db::write(conn, |tx| {
        tx.execute(
            "UPDATE retention SET beneficiary_months = ?1, appointment_months = ?2 WHERE id = 1",
            params![input.beneficiary_months, input.appointment_months],
        )?;
        settings(tx)
    })
}

/// The settings, the last purge and what a purge would erase now.
pub fn retention_status(conn: &Connection, now: DateTime<Utc>) -> Result<RetentionStatus> {
    crate::store::db::read(conn, |tx| {
        let last_purge = tx
            .query_row(
                "SELECT at, cause, beneficiaries, appointments, walk_ins, waiting
                 FROM purges WHERE cause <> 'request' ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    let at: String = r.get(0)?;
                    let cause: String = r.get(1)?;
                    Ok(PurgeRecord {
                        when: when_label(&at),
                        cause: if cause == "daily" {
                            PurgeCause::Daily
                        } else {
                            PurgeCause::Manual
                        },
                        counts: PurgeCounts {
                            beneficiaries: r.get(2)?,
                            appointments: r.get(3)?,
                            walk_ins: r.get(4)?,
                            waiting: r.get(5)?,
                        },
                    })
                },
            )
            .optional()?;
        Ok(RetentionStatus {
            settings: settings(tx)?,
            last_purge,
            due: counts(tx, &Cutoffs::at(tx, now)?)?,
        })
    })
}

fn when_label(stored: &str) -> String {
    DateTime::parse_from_rfc3339(stored)
        .map(|t| {
            let t = t.with_timezone(&Paris);
            format!(
                "{} à {}",
                fr::weekday_date(t.date_naive()),
                fr::time(t.time())
            )
        })
        .unwrap_or_default()
}

/// The instants before which data is too old.
struct Cutoffs {
    beneficiaries: String,
    appointments: String,
}

impl Cutoffs {
    fn at(conn: &Connection, now: DateTime<Utc>) -> Result<Cutoffs> {
        let s = settings(conn)?;
        let before = |months: u16| {
            now.checked_sub_months(Months::new(u32::from(months)))
                .map(utc_text)
                .ok_or_else(|| Error::invalid("now", "Date de la purge hors des limites."))
        };
        Ok(Cutoffs {
            beneficiaries: before(s.beneficiary_months)?,
            appointments: before(s.appointment_months)?,
        })
    }
}

// Each kind of record has one condition, used both to count (dry run) and to erase, so that
// the two always agree. `?1` is the cutoff instant.

/// Followed people not yet erased whose last visit (individual or named in a workshop), or
/// whose following when they never came, is older than the cutoff.
const OLD_BENEFICIARIES: &str = "b.erased_at IS NULL AND coalesce(nullif(max(
        coalesce((SELECT max(v.start_at) FROM visits v WHERE v.beneficiary_id = b.id), ''),
        coalesce((SELECT max(v.start_at) FROM visit_participants p
                  JOIN visits v ON v.id = p.visit_id WHERE p.beneficiary_id = b.id), '')),
        ''), b.created_at) < ?1";
const OLD_APPOINTMENTS: &str = "start_at < ?1
    AND (resident_name IS NOT NULL OR resident_phone IS NOT NULL OR resident_email IS NOT NULL
         OR notes IS NOT NULL)";
const OLD_WALK_INS: &str = "arrived_at < ?1 AND name IS NOT NULL";
const OLD_WAITING: &str = "coalesce(resolved_at, created_at) < ?1";

fn counts(tx: &Connection, cut: &Cutoffs) -> Result<PurgeCounts> {
    let count = |sql: String, cutoff: &str| -> Result<i64> {
        Ok(tx.query_row(&sql, [cutoff], |r| r.get(0))?)
    };
    Ok(PurgeCounts {
        beneficiaries: count(
            format!("SELECT count(*) FROM beneficiaries b WHERE {OLD_BENEFICIARIES}"),
            &cut.beneficiaries,
        )?,
        appointments: count(
            format!("SELECT count(*) FROM appointments WHERE {OLD_APPOINTMENTS}"),
            &cut.appointments,
        )?,
        walk_ins: count(
            format!("SELECT count(*) FROM walk_ins WHERE {OLD_WALK_INS}"),
            &cut.appointments,
        )?,
        waiting: count(
            format!("SELECT count(*) FROM waiting_list WHERE {OLD_WAITING}"),
            &cut.appointments,
        )?,
    })
}

/// What a purge at `now` would erase, without changing anything (`purge --dry-run`).
pub fn due(conn: &Connection, now: DateTime<Utc>) -> Result<PurgeCounts> {
    crate::store::db::read(conn, |tx| counts(tx, &Cutoffs::at(tx, now)?))
}

/// Erases every personal datum older than the retention settings allow, in one transaction,
/// and logs how many records it erased (never whose). Running it twice erases nothing more.
/// Statistics ([`crate::records::stats::compute`]) give the same figures before and after.
pub fn purge(conn: &Connection, now: DateTime<Utc>, cause: PurgeCause) -> Result<PurgeCounts> {
    let done = crate::store::db::write(conn, |tx| {
        let cut = Cutoffs::at(tx, now)?;
        let stamp = utc_text(now);
        // Appointments first: erasing a person also empties the appointments of their visits,
        // which would otherwise be left out of the count the dry run gives.
        let mut done = PurgeCounts {
            appointments: changed(tx.execute(
                &format!(
                    "UPDATE appointments SET resident_name = NULL, resident_phone = NULL, resident_email = NULL,
                        notes = NULL WHERE {OLD_APPOINTMENTS}"
                ),
                [&cut.appointments],
            )?),
            walk_ins: changed(tx.execute(
                &format!("UPDATE walk_ins SET name = NULL WHERE {OLD_WALK_INS}"),
                [&cut.appointments],
            )?),
            waiting: changed(tx.execute(
                &format!("DELETE FROM waiting_list WHERE {OLD_WAITING}"),
                [&cut.appointments],
            )?),
            beneficiaries: 0,
        };
        let people: Vec<i64> = tx
            .prepare(&format!(
                "SELECT b.id FROM beneficiaries b WHERE {OLD_BENEFICIARIES}"
            ))?
            .query_map([&cut.beneficiaries], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in &people {
            super::erase_identity(tx, BeneficiaryId(*id), &stamp)?;
        }
        done.beneficiaries = changed(people.len());
        log(tx, &stamp, cause, &done)?;
        // The events of calendar clients that blocked places: their summaries (« RDV médecin
        // Mme X ») are kept no longer than appointments' names (not counted: no one's).
        let ended = crate::scheduling::unavailable::forget_ended(tx, &cut.appointments)?
            + crate::scheduling::absence::forget_ended(tx, &cut.appointments)?;
        Ok((done, ended))
    })?;
    let (done, ended) = done;
    if done.total() > 0 || ended > 0 {
        forget_old_pages(conn)?;
    }
    Ok(done)
}

fn changed(rows: usize) -> i64 {
    i64::try_from(rows).unwrap_or(i64::MAX)
}

/// Adds a line to the purge log.
pub(crate) fn log(tx: &Connection, at: &str, cause: PurgeCause, n: &PurgeCounts) -> Result<()> {
    tx.execute(
        "INSERT INTO purges (at, cause, beneficiaries, appointments, walk_ins, waiting)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            at,
            cause.code(),
            n.beneficiaries,
            n.appointments,
            n.walk_ins,
            n.waiting
        ],
    )?;
    Ok(())
}

/// Erased text must not survive in the file: `secure_delete` (set in [`crate::store::db`]) zeroes
/// freed space in the database pages, but the write-ahead log still holds the pages as they
/// were before. Copying the log into the database and truncating it drops those copies. A
/// reader holding an old snapshot (the CLI beside the app) can make this partial; the next
/// purge or checkpoint finishes it.
pub(crate) fn forget_old_pages(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Old appointments are purged once, then hold no personal data; the daily purge must not
    /// walk them all again at every start (a large network's year is 1 M of them).
    #[test]
    fn the_daily_purge_reads_only_appointments_that_still_hold_personal_data() {
        let conn = crate::store::db::open_in_memory().unwrap();
        for sql in [
            format!("SELECT count(*) FROM appointments WHERE {OLD_APPOINTMENTS}"),
            format!(
                "UPDATE appointments SET resident_name = NULL, resident_phone = NULL, resident_email = NULL,
                    notes = NULL WHERE {OLD_APPOINTMENTS}"
            ),
        ] {
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(["2025-12-01"], |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(
                plan,
                ["SEARCH appointments USING INDEX appointments_personal_by_start (start_at<?)"],
                "{sql}"
            );
        }
    }
}
