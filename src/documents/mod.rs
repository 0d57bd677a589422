//! Printable documents: the PDF engine ([`pdf`]), posters, leaflets and desk sheets
//! ([`leaflet`]), the funders' one-page report ([`report`]), charts as SVG ([`chart`]).

pub mod chart;
pub mod leaflet;
pub mod pdf;
pub mod report;
