-- schema: crm
-- CRM lead scoring: SQL and PL/pgSQL functions with defaults, OUT arguments,
-- a set-returning TABLE function, an overload, SET options and comments; a
-- policy and a column default call them.
CREATE SCHEMA crm;

CREATE TABLE crm.accounts (
    account_id uuid PRIMARY KEY,
    name       text NOT NULL
);

CREATE TABLE crm.leads (
    lead_id    uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES crm.accounts (account_id),
    status     text NOT NULL DEFAULT 'new',
    score      integer NOT NULL DEFAULT 0,
    visits     integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION crm.clamp_score(p_raw integer, p_max integer DEFAULT 100) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT greatest(0, least(p_raw, p_max))
$$;

CREATE FUNCTION crm.clamp_score(p_raw numeric) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT greatest(0, least(round(p_raw)::integer, 100)) $$;

CREATE FUNCTION crm.score_lead(p_lead uuid, p_weight integer DEFAULT 1) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT crm.clamp_score(l.visits * p_weight) FROM crm.leads l WHERE l.lead_id = p_lead
$$;

COMMENT ON FUNCTION crm.score_lead(uuid, integer) IS 'Engagement score of one lead, 0-100';

CREATE FUNCTION crm.top_leads(p_limit integer DEFAULT 10)
RETURNS TABLE(lead_id uuid, score integer)
LANGUAGE sql STABLE ROWS 10 AS $$
  SELECT l.lead_id, l.score FROM crm.leads l ORDER BY l.score DESC LIMIT p_limit
$$;

CREATE FUNCTION crm.lead_counts(p_account uuid, OUT total bigint, OUT open bigint)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, crm SET work_mem = '8MB' AS $$
BEGIN
  SELECT count(*), count(*) FILTER (WHERE status <> 'closed')
    INTO total, open
    FROM crm.leads WHERE account_id = p_account;
END
$$;

CREATE FUNCTION crm.new_status() RETURNS text
LANGUAGE sql IMMUTABLE COST 5 AS $$SELECT 'new'::text$$;

CREATE FUNCTION crm.is_hot(p_score integer) RETURNS boolean
LANGUAGE sql IMMUTABLE LEAKPROOF AS $$ SELECT p_score >= 80 $$;

ALTER TABLE crm.accounts ADD COLUMN default_status text NOT NULL DEFAULT crm.new_status();
ALTER TABLE crm.leads ENABLE ROW LEVEL SECURITY;
CREATE POLICY hot_only ON crm.leads FOR SELECT USING (crm.is_hot(score));

CREATE PROCEDURE crm.archive_closed(p_before timestamptz)
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM crm.leads WHERE status = 'closed' AND created_at < p_before;
END
$$;
