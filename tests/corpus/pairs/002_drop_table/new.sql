-- 002_drop_table: a retired feature: the post_likes table is dropped.
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
    published  timestamptz
);
CREATE INDEX posts_author_idx ON posts (author_id);
