//! One valid call of every command, on the demo network, and what they need prepared.

use std::path::Path;

use serde_json::{json, Value};

use super::{mock, pinned, Mock};

/// The free slots the valid calls use, found on the prepared demo network.
pub(super) struct Prepared {
    /// A free slot of site 1, to book.
    pub start: String,
    /// A free slot at the site of appointment 6, to move it to.
    pub move_to: String,
}

/// The appointment the valid call of `reschedule_appointment` moves.
const MOVED: i64 = 6;

/// What some valid calls need beyond the demo network (a status to undo, a walk-in, a term of
/// the network), made through the app; returns the free slots to book and move to.
pub(super) fn prepare(base: &Path) -> Prepared {
    let m = mock(base);
    for (cmd, args) in [
        (
            "set_appointment_status",
            json!({"id": 2, "status": "excused", "by": 1}),
        ),
        (
            "add_term",
            json!({"vocabulary": "theme", "label": "Jeux en ligne"}),
        ),
    ] {
        if let Err(e) = m.call(cmd, &args) {
            panic!("preparing with {cmd}: {e}");
        }
    }
    let start = free_start(&m, 1, None);
    let conn = rusqlite::Connection::open(base).unwrap();
    let (site, moved_start): (i64, String) = conn
        .query_row(
            "SELECT site_id, start_at FROM appointments WHERE id = ?1",
            [MOVED],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap_or_else(|e| panic!("appointment {MOVED}: {e}"));
    drop(conn);
    let move_to = free_start(&m, site, Some(&moved_start));
    drop(m);
    let conn = rusqlite::Connection::open(base).unwrap();
    // A walk-in arrives only while a drop-in permanence is open: written directly, so that
    // its status can be changed at any hour.
    conn.execute(
        "INSERT INTO walk_ins (site_id, arrived_at) VALUES (1, ?1)",
        [permanences::clock::utc_text(pinned())],
    )
    .and_then(|_| conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
    .unwrap();
    Prepared { start, move_to }
}

/// A free slot of `site` from the app itself (not the one starting at `other_than`, a stored
/// UTC instant): a booking that succeeds.
fn free_start(m: &Mock, site: i64, other_than: Option<&str>) -> String {
    let slots = m
        .call(
            "next_free_slots",
            &json!({"search": {"siteId": site}, "limit": 3}),
        )
        .expect("next_free_slots");
    let same = |start: &str| {
        let utc = chrono::DateTime::parse_from_rfc3339(start)
            .map(|t| permanences::clock::utc_text(t.to_utc()))
            .unwrap_or_default();
        Some(utc.as_str()) == other_than
    };
    slots
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["start"].as_str())
        .find(|s| !same(s))
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no free slot at site {site}: {slots}"))
}

/// One valid call of every command that takes input, on the demo network.
pub(super) fn valid_calls(prepared: &Prepared) -> Vec<(&'static str, Value)> {
    let start = &prepared.start;
    let today = permanences::clock::today(pinned()).to_string();
    let profile = json!({"ageBracket": "vingt_cinq_trente_neuf", "socialStatus": "en_emploi",
        "gender": "feminin", "postcode": "67000", "commune": "Strasbourg"});
    let site = json!({"name": "Maison France services", "address": "1 place de la Gare",
        "postcode": "67000", "city": "Strasbourg", "phone": "03 88 00 00 00",
        "email": "contact@exemple.fr", "publicNotes": null, "services": [], "publics": []});
    let visit = serde_json::to_value(permanences::records::visit::blank(
        Some(permanences::network::site::SiteId(1)),
        Some(permanences::network::mediator::MediatorId(1)),
        pinned() - chrono::Duration::hours(2),
    ))
    .map(|mut v| {
        v["themes"] = json!(["email"]);
        v["durationMinutes"] = json!(30);
        v["placeType"] = json!("lieu_activite");
        v["notes"] = json!("Création d'une adresse");
        v
    })
    .unwrap();
    let query = json!({"from": "2026-01-01", "to": "2026-12-31", "siteId": 1, "mediatorId": null,
        "deskId": 0});
    let booking = json!({"siteId": 1, "start": start, "residentName": "Awa",
        "residentPhone": "06 12 34 56 78", "reason": "caf", "notes": "Dossier", "createdBy": 1,
        "extra": false, "durationMinutes": null});
    // Port 9 (discard) is closed on loopback: the join is refused at once, in French.
    let network = json!({"address": "http://127.0.0.1:9/", "username": "accueil",
        "password": "mot-de-passe", "sites": null, "shareNames": false, "plainHttp": false});
    let poster = json!({"kind": "poster", "siteId": 1,
        "options": {"size": "a4", "largePrint": false}});
    let calendar = json!({"scope": {"kind": "site", "siteId": 1}, "withAppointments": true,
        "withNames": false});
    vec![
        ("footprint_mark", json!({"step": "agenda"})),
        ("list_sites", json!({"includeArchived": true})),
        ("open_agenda", json!({"remembered": "all", "perGrid": 5})),
        ("site_detail", json!({"id": 1})),
        ("create_site", json!({"input": site})),
        ("update_site", json!({"id": 2, "input": site})),
        ("set_site_archived", json!({"id": 1, "archived": true})),
        (
            "create_permanence",
            json!({"input": {"siteId": 1, "weekday": 7, "startTime": "09:00",
            "endTime": "11:00", "kind": null, "slotMinutes": 30, "capacity": 1,
            "validFrom": "2030-01-01", "validUntil": null, "notes": "Samedi", "mediatorIds": [1]}}),
        ),
        (
            "update_permanence",
            json!({"id": 1, "input": {"siteId": 1, "weekday": 7,
            "startTime": "09:00", "endTime": "11:00", "kind": null, "slotMinutes": 30,
            "capacity": 1, "validFrom": "2030-01-01", "validUntil": null, "notes": null,
            "mediatorIds": [1]}}),
        ),
        ("delete_permanence", json!({"id": 1})),
        (
            "create_closure",
            json!({"input": {"siteId": 1, "startDate": "2030-08-01",
            "endDate": "2030-08-15", "reason": "Congés d'été"}}),
        ),
        ("delete_closure", json!({"id": 1})),
        ("list_mediators", json!({"includeArchived": false})),
        (
            "create_mediator",
            json!({"input": {"name": "Inès Martin", "siteIds": [1, 2]}}),
        ),
        (
            "update_mediator",
            json!({"id": 1, "input": {"name": "Samia B.", "siteIds": [1]}}),
        ),
        ("set_mediator_archived", json!({"id": 2, "archived": true})),
        (
            "agenda",
            json!({"siteId": 1, "date": today, "span": "week"}),
        ),
        (
            "next_free_slots",
            json!({"search": {"siteId": 1, "kind": null, "reason": "caf"},
            "limit": 3}),
        ),
        ("book_appointment", json!({"input": booking})),
        (
            "book_series",
            json!({"input": booking, "everyWeeks": 1, "count": 2}),
        ),
        (
            "set_appointment_status",
            json!({"id": 6, "status": "excused", "by": 1}),
        ),
        ("undo_appointment_status", json!({"id": 2, "by": 1})),
        (
            "reschedule_appointment",
            json!({"id": MOVED, "start": prepared.move_to, "by": 1}),
        ),
        ("walk_in_queue", json!({"siteId": 1, "date": today})),
        (
            "walk_in_arrive",
            json!({"input": {"siteId": 1, "name": "Awa", "reason": "caf",
            "createdBy": 1}}),
        ),
        ("set_walk_in_status", json!({"id": 1, "status": "seen"})),
        (
            "add_waiting",
            json!({"input": {"siteId": 1, "name": "Awa", "contact": "06 12 34 56 78",
            "reason": "caf", "notes": "Le matin"}}),
        ),
        (
            "resolve_waiting",
            json!({"id": 1, "resolution": "withdrawn"}),
        ),
        (
            "find_appointments",
            json!({"text": "06 12 34 56 78", "limit": 20}),
        ),
        ("reminders", json!({"siteId": 1, "date": "02/12/2026"})),
        ("set_reminded", json!({"id": 1, "reminded": true})),
        ("write_reminder_email", json!({"id": 1})),
        (
            "sms_qr",
            json!({"text": "SMSTO:0612345678:Bonjour, rappel de votre rendez-vous."}),
        ),
        ("sharing_test", json!({"request": network})),
        ("sharing_join", json!({"request": network})),
        ("settle_conflict", json!({"id": 1, "how": "keepAsExtra"})),
        ("sharing_password", json!({"password": "mot-de-passe-1"})),
        (
            "sharing_choose_absences",
            json!({"mediatorId": 1, "calendar": "Agenda de Samia"}),
        ),
        ("document_preview", json!({"request": poster})),
        ("save_document", json!({"request": poster})),
        ("print_document", json!({"request": poster})),
        ("list_terms", json!({"includeArchived": true})),
        (
            "add_term",
            json!({"vocabulary": "theme", "label": "Jeux vidéo"}),
        ),
        ("set_term_archived", json!({"id": 31, "archived": true})),
        ("delete_term", json!({"id": 31})),
        (
            "list_visits",
            json!({"filter": {"from": "2026-01-01", "to": "2026-12-31",
            "siteId": 1, "mediatorId": 1}, "limit": 50}),
        ),
        ("record_visit", json!({"input": visit})),
        ("update_visit", json!({"id": 1, "input": visit})),
        ("delete_visit", json!({"id": 1})),
        (
            "visit_draft_from_appointment",
            json!({"appointmentId": 1, "mediatorId": 1}),
        ),
        ("visit_draft_from_visit", json!({"id": 1})),
        ("visit_draft_blank", json!({"siteId": 1, "mediatorId": 1})),
        (
            "follow_beneficiary",
            json!({"input": {"firstName": "Awa", "lastName": "Diallo",
            "phone": "06 12 34 56 78", "email": "awa@exemple.fr", "notes": null,
            "profile": profile, "consent": true, "consentBy": 1}}),
        ),
        (
            "update_beneficiary",
            json!({"id": 1, "input": {"firstName": "Awa",
            "lastName": "Diallo", "phone": null, "email": null, "notes": "Suivie",
            "profile": profile, "consent": true, "consentBy": 1}}),
        ),
        ("search_beneficiaries", json!({"query": "Awa"})),
        ("beneficiary_history", json!({"id": 1})),
        ("activity_stats", json!({"query": query})),
        ("activity_charts", json!({"query": query})),
        (
            "stats_period",
            json!({"span": "quarter", "year": 2026, "number": 2}),
        ),
        (
            "save_visits_csv",
            json!({"query": query, "personal": false}),
        ),
        ("save_activity_report", json!({"query": query})),
        ("export_calendar", json!({"request": calendar})),
        ("export_open_data", json!({"format": "csv"})),
        (
            "export_activities",
            json!({"request": {"format": "xlsx", "from": "2026-11-01", "to": "2026-11-30",
                   "siteId": 1, "mediatorId": 1, "personal": false}}),
        ),
        (
            "set_gathering_settings",
            json!({"settings": {"folder": null, "writeOwn": true, "readOthers": false,
                   "deskName": "Accueil"}}),
        ),
        (
            "set_publish_settings",
            json!({"settings": {"folder": null, "publications": [
            {"content": {"kind": "openData", "format": "json"}, "fileName": "lieux.json"}]}}),
        ),
        (
            "set_retention",
            json!({"settings": {"beneficiaryMonths": 24, "appointmentMonths": 3}}),
        ),
        ("save_beneficiary_export", json!({"id": 1, "json": true})),
        ("erase_beneficiary", json!({"id": 1})),
        (
            "unlock",
            json!({"passphrase": "une phrase secrète assez longue"}),
        ),
        (
            "set_passphrase",
            json!({"passphrase": "une phrase secrète assez longue",
                   "confirmation": "une phrase secrète assez longue"}),
        ),
        (
            "change_passphrase",
            json!({"current": "une phrase secrète assez longue",
                   "passphrase": "une autre phrase secrète", "confirmation": "une autre phrase secrète"}),
        ),
        (
            "remove_passphrase",
            json!({"current": "une phrase secrète assez longue"}),
        ),
        ("set_backup_keep", json!({"keep": 5})),
        (
            "inspect_backup",
            json!({"name": "permanences-2026-11-27.sqlite3"}),
        ),
        (
            "restore_backup",
            json!({"name": "permanences-2026-11-27.sqlite3"}),
        ),
    ]
}
