-- 067_text_to_integer_using: a text column holding numbers becomes integer (needs USING); its text default is replaced.
-- This file is the state after the change.
CREATE TABLE parcels (
    parcel_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    weight_g    integer NOT NULL DEFAULT 0,
    zone        text NOT NULL,
    CONSTRAINT parcels_weight_positive CHECK (weight_g >= 0)
);
INSERT INTO parcels (weight_g, zone) VALUES (1250, 'A'), (80, 'B');
