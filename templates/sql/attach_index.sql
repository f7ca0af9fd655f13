ALTER INDEX {{ parent | qualify }} ATTACH PARTITION {{ child | qualify }};
