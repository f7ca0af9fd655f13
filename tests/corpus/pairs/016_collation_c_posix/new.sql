-- 016_collation_c_posix: identifier-like columns switch between "C", "POSIX" and the default collation.
-- This file is the state after the change.
CREATE TABLE artists (
    artist_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    sort_name   text NOT NULL,
    country     char(2) COLLATE "POSIX",
    isni        text COLLATE "C"
);
CREATE INDEX artists_sort_name_idx ON artists (sort_name);

CREATE TABLE releases (
    release_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    artist_id   integer NOT NULL REFERENCES artists (artist_id),
    title       text NOT NULL,
    catalog_no  text
);
