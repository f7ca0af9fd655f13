-- schema: metering
-- Utility smart-meter readings: RANGE on (meter_id, reading_date) with multi-column
-- bounds, the large-customer range further split by hash, and a materialized
-- monthly usage view with a unique index for concurrent refresh.
CREATE SCHEMA metering;

CREATE TABLE metering.tariffs (
    tariff_code text PRIMARY KEY,
    description text NOT NULL,
    unit_price  numeric(8,5) NOT NULL
);

CREATE TABLE metering.meters (
    meter_id      integer PRIMARY KEY,
    premise_ref   text NOT NULL,
    tariff_code   text NOT NULL REFERENCES metering.tariffs (tariff_code),
    commercial    boolean NOT NULL DEFAULT false,
    installed_on  date NOT NULL
);

CREATE TABLE metering.readings (
    meter_id      integer NOT NULL,
    reading_date  date NOT NULL,
    kwh           numeric(12,3) NOT NULL CHECK (kwh >= 0),
    estimated     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (meter_id, reading_date)
) PARTITION BY RANGE (meter_id, reading_date);
CREATE TABLE metering.readings_residential_2024 PARTITION OF metering.readings
    FOR VALUES FROM (0, '2024-01-01') TO (500000, '2025-01-01');
CREATE TABLE metering.readings_residential_2025 PARTITION OF metering.readings
    FOR VALUES FROM (500000, '2025-01-01') TO (500000, MAXVALUE);
CREATE TABLE metering.readings_commercial PARTITION OF metering.readings
    FOR VALUES FROM (900000, MINVALUE) TO (MAXVALUE, MAXVALUE)
    PARTITION BY HASH (meter_id);
CREATE TABLE metering.readings_commercial_0 PARTITION OF metering.readings_commercial
    FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE metering.readings_commercial_1 PARTITION OF metering.readings_commercial
    FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE metering.readings_commercial_2 PARTITION OF metering.readings_commercial
    FOR VALUES WITH (MODULUS 3, REMAINDER 2);

CREATE TABLE metering.bills (
    bill_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meter_id      integer NOT NULL REFERENCES metering.meters (meter_id),
    period_start  date NOT NULL,
    period_end    date NOT NULL,
    kwh           numeric(12,3) NOT NULL,
    amount        numeric(12,2) NOT NULL,
    UNIQUE (meter_id, period_start)
);

CREATE MATERIALIZED VIEW metering.monthly_usage WITH (fillfactor = 100) AS
    SELECT meter_id, date_trunc('month', reading_date)::date AS month, sum(kwh) AS kwh,
           bool_or(estimated) AS any_estimated
    FROM metering.readings GROUP BY 1, 2;
CREATE UNIQUE INDEX monthly_usage_key ON metering.monthly_usage (meter_id, month);
COMMENT ON MATERIALIZED VIEW metering.monthly_usage IS 'Refreshed CONCURRENTLY after each import.';
