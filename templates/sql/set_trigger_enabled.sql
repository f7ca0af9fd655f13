ALTER TABLE {{ table | qualify }} {{ enabled | trigger_enabled }} TRIGGER {{ trigger | ident }};
