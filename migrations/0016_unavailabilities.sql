-- Calendar clients as they are (issue 26): an event that Permanences did not write, found in
-- a site's shared calendar (a mediator's meeting added from a phone), makes the places it
-- overlaps unavailable. Kept by scheduling (`scheduling::unavailable`), which computes the
-- free places; the sharing area hands each such event over, and takes it back when it is
-- moved or deleted in the calendar.
CREATE TABLE unavailabilities (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    -- Where it came from (the event's address on the server): one row per event, replaced
    -- when the event changes, removed when it is deleted.
    source TEXT NOT NULL UNIQUE,
    -- Stored UTC instants, as appointments' (`2026-12-08T14:30:00Z`).
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    -- The event's SUMMARY, shown in the agenda (« Indisponible — Réunion d'équipe »).
    summary TEXT NOT NULL,
    CHECK (end_at > start_at)
);
-- The agenda and the booking look up a site's unavailabilities over a span of time.
CREATE INDEX unavailabilities_by_site_start ON unavailabilities (site_id, start_at);
