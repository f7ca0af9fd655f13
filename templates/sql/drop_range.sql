DROP TYPE {{ range.name | qualify }};
