//! What a shared record looks like on the server, and back: a permanence (with its site) as
//! the weekly event the calendar export writes, an appointment as one event, a closure as an
//! all-day event. Each carries the record itself as JSON in `X-PERMANENCES-DATA`, so that
//! another desk rebuilds it exactly; calendar clients show the standard properties and keep
//! the unknown one.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::error::{Error, Result};
use crate::exchange::calendar::ics::{self, Ics};

/// What a shared record is: the `kind` column of `network_uids`, `network_resources` and
/// `network_outbox` (their CHECK constraints list the same words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Site,
    Permanence,
    Closure,
    Appointment,
}

impl Kind {
    pub(super) fn code(self) -> &'static str {
        match self {
            Kind::Site => "site",
            Kind::Permanence => "permanence",
            Kind::Closure => "closure",
            Kind::Appointment => "appointment",
        }
    }
}

impl rusqlite::types::ToSql for Kind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

impl rusqlite::types::FromSql for Kind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match value.as_str()? {
            "site" => Ok(Kind::Site),
            "permanence" => Ok(Kind::Permanence),
            "closure" => Ok(Kind::Closure),
            "appointment" => Ok(Kind::Appointment),
            other => Err(rusqlite::types::FromSqlError::Other(
                format!("unknown shared record kind {other:?}").into(),
            )),
        }
    }
}

/// The columns of a site that travel with its permanences, in this order (`archived_at`: a
/// site archived at one desk is archived at the others, and restored with it).
pub(super) const SITE_COLUMNS: [&str; 17] = [
    "name",
    "street",
    "address_complement",
    "postcode",
    "city",
    "insee_code",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "wheelchair_access",
    "public_transport",
    "public_notes",
    "typology",
    "alsace_moselle",
    "archived_at",
];

/// A permanence and its site, as another desk needs them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct PermanenceData {
    pub uid: String,
    pub site_uid: String,
    pub site: serde_json::Map<String, serde_json::Value>,
    pub weekday: i64,
    pub start_time: String,
    pub end_time: String,
    pub kind: String,
    pub slot_minutes: i64,
    pub capacity: i64,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub notes: Option<String>,
}

/// A closure of a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct ClosureData {
    pub uid: String,
    pub site_uid: String,
    pub start_date: String,
    pub end_date: String,
    pub reason: String,
}

/// An appointment. `name`, `phone` and `email` only when the network shares them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct AppointmentData {
    pub uid: String,
    pub site_uid: String,
    pub permanence_uid: Option<String>,
    /// Stored UTC instants ("2026-12-01T13:00:00Z").
    pub start: String,
    pub end: String,
    pub status: String,
    pub reason: Option<String>,
    pub extra: bool,
    /// The desk that booked it (its uid).
    pub desk: String,
    /// The resource that holds its place (its name in the places calendar), if any.
    pub place: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    /// Absent from what desks before 0.3 wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A record as read back from the server.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shared {
    Permanence(PermanenceData),
    Closure(ClosureData),
    /// The appointment, and the times and status its event shows now: a calendar client may
    /// have moved or cancelled it without touching our data.
    Appointment {
        data: AppointmentData,
        start: Option<DateTime<Utc>>,
        end: Option<DateTime<Utc>>,
        cancelled: bool,
    },
    /// An event this program did not write (a mediator's meeting added from a phone, a
    /// weekly meeting): the places its occurrences overlap are unavailable.
    Foreign(super::repeat::Blocking),
    /// A tombstone: the permanence or closure `uid` was deleted at a desk of the network.
    Deleted {
        kind: Kind,
        uid: String,
    },
}

/// What a desk leaves where a permanence or closure it deleted was: the other desks delete
/// theirs when they read it. A resource that simply disappears was removed by a calendar
/// client, which the desks do not follow unasked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Tombstone {
    pub uid: String,
    /// `permanence` or `closure`.
    pub deleted: String,
}

/// The network identity of a local record, made the first time it is asked for.
pub(super) fn uid_of(conn: &Connection, kind: Kind, local_id: i64) -> Result<String> {
    if let Some(uid) = find_uid(conn, kind, local_id)? {
        return Ok(uid);
    }
    let uid: String = conn.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO network_uids (kind, local_id, uid) VALUES (?1, ?2, ?3)",
        params![kind, local_id, uid],
    )?;
    Ok(uid)
}

pub(super) fn find_uid(conn: &Connection, kind: Kind, local_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT uid FROM network_uids WHERE kind = ?1 AND local_id = ?2")?
        .query_row(params![kind, local_id], |r| r.get(0))
        .optional()?)
}

