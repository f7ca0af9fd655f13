-- 101_generated_expression_dropped: one generated column becomes a plain column that keeps its
-- values, another gets a new expression while an index and a check read it.
-- This file is the state before the change.
CREATE TABLE parcels (
    parcel_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    length_cm   integer NOT NULL,
    width_cm    integer NOT NULL,
    height_cm   integer NOT NULL,
    volume_cm3  bigint GENERATED ALWAYS AS (length_cm::bigint * width_cm * height_cm) STORED,
    girth_cm    integer GENERATED ALWAYS AS (2 * (width_cm + height_cm)) STORED,
    CONSTRAINT parcels_girth_limit CHECK (girth_cm < 400)
);
CREATE INDEX parcels_girth_idx ON parcels (girth_cm);
INSERT INTO parcels (length_cm, width_cm, height_cm) VALUES (40, 30, 20), (120, 50, 50);
