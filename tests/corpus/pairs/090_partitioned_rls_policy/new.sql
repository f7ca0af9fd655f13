-- 090_partitioned_rls_policy: a partitioned tenant table: RLS forced on the parent, a policy changes, a partition is added.
-- This file is the state after the change.
DO $$ BEGIN CREATE ROLE metrics_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE usage_records (
    tenant_id   integer NOT NULL,
    day         date NOT NULL,
    metric      text NOT NULL,
    quantity    bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, metric)
) PARTITION BY RANGE (day);
CREATE TABLE usage_records_2025 PARTITION OF usage_records FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE usage_records_2026 PARTITION OF usage_records FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE usage_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_records FORCE ROW LEVEL SECURITY;
CREATE POLICY usage_tenant ON usage_records TO metrics_app
    USING (tenant_id = current_setting('app.tenant')::integer)
    WITH CHECK (tenant_id = current_setting('app.tenant')::integer AND quantity >= 0);
