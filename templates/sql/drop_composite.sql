DROP TYPE {{ composite.name | qualify }};
