-- Lists every object of a kind schemac does not model yet, one line each, in the
-- format of the unmanaged/*.expect files (see README.md). Used by check.sh.
-- Objects that belong to an extension are left out (the extension is modelled).
-- Argument types are schema-qualified unless they live in pg_catalog.
set search_path = pg_catalog;
with usr as (
  select oid, nspname from pg_namespace
  where nspname !~ '^pg_' and nspname <> 'information_schema'
), ext as (
  -- members of an extension, and the constructors PostgreSQL makes for a range type
  select classid, objid from pg_depend where deptype = 'e'
  union all
  select classid, objid from pg_depend
  where deptype = 'i' and classid = 'pg_proc'::regclass and refclassid = 'pg_type'::regclass
), q as (
  select oid, quote_ident(nspname) as q from usr
), privs as (
  -- every ACL we look at, with the default it replaces
  select 'table' as kind, q.q || '.' || quote_ident(c.relname) as name, c.relacl as acl,
         acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner) as dflt,
         case when c.relkind = 'S' then 'sequence' else 'table' end as word
  from pg_class c join q on q.oid = c.relnamespace
  where c.relacl is not null and c.relkind in ('r','p','v','m','S','f')
    and not exists (select 1 from ext where ext.classid = 'pg_class'::regclass and ext.objid = c.oid)
    -- modelled: grants on tables, views, materialized views and standalone
    -- sequences; not: on partitions, foreign tables and sequences a column owns
    and (c.relispartition or c.relkind = 'f'
         or (c.relkind = 'S' and exists (
               select 1 from pg_depend d
               where d.classid = 'pg_class'::regclass and d.objid = c.oid
                 and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i'))))
  union all
  select 'routine', q.q || '.' || quote_ident(p.proname) || '(' ||
         coalesce((select string_agg(format_type(t, null), ', ' order by i)
                   from unnest(p.proargtypes::oid[]) with ordinality u(t, i)), '') || ')',
         p.proacl, acldefault('f', p.proowner),
         case p.prokind when 'p' then 'procedure' else 'function' end
  from pg_proc p join q on q.oid = p.pronamespace
  where p.proacl is not null
    and not exists (select 1 from ext where ext.classid = 'pg_proc'::regclass and ext.objid = p.oid)
    -- modelled: privileges on the functions and procedures that are
    and (p.prokind in ('a', 'w') or p.prosqlbody is not null
         or (select lanname from pg_language where oid = p.prolang) in ('c', 'internal'))

  union all
  select 'type', q.q || '.' || quote_ident(t.typname), t.typacl, acldefault('T', t.typowner),
         case t.typtype when 'd' then 'domain' else 'type' end
  from pg_type t join q on q.oid = t.typnamespace
  where t.typacl is not null
    and not exists (select 1 from ext where ext.classid = 'pg_type'::regclass and ext.objid = t.oid)
    -- modelled: privileges on enums and domains
    and t.typtype not in ('e', 'd')
), granted as (
  select p.word, p.name, a.grantee, a.privilege_type, a.is_grantable
  from privs p, aclexplode(p.acl) a
  except
  select p.word, p.name, a.grantee, a.privilege_type, a.is_grantable
  from privs p, aclexplode(p.dflt) a
), revoked as (
  select p.word, p.name, a.grantee, a.privilege_type, a.is_grantable
  from privs p, aclexplode(p.dflt) a
  except
  select p.word, p.name, a.grantee, a.privilege_type, a.is_grantable
  from privs p, aclexplode(p.acl) a
), full_set as (
  -- what ALL means for each object (the owner's default privileges), so that
  -- GRANT ALL reads the same on 15 and 17 (17 added MAINTAIN)
  select p.word, p.name, array_agg(a.privilege_type order by a.privilege_type) as privs
  from privs p, aclexplode(p.dflt) a
  where a.grantee = a.grantor
  group by 1, 2
), grouped as (
  select 'grant' as verb, g.word, g.name, g.grantee, g.is_grantable,
         array_agg(g.privilege_type order by g.privilege_type) as privs
  from granted g group by 1, 2, 3, 4, 5
  union all
  select 'revoke', r.word, r.name, r.grantee, r.is_grantable,
         array_agg(r.privilege_type order by r.privilege_type)
  from revoked r group by 1, 2, 3, 4, 5
), role_name as (
  select 0::oid as oid, 'PUBLIC' as name
  union all select oid, quote_ident(rolname) from pg_roles
)
select line from (
  select case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end
         || ' ' || q.q || '.' || quote_ident(p.proname) || '(' ||
         coalesce((select string_agg(format_type(t, null), ', ' order by i)
                   from unnest(p.proargtypes::oid[]) with ordinality u(t, i)), '') || ')' as line
  from pg_proc p join q on q.oid = p.pronamespace
  where not exists (select 1 from ext where ext.classid = 'pg_proc'::regclass and ext.objid = p.oid)
    -- functions and procedures are modelled; aggregates, window, C and
    -- SQL-standard (BEGIN ATOMIC) ones are not
    and (p.prokind in ('a', 'w') or p.prosqlbody is not null
         or (select lanname from pg_language where oid = p.prolang) in ('c', 'internal'))
  union all
  -- modelled: triggers on tables, partitioned tables (their clones on
  -- partitions come from the parent) and views; not: triggers declared on a
  -- partition itself and on foreign tables
  select 'trigger ' || q.q || '.' || quote_ident(c.relname) || '.' || quote_ident(t.tgname)
  from pg_trigger t join pg_class c on c.oid = t.tgrelid join q on q.oid = c.relnamespace
  where not t.tgisinternal and t.tgparentid = 0 and (c.relispartition or c.relkind not in ('r', 'p', 'v'))
  union all
  select 'rule ' || q.q || '.' || quote_ident(c.relname) || '.' || quote_ident(r.rulename)
  from pg_rewrite r join pg_class c on c.oid = r.ev_class join q on q.oid = c.relnamespace
  where r.rulename <> '_RETURN'
  union all
  select 'statistics ' || q.q || '.' || quote_ident(s.stxname)
  from pg_statistic_ext s join q on q.oid = s.stxnamespace
  union all
  select g.verb || ' ' ||
         case when g.privs = f.privs and cardinality(f.privs) > 1 then 'ALL' else array_to_string(g.privs, ', ') end ||
         ' on ' || g.word || ' ' || g.name ||
         case g.verb when 'grant' then ' to ' else ' from ' end || r.name ||
         case when g.is_grantable then ' with grant option' else '' end
  from grouped g join role_name r on r.oid = g.grantee
  left join full_set f on f.word = g.word and f.name = g.name
  union all
  -- column grants are modelled except on partitions
  select 'grant ' || string_agg(a.privilege_type, ', ' order by a.privilege_type)
         || ' (' || quote_ident(att.attname) || ') on table ' || q.q || '.' || quote_ident(c.relname)
         || ' to ' || r.name
  from pg_attribute att join pg_class c on c.oid = att.attrelid join q on q.oid = c.relnamespace,
       aclexplode(att.attacl) a join role_name r on r.oid = a.grantee
  where att.attacl is not null and c.relispartition
  group by q.q, c.relname, att.attname, r.name
) lines
order by line collate "C";
