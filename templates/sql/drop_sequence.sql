{#- A sequence owned by a column goes with its table or column; IF EXISTS makes this a no-op then. -#}
DROP SEQUENCE IF EXISTS {{ sequence.name | qualify }};
