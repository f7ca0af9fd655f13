DROP INDEX {% if concurrently %}CONCURRENTLY IF EXISTS {% endif %}{{ index.name | qualify }};
