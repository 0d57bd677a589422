-- A calendar chosen as a mediator's unavailability (issue 26): the desk picks, for a
-- mediator, one calendar of the network's account (their own agenda, filled from a phone).
-- Every event there is an absence: the places of the permanences that mediator staffs are
-- not free while it lasts, unless another mediator of the permanence is there.

-- The absences, kept by scheduling (`scheduling::absence`): one row per occurrence, as
-- `unavailabilities`. No summary is kept: the mediator's own agenda is their private life
-- (« médecin », « école »); the desk only needs to know they are away, and shows
-- « Absence de <nom> ». The daily purge still deletes the rows that ended long ago.
CREATE TABLE mediator_absences (
    id INTEGER PRIMARY KEY,
    mediator_id INTEGER NOT NULL REFERENCES mediators (id) ON DELETE CASCADE,
    -- Where it came from (the event's address on the server): one row per occurrence.
    source TEXT NOT NULL,
    -- Stored UTC instants, as appointments' (`2026-12-08T14:30:00Z`).
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    -- For a repeating event: the end of the window its rule was expanded over (stored UTC).
    expanded_until TEXT,
    CHECK (end_at > start_at),
    UNIQUE (source, start_at)
);
-- The agenda and the booking look up a mediator's absences over a span of time.
CREATE INDEX mediator_absences_by_mediator_start ON mediator_absences (mediator_id, start_at);
-- The daily purge finds those that ended before its cutoff.
CREATE INDEX mediator_absences_by_end ON mediator_absences (end_at);

-- Which calendar of the network's account is read as each mediator's absences (sharing's):
-- its address, its display name as the server gave it, and the token of its last read.
-- A calendar is one mediator's at most.
CREATE TABLE network_mediator_calendars (
    mediator_id INTEGER PRIMARY KEY REFERENCES mediators (id) ON DELETE CASCADE,
    calendar TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    sync_token TEXT
);

-- A conflict that ended by itself is shown once: `ended_seen` is set when the desk has read
-- its note.
ALTER TABLE network_conflicts ADD COLUMN ended_seen INTEGER NOT NULL DEFAULT 0
    CHECK (ended_seen IN (0, 1));
