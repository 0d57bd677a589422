//! Sample data: the demo network ([`demo`]) and large generated networks for benchmarks and
//! footprint measures ([`generate`]). Both are anchored on a date given by the caller.

pub mod demo;
pub mod generate;
