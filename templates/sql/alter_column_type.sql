ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column | ident }} TYPE {{ to | coltype }} USING {{ column | ident }}::{{ to | coltype }};
