//! PDF generation speed: a site poster and the network leaflet from the demo network
//! (`make bench`). Target: a poster under 50 ms median.

use criterion::{criterion_group, criterion_main, Criterion};
use permanences::leaflet::{self, PrintOptions, Size};
use permanences::site::SiteId;
use permanences::{db, demo};

fn benches(c: &mut Criterion) {
    let conn = db::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    demo::seed(&conn).unwrap_or_else(|e| panic!("{e}"));
    let a4 = PrintOptions::new(Size::A4, false);
    let poster =
        leaflet::site_poster(&conn, SiteId(3), a4.clone()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "poster: {} bytes, {} page(s)",
        poster.bytes.len(),
        poster.pages
    );
    c.bench_function("poster A4 of one site", |b| {
        b.iter(|| {
            leaflet::site_poster(&conn, SiteId(3), a4.clone()).unwrap_or_else(|e| panic!("{e}"))
        })
    });
    let a5 = PrintOptions::new(Size::A5, false);
    c.bench_function("network leaflet A5", |b| {
        b.iter(|| leaflet::network_leaflet(&conn, a5.clone()).unwrap_or_else(|e| panic!("{e}")))
    });
}

criterion_group! {
    name = leaflet_benches;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(leaflet_benches);
