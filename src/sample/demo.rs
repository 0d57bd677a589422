//! The sample network: a few Strasbourg-like sites with their permanences, for trying the app
//! (`make demo`, `permanences demo`). Addresses are plausible, people are invented.

mod history;
mod visits;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::clock;
use crate::error::{Error, Result};
use crate::network::closure::{self, ClosureInput};
use crate::network::mediator::{self, MediatorInput};
use crate::network::permanence::{self, PermanenceInput};
use crate::network::site::{self, SiteInput};
use crate::network::vocab::{
    PermanenceKind as K, Public, Reason, Service, Typology, WheelchairAccess,
};
use crate::scheduling::appointment::{self, BookingInput};
use crate::scheduling::reminder;
use crate::scheduling::slot::{self, Slot, SlotSearch};
use crate::scheduling::waiting::{self, WaitingInput};

/// What [`seed`] added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    pub sites: usize,
    pub mediators: usize,
    pub permanences: usize,
    pub closures: usize,
    pub appointments: usize,
    pub visits: usize,
}

struct DemoSite {
    name: &'static str,
    address: &'static str,
    postcode: &'static str,
    city: &'static str,
    insee: &'static str,
    point: (f64, f64),
    phone: &'static str,
    email: &'static str,
    website: Option<&'static str>,
    transport: &'static str,
    wheelchair: WheelchairAccess,
    typology: Typology,
    services: &'static [Service],
    publics: &'static [Public],
    /// (weekday, start, end, kind, slot minutes, capacity)
    slots: &'static [(u8, &'static str, &'static str, K, u16, u16)],
}

const SITES: &[DemoSite] = &[
    DemoSite {
        name: "Médiathèque Olympe de Gouges",
        address: "3 rue Kuhn",
        postcode: "67000",
        city: "Strasbourg",
        insee: "67482",
        point: (48.5866, 7.7388),
        phone: "03 88 12 34 50",
        email: "mediatheque.olympe@example.org",
        website: Some(
            "https://cartographie.societenumerique.gouv.fr/lieux/mediatheque-olympe-de-gouges",
        ),
        transport: "Tram A et D, arrêt Gare centrale",
        wheelchair: WheelchairAccess::Full,
        typology: Typology::Library,
        services: &[
            Service::AdministrativeProcedures,
            Service::EverydayTools,
            Service::Access,
        ],
        publics: &[Public::Seniors],
        slots: &[
            (2, "14:00", "17:00", K::DropIn, 30, 2),
            (6, "10:00", "12:00", K::Appointment, 30, 1),
        ],
    },
    DemoSite {
        name: "Centre socioculturel du Neudorf",
        address: "2 place du Marché",
        postcode: "67100",
        city: "Strasbourg",
        insee: "67482",
        point: (48.5702, 7.7633),
        phone: "03 88 44 12 30",
        email: "accueil.neudorf@example.org",
        website: None,
        transport: "Tram A et E, arrêt Landsberg",
        wheelchair: WheelchairAccess::Partial,
        typology: Typology::SocialCentre,
        services: &[
            Service::AdministrativeProcedures,
            Service::Parenting,
            Service::Employment,
        ],
        publics: &[Public::Families, Public::Youth],
        slots: &[
            (1, "09:00", "12:00", K::Appointment, 30, 2),
            (4, "14:00", "17:30", K::Both, 45, 2),
        ],
    },
    DemoSite {
        name: "France Services Hautepierre",
        address: "10 rue Jean Mermoz",
        postcode: "67200",
        city: "Strasbourg",
        insee: "67482",
        point: (48.5912, 7.6967),
        phone: "03 68 98 51 00",
        email: "franceservices.hautepierre@example.org",
        website: Some(
            "https://cartographie.societenumerique.gouv.fr/lieux/france-services-hautepierre",
        ),
        transport: "Tram A, arrêt Dante",
        wheelchair: WheelchairAccess::Full,
        typology: Typology::FranceServices,
        services: &[Service::AdministrativeProcedures, Service::Security],
        publics: &[],
        slots: &[
            (3, "09:00", "12:00", K::Appointment, 45, 1),
            (3, "14:00", "17:00", K::Appointment, 45, 1),
            (5, "09:00", "12:00", K::DropIn, 30, 3),
        ],
    },
    DemoSite {
        name: "Mairie de quartier de la Meinau",
        address: "1 rue de Provence",
        postcode: "67100",
        city: "Strasbourg",
        insee: "67482",
        point: (48.5561, 7.7590),
        phone: "03 68 98 60 60",
        email: "mairie.meinau@example.org",
        website: None,
        transport: "Bus 7 et 24, arrêt Canardière",
        wheelchair: WheelchairAccess::Full,
        typology: Typology::TownHall,
        services: &[Service::AdministrativeProcedures],
        publics: &[Public::Seniors],
        slots: &[(5, "14:00", "16:30", K::DropIn, 30, 2)],
    },
    DemoSite {
        name: "Espace numérique de l'Hôtel de Ville",
        address: "110 route de Bischwiller",
        postcode: "67300",
        city: "Schiltigheim",
        insee: "67447",
        point: (48.6070, 7.7497),
        phone: "03 88 83 90 00",
        email: "numerique@example.org",
        website: None,
        transport: "Bus L6, arrêt Schiltigheim Mairie",
        wheelchair: WheelchairAccess::Unknown,
        typology: Typology::TownHall,
        services: &[
            Service::EverydayTools,
            Service::Creation,
            Service::Understanding,
        ],
        publics: &[Public::Students, Public::Women],
        slots: &[
            (2, "09:30", "12:00", K::Both, 30, 2),
            (6, "09:00", "12:00", K::DropIn, 30, 4),
        ],
    },
];

