//! The network of places: sites, mediators, the weekly permanences and their closures,
//! public holidays, the closed vocabularies, and the site detail a screen shows in one read.

pub mod closure;
pub mod detail;
pub mod holiday;
pub mod mediator;
pub mod permanence;
pub mod site;
pub mod vocab;
