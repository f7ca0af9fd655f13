-- 040_comments_dropped: comments are removed from every kind of object.
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

COMMENT ON TYPE doc_status IS 'Review state of a document.';
COMMENT ON TABLE documents IS 'Documents under management.';
COMMENT ON COLUMN documents.owner IS 'Role that owns the document.';
COMMENT ON CONSTRAINT documents_title_check ON documents IS 'Titles may not be empty.';
COMMENT ON CONSTRAINT documents_pkey ON documents IS 'Surrogate key.';
COMMENT ON INDEX documents_owner_idx IS 'Owner look-ups from the UI.';
COMMENT ON VIEW final_documents IS 'Published documents only.';
COMMENT ON COLUMN final_documents.owner IS 'Copied from documents.owner.';
COMMENT ON MATERIALIZED VIEW documents_per_owner IS 'Refreshed hourly.';
COMMENT ON POLICY documents_owner ON documents IS 'Owners see their own documents.';
