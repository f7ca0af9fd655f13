-- 021_identity_removed: an identity column stops generating values (ids now come from the upstream system).
-- This file is the state after the change.
CREATE TABLE partners (
    partner_id  integer PRIMARY KEY,
    name        text NOT NULL,
    api_key     uuid NOT NULL UNIQUE
);

CREATE TABLE partner_contacts (
    partner_id  integer NOT NULL REFERENCES partners (partner_id) ON DELETE CASCADE,
    email       text NOT NULL,
    PRIMARY KEY (partner_id, email)
);
