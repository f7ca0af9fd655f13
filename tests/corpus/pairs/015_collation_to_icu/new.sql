-- 015_collation_to_icu: artist names sort with an ICU collation; the index on them is rebuilt.
-- This file is the state after the change.
CREATE TABLE artists (
    artist_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    sort_name   text COLLATE "und-x-icu" NOT NULL,
    country     char(2),
    isni        text
);
CREATE INDEX artists_sort_name_idx ON artists (sort_name);

CREATE TABLE releases (
    release_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    artist_id   integer NOT NULL REFERENCES artists (artist_id),
    title       text COLLATE "en-x-icu" NOT NULL,
    catalog_no  text
);
