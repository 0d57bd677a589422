//! What each activity of an exchange file becomes before the database is touched: its day in
//! Paris, its times and materials as stored, and its digest. [`super::folder`] works them out
//! on its reading thread while the previous file is written: the writing thread then only
//! checks and inserts.

use std::hash::Hasher;

use chrono::NaiveDate;
use chrono_tz::Europe::Paris;

use super::format::{Activity, ActivityFile};
use crate::clock::utc_text;

/// One activity of a file, as it is written.
pub struct Row {
    pub day: NaiveDate,
    pub day_text: String,
    pub start: String,
    pub created: String,
    pub updated: Option<String>,
    pub materials: String,
    pub digest: String,
}

/// The rows of `file`'s activities, in the file's order.
pub fn rows(file: &ActivityFile) -> Vec<Row> {
    file.activities.iter().map(row).collect()
}

fn row(a: &Activity) -> Row {
    let day = a.start.with_timezone(&Paris).date_naive();
    Row {
        day,
        day_text: day.to_string(),
        start: utc_text(a.start),
        created: utc_text(a.created_at),
        updated: a.updated_at.map(utc_text),
        materials: a
            .materials
            .iter()
            .map(|m| m.code())
            .collect::<Vec<_>>()
            .join(","),
        digest: digest(a),
    }
}

/// A digest of what the file says of an activity (FNV-1a over its fields, as `Hash` feeds
/// them): the same activity read again is recognised without comparing every column. It
/// may differ between builds of the app; a row then reads as updated once, nothing worse.
fn digest(a: &Activity) -> String {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    std::hash::Hash::hash(a, &mut h);
    format!("{:016x}", h.finish())
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
