-- Activities exchanged between desks (issue 16): every visit gets a stable identifier (the
-- national report's « ID CRA ») and a last-modified time; this database gets its own desk
-- identity; a coordinator's database keeps the activities gathered from the desks' files
-- apart from its own, so that a desk's newer file can replace what it said before.

-- A random UUID (version 4, RFC 9562) in SQL, so that every way a visit is written (the
-- app, the command line, the sample generators) gets one without a Rust dependency.
ALTER TABLE visits ADD COLUMN uid TEXT;
-- NULL until the visit is corrected (the Coop leaves « Dernière modification le » empty then).
ALTER TABLE visits ADD COLUMN updated_at TEXT;
UPDATE visits SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX visits_by_uid ON visits (uid);
CREATE TRIGGER visits_get_a_uid AFTER INSERT ON visits WHEN NEW.uid IS NULL
BEGIN
    UPDATE visits SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
        || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = NEW.id;
END;

-- This database as a desk of a network: its identifier in the files it writes, and the name
-- the coordinator sees (NULL: « Poste » and the start of the identifier).
CREATE TABLE desk (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    uid  TEXT NOT NULL,
    name TEXT CHECK (name IS NULL OR length(trim(name)) BETWEEN 1 AND 80)
);
INSERT INTO desk (id, uid) VALUES (1, lower(hex(randomblob(4))) || '-'
    || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))));

-- A counter that every change to the visits moves forward: the desk's activity file in the
-- gathering folder is rewritten only when it changed.
CREATE TABLE activity_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO activity_version (id, version) VALUES (1, 0);
CREATE TRIGGER visits_insert_bumps_activity AFTER INSERT ON visits
BEGIN UPDATE activity_version SET version = version + 1; END;
CREATE TRIGGER visits_update_bumps_activity AFTER UPDATE ON visits
BEGIN UPDATE activity_version SET version = version + 1; END;
CREATE TRIGGER visits_delete_bumps_activity AFTER DELETE ON visits
BEGIN UPDATE activity_version SET version = version + 1; END;
CREATE TRIGGER desk_update_bumps_activity AFTER UPDATE ON desk
BEGIN UPDATE activity_version SET version = version + 1; END;

-- The gathering folder (shared by Nextcloud, a USB stick…): a desk writes its activity file
-- there, a coordinator imports every desk's file from there. One row, or none.
CREATE TABLE gathering (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    folder          TEXT NOT NULL CHECK (length(trim(folder)) > 0),
    write_own       INTEGER NOT NULL DEFAULT 1 CHECK (write_own IN (0, 1)),
    read_others     INTEGER NOT NULL DEFAULT 0 CHECK (read_others IN (0, 1)),
    -- The activity_version the own file was last written for (-1: never or settings changed).
    written_version INTEGER NOT NULL DEFAULT -1,
    written_at      TEXT,
    scanned_at      TEXT,
    last_error      TEXT
);

-- The files of the gathering folder already imported, to import only new or changed ones.
CREATE TABLE gathered_files (
    name        TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    modified    TEXT NOT NULL,
    imported_at TEXT NOT NULL
) WITHOUT ROWID;

-- Another desk of the network, known from its files.
CREATE TABLE desks (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 1 AND 80),
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    -- When the newest file read from that desk was written there: an older file read later
    -- (a stale copy) updates nothing.
    exported_at TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

-- A site as a desk's file names it, and the same place among this database's sites when
-- there is one (same open-data id, or same name and postcode).
CREATE TABLE gathered_sites (
    id         INTEGER PRIMARY KEY,
    desk_id    INTEGER NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
    ref        TEXT NOT NULL,
    name       TEXT NOT NULL,
    address    TEXT,
    postcode   TEXT,
    city       TEXT,
    insee_code TEXT,
    site_id    INTEGER REFERENCES sites (id) ON DELETE SET NULL,
    UNIQUE (desk_id, ref)
);

-- A person followed at a desk, known only by that desk's number and profile: counted once
-- however often they came, never named.
CREATE TABLE gathered_people (
    id            INTEGER PRIMARY KEY,
    desk_id       INTEGER NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
    ref           TEXT NOT NULL,
    age_bracket   TEXT NOT NULL,
    social_status TEXT NOT NULL,
    gender        TEXT NOT NULL,
    UNIQUE (desk_id, ref)
);

