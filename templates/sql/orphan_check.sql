-- Orphan checks for the soft references of tier {{ tier | comment }} (database {{ database | comment }}).
-- PostgreSQL cannot enforce a reference into another database, so run these
-- periodically: step 1 here; step 2 in the referenced database, binding the
-- arrays step 1 returns to $1, $2, … . Every row step 2 returns is an orphan.
{% for c in checks %}

-- {{ c.table | comment }}({{ c.columns | join(", ") | comment }}) → {{ c.target_tier | comment }}.{{ c.target_table | comment }}({{ c.target_columns | join(", ") | comment }}) in database {{ c.target_database | comment }}
-- step 1, in database {{ database | comment }}:
SELECT {% for col in c.columns %}array_agg({{ col | ident }}){% if not loop.last %}, {% endif %}{% endfor %}

FROM (SELECT DISTINCT {{ c.columns | idents }} FROM {{ c.table | qualify }} WHERE {% for col in c.columns %}{{ col | ident }} IS NOT NULL{% if not loop.last %} AND {% endif %}{% endfor %}) AS keys;
-- step 2, in database {{ c.target_database | comment }}:
SELECT k.* FROM unnest({% for t in c.column_types %}${{ loop.index | number }}::{{ t | sql }}[]{% if not loop.last %}, {% endif %}{% endfor %}) AS k({{ c.columns | idents }})
WHERE NOT EXISTS (SELECT 1 FROM {{ c.target_schema | ident }}.{{ c.target_table | ident }} AS t WHERE {% for col in c.target_columns %}t.{{ col | ident }} = k.{{ c.columns[loop.index0] | ident }}{% if not loop.last %} AND {% endif %}{% endfor %});
{% endfor %}
