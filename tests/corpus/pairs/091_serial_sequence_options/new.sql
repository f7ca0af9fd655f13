-- 091_serial_sequence_options: the sequence behind a serial column gets new options (INCREMENT, CACHE, MAXVALUE); the column stays serial.
-- This file is the state after the change.
CREATE TABLE jobs (
    id          bigserial PRIMARY KEY,
    queue       text NOT NULL,
    payload     jsonb NOT NULL,
    run_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workers (
    id          serial PRIMARY KEY,
    hostname    text NOT NULL
);
ALTER SEQUENCE jobs_id_seq INCREMENT BY 2 CACHE 100;
ALTER SEQUENCE workers_id_seq MAXVALUE 100000 CYCLE;