-- An activity recorded at another desk: the columns of `visits` that statistics and
-- exports read, without notes nor names.
CREATE TABLE gathered_visits (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    -- No foreign keys here: the import writes these from rows it has just written, and four
    -- parent lookups per activity cost a network's gathering seconds. A deleted site of this
    -- database leaves its number here, which matches no site any more.
    desk_id          INTEGER NOT NULL,
    gathered_site_id INTEGER,
    site_id          INTEGER,
    mediator         TEXT,
    person_id        INTEGER,
    kind             TEXT NOT NULL CHECK (kind IN ('individuel', 'collectif')),
    start_at         TEXT NOT NULL,
    day              TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    place_type       TEXT NOT NULL,
    place_commune    TEXT,
    place_postcode   TEXT,
    age_bracket      TEXT NOT NULL,
    social_status    TEXT NOT NULL,
    gender           TEXT NOT NULL,
    home_postcode    TEXT,
    home_commune     TEXT,
    materials        TEXT NOT NULL DEFAULT '',
    procedure_details TEXT,
    autonomy         TEXT,
    redirected_to    TEXT,
    follow_up        INTEGER NOT NULL DEFAULT 0,
    first_visit      INTEGER NOT NULL DEFAULT 0,
    workshop_title   TEXT,
    workshop_level   TEXT,
    participants     INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT,
    -- Its themes and procedures: this database's term ids, joined by ','. Kept in the row
    -- (not a table of their own): a million theme rows a year cost a network's gathering
    -- more than all the rest, and only the per-day sums and the CSV read them.
    terms            TEXT NOT NULL DEFAULT '',
    -- A digest of what the file said: a row read again unchanged is not rewritten.
    digest           TEXT NOT NULL
);
-- The period's followed people, read in the same order as this desk's visits_by_day gives
-- its own (the profile of a person's first visit in that order describes them).
CREATE INDEX gathered_followed_by_day ON gathered_visits (day, kind, place_type,
    duration_minutes, participants, first_visit, person_id, age_bracket, social_status, gender,
    site_id, desk_id) WHERE person_id IS NOT NULL;
-- A desk's activities of a period (a file replaces them). No other index: every one costs
-- each gathered activity a write, and the statistics read gathered_days.
CREATE INDEX gathered_visits_by_desk_day ON gathered_visits (desk_id, day);

-- Each desk's activities summed per site and day, rewritten for a file's period when it is
-- read: the network's statistics read a year of a large network as a few tens of thousands
-- of rows instead of every activity and its themes. Kept in day order (WITHOUT ROWID, the
-- day first) so that a period is one range of the table. `site_key` is the site, 0 for none
-- (a key cannot be NULL). `counts` holds numbers in a fixed order, `terms` (term id, n)
-- pairs, both little-endian (see records::stats::days).
CREATE TABLE gathered_days (
    day          TEXT NOT NULL,
    desk_id      INTEGER NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
    site_key     INTEGER NOT NULL,
    site_id      INTEGER REFERENCES sites (id) ON DELETE SET NULL,
    visits       INTEGER NOT NULL,
    minutes      INTEGER NOT NULL,
    individual   INTEGER NOT NULL,
    workshops    INTEGER NOT NULL,
    participants INTEGER NOT NULL,
    anonymous    INTEGER NOT NULL,
    counts       BLOB NOT NULL,
    terms        BLOB NOT NULL,
    PRIMARY KEY (day, desk_id, site_key)
) WITHOUT ROWID;
CREATE INDEX gathered_days_by_site_day ON gathered_days (site_id, day);
CREATE INDEX gathered_days_by_desk_day ON gathered_days (desk_id, day);

-- A workshop's followed participants, with the workshop's day, site and desk repeated so that
-- a period's are read without visiting the workshops.
CREATE TABLE gathered_participants (
    visit_id  INTEGER NOT NULL REFERENCES gathered_visits (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES gathered_people (id) ON DELETE CASCADE,
    day       TEXT NOT NULL,
    site_id   INTEGER,
    desk_id   INTEGER NOT NULL,
    PRIMARY KEY (visit_id, person_id)
) WITHOUT ROWID;
CREATE INDEX gathered_participants_by_day ON gathered_participants (day, site_id, desk_id,
    person_id);

-- A desk's appointments of a day, counted by status (no names, no times): the network's
-- statistics add them to this desk's own.
CREATE TABLE gathered_appointments (
    desk_id          INTEGER NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
    gathered_site_id INTEGER NOT NULL REFERENCES gathered_sites (id) ON DELETE CASCADE,
    site_id          INTEGER REFERENCES sites (id) ON DELETE SET NULL,
    day              TEXT NOT NULL,
    status           TEXT NOT NULL,
    count            INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (desk_id, gathered_site_id, day, status)
) WITHOUT ROWID;
-- Covering: a period's counts are read from the index alone.
CREATE INDEX gathered_appointments_by_day ON gathered_appointments (day, site_id, desk_id,
    status, count);
