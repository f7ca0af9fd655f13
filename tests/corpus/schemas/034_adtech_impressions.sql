-- Ad server: impressions partitioned by day with explicit bounds and hand-picked
-- names, per-partition storage options, an index only on today's hot partition,
-- and a unique click id enforced on one partition after a dedup incident.
CREATE TABLE advertisers (
    advertiser_id integer PRIMARY KEY,
    name          text NOT NULL,
    daily_budget  numeric(12,2)
);

CREATE TABLE creatives (
    creative_id   integer PRIMARY KEY,
    advertiser_id integer NOT NULL REFERENCES advertisers (advertiser_id),
    format        text NOT NULL CHECK (format IN ('banner', 'video', 'native')),
    width         smallint,
    height        smallint
);

CREATE TABLE impressions (
    served_at     timestamptz NOT NULL,
    impression_id uuid NOT NULL,
    creative_id   integer NOT NULL,
    placement     text NOT NULL,
    cost_micros   bigint NOT NULL DEFAULT 0,
    device        text
) PARTITION BY RANGE (served_at);
CREATE TABLE imp_20250301 PARTITION OF impressions
    FOR VALUES FROM ('2025-03-01 00:00+00') TO ('2025-03-02 00:00+00') WITH (fillfactor = 100, autovacuum_enabled = false);
CREATE TABLE imp_20250302 PARTITION OF impressions
    FOR VALUES FROM ('2025-03-02 00:00+00') TO ('2025-03-03 00:00+00') WITH (fillfactor = 100);
CREATE TABLE imp_today PARTITION OF impressions
    FOR VALUES FROM ('2025-03-03 00:00+00') TO ('2025-03-04 00:00+00');
CREATE INDEX impressions_served_brin ON impressions USING brin (served_at);
CREATE INDEX imp_today_creative_idx ON imp_today (creative_id, served_at);

CREATE TABLE clicks (
    clicked_at    timestamptz NOT NULL,
    click_id      uuid NOT NULL,
    impression_id uuid NOT NULL,
    landing_url   text
) PARTITION BY RANGE (clicked_at);
CREATE TABLE clicks_march PARTITION OF clicks FOR VALUES FROM ('2025-03-01 00:00+00') TO ('2025-04-01 00:00+00');
CREATE TABLE clicks_april PARTITION OF clicks FOR VALUES FROM ('2025-04-01 00:00+00') TO ('2025-05-01 00:00+00');
ALTER TABLE clicks_march ADD CONSTRAINT clicks_march_click_id_key UNIQUE (click_id);

CREATE TABLE conversions (
    conversion_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    click_id      uuid NOT NULL,
    value_micros  bigint NOT NULL,
    converted_at  timestamptz NOT NULL
);

CREATE TABLE budgets_spent (
    advertiser_id integer NOT NULL REFERENCES advertisers (advertiser_id),
    day           date NOT NULL,
    spent_micros  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (advertiser_id, day)
) WITH (fillfactor = 50);
