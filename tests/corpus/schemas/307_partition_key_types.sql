-- Partition keys of many types, to pin the bounds PostgreSQL stores: booleans,
-- negative bigints with MINVALUE and MAXVALUE, numerics with a scale, blank-padded
-- chars, an enum, a domain, a varchar, timestamps without a time zone, infinite
-- dates, an interval, a double, two-column ranges, and quotes in list values.
CREATE TYPE ticket_state AS ENUM ('open', 'on hold', 'closed');
CREATE DOMAIN region_code AS text CHECK (VALUE ~ '^[a-z]{2}(-[a-z]+)?$');

CREATE TABLE flags (
    flag_id  bigint NOT NULL,
    archived boolean NOT NULL,
    label    text NOT NULL,
    PRIMARY KEY (flag_id, archived)
) PARTITION BY LIST (archived);
CREATE TABLE flags_live PARTITION OF flags FOR VALUES IN (false);
CREATE TABLE flags_archived PARTITION OF flags FOR VALUES IN (true);

CREATE TABLE ledger_moves (
    move_id   bigint NOT NULL,
    delta     bigint NOT NULL,
    posted_on date NOT NULL,
    PRIMARY KEY (move_id, delta)
) PARTITION BY RANGE (delta);
CREATE TABLE ledger_moves_debits PARTITION OF ledger_moves FOR VALUES FROM (MINVALUE) TO (-100);
CREATE TABLE ledger_moves_small PARTITION OF ledger_moves FOR VALUES FROM (-100) TO (100);
CREATE TABLE ledger_moves_credits PARTITION OF ledger_moves FOR VALUES FROM (100) TO (MAXVALUE);

CREATE TABLE price_bands (
    band_id integer NOT NULL,
    price   numeric(8,2) NOT NULL,
    PRIMARY KEY (band_id, price)
) PARTITION BY RANGE (price);
CREATE TABLE price_bands_low PARTITION OF price_bands FOR VALUES FROM (0) TO (99.5);
CREATE TABLE price_bands_high PARTITION OF price_bands FOR VALUES FROM (99.5) TO (100000);

CREATE TABLE airports (
    code    char(3) NOT NULL,
    country char(2) NOT NULL,
    name    text NOT NULL,
    PRIMARY KEY (country, code)
) PARTITION BY LIST (country);
CREATE TABLE airports_nordic PARTITION OF airports FOR VALUES IN ('no', 'se', 'f');
CREATE TABLE airports_other PARTITION OF airports DEFAULT;

CREATE TABLE tickets (
    ticket_id integer NOT NULL,
    state     ticket_state NOT NULL,
    subject   text NOT NULL,
    PRIMARY KEY (ticket_id, state)
) PARTITION BY LIST (state);
CREATE TABLE tickets_active PARTITION OF tickets FOR VALUES IN ('open', 'on hold');
CREATE TABLE tickets_done PARTITION OF tickets FOR VALUES IN ('closed');

CREATE TABLE depots (
    depot_id integer NOT NULL,
    region   region_code NOT NULL,
    city     varchar(5) NOT NULL,
    PRIMARY KEY (depot_id, region, city)
) PARTITION BY LIST (region);
CREATE TABLE depots_eu PARTITION OF depots FOR VALUES IN ('de', 'fr', 'es-ca');
CREATE TABLE depots_rest PARTITION OF depots DEFAULT;

CREATE TABLE kiosks (
    kiosk_id integer NOT NULL,
    city     varchar(5) NOT NULL,
    PRIMARY KEY (kiosk_id, city)
) PARTITION BY LIST (city);
CREATE TABLE kiosks_quoted PARTITION OF kiosks FOR VALUES IN ('o''hx', 'a\b', 'MiX');
CREATE TABLE kiosks_plain PARTITION OF kiosks FOR VALUES IN ('oslo');

