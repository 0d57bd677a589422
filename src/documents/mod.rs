//! Printable documents: the PDF engine ([`pdf`]), posters, leaflets and desk sheets
//! ([`leaflet`]), the funders' one-page report ([`report`]).

pub mod leaflet;
pub mod pdf;
pub mod report;
