-- Mobile operator call-detail records: CDRs by record type (LIST), voice by month,
-- data by hash of the subscriber; roaming partners get their own partition named
-- after the clearing house.
CREATE TABLE subscribers (
    imsi         char(15) PRIMARY KEY CHECK (imsi ~ '^[0-9]{15}$'),
    msisdn       varchar(15) NOT NULL UNIQUE,
    plan         text NOT NULL,
    activated_on date NOT NULL
);

CREATE TABLE cdrs (
    record_type  text NOT NULL,
    imsi         char(15) NOT NULL,
    started_at   timestamp NOT NULL,
    duration_s   integer,
    bytes_up     bigint,
    bytes_down   bigint,
    cell_id      integer,
    partner      text
) PARTITION BY LIST (record_type);
CREATE TABLE cdr_voice PARTITION OF cdrs FOR VALUES IN ('voice', 'volte') PARTITION BY RANGE (started_at);
CREATE TABLE cdr_voice_2025_05 PARTITION OF cdr_voice FOR VALUES FROM ('2025-05-01') TO ('2025-06-01');
CREATE TABLE cdr_voice_2025_06 PARTITION OF cdr_voice FOR VALUES FROM ('2025-06-01') TO ('2025-07-01');
CREATE TABLE cdr_data PARTITION OF cdrs FOR VALUES IN ('data') PARTITION BY HASH (imsi);
CREATE TABLE cdr_data_a PARTITION OF cdr_data FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE cdr_data_b PARTITION OF cdr_data FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE tap_clearing_inbound PARTITION OF cdrs FOR VALUES IN ('roaming_in', 'roaming_out');
CREATE TABLE cdr_sms PARTITION OF cdrs FOR VALUES IN ('sms');
CREATE INDEX cdrs_imsi_time_idx ON cdrs (imsi, started_at);
CREATE INDEX tap_clearing_partner_idx ON tap_clearing_inbound (partner, started_at);

CREATE TABLE cells (
    cell_id      integer PRIMARY KEY,
    site_code    text NOT NULL,
    technology   text NOT NULL CHECK (technology IN ('2G', '3G', '4G', '5G')),
    lat          double precision,
    lon          double precision
);

CREATE TABLE rating_plans (
    plan         text PRIMARY KEY,
    voice_rate   numeric(8,5) NOT NULL,
    data_rate_mb numeric(8,5) NOT NULL,
    sms_rate     numeric(8,5) NOT NULL
);

CREATE TABLE invoices (
    invoice_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    imsi         char(15) NOT NULL REFERENCES subscribers (imsi),
    period       daterange NOT NULL,
    total        numeric(10,2) NOT NULL
);
