-- undistribute_table rebuilds the table without its comments: they are kept
-- and put back, and so are its TOAST storage parameters (below).
DO $schemac$
DECLARE
    target text := {{ table | qualify | literal }};
    saved jsonb;
    kept record;
BEGIN
    SELECT jsonb_agg(jsonb_build_object('col', a.attname, 'txt', d.description)) INTO saved
      FROM pg_description d
      LEFT JOIN pg_attribute a ON a.attrelid = d.objoid AND a.attnum = d.objsubid AND d.objsubid > 0
     WHERE d.classoid = 'pg_class'::regclass AND d.objoid = target::regclass;
    PERFORM undistribute_table(target::regclass);
    FOR kept IN SELECT * FROM jsonb_to_recordset(coalesce(saved, '[]')) AS x(col text, txt text) LOOP
        IF kept.col IS NULL THEN
            EXECUTE format('COMMENT ON TABLE %s IS %L', target, kept.txt);
        ELSE
            EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', target, kept.col, kept.txt);
        END IF;
    END LOOP;
END
$schemac$;
{% for relation, options in toast | default([]) %}
ALTER TABLE {{ relation | qualify }} SET ({% for k, v in options %}{{ k | option_name }} = {{ v | literal }}{% if not loop.last %}, {% endif %}{% endfor %});
{% endfor %}
