-- Retail data warehouse (star schema): a sales fact partitioned by integer date
-- key ranges, dimensions keyed from one shared surrogate-key sequence, a staging
-- table partitioned by load with only a DEFAULT partition.
CREATE SEQUENCE dim_surrogate_seq START WITH 1 INCREMENT BY 1 CACHE 100;

CREATE TABLE dim_date (
    date_key     integer PRIMARY KEY CHECK (date_key BETWEEN 19000101 AND 21001231),
    full_date    date NOT NULL UNIQUE,
    year         smallint NOT NULL,
    quarter      smallint NOT NULL,
    month        smallint NOT NULL,
    iso_week     smallint NOT NULL,
    is_holiday   boolean NOT NULL DEFAULT false
);

CREATE TABLE dim_store (
    store_key    bigint PRIMARY KEY DEFAULT nextval('dim_surrogate_seq'),
    store_code   text NOT NULL,
    region       text NOT NULL,
    valid_from   date NOT NULL,
    valid_to     date,
    is_current   boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX dim_store_current ON dim_store (store_code) WHERE is_current;

CREATE TABLE dim_product (
    product_key  bigint PRIMARY KEY DEFAULT nextval('dim_surrogate_seq'),
    sku          text NOT NULL,
    category     text NOT NULL,
    brand        text,
    valid_from   date NOT NULL,
    valid_to     date,
    is_current   boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX dim_product_current ON dim_product (sku) WHERE is_current;

CREATE TABLE fact_sales (
    date_key     integer NOT NULL REFERENCES dim_date (date_key),
    store_key    bigint NOT NULL REFERENCES dim_store (store_key),
    product_key  bigint NOT NULL REFERENCES dim_product (product_key),
    units        integer NOT NULL,
    revenue      numeric(14,2) NOT NULL,
    cost         numeric(14,2)
) PARTITION BY RANGE (date_key);
CREATE TABLE fact_sales_2023 PARTITION OF fact_sales FOR VALUES FROM (20230101) TO (20240101);
CREATE TABLE fact_sales_2024 PARTITION OF fact_sales FOR VALUES FROM (20240101) TO (20250101);
CREATE TABLE fact_sales_2025 PARTITION OF fact_sales FOR VALUES FROM (20250101) TO (20260101);
CREATE INDEX fact_sales_product_idx ON fact_sales (product_key, date_key);
CREATE INDEX fact_sales_2025_store_idx ON fact_sales_2025 (store_key, date_key);

CREATE TABLE stg_sales (
    load_id      integer NOT NULL,
    line         integer NOT NULL,
    raw          jsonb NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now()
) PARTITION BY LIST (load_id);
CREATE TABLE stg_sales_pending PARTITION OF stg_sales DEFAULT;

CREATE MATERIALIZED VIEW agg_sales_monthly AS
    SELECT d.year, d.month, s.region, sum(f.revenue) AS revenue, sum(f.units) AS units
    FROM fact_sales f JOIN dim_date d USING (date_key) JOIN dim_store s USING (store_key)
    GROUP BY d.year, d.month, s.region
    WITH NO DATA;
CREATE UNIQUE INDEX agg_sales_monthly_key ON agg_sales_monthly (year, month, region);
