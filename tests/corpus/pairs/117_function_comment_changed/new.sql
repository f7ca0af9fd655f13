-- 117_function_comment_changed: functions gain and lose comments.
-- This file is the state after the change.
CREATE TABLE accounts (
    account_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    plan       text NOT NULL DEFAULT 'free'
);

CREATE TABLE leads (
    lead_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (account_id),
    status     text NOT NULL DEFAULT 'new',
    visits     integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION lead_age_days(p_created timestamptz) RETURNS integer
LANGUAGE sql STABLE AS $$SELECT (current_date - p_created::date)$$;
COMMENT ON FUNCTION lead_age_days(timestamp with time zone) IS 'Whole days since the lead came in';

CREATE FUNCTION plan_rank(p_plan text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$SELECT CASE p_plan WHEN 'free' THEN 0 ELSE 1 END$$;
