-- Orphan checks for the soft references of tier {{ tier | comment }} (database {{ database | comment }}).
-- PostgreSQL cannot enforce a reference into another database, so run these
-- periodically: step 1 here, step 2 in the referenced database with the keys
-- of step 1 bound to $1 as an array. Rows step 2 returns are orphans.
{% for c in checks %}

-- {{ c.table | comment }}({{ c.columns | join(", ") | comment }}) → {{ c.target_tier | comment }}.{{ c.target_table | comment }}({{ c.target_columns | join(", ") | comment }}) in database {{ c.target_database | comment }}
{% if c.columns | length == 1 %}
-- step 1, in database {{ database | comment }}:
SELECT array_agg(DISTINCT {{ c.columns[0] | ident }}) FROM {{ c.table | qualify }} WHERE {{ c.columns[0] | ident }} IS NOT NULL;
-- step 2, in database {{ c.target_database | comment }}:
SELECT k AS orphan FROM unnest($1::{{ c.column_type | sql }}[]) AS k
WHERE NOT EXISTS (SELECT 1 FROM {{ c.target_schema | ident }}.{{ c.target_table | ident }} t WHERE t.{{ c.target_columns[0] | ident }} = k);
{% else %}
-- step 1, in database {{ database | comment }}:
SELECT DISTINCT {{ c.columns | idents }} FROM {{ c.table | qualify }};
-- step 2: look each row up in {{ c.target_schema | comment }}.{{ c.target_table | comment }} of database {{ c.target_database | comment }}.
{% endif %}
{% endfor %}
