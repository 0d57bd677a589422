-- Find an appointment and remind residents (issue 14): search keys written at booking time,
-- and the « Prévenu(e) » tick of the reminder list (src/scheduling/search.rs, reminder.rs).
-- The keys of the rows already there are written by the migration's hook
-- (src/store/backfill.rs): folding accents needs code that SQL does not have.

-- The phone's digits, written the national way (validate::phone_key): "0612345678".
ALTER TABLE appointments ADD COLUMN phone_key TEXT;
-- When the desk ticked « Prévenu(e) » (UTC); NULL until then, and again once unticked.
ALTER TABLE appointments ADD COLUMN reminded_at TEXT
    CHECK (reminded_at IS NULL OR reminded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z');

-- A name as searched, from each of its words on: lower case, no accents, letters and digits
-- only (fr::search_key), so "Mme Schmitt" is found by "mme schm" and by "Schmitt".
CREATE TABLE appointment_names (
    key            TEXT NOT NULL CHECK (length(key) > 0),
    appointment_id INTEGER NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    PRIMARY KEY (key, appointment_id)
) WITHOUT ROWID;
-- Deleting an appointment finds its keys (the foreign key's cascade).
CREATE INDEX appointment_names_by_appointment ON appointment_names (appointment_id);

-- A search reads the keys by prefix (key >= text AND key < next text): a range of an index,
-- a few rows out of a million. Partial: most appointments leave no phone.
CREATE INDEX appointments_by_phone_key ON appointments (phone_key) WHERE phone_key IS NOT NULL;

-- An erased name or phone (retention, a person's right to erasure) takes its search keys
-- with it, whichever code erases it: a folded name is still the name.
CREATE TRIGGER appointments_erased_name AFTER UPDATE OF resident_name ON appointments
    WHEN NEW.resident_name IS NULL
BEGIN
    DELETE FROM appointment_names WHERE appointment_id = NEW.id;
END;
CREATE TRIGGER appointments_erased_phone AFTER UPDATE OF resident_phone ON appointments
    WHEN NEW.resident_phone IS NULL AND NEW.phone_key IS NOT NULL
BEGIN
    UPDATE appointments SET phone_key = NULL WHERE id = NEW.id;
END;