const MEDIATORS: &[(&str, &[usize])] = &[
    ("Samia Benali", &[0, 3]),
    ("Lucas Meyer", &[1]),
    ("Claire Hoffmann", &[2]),
    ("Yannick Koffi", &[2, 4]),
];

/// Seeds the sample network into an empty database. Refuses, writing nothing, when the
/// database already holds sites, so that real data is never mixed with invented data.
/// Anchored on `now`: a few appointments fall in the days after it; the year before it holds
/// appointments (honoured, missed, cancelled), walk-ins and visits. The same `now` gives the
/// same data.
pub fn seed(conn: &Connection, now: DateTime<Utc>) -> Result<Seeded> {
    // One transaction: either the whole network or nothing.
    let seeded = crate::store::db::write(conn, |conn| {
        let existing: i64 = conn.query_row("SELECT count(*) FROM sites", [], |r| r.get(0))?;
        if existing > 0 {
            return Err(Error::Conflict {
                field: "database",
                message: format!(
                    "Cette base contient déjà {existing} lieu(x) : les exemples ne sont ajoutés que dans une base vide."
                ),
            });
        }
        seed_all(conn, now)
    })?;
    // The year of history as a desk keeps it: personal data older than the retention
    // periods erased by the same purge the app runs every day (figures unchanged).
    crate::privacy::purge(conn, now, crate::privacy::PurgeCause::Daily)?;
    Ok(seeded)
}

fn seed_all(conn: &Connection, now: DateTime<Utc>) -> Result<Seeded> {
    // The permanences run since before the year of history, from the first of a month.
    let opened = crate::clock::today(now)
        .checked_sub_days(chrono::Days::new(history::DAYS + 31))
        .map_or_else(String::new, |d| d.format("%Y-%m-01").to_string());
    let mut ids = Vec::new();
    let mut count = Seeded {
        sites: 0,
        mediators: 0,
        permanences: 0,
        closures: 0,
        appointments: 0,
        visits: 0,
    };
    for d in SITES {
        let s = site::create(
            conn,
            &SiteInput {
                name: d.name.into(),
                address: d.address.into(),
                postcode: d.postcode.into(),
                city: d.city.into(),
                insee_code: Some(d.insee.into()),
                latitude: Some(d.point.0),
                longitude: Some(d.point.1),
                phone: Some(d.phone.into()),
                email: Some(d.email.into()),
                website: d.website.map(Into::into),
                wheelchair_access: Some(d.wheelchair),
                public_transport: Some(d.transport.into()),
                pivot: Some("21670482500019".into()),
                typology: Some(d.typology),
                alsace_moselle: Some(true),
                services: d.services.to_vec(),
                publics: d.publics.to_vec(),
                ..SiteInput::default()
            },
            now,
        )?;
        ids.push(s.id);
        count.sites += 1;
    }
    let mut team = Vec::new();
    for (name, sites) in MEDIATORS {
        let m = mediator::create(
            conn,
            &MediatorInput {
                name: (*name).into(),
                site_ids: sites.iter().filter_map(|i| ids.get(*i).copied()).collect(),
                ..MediatorInput::default()
            },
            now,
        )?;
        team.push(m);
        count.mediators += 1;
    }
    for (d, site_id) in SITES.iter().zip(&ids) {
        let holders: Vec<_> = team
            .iter()
            .filter(|m| m.site_ids.contains(site_id))
            .map(|m| m.id)
            .collect();
        for (weekday, start, end, kind, slot, capacity) in d.slots {
            permanence::create(
                conn,
                &PermanenceInput {
                    site_id: *site_id,
                    weekday: *weekday,
                    start_time: (*start).into(),
                    end_time: (*end).into(),
                    kind: Some(*kind),
                    slot_minutes: Some(*slot),
                    capacity: Some(*capacity),
                    valid_from: Some(opened.clone()),
                    mediator_ids: holders.clone(),
                    ..PermanenceInput::default()
                },
                now,
            )?;
            count.permanences += 1;
        }
    }
    let closures = [
        (0, "2026-12-24", "2027-01-02", "Vacances de Noël"),
        (1, "2027-02-15", "2027-02-19", "Vacances d'hiver"),
        (2, "2027-04-12", "2027-04-12", "Formation de l'équipe"),
    ];
    for (i, start, end, reason) in closures {
        if let Some(site_id) = ids.get(i) {
            closure::create(
                conn,
                &ClosureInput {
                    site_id: *site_id,
                    start_date: start.into(),
                    end_date: Some(end.into()),
                    reason: reason.into(),
                },
                now,
            )?;
            count.closures += 1;
        }
    }
    // The coming appointments and the plain visits first: their ids stay those of the
    // demo before it had a year of history (tests and the audit name them).
    count.appointments = book_some(conn, now)?;
    count.visits = visits::record_some(conn, &ids, &team, now)?;
    let past = history::record_year(conn, &team, now)?;
    count.appointments += past.appointments;
    count.visits += past.visits;
    // Last, so that every id above stays as it was.
    count.appointments += book_to_remind(conn, now)?;
    Ok(count)
}

