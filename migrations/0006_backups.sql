-- Automatic backups (issue 7): how many of the newest backups the app keeps in the
-- `sauvegardes/` folder beside the database. One row, like publish_folder.
-- (0005 is the retention migration, built in parallel.)
CREATE TABLE backup_settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    -- At least one backup is always kept; a hundred daily copies is already generous.
    keep INTEGER NOT NULL DEFAULT 10 CHECK (keep BETWEEN 1 AND 100)
);
INSERT INTO backup_settings (id, keep) VALUES (1, 10);
