-- 077_table_storage_options: table storage options are tuned: fillfactor, autovacuum and toast settings added, changed and reset.
-- This file is the state before the change.
CREATE TABLE counters (
    name        text PRIMARY KEY,
    value       bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 90);

CREATE TABLE documents (
    doc_id      bigint PRIMARY KEY,
    body        text NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.2, toast.autovacuum_enabled = false);

CREATE TABLE imports (
    line        bigint NOT NULL,
    raw         text
);
