DROP TABLE {{ table.name | qualify }};
