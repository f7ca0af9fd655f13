DROP TRIGGER {{ trigger.name | ident }} ON {{ table | qualify }};
