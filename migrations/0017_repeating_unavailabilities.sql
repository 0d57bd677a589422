-- Calendar clients as they are (issue 26, continued): an event a calendar client repeats
-- (RRULE, with EXDATE and RECURRENCE-ID overrides) blocks each of its occurrences over the
-- window the desk keeps. One row per occurrence: an event is no longer unique by its source
-- alone, but by its source and the occurrence's start. The table is made anew (SQLite cannot
-- drop a UNIQUE constraint); its rows are kept as they were.
DROP INDEX unavailabilities_by_site_start;
ALTER TABLE unavailabilities RENAME TO unavailabilities_0016;
CREATE TABLE unavailabilities (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    -- Where it came from (the event's address on the server): one row per occurrence.
    source TEXT NOT NULL,
    -- Stored UTC instants, as appointments' (`2026-12-08T14:30:00Z`).
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    -- The event's (or the moved occurrence's) SUMMARY, shown in the agenda (« Indisponible —
    -- Réunion d'équipe »): personal data at times (« RDV médecin »), so the daily purge
    -- deletes the row once it ended longer ago than the appointments' retention period.
    summary TEXT NOT NULL,
    -- For a repeating event: the end of the window its rule was expanded over (stored UTC).
    -- The sync reads the event again once the window has moved past it. NULL: one event.
    expanded_until TEXT,
    CHECK (end_at > start_at),
    UNIQUE (source, start_at)
);
INSERT INTO unavailabilities (id, site_id, source, start_at, end_at, summary)
    SELECT id, site_id, source, start_at, end_at, summary FROM unavailabilities_0016;
DROP TABLE unavailabilities_0016;
-- The agenda and the booking look up a site's unavailabilities over a span of time.
CREATE INDEX unavailabilities_by_site_start ON unavailabilities (site_id, start_at);
-- The daily purge finds those that ended before its cutoff.
CREATE INDEX unavailabilities_by_end ON unavailabilities (end_at);

-- A conflict raised by an event of the site's calendar (the appointment overlaps it) closes
-- itself when that event goes away (deleted, moved off, marked free): `unavailable` says
-- which conflicts are of that kind, `ended` how one ended without the desk (French).
ALTER TABLE network_conflicts ADD COLUMN unavailable INTEGER NOT NULL DEFAULT 0
    CHECK (unavailable IN (0, 1));
ALTER TABLE network_conflicts ADD COLUMN ended TEXT;
UPDATE network_conflicts SET unavailable = 1
    WHERE appointment_id IS NOT NULL AND message LIKE '%a été noté dans l''agenda du lieu%';

-- The tombstones this desk wrote on the server (a deleted permanence or closure), and when:
-- once older than the appointments' retention period, the desk deletes them from the server
-- (the other desks read them long ago). Tombstones written before this migration are not
-- known here and stay.
CREATE TABLE network_tombstones (
    href TEXT PRIMARY KEY,
    written_at TEXT NOT NULL
);
