//! What leaves the machine as files: calendars ([`calendar`], ICS), the national open-data
//! format of places ([`opendata`]), activities for the Coop and the network's coordinator
//! ([`activities`]), and automatic publishing to a folder ([`publish`]). Files are written
//! through [`crate::store::file`], complete or not at all.

pub mod activities;
pub mod calendar;
pub mod opendata;
pub mod publish;
