-- Holiday rentals: no overlapping stays per unit (daterange exclusion), deferrable
-- foreign keys for the channel-manager sync, SET NULL on a subset of a composite key.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE hosts (
    host_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    payout_iban text
);

CREATE TABLE properties (
    property_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    host_id     integer NOT NULL REFERENCES hosts (host_id),
    name        text NOT NULL,
    country     char(2) NOT NULL
);

CREATE TABLE units (
    property_id integer NOT NULL REFERENCES properties (property_id) ON DELETE CASCADE,
    unit_no     smallint NOT NULL,
    sleeps      smallint NOT NULL CHECK (sleeps > 0),
    PRIMARY KEY (property_id, unit_no)
);

CREATE TABLE guests (
    guest_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    full_name   text NOT NULL
);

CREATE TABLE stays (
    stay_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    property_id  integer NOT NULL,
    unit_no      smallint,
    guest_id     bigint NOT NULL,
    nights       daterange NOT NULL,
    status       text NOT NULL DEFAULT 'confirmed',
    CONSTRAINT stays_unit_fk FOREIGN KEY (property_id, unit_no) REFERENCES units (property_id, unit_no)
        ON DELETE SET NULL (unit_no) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT stays_guest_fk FOREIGN KEY (guest_id) REFERENCES guests (guest_id) DEFERRABLE,
    CONSTRAINT stays_no_overlap EXCLUDE USING gist (property_id WITH =, unit_no WITH =, nights WITH &&)
        WHERE (status <> 'cancelled'),
    CONSTRAINT stays_min_one_night CHECK (upper(nights) - lower(nights) >= 1)
);

CREATE TABLE blocked_dates (
    property_id integer NOT NULL REFERENCES properties (property_id) ON DELETE CASCADE,
    unit_no     smallint NOT NULL,
    dates       daterange NOT NULL,
    reason      text,
    EXCLUDE USING gist (property_id WITH =, unit_no WITH =, dates WITH &&),
    FOREIGN KEY (property_id, unit_no) REFERENCES units (property_id, unit_no) ON DELETE CASCADE
);

CREATE TABLE rate_plans (
    property_id integer NOT NULL REFERENCES properties (property_id) ON DELETE CASCADE,
    season      daterange NOT NULL,
    nightly     numeric(8,2) NOT NULL,
    EXCLUDE USING gist (property_id WITH =, season WITH &&)
);
