-- 095_fk_to_partitioned_table: a table gains a foreign key to a partitioned table (on its full key).
-- This file is the state after the change.
CREATE TABLE shipments (
    shipment_id bigint NOT NULL,
    shipped_on  date NOT NULL,
    carrier     text NOT NULL,
    PRIMARY KEY (shipment_id, shipped_on)
) PARTITION BY RANGE (shipped_on);
CREATE TABLE shipments_2025 PARTITION OF shipments FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE shipments_2026 PARTITION OF shipments FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE TABLE claims (
    claim_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shipment_id bigint NOT NULL,
    shipped_on  date NOT NULL,
    reason      text NOT NULL,
    CONSTRAINT claims_shipment_fkey FOREIGN KEY (shipment_id, shipped_on)
        REFERENCES shipments (shipment_id, shipped_on) ON DELETE CASCADE
);
