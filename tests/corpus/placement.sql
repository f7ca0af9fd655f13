-- Lists what breaks the file's schema line (README.md): objects outside the target
-- schema, schemas other than the target, a target schema the file did not create.
-- Used by check.sh with -v target=<schema> -v also=<schema>,<schema> (empty: none).
select line from (
  select 'extra schema ' || quote_ident(nspname) as line
  from pg_namespace
  where nspname !~ '^pg_' and nspname not in ('information_schema', 'public', :'target')
    and nspname <> all (string_to_array(:'also', ','))
  union all
  select 'schema ' || quote_ident(:'target') || ' was not created'
  where not exists (select 1 from pg_namespace where nspname = :'target')
  union all
  select 'schema ' || quote_ident(a) || ' (also:) was not created'
  from unnest(string_to_array(:'also', ',')) a
  where not exists (select 1 from pg_namespace where nspname = a)
  union all
  select 'in public: ' || kind || ' ' || quote_ident(name) from (
    select 'relation' as kind, relname as name from pg_class where relnamespace = 'public'::regnamespace
    union all
    select 'type', typname from pg_type t
    where typnamespace = 'public'::regnamespace and typelem = 0 and typrelid = 0
    union all
    select 'routine', proname from pg_proc where pronamespace = 'public'::regnamespace
    union all
    select 'extension', extname from pg_extension where extnamespace = 'public'::regnamespace
  ) o
  where :'target' <> 'public'
) v
order by line collate "C";
