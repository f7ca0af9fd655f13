-- 003_add_columns: posts get a slug (NOT NULL with a default), a view counter and a nullable summary.
-- This file is the state after the change.
CREATE TABLE authors (
    author_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    email      text NOT NULL UNIQUE
);

CREATE TABLE posts (
    post_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id  integer NOT NULL REFERENCES authors (author_id),
    title      text NOT NULL,
    body       text NOT NULL DEFAULT '',
    published  timestamptz,
    slug       text NOT NULL DEFAULT '',
    views      bigint NOT NULL DEFAULT 0,
    summary    varchar(280)
);
CREATE INDEX posts_author_idx ON posts (author_id);
