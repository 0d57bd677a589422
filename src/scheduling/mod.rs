//! Scheduling: the slots a permanence offers ([`slot`]), the day and week [`agenda`],
//! appointments (booking, status, series), finding one ([`search`]), the residents to remind
//! ([`reminder`]), walk-ins and the waiting list.

pub mod agenda;
pub mod appointment;
pub mod reminder;
pub mod search;
pub mod slot;
pub mod waiting;
pub mod walk_in;
