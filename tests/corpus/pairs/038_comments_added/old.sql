-- 038_comments_added: comments are added to every kind of object: type, table, column, constraints, index, view, view column, materialized view, policy.
-- This file is the state before the change.
CREATE TYPE doc_status AS ENUM ('draft', 'final');

CREATE TABLE documents (
    doc_id      bigint GENERATED ALWAYS AS IDENTITY,
    title       text NOT NULL,
    status      doc_status NOT NULL DEFAULT 'draft',
    owner       text NOT NULL,
    CONSTRAINT documents_pkey PRIMARY KEY (doc_id),
    CONSTRAINT documents_title_check CHECK (title <> '')
);
CREATE INDEX documents_owner_idx ON documents (owner);

CREATE VIEW final_documents AS SELECT doc_id, title, owner FROM documents WHERE status = 'final';

CREATE MATERIALIZED VIEW documents_per_owner AS SELECT owner, count(*) AS n FROM documents GROUP BY owner;

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents USING (owner = current_user);
