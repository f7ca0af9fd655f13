-- Law-firm document management with a compliance requirement that every object be
-- documented: comments on types, tables, columns, constraints, indexes, views,
-- view columns and policies.
DO $$ BEGIN CREATE ROLE paralegal; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE privilege_level AS ENUM ('public', 'confidential', 'privileged', 'sealed');
COMMENT ON TYPE privilege_level IS 'Attorney-client privilege classification.';

CREATE TABLE matters (
    matter_no   text PRIMARY KEY,
    client      text NOT NULL,
    opened_on   date NOT NULL,
    closed_on   date,
    CONSTRAINT matters_closed_after_open CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
COMMENT ON TABLE matters IS 'A legal matter (case or engagement).';
COMMENT ON COLUMN matters.matter_no IS 'Firm-wide matter number, e.g. 2024-0117.';
COMMENT ON CONSTRAINT matters_closed_after_open ON matters IS 'Closing date cannot precede opening.';

CREATE TABLE documents (
    doc_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    matter_no   text NOT NULL REFERENCES matters (matter_no),
    title       text NOT NULL,
    level       privilege_level NOT NULL DEFAULT 'confidential',
    filed_on    date,
    storage_key text NOT NULL,
    CONSTRAINT documents_storage_key_key UNIQUE (storage_key)
);
COMMENT ON TABLE documents IS 'Every document held for a matter.';
COMMENT ON COLUMN documents.level IS 'Sealed documents are visible to partners only.';
COMMENT ON COLUMN documents.storage_key IS 'Object-store key; never reused.';
COMMENT ON CONSTRAINT documents_storage_key_key ON documents IS 'Storage keys are unique across matters.';
CREATE INDEX documents_matter_filed_idx ON documents (matter_no, filed_on DESC);
COMMENT ON INDEX documents_matter_filed_idx IS 'Docket view: newest filings per matter.';

CREATE TABLE document_versions (
    doc_id      bigint NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    version     integer NOT NULL,
    checksum    bytea NOT NULL,
    uploaded_by text NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT document_versions_pkey PRIMARY KEY (doc_id, version)
);
COMMENT ON TABLE document_versions IS 'Immutable versions of a document.';
COMMENT ON CONSTRAINT document_versions_pkey ON document_versions IS 'One row per version number.';
COMMENT ON INDEX document_versions_pkey IS 'Backs the primary key.';

CREATE TABLE holds (
    hold_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    matter_no   text NOT NULL REFERENCES matters (matter_no),
    issued_on   date NOT NULL,
    released_on date
);
COMMENT ON TABLE holds IS 'Litigation holds: documents may not be destroyed while one is active.';

CREATE TABLE access_log (
    doc_id      bigint NOT NULL REFERENCES documents (doc_id),
    reader      text NOT NULL,
    read_at     timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN access_log.reader IS 'Database role of the reader.';

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_not_sealed ON documents FOR SELECT TO paralegal USING (level <> 'sealed');
COMMENT ON POLICY documents_not_sealed ON documents IS 'Paralegals never see sealed documents.';

CREATE VIEW active_holds AS
    SELECT h.hold_id, h.matter_no, m.client, h.issued_on
    FROM holds h JOIN matters m USING (matter_no)
    WHERE h.released_on IS NULL;
COMMENT ON VIEW active_holds IS 'Holds in force today.';
COMMENT ON COLUMN active_holds.client IS 'Client of the matter under hold.';
