//! Gathering at a network's scale: 50 desk files of one year, 10 000 activities each
//! (500 000 in all), read into a new coordinator database from a gathering folder; then the
//! year's statistics of the whole network, and a second reading of the unchanged folder.
//! Run with `make bench`. The files are generated once into target/bench/gathering/.
//!
//! Goals (issue 16): gathering < 10 s, the year's network statistics < 200 ms (medians).

// Benchmark code: a failed unwrap stops the measure with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use permanences::exchange::activities::file::{
    Activity, ActivityFile, AppointmentCount, Desk, PersonRef, SiteRef, TermDef, FORMAT, VERSION,
};
use permanences::exchange::activities::folder;
use permanences::network::vocab::AppointmentStatus;
use permanences::records::stats::{self, StatsQuery};
use permanences::records::visit::codes::{
    AgeBracket, Autonomy, Gender, Material, PlaceType, SocialStatus, VisitKind, WorkshopLevel,
};
use permanences::store::db;
use rusqlite::Connection;

const DESKS: usize = 50;
const PER_DESK: usize = 10_000;
const THEMES: [&str; 8] = [
    "email",
    "aide_aux_demarches_administratives",
    "navigation_sur_internet",
    "prendre_en_main_du_materiel",
    "securite_numerique",
    "sante",
    "banque_et_achats_en_ligne",
    "bureautique",
];
const PROCEDURES: [&str; 4] = [
    "social_sante",
    "argent_impots",
    "logement",
    "travail_formation",
];

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

fn desk_file(n: usize) -> ActivityFile {
    let mut rng = fastrand::Rng::with_seed(n as u64);
    let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let sites = (0..2)
        .map(|s| SiteRef {
            reference: s.to_string(),
            open_data_id: None,
            name: format!("Lieu {n}-{s}"),
            address: Some(format!("{s} rue de la Gare")),
            postcode: Some("67000".into()),
            city: Some("Strasbourg".into()),
            insee_code: Some("67482".into()),
        })
        .collect();
    let people: Vec<PersonRef> = (0..800)
        .map(|p| PersonRef {
            reference: p.to_string(),
            age_bracket: AgeBracket::ALL[rng.usize(..AgeBracket::ALL.len())],
            social_status: SocialStatus::ALL[rng.usize(..SocialStatus::ALL.len())],
            gender: Gender::ALL[rng.usize(..Gender::ALL.len())],
        })
        .collect();
    let terms = THEMES
        .iter()
        .map(|c| ("theme", *c))
        .chain(PROCEDURES.iter().map(|c| ("procedure", *c)))
        .map(|(v, c)| TermDef {
            vocabulary: v.into(),
            code: c.into(),
            label: c.into(),
        })
        .collect();
    let activities = (0..PER_DESK)
        .map(|i| {
            let day = from + chrono::Duration::days(rng.i64(0..365));
            let start = Utc.from_utc_datetime(&day.and_hms_opt(8 + rng.u32(0..9), 0, 0).unwrap());
            let workshop = rng.u8(0..20) == 0;
            let followed = !workshop && rng.u8(0..5) == 0;
            let mut themes: Vec<String> = (0..rng.usize(1..4))
                .map(|_| THEMES[rng.usize(..THEMES.len())].to_owned())
                .collect();
            themes.sort();
            themes.dedup();
            let procedures = if themes
                .iter()
                .any(|t| t == "aide_aux_demarches_administratives")
            {
                vec![PROCEDURES[rng.usize(..PROCEDURES.len())].to_owned()]
            } else {
                Vec::new()
            };
            Activity {
                uid: format!("{n:08x}-0000-4000-8000-{i:012x}"),
                kind: if workshop {
                    VisitKind::Workshop
                } else {
                    VisitKind::Individual
                },
                start,
                duration_minutes: [15, 30, 45, 60, 90][rng.usize(..5)],
                place_type: PlaceType::Site,
                site: Some(rng.usize(..2).to_string()),
                place_commune: None,
                place_postcode: None,
                mediator: format!("Médiatrice {}", rng.usize(..4)),
                person: followed.then(|| rng.usize(..800).to_string()),
                age_bracket: AgeBracket::ALL[rng.usize(..AgeBracket::ALL.len())],
                social_status: SocialStatus::ALL[rng.usize(..SocialStatus::ALL.len())],
                gender: Gender::ALL[rng.usize(..Gender::ALL.len())],
                home_postcode: Some("67100".into()),
                home_commune: Some("Strasbourg".into()),
                materials: vec![Material::Computer],
                themes,
                procedures,
                autonomy: (!workshop).then_some(Autonomy::Partly),
                redirected_to: None,
                follow_up: false,
                first_visit: rng.bool(),
                workshop_title: workshop.then(|| "Atelier".to_owned()),
                workshop_level: workshop.then_some(WorkshopLevel::Beginner),
                participants: if workshop { 6 } else { 1 },
                participant_people: if workshop {
                    vec![rng.usize(..800).to_string()]
                } else {
                    Vec::new()
                },
                created_at: start,
                updated_at: None,
            }
        })
        .collect();
    let appointments = (0..300)
        .map(|d| AppointmentCount {
            site: (d % 2).to_string(),
            day: from + chrono::Duration::days(d),
            status: AppointmentStatus::Honoured,
            count: 4,
        })
        .collect();
    ActivityFile {
        format: FORMAT.into(),
        version: VERSION,
        desk: Desk {
            uid: format!("desk-{n}"),
            name: format!("Poste {n}"),
        },
        exported_at: now(),
        from,
        to,
        sites,
        terms,
        people,
        activities,
        appointments,
    }
}

