-- 100_table_attached_as_partition: a free-standing archive table is attached as a partition of the live table.
-- This file is the state after the change.
CREATE TABLE readings (
    meter_id    integer NOT NULL,
    read_on     date NOT NULL,
    kwh         numeric(10,3) NOT NULL,
    PRIMARY KEY (meter_id, read_on)
) PARTITION BY RANGE (read_on);
CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
