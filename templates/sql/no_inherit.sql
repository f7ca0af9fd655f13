ALTER TABLE {{ table | qualify }} NO INHERIT {{ parent | qualify }};
