//! The charts of Statistiques: on hand-built appointments whose absence rates are counted
//! below, and on the demo year, each chart's numbers are those of the table it stands for.

use crate::common::*;
use chrono::{DateTime, Utc};
use permanences::network::mediator::{self, MediatorInput};
use permanences::network::permanence::{self, PermanenceInput};
use permanences::network::vocab::{AppointmentStatus as Status, PermanenceKind, Reason};
use permanences::records::stats::charts::{compute_charts, Chart, Charts, Unit};
use permanences::records::stats::{self, StatsQuery};
use permanences::records::visit::{self, VisitInput};
use permanences::scheduling::appointment::{self, BookingInput};
use permanences::scheduling::reminder;
use rusqlite::Connection;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.to_utc())
        .unwrap_or_default()
}

fn query(from: &str, to: &str) -> StatsQuery {
    StatsQuery {
        from: from.into(),
        to: to.into(),
        ..StatsQuery::default()
    }
}

fn chart<'a>(c: &'a Charts, id: &str) -> &'a Chart {
    c.charts
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no chart {id}"))
}

/// (label, cells) of each row, for comparing with the hand-counted table.
fn table(c: &Chart) -> Vec<(String, Vec<String>)> {
    c.rows
        .iter()
        .map(|r| (r.label.clone(), r.cells.clone()))
        .collect()
}

fn cells(rate: &str, absent: i64, base: i64) -> Vec<String> {
    vec![
        rate.replace(' ', "\u{a0}"),
        absent.to_string(),
        base.to_string(),
    ]
}

/// Tuesdays of February and March 2027 at one site: nine appointments, five of people
/// ticked « Prévenu(e) » (one of them absent), three not (two absent), one cancelled.
fn tuesdays(conn: &Connection) {
    let site = new_site(conn, "Médiathèque Malraux");
    let team = mediator::create(
        conn,
        &MediatorInput {
            name: "Samia Benali".into(),
            site_ids: vec![site.id],
            ..MediatorInput::default()
        },
        now(),
    )
    .unwrap();
    permanence::create(
        conn,
        &PermanenceInput {
            kind: Some(PermanenceKind::Appointment),
            slot_minutes: Some(30),
            capacity: Some(2),
            ..slot(&site, 2, "14:00", "16:00")
        },
        now(),
    )
    .unwrap();
    let cases: [(&str, Option<Reason>, bool, Status); 9] = [
        (
            "2027-02-02T14:00",
            Some(Reason::Caf),
            true,
            Status::Honoured,
        ),
        (
            "2027-02-02T14:30",
            Some(Reason::Caf),
            true,
            Status::Honoured,
        ),
        ("2027-02-09T14:00", Some(Reason::Caf), false, Status::NoShow),
        (
            "2027-02-09T14:30",
            Some(Reason::Taxes),
            false,
            Status::Honoured,
        ),
        (
            "2027-03-02T14:00",
            Some(Reason::Taxes),
            true,
            Status::NoShow,
        ),
        ("2027-03-02T14:30", None, false, Status::NoShow),
        (
            "2027-03-09T14:00",
            Some(Reason::Caf),
            true,
            Status::Honoured,
        ),
        (
            "2027-03-09T14:30",
            Some(Reason::Taxes),
            false,
            Status::Excused,
        ),
        (
            "2027-03-16T14:00",
            Some(Reason::Email),
            true,
            Status::Honoured,
        ),
    ];
    for (i, (start, reason, reminded, status)) in cases.into_iter().enumerate() {
        let a = appointment::book(
            conn,
            &BookingInput {
                site_id: site.id,
                start: start.into(),
                resident_phone: Some(format!("06 12 34 56 {:02}", i)),
                reason,
                ..BookingInput::default()
            },
            at("2027-01-25T08:00:00Z"),
        )
        .unwrap();
        if reminded {
            reminder::set_reminded(conn, a.id, true, at("2027-01-26T08:00:00Z")).unwrap();
        }
        appointment::set_status(conn, a.id, status, None, at("2027-04-15T12:00:00Z")).unwrap();
    }
    // Visits: three in February, one in March.
    for (date, theme) in [
        ("2027-02-03", "email"),
        ("2027-02-10", "email"),
        ("2027-02-17", "sante"),
        ("2027-03-03", "email"),
    ] {
        visit::record(
            conn,
            &VisitInput {
                date: date.into(),
                time: "10:00".into(),
                duration_minutes: 30,
                site_id: Some(site.id),
                mediator_id: Some(team.id),
                themes: vec![theme.into()],
                ..VisitInput::default()
            },
            at("2027-04-15T12:00:00Z"),
        )
        .unwrap();
    }
}