/// This desk's identity across the network (empty if the database has none).
pub(super) fn desk_uid(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row("SELECT uid FROM desk", [], |r| r.get::<_, String>(0))
        .optional()?
        .unwrap_or_default())
}

/// The local record of a network identity.
pub(super) fn local_of(conn: &Connection, kind: Kind, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT local_id FROM network_uids WHERE kind = ?1 AND uid = ?2")?
        .query_row(params![kind, uid], |r| r.get(0))
        .optional()?)
}

/// A site's shared columns as JSON.
pub(super) fn site_json(
    conn: &Connection,
    site_id: i64,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    let sql = format!(
        "SELECT {} FROM sites WHERE id = ?1",
        SITE_COLUMNS.join(", ")
    );
    conn.query_row(&sql, [site_id], |r| {
        let mut map = serde_json::Map::new();
        for (i, c) in SITE_COLUMNS.iter().enumerate() {
            let v: rusqlite::types::Value = r.get(i)?;
            let json = match v {
                rusqlite::types::Value::Null => serde_json::Value::Null,
                rusqlite::types::Value::Integer(n) => n.into(),
                rusqlite::types::Value::Real(x) => serde_json::Number::from_f64(x)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number),
                rusqlite::types::Value::Text(t) => t.into(),
                rusqlite::types::Value::Blob(_) => serde_json::Value::Null,
            };
            map.insert((*c).to_owned(), json);
        }
        Ok(map)
    })
    .map_err(Error::from)
}

pub(super) fn json<T: Serialize>(data: &T) -> Result<String> {
    serde_json::to_string(data).map_err(|e| Error::Database(e.to_string()))
}

pub(super) fn begin(out: &mut Ics) {
    out.raw("BEGIN", "VCALENDAR");
    out.raw("VERSION", "2.0");
    out.raw("PRODID", "-//Permanences//Permanences numériques//FR");
}

/// A permanence's resource: its weekly event over the usual window, with the data.
pub(super) fn permanence_ics(
    conn: &Connection,
    id: i64,
    data: &PermanenceData,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let window = crate::exchange::calendar::Window::around(clock::today(now));
    crate::exchange::calendar::one_permanence(
        conn,
        crate::network::permanence::PermanenceId(id),
        &data.uid,
        &json(data)?,
        window,
        now,
    )
}

/// A closure's resource: an all-day event « Fermé – reason ».
pub(super) fn closure_ics(
    data: &ClosureData,
    site_name: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let day = |d: &str| d.replace('-', "");
    let after = NaiveDate::parse_from_str(&data.end_date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.succ_opt())
        .map_or_else(|| day(&data.end_date), |d| d.format("%Y%m%d").to_string());
    let mut out = Ics::with_capacity(1);
    begin(&mut out);
    out.raw("BEGIN", "VEVENT");
    out.raw("UID", &data.uid);
    out.raw("DTSTAMP", &ics::utc(now));
    out.raw("DTSTART;VALUE=DATE", &day(&data.start_date));
    out.raw("DTEND;VALUE=DATE", &after);
    out.text("SUMMARY", &format!("Fermé – {site_name} : {}", data.reason));
    out.raw("TRANSP", "TRANSPARENT");
    out.text("X-PERMANENCES-DATA", &json(data)?);
    out.raw("END", "VEVENT");
    out.raw("END", "VCALENDAR");
    Ok(out.finish())
}

