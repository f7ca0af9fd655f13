ALTER SEQUENCE {{ name | qualify }} OWNED BY {% if owned_by %}{{ owned_by[0] | qualify }}.{{ owned_by[1] | ident }}{% else %}NONE{% endif %};
{% if owned_by %}{#- A sequence taking over a column continues from the value the one before reached in this transaction. #}
SELECT pg_catalog.setval({{ name | qualify | literal }}::regclass, v.n) FROM (SELECT ((NULLIF(pg_catalog.current_setting('schemac.sequence_values', true), '')::jsonb) ->> ({{ owned_by[0] | qualify | literal }} || '.' || {{ owned_by[1] | literal }}))::bigint AS n) AS v WHERE v.n IS NOT NULL;
{% endif %}