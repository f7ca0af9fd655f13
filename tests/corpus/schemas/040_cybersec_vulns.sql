-- Vulnerability management: assets, scanner findings and exceptions; a
-- security_barrier view for business-unit owners, a security_invoker one for the
-- dashboard, an enum with many labels.
CREATE TYPE finding_severity AS ENUM ('info', 'low', 'medium', 'high', 'critical');
CREATE TYPE finding_state AS ENUM ('new', 'triaged', 'in_progress', 'risk_accepted', 'false_positive', 'fixed', 'reopened');
COMMENT ON TYPE finding_state IS 'Workflow states; reopened findings return to triage.';

CREATE TABLE business_units (
    bu_code     text PRIMARY KEY,
    owner_role  name NOT NULL
);

CREATE TABLE assets (
    asset_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bu_code     text NOT NULL REFERENCES business_units (bu_code),
    hostname    text NOT NULL,
    ip          inet,
    os          text,
    internet_facing boolean NOT NULL DEFAULT false,
    UNIQUE (bu_code, hostname)
);
CREATE INDEX assets_ip_idx ON assets USING gist (ip inet_ops);

CREATE TABLE cves (
    cve_id      text PRIMARY KEY CHECK (cve_id ~ '^CVE-[0-9]{4}-[0-9]{4,}$'),
    cvss        numeric(3,1) CHECK (cvss BETWEEN 0 AND 10),
    published   date,
    summary     text
);

CREATE TABLE findings (
    finding_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_id    bigint NOT NULL REFERENCES assets (asset_id) ON DELETE CASCADE,
    cve_id      text REFERENCES cves (cve_id),
    scanner     text NOT NULL,
    severity    finding_severity NOT NULL,
    state       finding_state NOT NULL DEFAULT 'new',
    first_seen  timestamptz NOT NULL DEFAULT now(),
    last_seen   timestamptz NOT NULL DEFAULT now(),
    port        integer CHECK (port BETWEEN 0 AND 65535)
);
CREATE INDEX findings_open_sev_idx ON findings (severity DESC, first_seen)
    WHERE state NOT IN ('fixed', 'false_positive');

CREATE TABLE risk_exceptions (
    exception_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id   bigint NOT NULL REFERENCES findings (finding_id) ON DELETE CASCADE,
    approved_by  text NOT NULL,
    expires_on   date NOT NULL,
    rationale    text NOT NULL
);

CREATE VIEW bu_findings WITH (security_barrier) AS
    SELECT f.finding_id, a.bu_code, a.hostname, f.cve_id, f.severity, f.state, f.first_seen
    FROM findings f JOIN assets a USING (asset_id)
    JOIN business_units b USING (bu_code)
    WHERE pg_has_role(current_user, b.owner_role, 'member');

CREATE VIEW dashboard_counts WITH (security_invoker = on, security_barrier = off) AS
    SELECT a.bu_code, f.severity, count(*) AS open_findings
    FROM findings f JOIN assets a USING (asset_id)
    WHERE f.state NOT IN ('fixed', 'false_positive')
    GROUP BY a.bu_code, f.severity;
COMMENT ON VIEW dashboard_counts IS 'Counts respect the caller''s RLS and grants.';
