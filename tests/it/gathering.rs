//! Gathering the desks' activities at a coordinator's: three desks (three database files)
//! whose activities overlap in time, their exchange files read by a coordinator. The
//! network's statistics must be the sum of the desks' own, figure by figure; reading the same
//! files again changes nothing; a desk's deletion disappears with its next file; a stale
//! file, this desk's own file, a bad file and bad activities are refused in French.

use std::collections::BTreeMap;

use crate::common::french::assert_french;
use crate::common::*;
use chrono::{DateTime, Duration, Utc};
use permanences::exchange::activities::file::{self, ActivityFile, Selection};
use permanences::exchange::activities::folder::{self, GatheringSettings};
use permanences::exchange::activities::gather;
use permanences::records::stats::{self, DeskId, Stats, StatsQuery};
use permanences::sample::demo;
use rusqlite::Connection;

/// The figures of a statistics answer, by name: every count, every breakdown line.
fn figures(s: &Stats) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for (k, v) in [
        ("people", s.people),
        ("people_followed", s.people_followed),
        ("people_anonymous", s.people_anonymous),
        ("people_new", s.people_new),
        ("people_returning", s.people_returning),
        ("visits", s.visits),
        ("individual_visits", s.individual_visits),
        ("workshops", s.workshops),
        ("workshop_participants", s.workshop_participants),
        ("minutes", s.minutes),
        ("appointments.booked", s.appointments.booked),
        ("appointments.honoured", s.appointments.honoured),
        ("appointments.no_show", s.appointments.no_show),
        ("appointments.cancelled", s.appointments.cancelled),
        ("appointments.pending", s.appointments.pending),
    ] {
        out.insert(k.to_owned(), v);
    }
    for (name, list) in [
        ("themes", &s.themes),
        ("procedures", &s.procedures),
        ("durations", &s.durations),
        ("places", &s.places),
        ("ages", &s.age_brackets),
        ("statuses", &s.social_statuses),
        ("genders", &s.genders),
    ] {
        for c in list {
            *out.entry(format!("{name}.{}", c.code)).or_default() += c.count;
        }
    }
    out.retain(|_, v| *v != 0);
    out
}

fn sum(all: &[BTreeMap<String, i64>]) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for m in all {
        for (k, v) in m {
            *out.entry(k.clone()).or_default() += v;
        }
    }
    out
}

fn query(from: &str, to: &str) -> StatsQuery {
    StatsQuery {
        from: from.into(),
        to: to.into(),
        ..StatsQuery::default()
    }
}

const PERIODS: [(&str, &str); 3] = [
    ("2025-01-01", "2026-12-01"),
    ("2026-11-01", "2026-11-30"),
    ("2026-09-14", "2026-10-20"),
];

/// A desk seeded with the sample network as of `seeded` (so the three desks' activities
/// overlap without being the same), named.
fn desk(name: &str, seeded: DateTime<Utc>) -> Connection {
    let conn = conn();
    demo::seed(&conn, seeded).unwrap();
    conn.execute("UPDATE desk SET name = ?1", [name]).unwrap();
    conn
}

fn file_of(conn: &Connection, exported: DateTime<Utc>) -> ActivityFile {
    let sel = Selection {
        from: "2025-01-01".parse().unwrap(),
        to: "2026-12-01".parse().unwrap(),
        site_id: None,
        mediator_id: None,
    };
    let data = file::read(conn, sel, exported).unwrap();
    // Through bytes, as a file in the folder would be.
    let bytes = serde_json::to_vec(&data).unwrap();
    gather::parse(&bytes).unwrap()
}

fn desks() -> Vec<Connection> {
    vec![
        desk("Médiathèque", now()),
        desk("Centre social", now() - Duration::days(40)),
        desk("France Services", now() - Duration::days(75)),
    ]
}

fn assert_network_is_the_sum(coordinator: &Connection, desks: &[Connection], what: &str) {
    for (from, to) in PERIODS {
        let own: Vec<_> = desks
            .iter()
            .map(|d| figures(&stats::compute(d, &query(from, to)).unwrap()))
            .collect();
        let network = figures(&stats::compute(coordinator, &query(from, to)).unwrap());
        assert!(
            network["visits"] > 0,
            "{what}: something to count {from}–{to}"
        );
        assert_eq!(network, sum(&own), "{what}: {from} – {to}");
    }
}