fn folder() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/gathering");
    let done = dir.join(".complete");
    if !done.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        for n in 0..DESKS {
            let bytes = serde_json::to_vec(&desk_file(n)).unwrap();
            std::fs::write(dir.join(format!("activites-poste-{n:02}.json")), bytes).unwrap();
        }
        std::fs::write(&done, b"").unwrap();
    }
    dir
}

fn coordinator(dir: &Path, shared: &Path) -> Connection {
    let path = dir.join("coordination.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let conn = db::open(&path).unwrap();
    conn.execute(
        "INSERT INTO gathering (id, folder, write_own, read_others) VALUES (1, ?1, 0, 1)",
        [shared.display().to_string()],
    )
    .unwrap();
    conn
}

fn year() -> StatsQuery {
    StatsQuery {
        from: "2025-01-01".into(),
        to: "2025-12-31".into(),
        ..StatsQuery::default()
    }
}

fn benches(c: &mut Criterion) {
    let shared = folder();
    let work = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("gathering");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    g.bench_function("50 files, 500 000 activities, new coordinator", |b| {
        b.iter_batched(
            || coordinator(work.path(), &shared),
            |conn| {
                let reports = folder::gather(&conn, now()).unwrap();
                assert_eq!(reports.len(), DESKS);
                conn
            },
            BatchSize::PerIteration,
        );
    });
    // The gathered database, for what follows.
    let conn = coordinator(work.path(), &shared);
    let started = Instant::now();
    folder::gather(&conn, now()).unwrap();
    eprintln!(
        "one more gathering: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let n: i64 = conn
        .query_row("SELECT count(*) FROM gathered_visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n as usize, DESKS * PER_DESK);
    g.bench_function("the same files read again (all unchanged)", |b| {
        b.iter(|| {
            conn.execute("DELETE FROM gathered_files", []).unwrap();
            folder::gather(&conn, now()).unwrap()
        });
    });
    g.finish();
    let mut g = c.benchmark_group("gathered stats");
    g.bench_function("network year, 500 000 gathered activities", |b| {
        b.iter(|| stats::compute(&conn, &year()).unwrap());
    });
    g.finish();
}

criterion_group!(gathering, benches);
criterion_main!(gathering);