#[test]
fn absence_rates_are_the_hand_counted_ones() -> TestResult {
    let conn = conn();
    tuesdays(&conn);
    let c = compute_charts(&conn, &query("2027-02-01", "2027-03-31"))?;
    // Reminded: 4 honoured, 1 absent; not reminded: 1 honoured, 2 absent; the cancelled
    // one is in neither.
    let reminded = chart(&c, "reminded");
    assert_eq!(
        table(reminded),
        [
            ("Personne prévenue".to_owned(), cells("20 %", 1, 5)),
            ("Personne non prévenue".to_owned(), cells("66,7 %", 2, 3)),
        ]
    );
    assert_eq!(reminded.unit, Unit::PerMille);
    assert_eq!(
        reminded
            .rows
            .iter()
            .map(|r| r.values[0])
            .collect::<Vec<_>>(),
        [200, 667],
        "drawn in tenths of a percent"
    );
    assert!(
        reminded
            .finding
            .starts_with("Prévenues, les personnes manquent moins souvent"),
        "{}",
        reminded.finding
    );
    assert!(
        reminded.finding.contains("(5 rendez-vous)")
            && reminded.finding.contains("(3 rendez-vous)")
    );
    // February: 3 honoured, 1 absent; March: 2 honoured, 2 absent.
    let months = chart(&c, "absences");
    assert_eq!(
        table(months),
        [
            ("février 2027".to_owned(), cells("25 %", 1, 4)),
            ("mars 2027".to_owned(), cells("50 %", 2, 4)),
        ]
    );
    assert_eq!(
        months.finding,
        "Taux d'absence sur la période : 37,5\u{a0}% ; le plus haut en mars 2027 (50\u{a0}%)"
    );
    // By reason, highest rate first: none given 1/1, taxes 1/2, CAF 1/4, e-mail 0/1.
    let reasons = chart(&c, "reasons");
    assert_eq!(
        table(reasons),
        [
            ("Motif non précisé".to_owned(), cells("100 %", 1, 1)),
            (Reason::Taxes.label().to_owned(), cells("50 %", 1, 2)),
            (Reason::Caf.label().to_owned(), cells("25 %", 1, 4)),
            (Reason::Email.label().to_owned(), cells("0 %", 0, 1)),
        ]
    );
    Ok(())
}

#[test]
fn with_nothing_to_compare_the_finding_says_so() -> TestResult {
    let conn = conn();
    tuesdays(&conn);
    // February: nobody reminded was absent but some were reminded; one day with none.
    let c = compute_charts(&conn, &query("2027-03-16", "2027-03-16"))?;
    let r = chart(&c, "reminded");
    assert_eq!(table(r)[1].1, cells("–", 0, 0));
    assert!(
        r.finding.starts_with("Pas encore de quoi comparer"),
        "{}",
        r.finding
    );
    let empty = compute_charts(&conn, &query("2027-06-01", "2027-06-30"))?;
    assert_eq!(
        chart(&empty, "months").finding,
        "Aucun accompagnement noté sur la période"
    );
    assert!(chart(&empty, "themes").rows.is_empty());
    Ok(())
}

