-- schema: app_public
-- also: app_private
-- PostGraphile-style split: the API's tables in app_public, secrets and the
-- SECURITY DEFINER helpers the public policies call in app_private, with an
-- overloaded private helper, a private procedure and a grant on a helper.
DO $$ BEGIN CREATE ROLE app_visitor; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app_public;
CREATE SCHEMA app_private;

CREATE TABLE app_public.users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE,
  is_admin boolean NOT NULL DEFAULT false
);
CREATE TABLE app_private.user_secrets (
  user_id bigint PRIMARY KEY REFERENCES app_public.users (id) ON DELETE CASCADE,
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0
);
CREATE TABLE app_public.posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES app_public.users (id),
  body text NOT NULL
);

CREATE FUNCTION app_private.current_user_id() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT nullif(current_setting('jwt.claims.user_id', true), '')::bigint
$$;
CREATE FUNCTION app_private.is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT coalesce((SELECT u.is_admin FROM app_public.users u
                   WHERE u.id = app_private.current_user_id()), false)
$$;
CREATE FUNCTION app_private.can_edit(p_author bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT p_author = app_private.current_user_id() OR app_private.is_admin()
$$;
CREATE FUNCTION app_private.can_edit(p_author bigint, p_post bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT app_private.can_edit(p_author) AND p_post > 0
$$;
CREATE PROCEDURE app_private.reset_failed_logins(p_user bigint)
LANGUAGE sql AS $$
  UPDATE app_private.user_secrets SET failed_logins = 0 WHERE user_id = p_user
$$;
COMMENT ON FUNCTION app_private.is_admin() IS 'Whether the caller is an administrator';
REVOKE EXECUTE ON FUNCTION app_private.is_admin() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_private.is_admin() TO app_visitor;

ALTER TABLE app_public.posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY posts_select ON app_public.posts FOR SELECT USING (true);
CREATE POLICY posts_update ON app_public.posts FOR UPDATE
  USING (app_private.can_edit(author_id));
CREATE POLICY posts_delete ON app_public.posts FOR DELETE
  USING (app_private.can_edit(author_id, id));
