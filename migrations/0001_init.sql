-- Permanences: initial schema. Append-only: later changes go in 0002_*.sql and up.
-- Codes are stored, French labels live in the Rust vocabularies (src/vocab.rs).

-- A place where help desks are held.
CREATE TABLE sites (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    street             TEXT NOT NULL CHECK (length(trim(street)) > 0),
    address_complement TEXT,
    -- French postcodes are five digits; the open-data standard requires exactly that.
    postcode           TEXT NOT NULL CHECK (postcode GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    city               TEXT NOT NULL CHECK (length(trim(city)) > 0),
    insee_code         TEXT CHECK (insee_code IS NULL OR length(insee_code) = 5),
    -- A point is both coordinates or none (WGS 84).
    latitude           REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude          REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    phone              TEXT,
    email              TEXT,
    website            TEXT,
    wheelchair_access  TEXT NOT NULL DEFAULT 'unknown'
                       CHECK (wheelchair_access IN ('unknown', 'full', 'partial', 'none')),
    public_transport   TEXT,
    public_notes       TEXT,
    -- SIRET (14 digits) or RNA (W + 9 digits) of the operating structure: the open-data "pivot".
    pivot              TEXT CHECK (pivot IS NULL OR length(pivot) BETWEEN 9 AND 14),
    typology           TEXT,
    -- Alsace-Moselle adds Good Friday and 26 December to the public holidays.
    alsace_moselle     INTEGER NOT NULL DEFAULT 1 CHECK (alsace_moselle IN (0, 1)),
    archived_at        TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);

-- Services offered, in the open-data standard's vocabulary (codes in src/vocab.rs).
CREATE TABLE site_services (
    site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    service TEXT NOT NULL,
    PRIMARY KEY (site_id, service)
) WITHOUT ROWID;

-- Publics specifically welcomed, same standard.
CREATE TABLE site_publics (
    site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    public  TEXT NOT NULL,
    PRIMARY KEY (site_id, public)
) WITHOUT ROWID;

CREATE TABLE mediators (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    phone       TEXT,
    email       TEXT,
    archived_at TEXT,
    created_at  TEXT NOT NULL
);

-- A mediator works at one or more sites.
CREATE TABLE site_mediators (
    site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    mediator_id INTEGER NOT NULL REFERENCES mediators (id) ON DELETE CASCADE,
    PRIMARY KEY (site_id, mediator_id)
) WITHOUT ROWID;
-- "Which sites does this mediator work at" walks the key the other way.
CREATE INDEX site_mediators_by_mediator ON site_mediators (mediator_id);

-- A weekly recurring help-desk slot, in local Europe/Paris wall-clock time.
CREATE TABLE permanences (
    id           INTEGER PRIMARY KEY,
    site_id      INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    -- ISO weekday: 1 = Monday … 7 = Sunday.
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    -- 'HH:MM', zero-padded so that text order is time order.
    start_time   TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time     TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    kind         TEXT NOT NULL CHECK (kind IN ('drop_in', 'appointment', 'both')),
    slot_minutes INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    capacity     INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 50),
    valid_from   TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_until  TEXT CHECK (valid_until IS NULL OR valid_until >= valid_from),
    notes        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (end_time > start_time)
);
-- Slot generation and the overlap guard read a site's permanences by weekday.
CREATE INDEX permanences_by_site_day ON permanences (site_id, weekday, start_time);

-- Last line of defence behind the core's own check: two permanences of one site may not
-- overlap on the same weekday while both are valid.
CREATE TRIGGER permanences_no_overlap_insert BEFORE INSERT ON permanences
WHEN EXISTS (
    SELECT 1 FROM permanences p
    WHERE p.site_id = NEW.site_id AND p.weekday = NEW.weekday
      AND p.start_time < NEW.end_time AND NEW.start_time < p.end_time
      AND (p.valid_until IS NULL OR p.valid_until >= NEW.valid_from)
      AND (NEW.valid_until IS NULL OR NEW.valid_until >= p.valid_from)
)
BEGIN
    SELECT RAISE(ABORT, 'permanence overlaps another one of the same site');
END;

CREATE TRIGGER permanences_no_overlap_update BEFORE UPDATE ON permanences
WHEN EXISTS (
    SELECT 1 FROM permanences p
    WHERE p.id <> NEW.id AND p.site_id = NEW.site_id AND p.weekday = NEW.weekday
      AND p.start_time < NEW.end_time AND NEW.start_time < p.end_time
      AND (p.valid_until IS NULL OR p.valid_until >= NEW.valid_from)
      AND (NEW.valid_until IS NULL OR NEW.valid_until >= p.valid_from)
)
BEGIN
    SELECT RAISE(ABORT, 'permanence overlaps another one of the same site');
END;

CREATE TABLE permanence_mediators (
    permanence_id INTEGER NOT NULL REFERENCES permanences (id) ON DELETE CASCADE,
    mediator_id   INTEGER NOT NULL REFERENCES mediators (id) ON DELETE RESTRICT,
    PRIMARY KEY (permanence_id, mediator_id)
) WITHOUT ROWID;

-- A site closed on a date range (holidays, works), both days included.
CREATE TABLE closures (
    id         INTEGER PRIMARY KEY,
    site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    end_date   TEXT NOT NULL CHECK (end_date >= start_date),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at TEXT NOT NULL
);
-- Slot generation asks "is this site closed on this day".
CREATE INDEX closures_by_site_date ON closures (site_id, start_date);
