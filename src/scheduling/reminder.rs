//! « À prévenir »: the residents to remind of their appointment on the next open day (or any
//! day), each with a ready text for the desk's phone, and a « Prévenu(e) » tick kept in the
//! database. The app sends nothing: it stays offline, the desk calls or texts, in one gesture
//! with the QR code of [`Reminder::sms`] scanned by the desk's phone, or writes an e-mail from
//! the desk's mail program opened by [`Reminder::mailto`].

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use specta::Type;

use crate::clock::{day_bounds, days, today, utc_text};
use crate::error::{Error, Result};
use crate::fr;
use crate::network::site::SiteId;
use crate::network::vocab::Reason;
use crate::scheduling::appointment::AppointmentId;
use crate::scheduling::slot::Calendar;

/// How far ahead the next open day is looked for.
const LOOK_AHEAD_DAYS: u64 = 366;

/// One resident to remind.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub id: AppointmentId,
    pub site_id: SiteId,
    pub site_name: String,
    pub start: DateTime<FixedOffset>,
    /// "8 h 30".
    pub time: String,
    /// The name given, or "Anonyme".
    pub who: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// How to reach the person, as printed: « 06 12 34 56 78 », « awa@exemple.fr », or both.
    pub contact: String,
    pub reason: Option<Reason>,
    /// Whether the desk ticked « Prévenu(e) ».
    pub reminded: bool,
    /// The text to read out or send from the desk's phone.
    pub message: String,
    /// `SMSTO:<number>:<text>`: what a QR code carries so that a phone's camera opens its SMS
    /// app with the number and the text filled in (the app itself sends nothing). `None`
    /// without a phone number.
    pub sms: Option<String>,
    /// `mailto:<address>?subject=…&body=…` (RFC 6068): a link that opens the desk's mail
    /// program with the address, a subject and the text filled in. `None` without an e-mail.
    pub mailto: Option<String>,
    /// What the person's QR code carries: the SMS when there is a phone, else the e-mail.
    pub code: String,
}

/// The reminders of one day.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Reminders {
    pub date: NaiveDate,
    /// "mercredi 2 décembre 2026".
    pub day: String,
    /// In time order, then by site.
    pub items: Vec<Reminder>,
}

/// The first day after `today` when `site` (or any active site) holds a permanence: closures
/// and public holidays skipped. The day after `today` when none is found within a year.
pub fn next_open_day(
    conn: &Connection,
    site: Option<SiteId>,
    today: NaiveDate,
) -> Result<NaiveDate> {
    let first = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let last = first
        .checked_add_days(Days::new(LOOK_AHEAD_DAYS))
        .unwrap_or(first);
    let calendar = Calendar::load(conn, site, first, last)?;
    Ok(days(first, last)
        .find(|d| calendar.rules.iter().any(|r| calendar.rule_opens(r, *d)))
        .unwrap_or(first))
}

const SELECT: &str = "SELECT a.id, a.site_id, s.name, a.start_at, a.resident_name,
    a.resident_phone, a.reason, a.reminded_at IS NOT NULL, s.street, s.address_complement,
    s.postcode, s.city, s.phone, a.resident_email
    FROM appointments a JOIN sites s ON s.id = a.site_id";

