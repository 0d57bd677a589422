-- Open-data exchange and automatic publishing.

-- The `id` a site had in an imported open-data file: importing the same file again updates the
-- site instead of adding it twice, and the export gives that id back. Unique when present.
ALTER TABLE sites ADD COLUMN external_id TEXT
    CHECK (external_id IS NULL OR length(trim(external_id)) BETWEEN 1 AND 200);
CREATE UNIQUE INDEX sites_by_external_id ON sites (external_id) WHERE external_id IS NOT NULL;

-- The folder where calendars and open-data files are kept up to date (one row, or none when
-- publishing is off).
CREATE TABLE publish_folder (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    folder            TEXT NOT NULL CHECK (length(trim(folder)) > 0),
    -- The data_version the files were last written for (-1: never, or settings changed),
    -- when, and why the last attempt failed (NULL when it worked).
    published_version INTEGER NOT NULL DEFAULT -1,
    published_at      TEXT,
    last_error        TEXT
);

-- One file kept up to date in that folder.
CREATE TABLE publications (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('calendar', 'opendata_csv', 'opendata_json')),
    site_id           INTEGER REFERENCES sites (id) ON DELETE CASCADE,
    mediator_id       INTEGER REFERENCES mediators (id) ON DELETE CASCADE,
    with_appointments INTEGER NOT NULL DEFAULT 0 CHECK (with_appointments IN (0, 1)),
    with_names        INTEGER NOT NULL DEFAULT 0 CHECK (with_names IN (0, 1)),
    -- A plain file name inside the folder: never a path (no separator, not hidden).
    file_name         TEXT NOT NULL UNIQUE
                      CHECK (length(file_name) BETWEEN 1 AND 120 AND file_name NOT GLOB '*[/\\]*'
                             AND file_name NOT GLOB '.*'),
    CHECK (site_id IS NULL OR mediator_id IS NULL),
    -- Scope and appointments only make sense for a calendar.
    CHECK (kind = 'calendar' OR (site_id IS NULL AND mediator_id IS NULL AND with_appointments = 0)),
    CHECK (with_names = 0 OR with_appointments = 1)
);

-- A counter that every change to what the published files show moves forward (triggers
-- below): publishing compares it with publish_folder.published_version, so that changes made
-- by the app, the command line or a cron script are all published, and nothing is rewritten
-- when nothing changed.
CREATE TABLE data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);

CREATE TRIGGER sites_insert_bumps_version AFTER INSERT ON sites
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER sites_update_bumps_version AFTER UPDATE ON sites
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER sites_delete_bumps_version AFTER DELETE ON sites
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_services_insert_bumps_version AFTER INSERT ON site_services
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_services_update_bumps_version AFTER UPDATE ON site_services
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_services_delete_bumps_version AFTER DELETE ON site_services
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_publics_insert_bumps_version AFTER INSERT ON site_publics
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_publics_update_bumps_version AFTER UPDATE ON site_publics
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_publics_delete_bumps_version AFTER DELETE ON site_publics
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER mediators_insert_bumps_version AFTER INSERT ON mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER mediators_update_bumps_version AFTER UPDATE ON mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER mediators_delete_bumps_version AFTER DELETE ON mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_mediators_insert_bumps_version AFTER INSERT ON site_mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_mediators_update_bumps_version AFTER UPDATE ON site_mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_mediators_delete_bumps_version AFTER DELETE ON site_mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER permanences_insert_bumps_version AFTER INSERT ON permanences
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER permanences_update_bumps_version AFTER UPDATE ON permanences
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER permanences_delete_bumps_version AFTER DELETE ON permanences
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER permanence_mediators_insert_bumps_version AFTER INSERT ON permanence_mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER permanence_mediators_update_bumps_version AFTER UPDATE ON permanence_mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER permanence_mediators_delete_bumps_version AFTER DELETE ON permanence_mediators
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER closures_insert_bumps_version AFTER INSERT ON closures
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER closures_update_bumps_version AFTER UPDATE ON closures
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER closures_delete_bumps_version AFTER DELETE ON closures
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER appointments_insert_bumps_version AFTER INSERT ON appointments
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER appointments_update_bumps_version AFTER UPDATE ON appointments
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER appointments_delete_bumps_version AFTER DELETE ON appointments
BEGIN UPDATE data_version SET version = version + 1; END;
