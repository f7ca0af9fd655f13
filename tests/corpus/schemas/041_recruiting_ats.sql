-- Applicant tracking SaaS: every tenant table is forced under RLS with a permissive
-- tenant policy and a restrictive GDPR-erasure policy; hiring managers only see
-- candidates of their requisitions.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

DO $$ BEGIN CREATE ROLE ats_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE ats_hiring_manager; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE companies (
    company_id  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    plan        text NOT NULL DEFAULT 'starter'
);

CREATE TABLE requisitions (
    requisition_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id     uuid NOT NULL REFERENCES companies (company_id) ON DELETE CASCADE,
    title          text NOT NULL,
    hiring_manager text NOT NULL,
    opened_on      date NOT NULL DEFAULT current_date,
    closed_on      date
);

CREATE TABLE candidates (
    candidate_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id   uuid NOT NULL REFERENCES companies (company_id) ON DELETE CASCADE,
    email        citext NOT NULL,
    full_name    text NOT NULL,
    erased_at    timestamptz,
    UNIQUE (company_id, email)
);

CREATE TABLE applications (
    application_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id     uuid NOT NULL REFERENCES companies (company_id) ON DELETE CASCADE,
    requisition_id uuid NOT NULL REFERENCES requisitions (requisition_id) ON DELETE CASCADE,
    candidate_id   uuid NOT NULL REFERENCES candidates (candidate_id) ON DELETE CASCADE,
    stage          text NOT NULL DEFAULT 'applied',
    applied_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT applications_once UNIQUE (requisition_id, candidate_id) DEFERRABLE
);

CREATE TABLE interviews (
    interview_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id     uuid NOT NULL REFERENCES companies (company_id) ON DELETE CASCADE,
    application_id uuid NOT NULL REFERENCES applications (application_id) ON DELETE CASCADE,
    interviewer    text NOT NULL,
    scheduled_at   timestamptz NOT NULL,
    scorecard      jsonb
);

CREATE TABLE offers (
    offer_id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id     uuid NOT NULL REFERENCES companies (company_id) ON DELETE CASCADE,
    application_id uuid NOT NULL UNIQUE REFERENCES applications (application_id),
    salary         numeric(12,2) NOT NULL,
    currency       char(3) NOT NULL,
    accepted       boolean
);

ALTER TABLE requisitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE requisitions FORCE ROW LEVEL SECURITY;
ALTER TABLE candidates ENABLE ROW LEVEL SECURITY;
ALTER TABLE candidates FORCE ROW LEVEL SECURITY;
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
ALTER TABLE applications FORCE ROW LEVEL SECURITY;
ALTER TABLE interviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE interviews FORCE ROW LEVEL SECURITY;
ALTER TABLE offers ENABLE ROW LEVEL SECURITY;
ALTER TABLE offers FORCE ROW LEVEL SECURITY;

CREATE POLICY requisitions_tenant ON requisitions TO ats_app, ats_hiring_manager
    USING (company_id = current_setting('ats.company')::uuid);
CREATE POLICY requisitions_manager ON requisitions AS RESTRICTIVE TO ats_hiring_manager
    USING (hiring_manager = current_user);
CREATE POLICY candidates_tenant ON candidates TO ats_app, ats_hiring_manager
    USING (company_id = current_setting('ats.company')::uuid);
CREATE POLICY candidates_not_erased ON candidates AS RESTRICTIVE FOR SELECT
    USING (erased_at IS NULL);
CREATE POLICY applications_tenant ON applications TO ats_app, ats_hiring_manager
    USING (company_id = current_setting('ats.company')::uuid);
CREATE POLICY applications_manager ON applications AS RESTRICTIVE TO ats_hiring_manager
    USING (requisition_id IN (SELECT requisition_id FROM requisitions));
CREATE POLICY interviews_tenant ON interviews TO ats_app
    USING (company_id = current_setting('ats.company')::uuid);
CREATE POLICY offers_tenant ON offers TO ats_app
    USING (company_id = current_setting('ats.company')::uuid)
    WITH CHECK (company_id = current_setting('ats.company')::uuid AND salary > 0);

CREATE VIEW pipeline WITH (security_invoker = true) AS
    SELECT a.company_id, r.title, a.stage, count(*) AS candidates
    FROM applications a JOIN requisitions r USING (requisition_id)
    GROUP BY a.company_id, r.title, a.stage;
COMMENT ON VIEW pipeline IS 'Runs with the caller''s RLS, so each manager sees their own requisitions.';
