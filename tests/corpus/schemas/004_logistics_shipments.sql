-- Freight forwarder: shipments and tracking scans partitioned by quarter with a
-- DEFAULT catch-all; the busiest quarter was later split by month (peak season as
-- one partition) and another by hash of the shipment; a status index and a unique
-- index exist on the peak partition only.
CREATE TABLE carriers (
    carrier_code text PRIMARY KEY CHECK (carrier_code ~ '^[A-Z]{2,4}$'),
    name         text NOT NULL,
    api_endpoint text
);

CREATE TABLE depots (
    depot_id   integer PRIMARY KEY,
    city       text NOT NULL,
    country    char(2) NOT NULL
);

CREATE TABLE shipments (
    shipment_id  bigint NOT NULL,
    booked_at    timestamptz NOT NULL,
    carrier_code text NOT NULL REFERENCES carriers (carrier_code),
    origin_depot integer NOT NULL REFERENCES depots (depot_id),
    dest_depot   integer NOT NULL REFERENCES depots (depot_id),
    weight_kg    numeric(10,3) NOT NULL CHECK (weight_kg > 0),
    status       text NOT NULL DEFAULT 'booked',
    PRIMARY KEY (shipment_id, booked_at)
) PARTITION BY RANGE (booked_at);

CREATE TABLE shipments_2024q3 PARTITION OF shipments
    FOR VALUES FROM ('2024-07-01 00:00:00+00') TO ('2024-10-01 00:00:00+00');
CREATE TABLE shipments_2024q4 PARTITION OF shipments
    FOR VALUES FROM ('2024-10-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')
    PARTITION BY RANGE (booked_at);
CREATE TABLE shipments_2024_oct PARTITION OF shipments_2024q4
    FOR VALUES FROM ('2024-10-01 00:00:00+00') TO ('2024-11-01 00:00:00+00');
CREATE TABLE shipments_2024_peak PARTITION OF shipments_2024q4
    FOR VALUES FROM ('2024-11-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
CREATE TABLE shipments_2025q1 PARTITION OF shipments
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-04-01 00:00:00+00')
    PARTITION BY HASH (shipment_id);
CREATE TABLE shipments_2025q1_h0 PARTITION OF shipments_2025q1 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE shipments_2025q1_h1 PARTITION OF shipments_2025q1 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE shipments_backlog PARTITION OF shipments DEFAULT;

CREATE INDEX shipments_carrier_idx ON shipments (carrier_code, booked_at);
-- added during the 2024 peak season, on that quarter only
CREATE INDEX shipments_2024_peak_status_idx ON shipments_2024_peak (status) WHERE status <> 'delivered';
CREATE UNIQUE INDEX shipments_2024_peak_shipment_key ON shipments_2024_peak (shipment_id);

CREATE TABLE tracking_scans (
    scan_id      bigint GENERATED ALWAYS AS IDENTITY,
    shipment_id  bigint NOT NULL,
    booked_at    timestamptz NOT NULL,
    scanned_at   timestamptz NOT NULL,
    depot_id     integer REFERENCES depots (depot_id),
    event        text NOT NULL,
    PRIMARY KEY (scan_id, scanned_at),
    FOREIGN KEY (shipment_id, booked_at) REFERENCES shipments (shipment_id, booked_at) ON DELETE CASCADE
) PARTITION BY RANGE (scanned_at);
CREATE TABLE tracking_scans_2024h2 PARTITION OF tracking_scans
    FOR VALUES FROM ('2024-07-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
CREATE TABLE tracking_scans_2025h1 PARTITION OF tracking_scans
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-07-01 00:00:00+00');
CREATE INDEX tracking_scans_shipment_idx ON tracking_scans (shipment_id, scanned_at);

CREATE TABLE delivery_proofs (
    shipment_id bigint NOT NULL,
    booked_at   timestamptz NOT NULL,
    signed_by   text,
    photo_url   text,
    captured_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (shipment_id, booked_at),
    FOREIGN KEY (shipment_id, booked_at) REFERENCES shipments (shipment_id, booked_at)
);