#[test]
fn the_network_s_figures_are_the_sum_of_the_desks_and_reading_again_changes_nothing() {
    let desks = desks();
    let coordinator = conn();
    for d in &desks {
        let report = gather::import(&coordinator, &file_of(d, now()), now()).unwrap();
        assert!(report.refused.is_empty(), "{:?}", report.refused);
        assert!(report.added > 100, "{}", report.summary);
    }
    assert_network_is_the_sum(&coordinator, &desks, "first reading");

    let before = crate::common::snapshot::snapshot(&coordinator);
    for d in &desks {
        let report = gather::import(&coordinator, &file_of(d, now()), now()).unwrap();
        assert_eq!((report.added, report.updated, report.removed), (0, 0, 0));
        assert!(report.unchanged > 100);
    }
    crate::common::snapshot::assert_unchanged(
        &before,
        &crate::common::snapshot::snapshot(&coordinator),
        "the same files read again",
    );
    assert_network_is_the_sum(&coordinator, &desks, "second reading");

    // One desk's figures alone, and this desk's (none).
    let one: i64 = coordinator
        .query_row(
            "SELECT id FROM desks WHERE name = 'Centre social'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let (from, to) = PERIODS[0];
    let alone = stats::compute(
        &coordinator,
        &StatsQuery {
            desk_id: Some(DeskId(one)),
            ..query(from, to)
        },
    )
    .unwrap();
    assert_eq!(
        figures(&alone),
        figures(&stats::compute(&desks[1], &query(from, to)).unwrap())
    );
    assert!(alone.scope.contains("Centre social"), "{}", alone.scope);
    let own = stats::compute(
        &coordinator,
        &StatsQuery {
            desk_id: Some(DeskId::OWN),
            ..query(from, to)
        },
    )
    .unwrap();
    assert_eq!(own.visits, 0);

    // The visits CSV has every desk's activities, each saying its desk.
    let bytes = stats::csv::visits(&coordinator, &query(from, to), false).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let desk_column = headers.iter().position(|h| h == "Poste").unwrap();
    let mut per_desk: BTreeMap<String, i64> = BTreeMap::new();
    for record in reader.records() {
        *per_desk
            .entry(record.unwrap()[desk_column].to_owned())
            .or_default() += 1;
    }
    let expected: BTreeMap<String, i64> = ["Médiathèque", "Centre social", "France Services"]
        .iter()
        .zip(&desks)
        .map(|(name, d)| {
            let s = stats::compute(d, &query(from, to)).unwrap();
            ((*name).to_owned(), s.visits)
        })
        .collect();
    assert_eq!(per_desk, expected);
}

#[test]
fn a_desk_s_deletion_and_correction_arrive_with_its_next_file_and_a_stale_one_changes_nothing() {
    let desks = desks();
    let coordinator = conn();
    let old = file_of(&desks[1], now());
    for d in &desks {
        gather::import(&coordinator, &file_of(d, now()), now()).unwrap();
    }
    // The desk deletes one visit and corrects another.
    let ids: Vec<i64> = desks[1]
        .prepare("SELECT id FROM visits ORDER BY id LIMIT 2")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    permanences::records::visit::delete(&desks[1], permanences::records::visit::VisitId(ids[0]))
        .unwrap();
    let v =
        permanences::records::visit::get(&desks[1], permanences::records::visit::VisitId(ids[1]))
            .unwrap();
    let mut input = permanences::records::visit::from_visit(&desks[1], v.id, now()).unwrap();
    input.date = v.start.format("%Y-%m-%d").to_string();
    input.time = v.start.format("%H:%M").to_string();
    input.duration_minutes = v.duration_minutes + 15;
    permanences::records::visit::update(&desks[1], v.id, &input, now() + Duration::hours(1))
        .unwrap();

    let later = now() + Duration::hours(2);
    let report = gather::import(&coordinator, &file_of(&desks[1], later), later).unwrap();
    assert_eq!(
        (report.removed, report.updated, report.added),
        (1, 1, 0),
        "{}",
        report.summary
    );
    assert_network_is_the_sum(&coordinator, &desks, "after the desk's next file");

    // The older file, found again later (a stale copy): nothing changes.
    let before = crate::common::snapshot::snapshot(&coordinator);
    let report = gather::import(&coordinator, &old, later).unwrap();
    assert!(report.summary.contains("plus ancien"), "{}", report.summary);
    crate::common::snapshot::assert_unchanged(
        &before,
        &crate::common::snapshot::snapshot(&coordinator),
        "a stale file",
    );
}

#[test]
fn bad_activities_are_refused_by_position_and_the_rest_imported() {
    let desks = desks();
    let coordinator = conn();
    let mut data = file_of(&desks[0], now());
    let n = data.activities.len();
    data.activities[1].themes.clear();
    data.activities[2].duration_minutes = 0;
    data.activities[3].site = Some("999".into());
    let report = gather::import(&coordinator, &data, now()).unwrap();
    let lines: Vec<u32> = report.refused.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4]);
    for r in &report.refused {
        assert_french(&r.message, "refused activity");
    }
    assert_eq!(report.added as usize, n - 3);
    assert_eq!(count(&coordinator, "gathered_visits") as usize, n - 3);

    // The same activities arriving from another desk are not counted twice.
    let mut copy = file_of(&desks[0], now());
    copy.desk.uid = "un-autre-poste".into();
    copy.desk.name = "Copie".into();
    let report = gather::import(&coordinator, &copy, now()).unwrap();
    assert_eq!(
        report.added, 3,
        "only the three not yet known: {}",
        report.summary
    );
    assert!(report.refused[0].message.contains("autre poste"));

    // This desk's own file.
    let mine = file_of(&coordinator, now());
    let e = gather::import(&coordinator, &mine, now()).unwrap_err();
    assert_french(&e.to_string(), "own file");

    // Files that are not exchange files: a French message, nothing written.
    let before = crate::common::snapshot::snapshot(&coordinator);
    for bytes in [
        &b"not json"[..],
        br#"{"format": "autre", "version": 1}"#,
        br#"{"format": "permanences-activites", "version": 99}"#,
        br#"{"format": "permanences-activites", "version": 1, "desk": 3}"#,
        b"\xff\xfe",
    ] {
        let e = gather::parse(bytes).unwrap_err();
        assert_french(&e.to_string(), "bad file");
        assert!(e.to_string().contains("Rien n'a été importé"), "{e}");
    }
    crate::common::snapshot::assert_unchanged(
        &before,
        &crate::common::snapshot::snapshot(&coordinator),
        "bad files",
    );
}