/// Every chart's numbers are those of the statistics' own tables: the months add up to the
/// period (visits, appointments), each month is that month's statistics, and the
/// breakdowns are the period's lines, in the order the table reads.
fn assert_charts_match_tables(conn: &Connection, q: &StatsQuery, case: &str) -> TestResult {
    let c = compute_charts(conn, q)?;
    let s = stats::compute(conn, q)?;
    let months = chart(&c, "months");
    let sum = |i: usize| months.rows.iter().map(|r| r.values[i]).sum::<i64>();
    assert_eq!(
        sum(1),
        s.visits,
        "{case}: the months' visits add up to the period's"
    );
    assert_eq!(
        sum(2),
        s.appointments.honoured,
        "{case}: honoured appointments"
    );
    assert_eq!(
        sum(3),
        s.appointments.no_show,
        "{case}: missed appointments"
    );
    assert!(
        sum(0) >= s.people,
        "{case}: a person who came in two months counts in each month, once in the period"
    );
    for row in &months.rows {
        assert_eq!(
            row.cells,
            row.values.iter().map(i64::to_string).collect::<Vec<_>>(),
            "{case}: the table reads what the bars draw"
        );
    }
    for (id, lines) in [
        ("themes", &s.themes),
        ("procedures", &s.procedures),
        ("ages", &s.age_brackets),
    ] {
        let drawn: Vec<(String, i64, String)> = chart(&c, id)
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.values[0], r.cells[1].clone()))
            .collect();
        let table: Vec<(String, i64, String)> = lines
            .iter()
            .map(|l| (l.label.clone(), l.count, l.share.clone()))
            .collect();
        assert_eq!(drawn, table, "{case}: chart {id} is its table");
    }
    let statuses: i64 = chart(&c, "statuses").rows.iter().map(|r| r.values[0]).sum();
    assert_eq!(statuses, s.people, "{case}: statuses share out the people");
    for id in ["themes", "procedures"] {
        let values: Vec<i64> = chart(&c, id).rows.iter().map(|r| r.values[0]).collect();
        assert!(
            values.windows(2).all(|w| w[0] >= w[1]),
            "{case}: {id} come largest first: {values:?}"
        );
    }
    let reasons = chart(&c, "reasons");
    let (absent, base): (i64, i64) = reasons.rows.iter().fold((0, 0), |(a, b), r| {
        (
            a + r.cells[1].parse::<i64>().unwrap_or(-1),
            b + r.cells[2].parse::<i64>().unwrap_or(-1),
        )
    });
    assert_eq!(
        absent, s.appointments.no_show,
        "{case}: reasons share out the absences"
    );
    assert_eq!(
        base,
        s.appointments.honoured + s.appointments.no_show,
        "{case}: and the appointments honoured or missed"
    );
    Ok(())
}

#[test]
fn charts_are_the_tables_they_stand_for() -> TestResult {
    let conn = conn();
    tuesdays(&conn);
    assert_charts_match_tables(&conn, &query("2027-02-01", "2027-03-31"), "hand-built")?;
    // A period cut inside months: the first and last months are clipped to it.
    let c = compute_charts(&conn, &query("2027-02-15", "2027-03-05"))?;
    let months = chart(&c, "months");
    assert_eq!(
        months
            .rows
            .iter()
            .map(|r| (r.label.as_str(), r.values[1]))
            .collect::<Vec<_>>(),
        [("février 2027", 1), ("mars 2027", 1)],
        "17 February and 3 March only"
    );
    assert_charts_match_tables(&conn, &query("2027-02-15", "2027-03-05"), "clipped")?;
    Ok(())
}

#[test]
fn the_demo_year_has_its_shape_and_its_charts_match() -> TestResult {
    let demo = conn();
    let anchor = at("2027-04-15T07:30:00Z");
    let started = std::time::Instant::now();
    permanences::sample::demo::seed(&demo, anchor)?;
    let took = started.elapsed();
    let q = query("2026-04-01", "2027-03-31");
    assert_charts_match_tables(&demo, &q, "demo year")?;
    let c = compute_charts(&demo, &q)?;
    let months = chart(&c, "months");
    assert_eq!(months.rows.len(), 12);
    let visits: Vec<(String, i64)> = months
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.values[1]))
        .collect();
    for (label, n) in &visits {
        assert!(
            *n > 0,
            "every month has activity: {label} has {n} ({visits:?})"
        );
    }
    let of = |name: &str| {
        visits
            .iter()
            .find(|(l, _)| l == name)
            .map_or(0, |(_, n)| *n)
    };
    let usual = of("octobre 2026").min(of("mars 2027"));
    assert!(of("août 2026") * 2 < usual, "August is a dip: {visits:?}");
    assert!(
        of("décembre 2026") < usual,
        "December, closed at Christmas, is quieter: {visits:?}"
    );
    let honoured: Vec<i64> = months.rows.iter().map(|r| r.values[2]).collect();
    assert!(
        honoured.iter().filter(|n| **n > 0).count() == 12,
        "appointments were honoured every month: {honoured:?}"
    );
    let reminded = chart(&c, "reminded");
    let base = |i: usize| reminded.rows[i].cells[2].parse::<i64>().unwrap_or(0);
    assert!(
        base(0) > 50 && base(1) > 50,
        "both groups are large enough to compare"
    );
    assert!(
        reminded.finding.contains("manquent moins souvent"),
        "in the demo, reminding works: {}",
        reminded.finding
    );
    // Same anchor, same year.
    let again = conn();
    permanences::sample::demo::seed(&again, anchor)?;
    assert_eq!(
        compute_charts(&again, &q)?,
        c,
        "the same anchor gives the same data"
    );
    for table in ["appointments", "visits", "walk_ins", "visit_terms"] {
        assert_eq!(count(&again, table), count(&demo, table), "{table}");
    }
    assert!(
        took.as_secs() < 30,
        "the demo is still quick to create (debug build): {took:?}"
    );
    Ok(())
}

