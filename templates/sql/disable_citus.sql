DO $schemac$
BEGIN
    EXECUTE format('ALTER DATABASE %I RESET citus.propagate_set_commands', current_database());
END
$schemac$;
