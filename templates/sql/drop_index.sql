DROP INDEX {% if concurrently %}CONCURRENTLY {% endif %}{{ index.name | qualify }};
