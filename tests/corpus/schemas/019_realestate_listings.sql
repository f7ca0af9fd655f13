-- Property portal: stored generated columns (price per square metre, search key),
-- expression indexes, operator classes for prefix and JSON search.
CREATE TABLE agencies (
    agency_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    email       text NOT NULL
);
CREATE UNIQUE INDEX agencies_email_lower_key ON agencies (lower(email));

CREATE TABLE agents (
    agent_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_id   integer NOT NULL REFERENCES agencies (agency_id),
    full_name   text NOT NULL,
    licence     varchar(20)
);

CREATE TABLE properties (
    property_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id       integer REFERENCES agents (agent_id) ON DELETE SET NULL,
    postcode       varchar(10) NOT NULL,
    street         text NOT NULL,
    city           text NOT NULL,
    floor_area_m2  numeric(8,2) NOT NULL CHECK (floor_area_m2 > 0),
    asking_price   numeric(12,0) NOT NULL,
    price_per_m2   numeric(12,2) GENERATED ALWAYS AS (round(asking_price / floor_area_m2, 2)) STORED,
    search_key     text GENERATED ALWAYS AS (upper(postcode) || ' ' || lower(city)) STORED,
    features       jsonb NOT NULL DEFAULT '{}',
    listed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX properties_postcode_prefix ON properties (postcode varchar_pattern_ops);
CREATE INDEX properties_search_key_prefix ON properties (search_key text_pattern_ops);
CREATE INDEX properties_city_lower ON properties (lower(city), asking_price);
CREATE INDEX properties_features ON properties USING gin (features jsonb_path_ops);
CREATE INDEX properties_bedrooms ON properties (((features ->> 'bedrooms')::integer)) WHERE features ? 'bedrooms';

CREATE TABLE viewings (
    viewing_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    property_id  bigint NOT NULL REFERENCES properties (property_id) ON DELETE CASCADE,
    visitor      text NOT NULL,
    scheduled    timestamp NOT NULL,
    duration     interval NOT NULL DEFAULT '30 minutes',
    ends_at      timestamp GENERATED ALWAYS AS (scheduled + duration) STORED
);
CREATE INDEX viewings_day ON viewings (date_trunc('day', scheduled));

CREATE TABLE offers (
    offer_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    property_id  bigint NOT NULL REFERENCES properties (property_id),
    amount       numeric(12,0) NOT NULL,
    made_at      timestamptz NOT NULL DEFAULT now(),
    accepted     boolean
);
CREATE UNIQUE INDEX offers_one_accepted ON offers (property_id) WHERE accepted;

CREATE TABLE saved_searches (
    search_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_email text NOT NULL,
    criteria    jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_searches_owner ON saved_searches (lower(owner_email)) INCLUDE (created_at);
