-- Recording the assistance given: visits (the national activity report's "activités"),
-- beneficiaries (anonymous by default, followed with consent) and the report's vocabularies.
-- Codes are those of the national report (La Coop de la médiation numérique), so that a
-- network's exports map one to one.

-- Themes and administrative procedures are data: a network adds its own without code.
-- National terms are seeded here and cannot be deleted (trigger below); a network's own ones
-- can be archived (hidden from pickers, kept in past visits and statistics).
CREATE TABLE terms (
    id         INTEGER PRIMARY KEY,
    vocabulary TEXT NOT NULL CHECK (vocabulary IN ('theme', 'procedure')),
    code       TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 80),
    label      TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
    national   INTEGER NOT NULL DEFAULT 0 CHECK (national IN (0, 1)),
    position   INTEGER NOT NULL,
    archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    UNIQUE (vocabulary, code),
    UNIQUE (vocabulary, label)
);

CREATE TRIGGER terms_national_kept BEFORE DELETE ON terms WHEN OLD.national = 1
BEGIN
    SELECT RAISE(ABORT, 'national term');
END;

CREATE TRIGGER terms_national_unchanged BEFORE UPDATE OF code, label, vocabulary, national ON terms
WHEN OLD.national = 1
BEGIN
    SELECT RAISE(ABORT, 'national term');
END;

INSERT INTO terms (vocabulary, code, label, national, position) VALUES
    ('theme', 'diagnostic_numerique', 'Diagnostic numérique', 1, 1),
    ('theme', 'prendre_en_main_du_materiel', 'Prendre en main du matériel', 1, 2),
    ('theme', 'maintenance_de_materiel', 'Maintenance de matériel', 1, 3),
    ('theme', 'gere_ses_contenus_numeriques', 'Gérer ses contenus numériques', 1, 4),
    ('theme', 'navigation_sur_internet', 'Navigation sur internet', 1, 5),
    ('theme', 'email', 'E-mail', 1, 6),
    ('theme', 'bureautique', 'Bureautique', 1, 7),
    ('theme', 'reseaux_sociaux', 'Réseaux sociaux communication', 1, 8),
    ('theme', 'sante', 'Santé', 1, 9),
    ('theme', 'banque_et_achats_en_ligne', 'Banque et achats en ligne', 1, 10),
    ('theme', 'entrepreneuriat', 'Accompagner un professionnel', 1, 11),
    ('theme', 'insertion_professionnelle', 'Insertion professionnelle', 1, 12),
    ('theme', 'securite_numerique', 'Prévention en sécurité numérique', 1, 13),
    ('theme', 'parentalite', 'Parentalité', 1, 14),
    ('theme', 'scolarite_et_numerique', 'Scolarité et numérique', 1, 15),
    ('theme', 'creer_avec_le_numerique', 'Créer avec le numérique', 1, 16),
    ('theme', 'culture_numerique', 'Culture numérique', 1, 17),
    ('theme', 'intelligence_artificielle', 'Intelligence artificielle (IA)', 1, 18),
    ('theme', 'aide_aux_demarches_administratives', 'Aide aux démarches administratives', 1, 19),
    ('procedure', 'papiers_elections_citoyennete', 'Papiers - Élections - Citoyenneté', 1, 1),
    ('procedure', 'famille_scolarite', 'Famille - Scolarité', 1, 2),
    ('procedure', 'social_sante', 'Social - Santé', 1, 3),
    ('procedure', 'travail_formation', 'Travail - Formation - Entreprise', 1, 4),
    ('procedure', 'logement', 'Logement', 1, 5),
    ('procedure', 'transports_mobilite', 'Transports - Mobilité', 1, 6),
    ('procedure', 'argent_impots', 'Argent - Impôts', 1, 7),
    ('procedure', 'justice', 'Justice', 1, 8),
    ('procedure', 'etrangers_europe', 'Étrangers - Europe', 1, 9),
    ('procedure', 'loisirs_sports_culture', 'Loisirs - Sports - Culture', 1, 10),
    ('procedure', 'associations', 'Associations', 1, 11);

