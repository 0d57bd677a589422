//! The hot queries of the agenda, the capacity check and the slot search are index searches.

use crate::common::*;

fn plan(conn: &rusqlite::Connection, sql: &str) -> String {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows.join(" | ")
}

#[test]
fn scheduling_queries_search_indexes() {
    let conn = conn();
    let cases = [
        (
            "SELECT site_id, start_at, end_at FROM appointments WHERE site_id = 1 AND start_at >= 'a' AND start_at < 'b' AND status IN ('booked', 'honoured', 'no_show')",
            "INDEX appointments_by_site_start (site_id=? AND start_at>? AND start_at<?)",
        ),
        (
            "SELECT site_id, start_at, end_at FROM appointments WHERE NULL IS NULL AND start_at >= 'a' AND start_at < 'b' AND status IN ('booked', 'honoured', 'no_show')",
            "INDEX appointments_by_start (start_at>? AND start_at<?)",
        ),
        (
            "SELECT count(*) FROM appointments WHERE site_id = 1 AND start_at < 'b' AND start_at > 'a0' AND end_at > 'a' AND id IS NOT NULL AND status IN ('booked', 'honoured', 'no_show')",
            "INDEX appointments_by_site_start (site_id=? AND start_at>? AND start_at<?)",
        ),
        (
            "SELECT resident_phone FROM appointments WHERE start_at < 'b' AND start_at > 'a0' AND end_at > 'a' AND id IS NOT NULL AND resident_phone IS NOT NULL AND status IN ('booked', 'honoured', 'no_show')",
            // The reminders: only appointments that still hold a phone number are indexed there.
            "INDEX appointments_personal_by_start (start_at>? AND start_at<?)",
        ),
        (
            "SELECT kind FROM appointment_events e WHERE e.appointment_id = 1 AND e.kind IN ('status', 'undo') ORDER BY e.id DESC LIMIT 1",
            "INDEX appointment_events_by_appointment (appointment_id=?)",
        ),
        (
            "SELECT id FROM waiting_list WHERE resolved_at IS NULL AND site_id = 1 ORDER BY created_at, id",
            "INDEX waiting_list_open (site_id=?)",
        ),
        (
            "SELECT id FROM walk_ins WHERE site_id = 1 AND arrived_at >= 'a' AND arrived_at < 'b' ORDER BY arrived_at, id",
            "INDEX walk_ins_by_site_arrival (site_id=? AND arrived_at>? AND arrived_at<?)",
        ),
        (
            "SELECT DISTINCT appointment_id FROM appointment_names WHERE key >= 'hel' AND key < 'helz' LIMIT 1001",
            "PRIMARY KEY (key>? AND key<?)",
        ),
        (
            "SELECT id FROM appointments WHERE phone_key >= '0612' AND phone_key < '0613' LIMIT 1001",
            "INDEX appointments_by_phone_key (phone_key>? AND phone_key<?)",
        ),
        (
            "SELECT p.id FROM permanences p JOIN sites s ON s.id = p.site_id WHERE s.archived_at IS NULL AND p.site_id = 1",
            "INDEX permanences_by_site_day (site_id=?)",
        ),
    ];
    for (sql, expected) in cases {
        let p = plan(&conn, sql);
        assert!(
            p.contains(expected),
            "query:\n{sql}\nplan: {p}\nexpected: {expected}"
        );
    }
}
