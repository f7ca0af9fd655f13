-- Property listings keeping updated_at current with one shared trigger
-- function (the update_updated_at_column() idiom): BEFORE UPDATE row
-- triggers on every table, one of them only when something really changed.
CREATE TABLE agents (
    agent_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name  text NOT NULL,
    email      text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE listings (
    listing_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id   bigint NOT NULL REFERENCES agents (agent_id),
    address    text NOT NULL,
    price      numeric(12,2) NOT NULL CHECK (price > 0),
    status     text NOT NULL DEFAULT 'draft',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE viewings (
    viewing_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id bigint NOT NULL REFERENCES listings (listing_id) ON DELETE CASCADE,
    starts_at  timestamptz NOT NULL,
    notes      text,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION update_updated_at_column() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION update_updated_at_column() IS 'Sets updated_at on every UPDATE.';

CREATE TRIGGER agents_updated_at BEFORE UPDATE ON agents
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER listings_updated_at BEFORE UPDATE ON listings
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER viewings_updated_at BEFORE UPDATE ON viewings
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
COMMENT ON TRIGGER listings_updated_at ON listings IS 'Skips no-op updates from the sync job.';
