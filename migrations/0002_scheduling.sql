-- Scheduling: appointments, their history, walk-ins and the waiting list.
-- Instants are UTC text 'YYYY-MM-DDTHH:MM:SSZ' (fixed width, so text order is time order);
-- the local Europe/Paris rules stay in `permanences`.

CREATE TABLE appointments (
    id             INTEGER PRIMARY KEY,
    site_id        INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    -- The permanence the slot came from; NULL for an "extra" forced out of hours. A permanence
    -- with appointments cannot be deleted (end it with valid_until instead).
    permanence_id  INTEGER REFERENCES permanences (id) ON DELETE RESTRICT,
    start_at       TEXT NOT NULL
                   CHECK (start_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    end_at         TEXT NOT NULL CHECK (end_at > start_at),
    -- Anonymous by default: an optional first name or initials, and a phone to reach them.
    resident_name  TEXT CHECK (resident_name IS NULL OR length(resident_name) <= 80),
    resident_phone TEXT,
    reason         TEXT,
    notes          TEXT,
    status         TEXT NOT NULL DEFAULT 'booked'
                   CHECK (status IN ('booked', 'honoured', 'no_show', 'excused', 'revoked')),
    extra          INTEGER NOT NULL DEFAULT 0 CHECK (extra IN (0, 1)),
    created_by     INTEGER REFERENCES mediators (id),
    created_at     TEXT NOT NULL,
    status_by      INTEGER REFERENCES mediators (id),
    status_at      TEXT,
    -- The status an "undo" returns to: set by a status change, cleared by the undo. Kept here
    -- (the history is in appointment_events) so that the agenda reads it without a lookup.
    undo_status    TEXT CHECK (undo_status IS NULL OR undo_status IN ('booked', 'honoured', 'no_show', 'excused', 'revoked'))
);
-- The agenda of a site and the capacity check read a site's appointments by time.
CREATE INDEX appointments_by_site_start ON appointments (site_id, start_at);
-- The network-wide agenda reads every site's appointments by time.
CREATE INDEX appointments_by_start ON appointments (start_at);

-- Every booking, status change and move of an appointment, oldest first: reschedule keeps
-- the history, and "undo" reads the last status change.
CREATE TABLE appointment_events (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    by_mediator    INTEGER REFERENCES mediators (id),
    kind           TEXT NOT NULL CHECK (kind IN ('booked', 'status', 'undo', 'rescheduled')),
    old_status     TEXT,
    new_status     TEXT,
    old_start      TEXT,
    new_start      TEXT
);
CREATE INDEX appointment_events_by_appointment ON appointment_events (appointment_id, id);

-- A person arriving without appointment during a drop-in permanence.
CREATE TABLE walk_ins (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    arrived_at  TEXT NOT NULL,
    name        TEXT CHECK (name IS NULL OR length(name) <= 80),
    reason      TEXT,
    status      TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'seen', 'left')),
    status_at   TEXT,
    created_by  INTEGER REFERENCES mediators (id)
);
-- The day's queue of a site, in arrival order.
CREATE INDEX walk_ins_by_site_arrival ON walk_ins (site_id, arrived_at);

-- Residents who want an earlier slot than the one available.
CREATE TABLE waiting_list (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    contact     TEXT NOT NULL CHECK (length(trim(contact)) > 0),
    reason      TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT CHECK (resolution IS NULL OR resolution IN ('booked', 'withdrawn'))
);
-- Who to call when a place frees up: the open entries of a site, oldest first.
CREATE INDEX waiting_list_open ON waiting_list (site_id, created_at) WHERE resolved_at IS NULL;
