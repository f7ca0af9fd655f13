-- schema: clinic
-- Clinic types usable by PUBLIC, as PostgreSQL creates them.
CREATE SCHEMA clinic;
SET search_path = clinic;

DO $$ BEGIN CREATE ROLE clinic_staff; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE clinic_billing; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE visit_kind AS ENUM ('consultation', 'follow_up', 'procedure', 'telehealth');
CREATE DOMAIN icd10_code AS text CONSTRAINT icd10_code_shape CHECK (VALUE ~ '^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$');
CREATE DOMAIN fee AS numeric(10, 2) CONSTRAINT fee_nonnegative CHECK (VALUE >= 0);

CREATE TABLE patients (
    patient_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mrn        text NOT NULL UNIQUE,
    full_name  text NOT NULL
);

CREATE TABLE visits (
    visit_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id bigint NOT NULL REFERENCES patients (patient_id),
    kind       visit_kind NOT NULL,
    diagnosis  icd10_code,
    charged    fee NOT NULL DEFAULT 0
);

GRANT USAGE ON TYPE visit_kind TO clinic_staff;
