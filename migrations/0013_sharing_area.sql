-- Sharing as its own area: a booking waits a bounded time for the network's server, and what
-- other desks send is applied by the areas that own each table.

-- « À confirmer »: an appointment booked or moved while the network's server did not answer
-- in time. Kept here (nothing a person was told is lost); the next sync confirms its place, or
-- makes it a conflict to settle. Always 0 on a desk in no network.
ALTER TABLE appointments ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0
    CHECK (unconfirmed IN (0, 1));

-- A conflict on a received record that is not an appointment (a permanence that overlaps one
-- of this desk's): the server resource it came from, so that one stays open per resource.
ALTER TABLE network_conflicts ADD COLUMN href TEXT;
CREATE INDEX network_conflicts_open_by_href ON network_conflicts (href)
    WHERE settled_at IS NULL AND href IS NOT NULL;

-- Confirming a place changes nothing the other desks see: the queue ignores `unconfirmed`.
DROP TRIGGER network_queue_appointment_update;
CREATE TRIGGER network_queue_appointment_update AFTER UPDATE OF site_id, permanence_id,
    start_at, end_at, resident_name, resident_phone, reason, notes, status, extra, created_by,
    created_at, status_by, status_at, undo_status, phone_key, reminded_at ON appointments
    WHEN NEW.site_id IN (SELECT site_id FROM network_sites)
     AND EXISTS (SELECT 1 FROM network_account WHERE applying = 0)
BEGIN
    INSERT OR IGNORE INTO network_outbox (kind, local_id) VALUES ('appointment', NEW.id);
END;
