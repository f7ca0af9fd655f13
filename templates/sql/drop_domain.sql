DROP DOMAIN {{ domain.name | qualify }};
