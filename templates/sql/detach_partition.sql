ALTER TABLE {{ parent | qualify }} DETACH PARTITION {{ partition.name | qualify }};
