-- A resident may give an e-mail address instead of (or beside) a phone number: « À prévenir »
-- then offers a `mailto:` link that opens the desk's mail program with the reminder's text.
-- It is personal data like the name and the phone: erased with them by the retention purge
-- and the erasure of a person, so the purge's partial index (0011) now counts it too.
ALTER TABLE appointments ADD COLUMN resident_email TEXT;

DROP INDEX appointments_personal_by_start;
CREATE INDEX appointments_personal_by_start ON appointments (start_at)
    WHERE resident_name IS NOT NULL OR resident_phone IS NOT NULL OR resident_email IS NOT NULL
       OR notes IS NOT NULL;
