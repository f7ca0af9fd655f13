-- A signup API in public: SECURITY DEFINER functions owned by a role that
-- may write the accounts tables, callable only by the web role; overloads
-- of one name carry different privileges.
DO $$ BEGIN CREATE ROLE signup_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE web_anon; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE web_user; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE accounts (
    account_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    verified   boolean NOT NULL DEFAULT false
);

CREATE TABLE verification_tokens (
    token      text PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (account_id),
    expires_at timestamptz NOT NULL
);

CREATE TABLE audit_events (
    event_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint REFERENCES accounts (account_id),
    action     text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION sign_up(p_email text) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  INSERT INTO public.accounts (email) VALUES (lower(p_email)) RETURNING account_id
$$;

CREATE FUNCTION verify(p_token text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_account bigint;
BEGIN
  DELETE FROM public.verification_tokens
  WHERE token = p_token AND expires_at > now()
  RETURNING account_id INTO v_account;
  IF v_account IS NULL THEN
    RETURN false;
  END IF;
  UPDATE public.accounts SET verified = true WHERE account_id = v_account;
  RETURN true;
END
$$;

CREATE FUNCTION log_event(p_action text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  INSERT INTO public.audit_events (action) VALUES (p_action)
$$;

CREATE FUNCTION log_event(p_account bigint, p_action text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  INSERT INTO public.audit_events (account_id, action) VALUES (p_account, p_action)
$$;

ALTER FUNCTION sign_up(text) OWNER TO signup_owner;
ALTER FUNCTION verify(text) OWNER TO signup_owner;
ALTER FUNCTION log_event(text) OWNER TO signup_owner;
ALTER FUNCTION log_event(bigint, text) OWNER TO signup_owner;

REVOKE EXECUTE ON FUNCTION sign_up(text), verify(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION log_event(text), log_event(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sign_up(text), verify(text) TO web_anon;
GRANT EXECUTE ON FUNCTION log_event(text) TO web_anon, web_user;
GRANT EXECUTE ON FUNCTION log_event(bigint, text) TO web_user;
