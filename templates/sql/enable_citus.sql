-- The tenant policy is evaluated on the workers, which see the tenant a
-- transaction set (SET LOCAL) only when the session propagates it.
DO $schemac$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION 'database % is not a Citus coordinator (no citus extension)', current_database()
            USING HINT = 'CREATE EXTENSION citus on the coordinator and every worker, then add the workers with citus_add_node';
    END IF;
    EXECUTE format('ALTER DATABASE %I SET citus.propagate_set_commands = %L', current_database(), 'local');
END
$schemac$;
