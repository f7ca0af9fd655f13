-- 156_domain_dropped: the last column of a domain goes back to plain text and the domain is dropped.
-- This file is the state after the change.
CREATE TABLE labels (
    label_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    colour      text NOT NULL
);
INSERT INTO labels (name, colour) VALUES ('bug', '#d73a4a'), ('docs', '#0075ca');
