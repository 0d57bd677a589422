//! Thin Tauri commands: unpack arguments, call one core function, convert the error.
//! They are `async` so that SQLite work runs off the UI thread.

pub mod agenda;
pub mod app;
pub mod closure;
pub mod documents;
pub mod exchange;
pub mod mediator;
pub mod permanence;
pub mod site;
