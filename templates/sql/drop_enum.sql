DROP TYPE {{ enum.name | qualify }};
