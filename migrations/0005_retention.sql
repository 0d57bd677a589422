-- Retention of personal data (GDPR): how long identities are kept, and the log of the purges.

-- How long the network keeps personal data (one row). Followed people's identities go N
-- months after their last visit (or after they were followed, when they never came);
-- the names, phones and remarks of appointments, walk-ins and the waiting list go M months
-- after the day they were about. The bounds keep a typo from erasing everything at once
-- (0 months) or from keeping data for ever.
CREATE TABLE retention (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    beneficiary_months INTEGER NOT NULL DEFAULT 24 CHECK (beneficiary_months BETWEEN 1 AND 60),
    appointment_months INTEGER NOT NULL DEFAULT 3 CHECK (appointment_months BETWEEN 1 AND 24)
);
INSERT INTO retention (id) VALUES (1);

-- A followed person whose identity was erased (by the purge or on their request) keeps an
-- identity-less row, so that statistics still count their visits as one person's: the row
-- holds only the anonymous profile (age bracket, status, gender). Such a row has
-- erased_at set, no first name and an empty last name (the CHECK of 0003 requires one of
-- the two columns to be non-NULL, and a table rebuild would cascade to the visits).
ALTER TABLE beneficiaries ADD COLUMN erased_at TEXT;
CREATE INDEX beneficiaries_erased ON beneficiaries (erased_at);

-- What each purge or erasure did: when, why, and how many records — never whose.
CREATE TABLE purges (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    cause         TEXT NOT NULL CHECK (cause IN ('daily', 'manual', 'request')),
    beneficiaries INTEGER NOT NULL DEFAULT 0 CHECK (beneficiaries >= 0),
    appointments  INTEGER NOT NULL DEFAULT 0 CHECK (appointments >= 0),
    walk_ins      INTEGER NOT NULL DEFAULT 0 CHECK (walk_ins >= 0),
    waiting       INTEGER NOT NULL DEFAULT 0 CHECK (waiting >= 0)
);
