-- 156_domain_dropped: the last column of a domain goes back to plain text and the domain is dropped.
-- This file is the state before the change.
CREATE DOMAIN hex_colour AS text CONSTRAINT hex_colour_shape CHECK (VALUE ~ '^#[0-9a-f]{6}$');

CREATE TABLE labels (
    label_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    colour      hex_colour NOT NULL
);
INSERT INTO labels (name, colour) VALUES ('bug', '#d73a4a'), ('docs', '#0075ca');