#[test]
fn the_gathering_folder_carries_each_desk_s_file_and_only_new_ones_are_read() {
    let desks = desks();
    let coordinator = conn();
    let shared = tempfile::tempdir().unwrap();
    let folder_text = shared.path().display().to_string();
    for d in &desks {
        let status = folder::set(
            d,
            &GatheringSettings {
                folder: Some(folder_text.clone()),
                write_own: true,
                read_others: false,
                desk_name: String::new(),
            },
            now(),
        )
        .unwrap();
        assert!(status.last_error.is_none(), "{:?}", status.last_error);
        assert!(shared.path().join(&status.own_file).is_file());
        // Nothing changed since: not written again.
        assert!(!folder::refresh(d, now()).unwrap());
    }
    let status = folder::set(
        &coordinator,
        &GatheringSettings {
            folder: Some(folder_text.clone()),
            write_own: false,
            read_others: true,
            desk_name: "Coordination".into(),
        },
        now(),
    )
    .unwrap();
    assert_eq!(status.desks.len(), 3, "{status:?}");
    assert_network_is_the_sum(&coordinator, &desks, "through the folder");

    // Nothing new: nothing read.
    assert!(folder::gather(&coordinator, now()).unwrap().is_empty());
    // A desk records a visit: its file is rewritten, and only that one is read again.
    let later = now() + Duration::minutes(5);
    let any: i64 = desks[2]
        .query_row("SELECT id FROM visits ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    permanences::records::visit::delete(&desks[2], permanences::records::visit::VisitId(any))
        .unwrap();
    assert!(folder::refresh(&desks[2], later).unwrap());
    // The file's modification time must differ from the one seen (same second otherwise).
    let name = folder::status(&desks[2]).unwrap().own_file;
    let f = std::fs::File::options()
        .append(true)
        .open(shared.path().join(name))
        .unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(2))
        .unwrap();
    let reports = folder::gather(&coordinator, later).unwrap();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].removed, 1);
    assert_network_is_the_sum(&coordinator, &desks, "after one desk's change");

    // A folder that does not exist is refused in French and changes nothing.
    let e = folder::set(
        &coordinator,
        &GatheringSettings {
            folder: Some("/nulle/part".into()),
            ..status.settings
        },
        now(),
    )
    .unwrap_err();
    assert_french(&e.to_string(), "missing folder");
}
