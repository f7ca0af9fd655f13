-- schema: trials
-- Clinical-trial data capture: uuid-ossp identifiers, site names sorted with ICU,
-- protocol codes compared byte-wise, NOT VALID checks on legacy visits, comments.
CREATE SCHEMA trials;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA trials;

CREATE TABLE trials.studies (
    study_id      uuid PRIMARY KEY DEFAULT trials.uuid_generate_v4(),
    protocol_code text COLLATE "C" NOT NULL UNIQUE,
    title         text NOT NULL,
    phase         text NOT NULL CHECK (phase IN ('I', 'II', 'III', 'IV')),
    sponsor       text
);
COMMENT ON TABLE trials.studies IS 'Registered studies; protocol_code as filed with the regulator.';

CREATE TABLE trials.sites (
    site_id       uuid PRIMARY KEY DEFAULT trials.uuid_generate_v4(),
    study_id      uuid NOT NULL REFERENCES trials.studies (study_id),
    site_name     text COLLATE "und-x-icu" NOT NULL,
    country       char(2) NOT NULL,
    activated_on  date
);

CREATE TABLE trials.subjects (
    subject_id    uuid PRIMARY KEY DEFAULT trials.uuid_generate_v4(),
    site_id       uuid NOT NULL REFERENCES trials.sites (site_id),
    screening_no  text COLLATE "C" NOT NULL,
    arm           text,
    consented_on  date NOT NULL,
    withdrawn_on  date,
    UNIQUE (site_id, screening_no)
);
COMMENT ON COLUMN trials.subjects.arm IS 'Assigned by the randomisation service; NULL until randomised.';

CREATE TABLE trials.visits (
    visit_id      uuid PRIMARY KEY DEFAULT trials.uuid_generate_v1(),
    subject_id    uuid NOT NULL REFERENCES trials.subjects (subject_id),
    visit_code    text NOT NULL,
    visit_date    date NOT NULL,
    weight_kg     numeric(5,1),
    CONSTRAINT visits_weight_plausible CHECK (weight_kg BETWEEN 2 AND 400) NOT VALID,
    CONSTRAINT visits_code_format CHECK (visit_code ~ '^V[0-9]{2}$') NOT VALID
);
COMMENT ON CONSTRAINT visits_weight_plausible ON trials.visits IS 'Legacy rows in pounds are being corrected.';

CREATE TABLE trials.adverse_events (
    ae_id         uuid PRIMARY KEY DEFAULT trials.uuid_generate_v4(),
    subject_id    uuid NOT NULL REFERENCES trials.subjects (subject_id),
    term          text NOT NULL,
    serious       boolean NOT NULL DEFAULT false,
    onset_on      date NOT NULL,
    resolved_on   date
);
CREATE INDEX adverse_events_serious_idx ON trials.adverse_events (subject_id) WHERE serious;
COMMENT ON INDEX trials.adverse_events_serious_idx IS 'SAE reporting must reach the sponsor within 24h.';