-- A followed person: someone who agreed to have their name and contact kept, to find their
-- history. Everyone else is anonymous and has no row here: their profile (age bracket,
-- status, gender, commune) is stored on each of their visits. No consent, no row (CHECK).
CREATE TABLE beneficiaries (
    id            INTEGER PRIMARY KEY,
    first_name    TEXT CHECK (first_name IS NULL OR length(first_name) <= 80),
    last_name     TEXT CHECK (last_name IS NULL OR length(last_name) <= 80),
    phone         TEXT,
    email         TEXT,
    notes         TEXT CHECK (notes IS NULL OR length(notes) <= 2000),
    consent_at    TEXT NOT NULL CHECK (length(consent_at) >= 10),
    consent_by    INTEGER REFERENCES mediators (id),
    age_bracket   TEXT NOT NULL DEFAULT 'non_communique' CHECK (age_bracket IN
                  ('moins_de_douze', 'douze_dix_huit', 'dix_huit_vingt_quatre',
                   'vingt_cinq_trente_neuf', 'quarante_cinquante_neuf',
                   'soixante_soixante_neuf', 'soixante_dix_plus', 'non_communique')),
    social_status TEXT NOT NULL DEFAULT 'non_communique' CHECK (social_status IN
                  ('scolarise', 'sans_emploi', 'en_emploi', 'retraite', 'non_communique')),
    gender        TEXT NOT NULL DEFAULT 'non_communique'
                  CHECK (gender IN ('masculin', 'feminin', 'non_communique')),
    postcode      TEXT CHECK (postcode IS NULL OR postcode GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    commune       TEXT CHECK (commune IS NULL OR length(commune) <= 80),
    created_at    TEXT NOT NULL,
    CHECK (first_name IS NOT NULL OR last_name IS NOT NULL)
);
-- The followed people's list, by name.
CREATE INDEX beneficiaries_by_name ON beneficiaries (last_name, first_name);

-- One act of assistance: an individual one (one beneficiary) or a collective workshop.
CREATE TABLE visits (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('individuel', 'collectif')),
    start_at         TEXT NOT NULL
                     CHECK (start_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    -- The Paris calendar date of start_at: statistics select periods by local date.
    day              TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 720),
    place_type       TEXT NOT NULL
                     CHECK (place_type IN ('lieu_activite', 'domicile', 'a_distance', 'autre')),
    -- The site the visit counts for: required at one of the sites, optional elsewhere.
    site_id          INTEGER REFERENCES sites (id) ON DELETE RESTRICT,
    place_commune    TEXT CHECK (place_commune IS NULL OR length(place_commune) <= 80),
    place_postcode   TEXT CHECK (place_postcode IS NULL OR place_postcode GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    mediator_id      INTEGER NOT NULL REFERENCES mediators (id) ON DELETE RESTRICT,
    -- The appointment this visit honoured: at most one visit per appointment.
    appointment_id   INTEGER UNIQUE REFERENCES appointments (id) ON DELETE SET NULL,
    -- The followed person helped; NULL for an anonymous one. Erasing a person leaves their
    -- visits as anonymous ones (the profile below stays).
    beneficiary_id   INTEGER REFERENCES beneficiaries (id) ON DELETE SET NULL,
    -- The person's profile at the time of an individual visit (copied from a followed
    -- person's record): what statistics count, without identity.
    age_bracket      TEXT NOT NULL DEFAULT 'non_communique' CHECK (age_bracket IN
                     ('moins_de_douze', 'douze_dix_huit', 'dix_huit_vingt_quatre',
                      'vingt_cinq_trente_neuf', 'quarante_cinquante_neuf',
                      'soixante_soixante_neuf', 'soixante_dix_plus', 'non_communique')),
    social_status    TEXT NOT NULL DEFAULT 'non_communique' CHECK (social_status IN
                     ('scolarise', 'sans_emploi', 'en_emploi', 'retraite', 'non_communique')),
    gender           TEXT NOT NULL DEFAULT 'non_communique'
                     CHECK (gender IN ('masculin', 'feminin', 'non_communique')),
    home_postcode    TEXT CHECK (home_postcode IS NULL OR home_postcode GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    home_commune     TEXT CHECK (home_commune IS NULL OR length(home_commune) <= 80),
    -- Materials used: a set of codes joined by ',' (closed national list, checked in Rust).
    materials        TEXT NOT NULL DEFAULT '',
    reason           TEXT,
    procedure_details TEXT CHECK (procedure_details IS NULL OR length(procedure_details) <= 500),
    autonomy         TEXT CHECK (autonomy IS NULL OR autonomy IN
                     ('entierement_accompagne', 'partiellement_autonome', 'autonome')),
    redirected_to    TEXT CHECK (redirected_to IS NULL OR redirected_to IN
                     ('administration', 'mediation_numerique', 'operateur_ou_organisme_en_charge',
                      'aide_sociale', 'insertion_professionnelle',
                      'aide_aux_demarches_administratives', 'autre')),
    follow_up        INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
    first_visit      INTEGER NOT NULL DEFAULT 0 CHECK (first_visit IN (0, 1)),
    workshop_title   TEXT CHECK (workshop_title IS NULL OR length(workshop_title) <= 120),
    workshop_level   TEXT CHECK (workshop_level IS NULL OR workshop_level IN ('debutant', 'intermediaire', 'avance')),
    participants     INTEGER NOT NULL DEFAULT 1 CHECK (participants BETWEEN 1 AND 500),
    notes            TEXT CHECK (notes IS NULL OR length(notes) <= 2000),
    created_at       TEXT NOT NULL,
    created_by       INTEGER REFERENCES mediators (id),
    CHECK (place_type <> 'lieu_activite' OR site_id IS NOT NULL),
    -- An individual visit helps one person; a workshop has a title and no single one.
    CHECK (kind <> 'individuel' OR (participants = 1 AND workshop_title IS NULL)),
    CHECK (kind <> 'collectif' OR (beneficiary_id IS NULL AND workshop_title IS NOT NULL
                                   AND autonomy IS NULL AND redirected_to IS NULL))
);
-- Statistics read a period of the whole network: this index covers every column they
-- count, so a year is one sequential read of the index instead of a lookup per visit.
CREATE INDEX visits_by_day ON visits (day, kind, place_type, duration_minutes, participants,
                                      first_visit, beneficiary_id, age_bracket, social_status,
                                      gender, site_id, mediator_id);
-- … of a site, or of a mediator.
CREATE INDEX visits_by_site_day ON visits (site_id, day);
CREATE INDEX visits_by_mediator_day ON visits (mediator_id, day);
-- A followed person's history.
CREATE INDEX visits_by_beneficiary ON visits (beneficiary_id, start_at);

-- The themes and procedures of a visit (terms of the two data vocabularies). The visit's
-- day, site and mediator are repeated here (rewritten with the terms whenever the visit
-- changes) so that counting a period's themes reads one index, not every visit.
CREATE TABLE visit_terms (
    visit_id    INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    term_id     INTEGER NOT NULL REFERENCES terms (id) ON DELETE RESTRICT,
    day         TEXT NOT NULL,
    site_id     INTEGER,
    mediator_id INTEGER NOT NULL,
    PRIMARY KEY (visit_id, term_id)
) WITHOUT ROWID;
-- Deleting or archiving a term checks whether a visit uses it.
CREATE INDEX visit_terms_by_term ON visit_terms (term_id);
-- A period's theme counts: network, site, mediator.
CREATE INDEX visit_terms_by_day ON visit_terms (day, term_id);
CREATE INDEX visit_terms_by_site_day ON visit_terms (site_id, day, term_id);
CREATE INDEX visit_terms_by_mediator_day ON visit_terms (mediator_id, day, term_id);

-- The followed people who took part in a workshop (the others are counted, not named).
CREATE TABLE visit_participants (
    visit_id       INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,
    PRIMARY KEY (visit_id, beneficiary_id)
) WITHOUT ROWID;
CREATE INDEX visit_participants_by_beneficiary ON visit_participants (beneficiary_id);
