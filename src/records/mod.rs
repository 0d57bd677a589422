//! Recording the assistance given: visits with the fields of the national activity report,
//! followed people (with their consent), the profile vocabularies, and statistics.

pub mod beneficiary;
pub mod gathered;
pub mod profile;
pub mod stats;
pub mod visit;