/// The root's `<title>` and `<desc>` of an SVG file and each bar's own `<title>`, read by
/// quick-xml (entities resolved).
fn svg_texts(svg: &str) -> Result<(String, String, Vec<String>), Box<dyn std::error::Error>> {
    use quick_xml::escape::resolve_predefined_entity;
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut stack: Vec<String> = Vec::new();
    let (mut buf, mut title, mut desc, mut bars) =
        (String::new(), String::new(), String::new(), Vec::new());
    loop {
        match reader.read_event()? {
            Event::Start(e) => {
                stack.push(e.name().into_inner().to_owned());
                buf.clear();
            }
            Event::Text(e) => buf.push_str(&e.into_inner()),
            Event::GeneralRef(e) => {
                buf.push_str(resolve_predefined_entity(&e).ok_or("an unknown entity")?)
            }
            Event::End(_) => {
                let path: Vec<&str> = stack.iter().map(String::as_str).collect();
                let text = std::mem::take(&mut buf);
                match path.as_slice() {
                    ["svg", "title"] => title = text,
                    ["svg", "desc"] => desc = text,
                    // A bar's own title, wherever the bar is grouped.
                    ["svg", .., "rect", "title"] => bars.push(text),
                    _ => {}
                }
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((title, desc, bars))
}

#[test]
fn the_command_line_writes_a_chart_as_svg_with_its_numbers() -> TestResult {
    use crate::common::tools::{cli, cli_ok};
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("reseau.sqlite3");
    cli_ok(&db, &["demo"]);
    let (from, to) = ("2025-12-01", "2026-11-30");
    let themes = dir.path().join("themes.svg");
    let written = cli_ok(
        &db,
        &[
            "stats",
            "--from",
            from,
            "--to",
            to,
            "--chart",
            "themes",
            "-o",
            &themes.to_string_lossy(),
        ],
    );
    assert!(written.contains("Fichier écrit"), "{written}");
    let (title, desc, bars) = svg_texts(&std::fs::read_to_string(&themes)?)?;
    let conn = permanences::store::db::open(&db)?;
    let s = stats::compute(&conn, &query(from, to))?;
    let top = s.themes.first().ok_or("the demo year has themes")?;
    assert!(
        title.starts_with("Thématiques : En tête : « ") && title.contains(&top.label),
        "the title states the finding: {title}"
    );
    let expected: Vec<String> = s
        .themes
        .iter()
        .map(|t| format!("{} : {}", t.label, t.count))
        .collect();
    assert_eq!(
        bars, expected,
        "one bar per line of the table, with its number"
    );
    assert!(
        desc.contains(&format!(
            "{} : Accompagnements {}, Part {}",
            top.label, top.count, top.share
        )),
        "the text alternative reads the table: {desc}"
    );
    let months = dir.path().join("mois.svg");
    cli_ok(
        &db,
        &[
            "stats",
            "--from",
            from,
            "--to",
            to,
            "--chart",
            "months",
            "-o",
            &months.to_string_lossy(),
        ],
    );
    let (_, desc, bars) = svg_texts(&std::fs::read_to_string(&months)?)?;
    assert_eq!(bars.len(), 12 * 4, "twelve months, four bars each");
    assert!(
        desc.contains("août 2026 : Personnes accompagnées"),
        "{desc}"
    );
    // No file name: refused, in French, nothing written.
    let refused = cli(
        &db,
        &["stats", "--from", from, "--to", to, "--chart", "months"],
    );
    assert_eq!(
        refused.status.code(),
        Some(2),
        "clap refuses --chart without -o"
    );
    let bad = cli(
        &db,
        &[
            "stats",
            "--from",
            to,
            "--to",
            from,
            "--chart",
            "months",
            "-o",
            &dir.path().join("x.svg").to_string_lossy(),
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        !dir.path().join("x.svg").exists(),
        "nothing written on bad input"
    );
    Ok(())
}
