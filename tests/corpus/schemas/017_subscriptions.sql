-- Subscription box service: uuid-ossp keys, ENABLE + FORCE RLS with a permissive
-- tenant policy plus a restrictive "not deleted" policy on every table.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

DO $$ BEGIN CREATE ROLE box_api; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE plan_tier AS ENUM ('trial', 'basic', 'plus', 'family');
CREATE TYPE shipment_state AS ENUM ('pending', 'packed', 'shipped', 'returned');

CREATE TABLE brands (
    id         uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    name       text NOT NULL UNIQUE
);

CREATE TABLE members (
    id         uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    brand_id   uuid NOT NULL REFERENCES brands (id),
    email      text NOT NULL,
    tier       plan_tier NOT NULL DEFAULT 'trial',
    deleted_at timestamptz,
    UNIQUE (brand_id, email)
);

CREATE TABLE addresses (
    id         uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    brand_id   uuid NOT NULL REFERENCES brands (id),
    member_id  uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    line1      text NOT NULL,
    postcode   text NOT NULL,
    country    char(2) NOT NULL,
    deleted_at timestamptz
);

CREATE TABLE boxes (
    id         uuid PRIMARY KEY DEFAULT uuid_generate_v1mc(),
    brand_id   uuid NOT NULL REFERENCES brands (id),
    member_id  uuid NOT NULL REFERENCES members (id),
    address_id uuid NOT NULL REFERENCES addresses (id),
    month      date NOT NULL CHECK (extract(day FROM month) = 1),
    state      shipment_state NOT NULL DEFAULT 'pending',
    deleted_at timestamptz,
    UNIQUE (member_id, month)
);

CREATE TABLE skips (
    brand_id   uuid NOT NULL REFERENCES brands (id),
    member_id  uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    month      date NOT NULL,
    deleted_at timestamptz,
    PRIMARY KEY (member_id, month)
);

ALTER TABLE members ENABLE ROW LEVEL SECURITY;
ALTER TABLE members FORCE ROW LEVEL SECURITY;
ALTER TABLE addresses ENABLE ROW LEVEL SECURITY;
ALTER TABLE addresses FORCE ROW LEVEL SECURITY;
ALTER TABLE boxes ENABLE ROW LEVEL SECURITY;
ALTER TABLE boxes FORCE ROW LEVEL SECURITY;
ALTER TABLE skips ENABLE ROW LEVEL SECURITY;
ALTER TABLE skips FORCE ROW LEVEL SECURITY;

CREATE POLICY members_brand ON members TO box_api USING (brand_id = current_setting('box.brand')::uuid);
CREATE POLICY members_live ON members AS RESTRICTIVE TO box_api USING (deleted_at IS NULL);
CREATE POLICY addresses_brand ON addresses TO box_api USING (brand_id = current_setting('box.brand')::uuid);
CREATE POLICY addresses_live ON addresses AS RESTRICTIVE TO box_api USING (deleted_at IS NULL);
CREATE POLICY boxes_brand ON boxes TO box_api USING (brand_id = current_setting('box.brand')::uuid);
CREATE POLICY boxes_live ON boxes AS RESTRICTIVE TO box_api USING (deleted_at IS NULL);
CREATE POLICY skips_brand ON skips TO box_api USING (brand_id = current_setting('box.brand')::uuid);
CREATE POLICY skips_live ON skips AS RESTRICTIVE TO box_api USING (deleted_at IS NULL);
