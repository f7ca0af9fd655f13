-- 001_add_table: a blog gains a comments table with a foreign key and index.
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

CREATE TABLE comments (
    comment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id    bigint NOT NULL REFERENCES posts (post_id) ON DELETE CASCADE,
    author     text NOT NULL,
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_post_idx ON comments (post_id, created_at);
