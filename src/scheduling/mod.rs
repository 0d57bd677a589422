//! Scheduling: the slots a permanence offers ([`slot`]), the day and week [`agenda`],
//! appointments (booking, status, series), walk-ins and the waiting list.

pub mod agenda;
pub mod appointment;
pub mod slot;
pub mod waiting;
pub mod walk_in;