CREATE TABLE meter_reads (
    meter_id integer NOT NULL,
    read_at  timestamp NOT NULL,
    value    double precision NOT NULL,
    PRIMARY KEY (meter_id, read_at)
) PARTITION BY RANGE (read_at);
CREATE TABLE meter_reads_2024h2 PARTITION OF meter_reads FOR VALUES FROM ('2024-07-01') TO ('2025-01-01 00:00:00');
CREATE TABLE meter_reads_2025 PARTITION OF meter_reads FOR VALUES FROM ('2025-01-01') TO ('2025-12-31 23:59:59.5');

CREATE TABLE archive_days (
    day     date NOT NULL,
    payload jsonb,
    PRIMARY KEY (day)
) PARTITION BY RANGE (day);
CREATE TABLE archive_days_old PARTITION OF archive_days FOR VALUES FROM ('-infinity') TO ('2020-01-01');
CREATE TABLE archive_days_new PARTITION OF archive_days FOR VALUES FROM ('2020-01-01') TO ('infinity');

CREATE TABLE sla_waits (
    ticket_id integer NOT NULL,
    waited    interval NOT NULL,
    PRIMARY KEY (ticket_id, waited)
) PARTITION BY RANGE (waited);
CREATE TABLE sla_waits_fast PARTITION OF sla_waits FOR VALUES FROM ('0') TO ('1 hour');
CREATE TABLE sla_waits_slow PARTITION OF sla_waits FOR VALUES FROM ('1 hour') TO ('2 days 3 hours');

CREATE TABLE scores (
    player_id integer NOT NULL,
    score     double precision NOT NULL,
    PRIMARY KEY (player_id, score)
) PARTITION BY RANGE (score);
CREATE TABLE scores_low PARTITION OF scores FOR VALUES FROM (MINVALUE) TO (0.1);
CREATE TABLE scores_high PARTITION OF scores FOR VALUES FROM (0.1) TO (1.5e10);

CREATE TABLE shelf_slots (
    aisle smallint NOT NULL,
    slot  smallint NOT NULL,
    item  text,
    PRIMARY KEY (aisle, slot)
) PARTITION BY RANGE (aisle, slot);
CREATE TABLE shelf_slots_front PARTITION OF shelf_slots FOR VALUES FROM (MINVALUE, MINVALUE) TO (-1, 10);
CREATE TABLE shelf_slots_mid PARTITION OF shelf_slots FOR VALUES FROM (-1, 10) TO (5, MINVALUE);
CREATE TABLE shelf_slots_back PARTITION OF shelf_slots FOR VALUES FROM (5, MINVALUE) TO (MAXVALUE, MAXVALUE);

CREATE TABLE device_pings (
    device_id uuid NOT NULL,
    pinged_at timestamptz NOT NULL,
    PRIMARY KEY (device_id, pinged_at)
) PARTITION BY LIST (device_id);
CREATE TABLE device_pings_lab PARTITION OF device_pings FOR VALUES IN ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11');
CREATE TABLE device_pings_field PARTITION OF device_pings DEFAULT;

-- Row security on the table and, with the same policy, on each partition.
CREATE TABLE visits (
    tenant_id  uuid NOT NULL,
    visit_id   bigint NOT NULL,
    visited_on date NOT NULL,
    PRIMARY KEY (tenant_id, visit_id, visited_on)
) PARTITION BY RANGE (visited_on);
CREATE TABLE visits_2025_01 PARTITION OF visits FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE visits_2025_02 PARTITION OF visits FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['visits', 'visits_2025_01', 'visits_2025_02'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', r);
    EXECUTE format('CREATE POLICY tenant_rows ON %I USING (tenant_id = current_setting(''app.tenant_id'')::uuid)', r);
  END LOOP;
END $$;

-- Row security on the table only: its partitions, queried directly, have none.
CREATE TABLE bookings (
    tenant_id uuid NOT NULL,
    booking_id bigint NOT NULL,
    booked_on date NOT NULL,
    PRIMARY KEY (tenant_id, booking_id, booked_on)
) PARTITION BY RANGE (booked_on);
CREATE TABLE bookings_2025_01 PARTITION OF bookings FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE bookings_2025_02 PARTITION OF bookings FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
ALTER TABLE bookings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON bookings USING (tenant_id = current_setting('app.tenant_id')::uuid);
