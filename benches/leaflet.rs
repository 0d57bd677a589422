//! PDF generation speed: a site poster and the network leaflet from the demo network
//! (`make bench`). Target: a poster under 50 ms median.

// Benchmark code: a failed unwrap stops the measure with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod data;

use criterion::{criterion_group, criterion_main, Criterion};
use permanences::documents::leaflet::{self, PrintOptions, Size};
use permanences::network::site::SiteId;
use permanences::{sample::demo, store::db};

fn benches(c: &mut Criterion) {
    let conn = db::open_in_memory().unwrap();
    demo::seed(&conn, data::now()).unwrap();
    let a4 = PrintOptions::new(Size::A4, false);
    let poster = leaflet::site_poster(&conn, SiteId(3), a4.clone(), data::now()).unwrap();
    eprintln!(
        "poster: {} bytes, {} page(s)",
        poster.bytes.len(),
        poster.pages
    );
    c.bench_function("poster A4 of one site", |b| {
        b.iter(|| leaflet::site_poster(&conn, SiteId(3), a4.clone(), data::now()).unwrap())
    });
    let a5 = PrintOptions::new(Size::A5, false);
    c.bench_function("network leaflet A5", |b| {
        b.iter(|| leaflet::network_leaflet(&conn, a5.clone(), data::now()).unwrap())
    });
}

criterion_group! {
    name = leaflet_benches;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(leaflet_benches);
