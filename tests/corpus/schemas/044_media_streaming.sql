-- Video streaming catalogue: materialized views for the home page with their own
-- storage options and indexes, views with check options for the content team,
-- trigram title search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE titles (
    title_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('movie', 'series')),
    name         text NOT NULL,
    release_year smallint,
    maturity     text NOT NULL DEFAULT 'PG',
    available    boolean NOT NULL DEFAULT false
);
CREATE INDEX titles_name_trgm ON titles USING gin (name gin_trgm_ops);

CREATE TABLE episodes (
    episode_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title_id     integer NOT NULL REFERENCES titles (title_id) ON DELETE CASCADE,
    season       smallint NOT NULL,
    number       smallint NOT NULL,
    runtime_s    integer NOT NULL,
    UNIQUE (title_id, season, number)
);

CREATE TABLE genres (
    genre        text PRIMARY KEY
);

CREATE TABLE title_genres (
    title_id     integer NOT NULL REFERENCES titles (title_id) ON DELETE CASCADE,
    genre        text NOT NULL REFERENCES genres (genre) ON UPDATE CASCADE,
    PRIMARY KEY (title_id, genre)
);

CREATE TABLE profiles (
    profile_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL,
    name         text NOT NULL,
    kids         boolean NOT NULL DEFAULT false
);

CREATE TABLE plays (
    profile_id   bigint NOT NULL REFERENCES profiles (profile_id) ON DELETE CASCADE,
    title_id     integer NOT NULL REFERENCES titles (title_id),
    episode_id   integer REFERENCES episodes (episode_id),
    started_at   timestamptz NOT NULL,
    seconds      integer NOT NULL DEFAULT 0
);
CREATE INDEX plays_profile_recent ON plays (profile_id, started_at DESC);

CREATE MATERIALIZED VIEW trending_titles WITH (fillfactor = 100, autovacuum_enabled = false) AS
    SELECT p.title_id, count(*) AS plays_7d, count(DISTINCT p.profile_id) AS viewers_7d
    FROM plays p
    WHERE p.started_at > '2025-01-01'::timestamptz
    GROUP BY p.title_id;
CREATE UNIQUE INDEX trending_titles_pk ON trending_titles (title_id);
CREATE INDEX trending_titles_rank ON trending_titles (plays_7d DESC) INCLUDE (viewers_7d);

CREATE MATERIALIZED VIEW genre_counts AS
    SELECT genre, count(*) AS titles FROM title_genres GROUP BY genre;
CREATE UNIQUE INDEX genre_counts_pk ON genre_counts (genre);

CREATE VIEW kids_catalogue AS
    SELECT title_id, kind, name, release_year, maturity, available
    FROM titles WHERE maturity IN ('G', 'PG')
    WITH CASCADED CHECK OPTION;
CREATE VIEW kids_movies AS
    SELECT title_id, kind, name, release_year, maturity, available
    FROM kids_catalogue WHERE kind = 'movie'
    WITH LOCAL CHECK OPTION;
