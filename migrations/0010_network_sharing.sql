-- Several desks, one agenda (issue 15): the CalDAV server this desk joined, the identity of
-- each shared record across desks, what the server holds as last seen, the places claimed,
-- the local changes waiting to be sent, and the conflicts to settle (src/exchange/caldav/).

-- The network this desk joined: at most one. The password is kept here, so it is encrypted
-- at rest with the rest of the file when a passphrase is set.
CREATE TABLE network_account (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    -- The address as typed, and the calendar home found from it.
    address       TEXT NOT NULL,
    home          TEXT NOT NULL,
    username      TEXT NOT NULL,
    password      TEXT NOT NULL,
    -- « Réseau local non chiffré » chosen: plain http:// to another machine is allowed.
    plain_http    INTEGER NOT NULL DEFAULT 0 CHECK (plain_http IN (0, 1)),
    -- « Partager le nom et le téléphone avec les autres postes ».
    share_names   INTEGER NOT NULL DEFAULT 0 CHECK (share_names IN (0, 1)),
    joined_at     TEXT NOT NULL,
    -- The last sync that reached the server, the first failed one since, and why it failed.
    synced_at     TEXT,
    offline_since TEXT,
    last_error    TEXT,
    -- Set only inside a sync's transaction while it applies what came from the server, so
    -- that the triggers below do not send it back.
    applying      INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
);

-- The identity of a shared record across the network's desks ('site', 'permanence',
-- 'closure', 'appointment'): made here for this desk's own records, taken from the server
-- for the others'.
CREATE TABLE network_uids (
    kind     TEXT NOT NULL CHECK (kind IN ('site', 'permanence', 'closure', 'appointment')),
    local_id INTEGER NOT NULL,
    uid      TEXT NOT NULL,
    PRIMARY KEY (kind, local_id),
    UNIQUE (kind, uid)
) WITHOUT ROWID;

-- The sites in the network's agenda, each with its calendar on the server and the token of
-- its last incremental sync (RFC 6578).
CREATE TABLE network_sites (
    site_id    INTEGER PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
    calendar   TEXT NOT NULL UNIQUE,
    sync_token TEXT
);

-- Each resource of the shared calendars as last seen on the server.
CREATE TABLE network_resources (
    href     TEXT PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('permanence', 'closure', 'appointment')),
    local_id INTEGER NOT NULL,
    etag     TEXT,
    UNIQUE (kind, local_id)
);

-- The place an appointment holds on the server: a resource named after the permanence, the
-- slot's start and the place number, created only if absent (If-None-Match: *), so that two
-- desks never both get the last place.
CREATE TABLE network_claims (
    appointment_id INTEGER PRIMARY KEY REFERENCES appointments (id) ON DELETE CASCADE,
    href           TEXT NOT NULL UNIQUE,
    etag           TEXT
);

-- Local changes not yet on the server, oldest first.
CREATE TABLE network_outbox (
    seq      INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('site', 'permanence', 'closure', 'appointment')),
    local_id INTEGER NOT NULL,
    UNIQUE (kind, local_id)
);

-- What a sync could not apply or send as is: the desk settles it (move it, keep it as an
-- extra place, or accept the server's version).
CREATE TABLE network_conflicts (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER REFERENCES appointments (id) ON DELETE CASCADE,
    message        TEXT NOT NULL,
    at             TEXT NOT NULL,
    settled_at     TEXT
);
CREATE INDEX network_conflicts_open ON network_conflicts (appointment_id) WHERE settled_at IS NULL;

-- Local changes of the shared sites are queued, whichever code makes them (the app, the
-- command line, a restore), unless a sync is applying the server's version.
CREATE TRIGGER network_queue_appointment_insert AFTER INSERT ON appointments
    WHEN NEW.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('appointment', NEW.id);
END;
CREATE TRIGGER network_queue_appointment_update AFTER UPDATE ON appointments
    WHEN NEW.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('appointment', NEW.id);
END;
CREATE TRIGGER network_queue_permanence_insert AFTER INSERT ON permanences
    WHEN NEW.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('permanence', NEW.id);
END;
CREATE TRIGGER network_queue_permanence_update AFTER UPDATE ON permanences
    WHEN NEW.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('permanence', NEW.id);
END;
CREATE TRIGGER network_queue_permanence_delete AFTER DELETE ON permanences
    WHEN OLD.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('permanence', OLD.id);
END;
CREATE TRIGGER network_queue_closure_insert AFTER INSERT ON closures
    WHEN NEW.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('closure', NEW.id);
END;
CREATE TRIGGER network_queue_closure_update AFTER UPDATE ON closures
    WHEN NEW.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('closure', NEW.id);
END;
CREATE TRIGGER network_queue_closure_delete AFTER DELETE ON closures
    WHEN OLD.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('closure', OLD.id);
END;
-- A site's details travel with its permanences: each is sent again.
CREATE TRIGGER network_queue_site_update AFTER UPDATE ON sites
    WHEN NEW.id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('site', NEW.id);
END;
