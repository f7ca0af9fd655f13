-- 019_identity_added: a NOT NULL integer key filled by the application becomes an identity column.
-- This file is the state before the change.
CREATE TABLE devices (
    device_id   integer NOT NULL,
    serial_no   text NOT NULL UNIQUE,
    model       text NOT NULL,
    CONSTRAINT devices_pkey PRIMARY KEY (device_id)
);

CREATE TABLE device_events (
    device_id   integer NOT NULL REFERENCES devices (device_id),
    at          timestamptz NOT NULL,
    kind        text NOT NULL
);
