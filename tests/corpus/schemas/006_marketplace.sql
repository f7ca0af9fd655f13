-- Two-sided marketplace: orders partitioned by region with partition names chosen
-- by the ops team, a payout table whose foreign key points at the EU partition only
-- (EU payouts are settled by a separate entity), generated columns for totals.
CREATE TABLE sellers (
    seller_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle      text NOT NULL UNIQUE,
    region      text NOT NULL CHECK (region IN ('eu', 'us', 'apac', 'latam')),
    joined_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE listings (
    listing_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id   bigint NOT NULL REFERENCES sellers (seller_id) ON DELETE CASCADE,
    title       text NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents > 0),
    stock       integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
    tags        text[] NOT NULL DEFAULT '{}',
    CONSTRAINT listings_tags_check CHECK (cardinality(tags) <= 10)
);
CREATE INDEX listings_tags_gin ON listings USING gin (tags);

CREATE TABLE orders (
    order_id     bigint NOT NULL,
    region       text NOT NULL,
    buyer_email  text NOT NULL,
    listing_id   bigint NOT NULL REFERENCES listings (listing_id),
    quantity     integer NOT NULL CHECK (quantity > 0),
    unit_cents   integer NOT NULL,
    fee_cents    integer NOT NULL DEFAULT 0,
    total_cents  bigint GENERATED ALWAYS AS (quantity::bigint * unit_cents + fee_cents) STORED,
    placed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, region)
) PARTITION BY LIST (region);
CREATE TABLE orders_europe PARTITION OF orders FOR VALUES IN ('eu');
CREATE TABLE orders_north_america PARTITION OF orders FOR VALUES IN ('us');
CREATE TABLE apac_orders PARTITION OF orders FOR VALUES IN ('apac', 'anz');
CREATE TABLE orders_rest_of_world PARTITION OF orders DEFAULT;
CREATE INDEX orders_placed_idx ON orders (placed_at);

CREATE TABLE eu_payouts (
    payout_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    bigint NOT NULL,
    region      text NOT NULL DEFAULT 'eu' CHECK (region = 'eu'),
    iban        text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    amount_cents bigint NOT NULL,
    FOREIGN KEY (order_id, region) REFERENCES orders_europe (order_id, region)
);

CREATE TABLE reviews (
    review_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id  bigint NOT NULL REFERENCES listings (listing_id) ON DELETE CASCADE,
    rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        text,
    body_length integer GENERATED ALWAYS AS (coalesce(length(body), 0)) STORED,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE disputes (
    dispute_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    bigint NOT NULL,
    region      text NOT NULL,
    opened_at   timestamptz NOT NULL DEFAULT now(),
    reason      text NOT NULL,
    FOREIGN KEY (order_id, region) REFERENCES orders (order_id, region)
);
