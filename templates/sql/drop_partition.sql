DROP TABLE {{ partition.name | qualify }};
