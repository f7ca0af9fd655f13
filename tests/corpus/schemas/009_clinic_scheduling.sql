-- Outpatient clinic scheduling: no provider double-booking (exclusion on a
-- tstzrange), per-clinic RLS with ENABLE + FORCE, a security_barrier view for the
-- front desk that hides clinical notes.
CREATE EXTENSION IF NOT EXISTS btree_gist;

DO $$ BEGIN CREATE ROLE front_desk; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE clinician; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE appointment_state AS ENUM ('booked', 'checked_in', 'completed', 'no_show', 'cancelled');

CREATE TABLE clinics (
    clinic_id   integer PRIMARY KEY,
    name        text NOT NULL,
    phone       text
);

CREATE TABLE providers (
    provider_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    clinic_id   integer NOT NULL REFERENCES clinics (clinic_id),
    npi         char(10) NOT NULL UNIQUE CHECK (npi ~ '^[0-9]{10}$'),
    full_name   text NOT NULL,
    specialty   text
);

CREATE TABLE patients (
    patient_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    clinic_id   integer NOT NULL REFERENCES clinics (clinic_id),
    mrn         text NOT NULL,
    full_name   text NOT NULL,
    birth_date  date NOT NULL,
    phone       text,
    UNIQUE (clinic_id, mrn)
);

CREATE TABLE rooms (
    room_id     integer PRIMARY KEY,
    clinic_id   integer NOT NULL REFERENCES clinics (clinic_id),
    label       text NOT NULL
);

CREATE TABLE appointments (
    appointment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    clinic_id      integer NOT NULL REFERENCES clinics (clinic_id),
    provider_id    integer NOT NULL REFERENCES providers (provider_id),
    patient_id     bigint NOT NULL REFERENCES patients (patient_id),
    room_id        integer REFERENCES rooms (room_id),
    slot           tstzrange NOT NULL,
    state          appointment_state NOT NULL DEFAULT 'booked',
    reason         text,
    clinical_notes text,
    CONSTRAINT appointments_no_double_booking
        EXCLUDE USING gist (provider_id WITH =, slot WITH &&) WHERE (state <> 'cancelled'),
    CONSTRAINT appointments_slot_bounded CHECK (NOT isempty(slot) AND upper(slot) - lower(slot) <= interval '4 hours')
);
CREATE INDEX appointments_patient_idx ON appointments (patient_id, lower(slot));

CREATE TABLE waitlist (
    entry_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    clinic_id   integer NOT NULL REFERENCES clinics (clinic_id),
    patient_id  bigint NOT NULL REFERENCES patients (patient_id) ON DELETE CASCADE,
    provider_id integer REFERENCES providers (provider_id) ON DELETE SET NULL,
    added_at    timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients FORCE ROW LEVEL SECURITY;
ALTER TABLE appointments ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointments FORCE ROW LEVEL SECURITY;
ALTER TABLE waitlist ENABLE ROW LEVEL SECURITY;
ALTER TABLE waitlist FORCE ROW LEVEL SECURITY;

CREATE POLICY patients_clinic ON patients TO front_desk, clinician
    USING (clinic_id = current_setting('clinic.id')::integer);
CREATE POLICY appointments_clinic ON appointments TO front_desk, clinician
    USING (clinic_id = current_setting('clinic.id')::integer);
CREATE POLICY waitlist_clinic ON waitlist
    USING (clinic_id = current_setting('clinic.id')::integer);

CREATE VIEW front_desk_schedule WITH (security_barrier = true) AS
    SELECT a.appointment_id, a.clinic_id, p.full_name AS patient, pr.full_name AS provider,
           lower(a.slot) AS starts_at, upper(a.slot) AS ends_at, a.state, r.label AS room
    FROM appointments a
    JOIN patients p ON p.patient_id = a.patient_id
    JOIN providers pr ON pr.provider_id = a.provider_id
    LEFT JOIN rooms r ON r.room_id = a.room_id
    WHERE a.state <> 'cancelled';
COMMENT ON VIEW front_desk_schedule IS 'No clinical notes: the front desk must not see them.';
COMMENT ON COLUMN front_desk_schedule.room IS 'NULL for telehealth visits.';
