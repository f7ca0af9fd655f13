ALTER TABLE {{ table | qualify }} INHERIT {{ parent | qualify }};
