-- 077_table_storage_options: table storage options are tuned: fillfactor, autovacuum and toast settings added, changed and reset.
-- This file is the state after the change.
CREATE TABLE counters (
    name        text PRIMARY KEY,
    value       bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 50, autovacuum_vacuum_cost_delay = 0);

CREATE TABLE documents (
    doc_id      bigint PRIMARY KEY,
    body        text NOT NULL
);

CREATE TABLE imports (
    line        bigint NOT NULL,
    raw         text
) WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
