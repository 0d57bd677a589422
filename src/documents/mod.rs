//! Printable documents: the PDF engine ([`pdf`]), posters, leaflets and desk sheets
//! ([`leaflet`], with the desk's memo), the funders' one-page report ([`report`]), charts as SVG
//! ([`chart`]), the « Guide de Permanences » from docs/guide/ ([`guide`]).

pub mod chart;
pub mod guide;
pub mod leaflet;
pub mod pdf;
pub mod report;
