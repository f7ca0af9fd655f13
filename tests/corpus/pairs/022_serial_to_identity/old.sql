-- 022_serial_to_identity: serial and bigserial keys are converted to identity columns (the sequence goes away).
-- This file is the state before the change.
CREATE TABLE clinics (
    id          serial PRIMARY KEY,
    name        varchar(120) NOT NULL
);

CREATE TABLE visits (
    id          bigserial PRIMARY KEY,
    clinic_id   integer NOT NULL REFERENCES clinics (id),
    visited_at  timestamp NOT NULL DEFAULT now()
);
