{#- Same type, other collation: no rewrite, but indexes on the column are rebuilt. -#}
ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column | ident }} TYPE {{ ty | coltype }} COLLATE {% if collation %}{{ collation | ident }}{% else %}"default"{% endif %};