/// An appointment's resource: « Rendez-vous – CAF » (with the name when shared), its place.
pub(super) fn appointment_ics(
    data: &AppointmentData,
    location: &str,
    reason_label: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String> {
    // UTC: an appointment is one instant, which every calendar client shows in its own
    // time zone. No VTIMEZONE to write, store and read back with each appointment; and
    // Radicale, given a whole calendar, would rebuild one for each event (`upload`).
    let utc = |stored: &str| clock::parse_utc(stored).map(ics::utc).unwrap_or_default();
    let mut summary = "Rendez-vous".to_owned();
    if let Some(n) = &data.name {
        summary.push_str(" – ");
        summary.push_str(n);
    }
    if let Some(r) = reason_label {
        summary.push_str(" – ");
        summary.push_str(r);
    }
    let mut out = Ics::with_capacity(1);
    begin(&mut out);
    out.raw("BEGIN", "VEVENT");
    out.raw("UID", &data.uid);
    out.raw("DTSTAMP", &ics::utc(now));
    out.raw("DTSTART", &utc(&data.start));
    out.raw("DTEND", &utc(&data.end));
    out.text("SUMMARY", &summary);
    out.text("LOCATION", location);
    if let Some(p) = &data.phone {
        out.text("DESCRIPTION", &format!("Téléphone : {p}"));
    }
    let cancelled = matches!(data.status.as_str(), "excused" | "revoked");
    out.raw("STATUS", if cancelled { "CANCELLED" } else { "CONFIRMED" });
    out.texts("CATEGORIES", &["Rendez-vous"]);
    out.text("X-PERMANENCES-DATA", &json(data)?);
    out.raw("END", "VEVENT");
    out.raw("END", "VCALENDAR");
    Ok(out.finish())
}

/// A place's resource: a short private event that only says which appointment holds it.
pub(super) fn place_ics(name: &str, appointment_uid: &str, start: &str, end: &str) -> String {
    let utc = |s: &str| clock::parse_utc(s).map(ics::utc).unwrap_or_default();
    let mut out = Ics::with_capacity(1);
    begin(&mut out);
    out.raw("BEGIN", "VEVENT");
    out.raw("UID", name);
    out.raw("DTSTAMP", &utc(start));
    out.raw("DTSTART", &utc(start));
    out.raw("DTEND", &utc(end));
    out.text("SUMMARY", "Place réservée");
    out.raw("CLASS", "PRIVATE");
    out.raw("X-PERMANENCES-APPOINTMENT", appointment_uid);
    out.raw("END", "VEVENT");
    out.raw("END", "VCALENDAR");
    out.finish()
}

/// Reads a resource of a shared calendar. An event this program did not write (a mediator's
/// own meeting) is [`Shared::Foreign`], its occurrences in the window the desk keeps at `now`
/// when it repeats; `None`: nothing that concerns the desk.
pub(super) fn read(text: &str, now: DateTime<Utc>) -> Result<Option<Shared>> {
    use icalendar::Component;
    let calendar: icalendar::Calendar = text.parse().map_err(|_| {
        Error::Network(
            "Le serveur du réseau a renvoyé un agenda illisible : il n'a pas été pris en compte."
                .into(),
        )
    })?;
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    let Some(event) = events.first() else {
        return Ok(None);
    };
    let Some(raw) = event.property_value("X-PERMANENCES-DATA") else {
        return Ok(super::repeat::blocking(&events, now).map(Shared::Foreign));
    };
    let text = super::when::unescape(raw);
    let bad = |e: serde_json::Error| {
        Error::Network(format!(
            "Un événement de l'agenda partagé porte des données illisibles ({e}) : il n'a pas été pris en compte."
        ))
    };
    let value: serde_json::Value = serde_json::from_str(&text).map_err(bad)?;
    if value.get("deleted").is_some() {
        let t: Tombstone = serde_json::from_value(value).map_err(bad)?;
        let kind = match t.deleted.as_str() {
            "permanence" => Kind::Permanence,
            "closure" => Kind::Closure,
            // A kind this version does not know: left alone.
            _ => return Ok(None),
        };
        return Ok(Some(Shared::Deleted { kind, uid: t.uid }));
    }
    if value.get("weekday").is_some() {
        return Ok(Some(Shared::Permanence(
            serde_json::from_value(value).map_err(bad)?,
        )));
    }
    if value.get("reason").is_some() && value.get("start_date").is_some() {
        return Ok(Some(Shared::Closure(
            serde_json::from_value(value).map_err(bad)?,
        )));
    }
    let data: AppointmentData = serde_json::from_value(value).map_err(bad)?;
    // As a calendar client shows it now (a floating time is Paris time); an appointment
    // turned into an all-day event is left where it was.
    let shown = super::when::times(event).filter(|t| !t.all_day);
    Ok(Some(Shared::Appointment {
        start: shown.map(|t| t.start),
        end: shown.map(|t| t.end),
        cancelled: event
            .property_value("STATUS")
            .is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")),
        data,
    }))
}

/// An appointment as stored.
pub(super) struct Stored {
    pub site_id: i64,
    pub permanence_id: Option<i64>,
    pub start: String,
    pub end: String,
    pub status: String,
    pub reason: Option<String>,
    pub extra: bool,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

pub(super) fn stored(conn: &Connection, id: i64) -> Result<Option<Stored>> {
    Ok(conn
        .query_row(
            "SELECT site_id, permanence_id, start_at, end_at, status, reason, extra,
                    resident_name, resident_phone, resident_email FROM appointments WHERE id = ?1",
            [id],
            |r| {
                Ok(Stored {
                    site_id: r.get(0)?,
                    permanence_id: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                    status: r.get(4)?,
                    reason: r.get(5)?,
                    extra: r.get(6)?,
                    name: r.get(7)?,
                    phone: r.get(8)?,
                    email: r.get(9)?,
                })
            },
        )
        .optional()?)
}
