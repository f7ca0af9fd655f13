{% if not rewrite %}
-- no rewrite: {{ from | coltype }} → {{ to | coltype }} is binary-compatible; the lock is held only for the catalog change
{% endif %}
ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column | ident }} TYPE {{ to | coltype }} USING {{ column | ident }}::{{ to | coltype }};
