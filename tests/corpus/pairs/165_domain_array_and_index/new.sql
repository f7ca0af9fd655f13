-- 165_domain_array_and_index: an array column of text becomes an array of a new domain; a domain collation is used by an index.
-- This file is the state after the change.
CREATE DOMAIN tag AS text CONSTRAINT tag_lower CHECK (VALUE = lower(VALUE));
CREATE DOMAIN post_code AS text COLLATE "C";

CREATE TABLE posts (
    post_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tags        tag[] NOT NULL DEFAULT '{}',
    code        post_code NOT NULL
);
CREATE UNIQUE INDEX posts_code_key ON posts (code);
INSERT INTO posts (tags, code) VALUES ('{rust,sql}', 'p1'), ('{}', 'p2');
