DROP POLICY {{ policy.name | ident }} ON {{ table | qualify }};
