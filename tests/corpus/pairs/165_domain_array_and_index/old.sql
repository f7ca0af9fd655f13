-- 165_domain_array_and_index: an array column of text becomes an array of a new domain; a domain collation is used by an index.
-- This file is the state before the change.
CREATE TABLE posts (
    post_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tags        text[] NOT NULL DEFAULT '{}',
    code        text NOT NULL
);
INSERT INTO posts (tags, code) VALUES ('{rust,sql}', 'p1'), ('{}', 'p2');
