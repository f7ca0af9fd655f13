-- 101_generated_expression_dropped: one generated column becomes a plain column that keeps its
-- values, another gets a new expression while an index and a check read it.
-- This file is the state after the change.
CREATE TABLE parcels (
    parcel_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    length_cm   integer NOT NULL,
    width_cm    integer NOT NULL,
    height_cm   integer NOT NULL,
    volume_cm3  bigint,
    girth_cm    integer GENERATED ALWAYS AS (length_cm + 2 * (width_cm + height_cm)) STORED,
    CONSTRAINT parcels_girth_limit CHECK (girth_cm < 400)
);
CREATE INDEX parcels_girth_idx ON parcels (girth_cm);
