-- A sync with nothing new asks one small calendar, not every site's (issue 15). The servers
-- the field runs answer a sync-collection in a time that grows with the calendar (Radicale
-- reads the state of every event: about 0.1 ms each, seconds for a year of a network), so
-- after writing to a site's calendar each desk rewrites its own small "mark" for that
-- calendar in `permanences-changes/`, and the others read only the calendars whose marks
-- changed. A calendar client writes no mark: every calendar is read again by a full check
-- every ten minutes and at « Synchroniser maintenant » (at every sync when it is quick).

-- The token of the changes calendar's last read, when every calendar was last read, and how
-- long that took (a full check that fast is made at every sync).
ALTER TABLE network_account ADD COLUMN changes_token TEXT;
ALTER TABLE network_account ADD COLUMN checked_at TEXT;
ALTER TABLE network_account ADD COLUMN checked_ms INTEGER;

-- This desk's mark of each calendar it wrote to: pending until rewritten on the server
-- (then the others read that calendar), and its sequence, so that each version differs.
CREATE TABLE network_marks (
    calendar TEXT PRIMARY KEY,
    pending  INTEGER NOT NULL DEFAULT 1 CHECK (pending IN (0, 1)),
    sequence INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
