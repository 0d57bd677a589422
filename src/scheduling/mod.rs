//! Scheduling: the slots a permanence offers ([`slot`]), the day and week [`agenda`],
//! appointments (booking, status, series), finding one ([`search`]), the residents to remind
//! ([`reminder`]), walk-ins and the waiting list, and the events of a site's calendar that
//! make its places [`unavailable`], and the
//! mediators' [`absence`]s, read from the calendar chosen for each.

pub mod absence;
pub mod agenda;
pub mod appointment;
pub mod reminder;
pub mod search;
pub mod slot;
pub mod unavailable;
pub mod waiting;
pub mod walk_in;
