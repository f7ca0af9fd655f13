{#- Rewrites the table (and writes it all to the WAL when it becomes logged). -#}
ALTER TABLE {{ table | qualify }} SET {% if logged %}LOGGED{% else %}UNLOGGED{% endif %};
