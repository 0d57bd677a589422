-- Open data without loss (issue 16): what an imported file said about a site, so that the
-- export gives back what the app does not change (src/exchange/opendata/source.rs).

-- One row per site imported from an open-data file, rewritten by each import that changes it.
CREATE TABLE site_source (
    site_id     INTEGER PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
    -- The file's non-empty values as they came, by field name of the standard v1.0.2 (older
    -- names already renamed): a JSON object of texts.
    file        TEXT NOT NULL CHECK (json_valid(file) AND json_type(file) = 'object'),
    -- What the app itself would export for the site right after that import, same form: a
    -- field whose value differs today was changed in the app, and the export gives the app's.
    app         TEXT NOT NULL CHECK (json_valid(app) AND json_type(app) = 'object'),
    -- The site's permanences right after that import (a JSON array of
    -- [weekday, start, end, kind, valid_from, valid_until]): a re-import replaces the
    -- permanences made from the file's hours only while they are still exactly these.
    permanences TEXT NOT NULL CHECK (json_valid(permanences) AND json_type(permanences) = 'array'),
    -- When the import that wrote this row ran (UTC).
    imported_at TEXT NOT NULL
);

-- The exported files show these values: every change moves data_version (see 0004).
CREATE TRIGGER site_source_insert_bumps_version AFTER INSERT ON site_source
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_source_update_bumps_version AFTER UPDATE ON site_source
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER site_source_delete_bumps_version AFTER DELETE ON site_source
BEGIN UPDATE data_version SET version = version + 1; END;