/// Two people to remind on the next open day, so that « À prévenir » shows both ways of
/// reminding: one with a phone (SMS code), one who left only an e-mail.
fn book_to_remind(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let day = reminder::next_open_day(conn, None, clock::today(now))?;
    let Some(morning) = clock::local_instant(day, chrono::NaiveTime::MIN) else {
        return Ok(0);
    };
    let free: Vec<_> = slot::next_free(conn, morning.max(now), &SlotSearch::default(), 40)?
        .into_iter()
        .filter(|s| s.start.date_naive() == day)
        .collect();
    let people = [
        Person {
            name: Some("Mme Hoffmann"),
            phone: Some("06 23 45 67 89"),
            email: None,
            reason: Reason::FranceTravail,
        },
        Person {
            name: Some("Léa M."),
            phone: None,
            email: Some("lea.martin@exemple.fr"),
            reason: Reason::DrivingLicence,
        },
    ];
    book_people(conn, &people, free.iter().step_by(3), now)
}

/// Who the demo books: a name, a phone and an e-mail when given.
struct Person<'a> {
    name: Option<&'a str>,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    reason: Reason,
}

/// Books each person into the next of `slots`; how many were booked (fewer when the slots
/// run out).
fn book_people<'s>(
    conn: &Connection,
    people: &[Person<'_>],
    slots: impl Iterator<Item = &'s Slot>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut booked = 0;
    for (p, s) in people.iter().zip(slots) {
        appointment::book(
            conn,
            &BookingInput {
                site_id: s.site_id,
                start: s.start.to_rfc3339(),
                resident_name: p.name.map(str::to_owned),
                resident_phone: p.phone.map(str::to_owned),
                resident_email: p.email.map(str::to_owned),
                reason: Some(p.reason),
                ..BookingInput::default()
            },
            now,
        )?;
        booked += 1;
    }
    Ok(booked)
}

/// A few appointments in the coming days, so that the agenda shows how it works.
fn book_some(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let people = [
        Person {
            name: Some("Mme Schmitt"),
            phone: Some("06 12 34 56 78"),
            email: None,
            reason: Reason::Caf,
        },
        Person {
            name: Some("Karim"),
            phone: None,
            email: None,
            reason: Reason::IdentityCard,
        },
        Person {
            name: None,
            phone: None,
            email: None,
            reason: Reason::Email,
        },
        Person {
            name: Some("M. Weber"),
            phone: Some("07 98 76 54 32"),
            email: None,
            reason: Reason::Taxes,
        },
        Person {
            name: Some("Nadia B."),
            phone: None,
            email: None,
            reason: Reason::Ameli,
        },
        Person {
            name: None,
            phone: None,
            email: None,
            reason: Reason::Smartphone,
        },
        Person {
            name: Some("Jean-Paul"),
            phone: Some("03 88 00 11 22"),
            email: None,
            reason: Reason::Pension,
        },
        Person {
            name: Some("Fatou"),
            phone: None,
            email: None,
            reason: Reason::FranceTravail,
        },
    ];
    let free = slot::next_free(conn, now, &SlotSearch::default(), 40)?;
    // Every fifth free slot: a realistic, spread-out week rather than one full morning.
    let booked = book_people(conn, &people, free.iter().step_by(5), now)?;
    if let Some(first) = free.first() {
        waiting::add(
            conn,
            &WaitingInput {
                site_id: first.site_id,
                name: "Mme Keller".into(),
                contact: "06 55 44 33 22".into(),
                reason: Some(Reason::IdentityCard),
                notes: Some("Disponible le matin".into()),
            },
            now,
        )?;
    }
    Ok(booked)
}
