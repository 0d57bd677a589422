-- Deletions travel (issue 26): a record removed from the server by a calendar client (not by
-- a desk, which leaves a tombstone) is a conflict the desk settles, never a silent loss; and
-- each desk cleans up the places calendars of the sites it shares as its own.

-- The record a calendar client removed from the server ('permanence' or 'closure', and its
-- local id), so that settling the conflict can send it back or delete it here too.
ALTER TABLE network_conflicts ADD COLUMN removed_kind TEXT
    CHECK (removed_kind IN ('permanence', 'closure'));
ALTER TABLE network_conflicts ADD COLUMN removed_id INTEGER;

-- Whether this desk shares the site as its own (it made the site's calendar when it joined):
-- that desk deletes the site's places calendars once they are older than its retention
-- period. Sites already shared: those this desk had before it joined (a site received from
-- another desk is made here after the join).
ALTER TABLE network_sites ADD COLUMN own INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1));
UPDATE network_sites SET own = 1 WHERE site_id IN (
    SELECT s.id FROM sites s, network_account a WHERE s.created_at < a.joined_at);