/// The booked appointments with a phone number or an e-mail on `date` (the next open day
/// when `None`), at one site or all.
pub fn list(
    conn: &Connection,
    site: Option<SiteId>,
    date: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Reminders> {
    crate::store::db::read(conn, |conn| {
        let date = match date {
            Some(d) => d,
            None => next_open_day(conn, site, today(now))?,
        };
        let (from, to) = day_bounds(date, date);
        let mut stmt = conn.prepare_cached(&format!(
            "{SELECT} WHERE a.start_at >= ?2 AND a.start_at < ?3 AND (?1 IS NULL OR a.site_id = ?1)
               AND a.status = 'booked'
               AND (a.resident_phone IS NOT NULL OR a.resident_email IS NOT NULL)
             ORDER BY a.start_at, s.name, a.id"
        ))?;
        let items = stmt
            .query_map(
                params![site.map(|s| s.0), utc_text(from), utc_text(to)],
                from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Reminders {
            date,
            day: fr::weekday_date(date),
            items,
        })
    })
}

/// Like [`list`], for a day as typed in a form ("02/12/2026" or "2026-12-02"); an empty text
/// means the next open day.
pub fn list_typed(
    conn: &Connection,
    site: Option<SiteId>,
    date: &str,
    now: DateTime<Utc>,
) -> Result<Reminders> {
    let date = crate::validate::optional_date("date", "Jour", &Some(date.to_owned()))?;
    list(conn, site, date, now)
}

/// Ticks (or unticks) « Prévenu(e) » on an appointment with a phone number or an e-mail.
pub fn set_reminded(
    conn: &Connection,
    id: AppointmentId,
    reminded: bool,
    now: DateTime<Utc>,
) -> Result<Reminder> {
    crate::store::db::write(conn, |tx| {
        let n = tx.execute(
            "UPDATE appointments SET reminded_at = CASE WHEN ?2 THEN ?3 END
             WHERE id = ?1 AND (resident_phone IS NOT NULL OR resident_email IS NOT NULL)",
            params![id.0, reminded, utc_text(now)],
        )?;
        if n == 0 {
            return Err(Error::NotFound(
                "Ce rendez-vous n'existe plus, ou la personne n'a laissé ni numéro ni e-mail."
                    .into(),
            ));
        }
        get(tx, id)
    })
}

/// The reminder of one appointment (with a phone or an e-mail, booked or not).
pub fn one(conn: &Connection, id: AppointmentId) -> Result<Reminder> {
    crate::store::db::read(conn, |conn| get(conn, id))
}

fn get(conn: &Connection, id: AppointmentId) -> Result<Reminder> {
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("Ce rendez-vous n'existe pas ou plus.".into()))
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Reminder> {
    let start: String = r.get(3)?;
    let start = DateTime::parse_from_rfc3339(&start)
        .map(|d| d.with_timezone(&Paris).fixed_offset())
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
        })?;
    let name: Option<String> = r.get(4)?;
    let reason: Option<Reason> = r.get(6)?;
    let site_name: String = r.get(2)?;
    let mut address: String = r.get(8)?;
    if let Some(more) = r.get::<_, Option<String>>(9)? {
        address.push_str(&format!(", {more}"));
    }
    let postcode: String = r.get(10)?;
    let city: String = r.get(11)?;
    let site_phone: Option<String> = r.get(12)?;
    let text = Text {
        name: name.as_deref(),
        site: &site_name,
        address: &format!("{address}, {postcode} {city}"),
        site_phone: site_phone.as_deref(),
        day: &fr::weekday_date(start.date_naive()),
        time: &fr::time(start.time()),
        reason,
    };
    let phone: Option<String> = r.get(5)?;
    let email: Option<String> = r.get(13)?;
    let message = text.message();
    let sms = phone.as_deref().map(|p| sms_uri(p, &message));
    let mailto = email
        .as_deref()
        .map(|e| mailto_uri(e, &text.subject(), &message));
    let contact = [phone.as_deref(), email.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    Ok(Reminder {
        id: AppointmentId(r.get(0)?),
        site_id: SiteId(r.get(1)?),
        code: sms.clone().or_else(|| mailto.clone()).unwrap_or_default(),
        sms,
        mailto,
        contact,
        email,
        message,
        site_name,
        time: fr::time(start.time()),
        start,
        who: name.unwrap_or_else(|| "Anonyme".to_owned()),
        phone,
        reason,
        reminded: r.get(7)?,
    })
}

/// `SMSTO:0612345678:Bonjour…`, the form the phones' camera apps read from a QR code: the
/// number as digits (a leading `+` kept), the text as it is (the form has no escaping; a
/// colon in the text is fine, only the first one after the number separates).
pub fn sms_uri(phone: &str, text: &str) -> String {
    let number: String = phone
        .trim()
        .char_indices()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("SMSTO:{number}:{text}")
}

/// What RFC 6068 lets through unencoded in a `mailto:` address and its fields: the unreserved
/// characters; everything else (spaces as `%20`, accented letters as their UTF-8 bytes, `&`,
/// `?`, `=`, `#`, `%`) is percent-encoded, so every mail program reads the same text.
const MAILTO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The address of a `mailto:` link: as [`MAILTO`], its `@` kept as it is (an address holds
/// only one: `validate::email`).
const MAILTO_ADDRESS: &AsciiSet = &MAILTO.remove(b'@');

/// `mailto:awa@exemple.fr?subject=…&body=…`: opens the desk's mail program with the address,
/// the subject and the text filled in (RFC 6068).
pub fn mailto_uri(email: &str, subject: &str, body: &str) -> String {
    format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(email.trim(), MAILTO_ADDRESS),
        utf8_percent_encode(subject, MAILTO),
        utf8_percent_encode(body, MAILTO)
    )
}

/// What a reminder says.
struct Text<'a> {
    name: Option<&'a str>,
    site: &'a str,
    address: &'a str,
    site_phone: Option<&'a str>,
    day: &'a str,
    time: &'a str,
    reason: Option<Reason>,
}

impl Text<'_> {
    /// « Rappel : votre rendez-vous du mercredi 2 décembre à 14 h 30 », for an e-mail.
    fn subject(&self) -> String {
        format!(
            "Rappel : votre rendez-vous du {} à {} ({})",
            self.day, self.time, self.site
        )
        .replace(fr::NBSP, " ")
    }

    /// « Bonjour Awa, rappel de votre rendez-vous … ». Plain spaces instead of the
    /// non-breaking ones of the screens: a text message with them costs twice the characters
    /// (they are not in the SMS alphabet) and some phones show them as boxes.
    fn message(&self) -> String {
        let hello = match self.name {
            Some(n) => format!("Bonjour {n},"),
            None => "Bonjour,".to_owned(),
        };
        let bring = match self.reason {
            Some(r) => format!("À apporter : {}", sentence(r.what_to_bring())),
            None => "Pensez à apporter les papiers et identifiants liés à votre demande, et votre \
                     téléphone portable."
                .to_owned(),
        };
        let cancel = match self.site_phone {
            Some(p) => format!(
                "En cas d'empêchement, prévenez-nous au {p} : la place ira à quelqu'un d'autre."
            ),
            None => {
                "En cas d'empêchement, prévenez-nous : la place ira à quelqu'un d'autre.".to_owned()
            }
        };
        format!(
            "{hello} nous vous rappelons votre rendez-vous le {} à {} : {}, {}. {bring} {cancel}",
            self.day, self.time, self.site, self.address
        )
        .replace(fr::NBSP, " ")
    }
}

/// `text` as a sentence: a capital first letter and a final full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
