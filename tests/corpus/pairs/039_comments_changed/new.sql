-- 039_comments_changed: every comment is reworded (quotes and non-ASCII included).
-- This file is the state after the change.
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

COMMENT ON TYPE doc_status IS 'Review state; ''final'' is immutable.';
COMMENT ON TABLE documents IS 'Documents under management — see the retention policy.';
COMMENT ON COLUMN documents.owner IS 'Database role that owns the document.';
COMMENT ON CONSTRAINT documents_title_check ON documents IS 'Titles may not be the empty string.';
COMMENT ON CONSTRAINT documents_pkey ON documents IS 'Surrogate key from an identity column.';
COMMENT ON INDEX documents_owner_idx IS 'Owner look-ups from the "My documents" page.';
COMMENT ON VIEW final_documents IS 'Final documents only.';
COMMENT ON COLUMN final_documents.owner IS 'Same as documents.owner.';
COMMENT ON MATERIALIZED VIEW documents_per_owner IS 'Refreshed every 15 minutes.';
COMMENT ON POLICY documents_owner ON documents IS 'Owners see only their own documents.';
