//! Catalog queries, one per kind of object, each over a whole schema at once
//! (`$1` is the schema name) so introspection costs a fixed number of round
//! trips however many tables there are. Text is printed by the server's own
//! deparsers (`format_type`, `pg_get_expr`, `pg_get_constraintdef`,
//! `pg_get_viewdef`), which is what makes YAML and catalog comparable once
//! the YAML's expressions went through the same server.

/// Tables (not partitions, not those an extension created), with their
/// storage parameters, replica identity (and its index), persistence and
/// inheritance parents. `$2`: the history table, left out.
pub const TABLES: &str = r#"
SELECT c.oid, c.relname::text, c.relrowsecurity, c.relforcerowsecurity, obj_description(c.oid, 'pg_class'),
       coalesce(c.reloptions, '{}')::text[]
         || ARRAY(SELECT 'toast.' || o FROM pg_class tc, unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid),
       c.relreplident::text,
       (SELECT ic.relname::text FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
         WHERE i.indrelid = c.oid AND i.indisreplident),
       c.relpersistence = 'u',
       ARRAY(SELECT p.relname::text FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhparent
              WHERE h.inhrelid = c.oid ORDER BY h.inhseqno),
       (SELECT pn.nspname::text FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhparent
          JOIN pg_namespace pn ON pn.oid = p.relnamespace
         WHERE h.inhrelid = c.oid AND p.relnamespace <> c.relnamespace LIMIT 1)
  FROM pg_class c
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND c.relname <> $2
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
 ORDER BY c.relname"#;

/// Columns of those tables, in order, with what classifies their type.
pub const COLUMNS: &str = r#"
SELECT a.attrelid, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,
       col_description(a.attrelid, a.attnum),
       coalesce(et.typtype, t.typtype)::text,
       coalesce(et.typname, t.typname)::text,
       coalesce(en.nspname, tn.nspname)::text,
       (et.oid IS NOT NULL),
       CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN co.collname::text END,
       a.attislocal,
       s.relname::text, format_type(sq.seqtypid, NULL), sq.seqstart, sq.seqincrement, sq.seqmin, sq.seqmax,
       sq.seqcache, sq.seqcycle,
       CASE WHEN co.oid IS NOT NULL AND co.collnamespace <> 'pg_catalog'::regnamespace
            THEN (SELECT nspname::text FROM pg_namespace WHERE oid = co.collnamespace) END
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_type t ON t.oid = a.atttypid
  JOIN pg_namespace tn ON tn.oid = t.typnamespace
  LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
  LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_depend ds ON a.attidentity <> '' AND ds.refclassid = 'pg_class'::regclass AND ds.refobjid = a.attrelid
        AND ds.refobjsubid = a.attnum AND ds.classid = 'pg_class'::regclass AND ds.deptype = 'i'
  LEFT JOIN pg_class s ON s.oid = ds.objid AND s.relkind = 'S'
  LEFT JOIN pg_sequence sq ON sq.seqrelid = s.oid
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attrelid, a.attnum"#;

/// Constraints declared on the tables themselves (not those cloned onto partitions).
pub const CONSTRAINTS: &str = r#"
SELECT k.conrelid, k.conname::text, k.contype::text,
       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i),
       fn.nspname::text, fc.relname::text,
       ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i),
       k.confdeltype::text, k.confupdtype::text, k.condeferrable, k.condeferred,
       CASE WHEN k.contype IN ('u', 'c', 'x') THEN pg_get_constraintdef(k.oid, false) ELSE '' END, k.convalidated,
       ARRAY(SELECT a.attname::text FROM unnest(k.confdelsetcols) WITH ORDINALITY u(n, i)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i),
       k.connoinherit, obj_description(k.oid, 'pg_constraint'),
       CASE WHEN k.conindid <> 0 AND k.contype IN ('p', 'u', 'x') THEN obj_description(k.conindid, 'pg_class') END
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid
  LEFT JOIN pg_class fc ON fc.oid = k.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p')
   AND k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conislocal AND k.conparentid = 0
 ORDER BY k.conrelid, k.conname"#;

/// Indexes of tables, partitions and materialized views, except those
/// backing a constraint and those attached to a partitioned parent's index
/// (on a partition, those left are the partition's own).
pub const INDEXES: &str = r#"
SELECT i.indrelid, ic.relname::text, i.indisunique, am.amname::text, i.indnkeyatts::int4,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, false) FROM generate_series(1, i.indnatts) k ORDER BY k),
       ARRAY(SELECT u.n::int4 FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(n, o) ORDER BY u.o),
       ARRAY(SELECT u.n::int4 FROM unnest(i.indoption::int2[]) WITH ORDINALITY u(n, o) ORDER BY u.o),
       ARRAY(SELECT CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname::text END
               FROM unnest(i.indclass::oid[]) WITH ORDINALITY u(oid, o) JOIN pg_opclass oc ON oc.oid = u.oid ORDER BY u.o),
       pg_get_expr(i.indpred, i.indrelid), i.indnullsnotdistinct,
       obj_description(i.indexrelid, 'pg_class'), coalesce(ic.reloptions, '{}')::text[]
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_am am ON am.oid = ic.relam
 WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND t.relkind IN ('r', 'p', 'm')
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
   AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
 ORDER BY i.indrelid, ic.relname"#;

/// Partition keys of partitioned tables and partitions.
pub const PARTITION_KEYS: &str = r#"
SELECT p.partrelid, pg_get_partkeydef(p.partrelid)
  FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)"#;

/// The column types of the named relations of a schema, as `format_type`
/// prints them: (relation, column, type).
pub const COLUMN_TYPES: &str = r#"
SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
   AND c.relname = ANY($2) AND a.attnum > 0 AND NOT a.attisdropped"#;

/// Every partition (at any depth), with its parent and bound.
pub const PARTITIONS: &str = r#"
SELECT h.inhparent, c.oid, c.relname::text, pg_get_expr(c.relpartbound, c.oid), c.relrowsecurity, c.relforcerowsecurity,
       obj_description(c.oid, 'pg_class'),
       coalesce(c.reloptions, '{}')::text[]
         || ARRAY(SELECT 'toast.' || o FROM pg_class tc, unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid)
  FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relispartition AND c.relkind IN ('r', 'p')
 ORDER BY h.inhparent, c.relname"#;

/// What partitions hold for their parent's indexes (also those of key
/// constraints) and foreign keys, by name: (partition, name, parent's name,
/// whether it is a constraint).
pub const PARTITION_CLONES: &str = r#"
SELECT i.indrelid, ci.relname::text, pi.relname::text, false
  FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_inherits h ON h.inhrelid = i.indexrelid JOIN pg_class pi ON pi.oid = h.inhparent
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relispartition
UNION ALL
SELECT k.conrelid, k.conname::text, pk.conname::text, true
  FROM pg_constraint k JOIN pg_constraint pk ON pk.oid = k.conparentid JOIN pg_class c ON c.oid = k.conrelid
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relispartition AND k.contype = 'f'
 ORDER BY 1, 4, 3"#;

/// Row-level security policies of tables and partitions.
pub const POLICIES: &str = r#"
SELECT p.polrelid, p.polname::text, p.polcmd::text, p.polpermissive,
       ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r ORDER BY 1),
       pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),
       obj_description(p.oid, 'pg_policy')
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
 ORDER BY p.polrelid, p.polname"#;

/// Triggers declared on tables (not clones on partitions, not the internal
/// ones of foreign keys): type bits, function and its schema, `tgenabled`,
/// constraint deferral, `UPDATE OF` columns, arguments (`tgargs`, each
/// ending in a NUL byte), transition table names, the definition (for the
/// `WHEN` condition as the server prints it) and the comment.
pub const TRIGGERS: &str = r#"
SELECT t.tgrelid, t.tgname::text, t.tgtype::int4, p.proname::text, pn.nspname::text,
       t.tgenabled::text, t.tgconstraint <> 0, t.tgdeferrable, t.tginitdeferred,
       ARRAY(SELECT a.attname::text FROM unnest(t.tgattr::int2[]) WITH ORDINALITY u(n, i)
               JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = u.n ORDER BY u.i),
       t.tgnargs::int4, t.tgargs, t.tgoldtable::text, t.tgnewtable::text,
       pg_get_triggerdef(t.oid), obj_description(t.oid, 'pg_trigger')
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
  JOIN pg_namespace pn ON pn.oid = p.pronamespace
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND NOT t.tgisinternal AND t.tgparentid = 0
 ORDER BY t.tgrelid, t.tgname"#;

/// Functions and procedures of the schema, written in a language with a
/// body (not C or internal), not those of extensions, not the constructors
/// of range types, not aggregates or window functions (those stay
/// unmanaged) nor SQL-standard bodies (`BEGIN ATOMIC`): signature, result,
/// language, options, body and comment.
pub const FUNCTIONS: &str = r#"
SELECT p.oid, p.proname::text, p.prokind::text, l.lanname::text,
       coalesce(p.proargnames, '{}')::text[],
       coalesce(p.proargmodes::text[], '{}'),
       ARRAY(SELECT format_type(u.t, NULL) FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY u(t, i) ORDER BY u.i),
       ARRAY(SELECT coalesce(pg_get_function_arg_default(p.oid, g.i), '') FROM generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs)) g(i) ORDER BY g.i),
       CASE WHEN p.prokind = 'p' THEN '' ELSE pg_get_function_result(p.oid) END,
       p.provolatile::text, p.proisstrict, p.prosecdef, p.proleakproof, p.proparallel::text,
       coalesce(p.proconfig, '{}')::text[], p.procost::float8, p.prorows::float8, p.proretset,
       p.prosrc, obj_description(p.oid, 'pg_proc'),
       CASE WHEN p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN NULL ELSE pg_get_userbyid(p.proowner)::text END,
       ARRAY(SELECT CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee)::text END FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> p.proowner ORDER BY x.n),
       ARRAY(SELECT x.privilege_type::text FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> p.proowner ORDER BY x.n),
       ARRAY(SELECT x.is_grantable FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> p.proowner ORDER BY x.n)
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND p.prokind IN ('f', 'p')
   AND l.lanname NOT IN ('c', 'internal') AND p.prosqlbody IS NULL
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                     AND (d.deptype = 'e' OR (d.deptype = 'i' AND d.refclassid = 'pg_type'::regclass)))
 ORDER BY p.proname, p.oid"#;

/// Views and materialized views with their options and the relations they read.
pub const VIEWS: &str = r#"
SELECT c.oid, c.relname::text, c.relkind::text, pg_get_viewdef(c.oid, false),
       coalesce(c.reloptions, '{}')::text[]
         || ARRAY(SELECT 'toast.' || o FROM pg_class tc, unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid),
       obj_description(c.oid, 'pg_class'),
       ARRAY(SELECT DISTINCT r.relname::text FROM pg_rewrite w JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
               JOIN pg_class r ON r.oid = d.refobjid
              WHERE w.ev_class = c.oid AND d.refobjid <> c.oid AND r.relnamespace = c.relnamespace AND r.relkind IN ('r', 'p', 'v', 'm')),
       ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
               AND col_description(c.oid, a.attnum) IS NOT NULL ORDER BY a.attnum),
       ARRAY(SELECT col_description(c.oid, a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
               AND col_description(c.oid, a.attnum) IS NOT NULL ORDER BY a.attnum)
  FROM pg_class c
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('v', 'm')
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
 ORDER BY c.relname"#;

/// Enum types with their labels in order.
pub const ENUMS: &str = r#"
SELECT t.typname::text,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
       obj_description(t.oid, 'pg_type'),
       CASE WHEN t.typowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN NULL ELSE pg_get_userbyid(t.typowner)::text END,
       ARRAY(SELECT CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee)::text END FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> t.typowner ORDER BY x.n),
       ARRAY(SELECT x.privilege_type::text FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> t.typowner ORDER BY x.n),
       ARRAY(SELECT x.is_grantable FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> t.typowner ORDER BY x.n)
  FROM pg_type t
 WHERE t.typtype = 'e' AND t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
   AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
 ORDER BY t.typname"#;

/// Extensions of the database (plpgsql is always there).
pub const EXTENSIONS: &str = "SELECT x.extname::text, n.nspname::text FROM pg_extension x
   JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname <> 'plpgsql' ORDER BY x.extname";

/// Sequences of the schema that are not an identity column's, with their
/// options, the column that owns them (`OWNED BY`) and their comment.
pub const SEQUENCES: &str = r#"
SELECT s.relname::text, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax,
       q.seqcache, q.seqcycle, ot.relname::text, oa.attname::text, obj_description(s.oid, 'pg_class')
  FROM pg_class s JOIN pg_sequence q ON q.seqrelid = s.oid
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass
        AND d.deptype = 'a' AND d.refobjsubid > 0
  LEFT JOIN pg_class ot ON ot.oid = d.refobjid
  LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
 WHERE s.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND s.relkind = 'S'
   AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = s.oid AND i.deptype IN ('i', 'e'))
 ORDER BY s.relname"#;

/// Whether the database is a Citus coordinator, and whether its sessions
/// propagate `SET LOCAL` to the workers (`ALTER DATABASE … SET
/// citus.propagate_set_commands = 'local'`).
pub const CITUS: &str = r#"
SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus'),
       EXISTS (SELECT 1 FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
                WHERE d.datname = current_database() AND s.setrole = 0
                  AND 'citus.propagate_set_commands=local' = ANY (s.setconfig))"#;

/// Tables of the schema Citus holds (not partitions, which follow their
/// parent): distribution method, replication model, distribution column,
/// colocation group and number of shards. Only on a Citus coordinator.
pub const DISTRIBUTION: &str = r#"
SELECT c.relname::text, p.partmethod::text, p.repmodel::text,
       CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END,
       p.colocationid::int4,
       (SELECT count(*) FROM pg_dist_shard s WHERE s.logicalrelid = p.logicalrelid)::int4
  FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND NOT c.relispartition
 ORDER BY c.relname"#;

/// Objects of the schema of a kind schemac does not manage, one line each
/// (`aggregate app.total(integer)`, `rule app.orders.archive`, `grant SELECT
/// on table app.orders to reporting`): aggregates, window functions, C and
/// SQL-standard (`BEGIN ATOMIC`) functions, triggers on partitions and
/// views (those on tables are modelled), rules,
/// extended statistics and privileges beyond an object's defaults (default
/// privileges are modelled). Objects of extensions are left out (the extension is
/// managed). Privileges read the same on every server version: `ALL` stands
/// for an object's full set.
pub const UNMANAGED: &str = r#"
with usr as (
  select oid, nspname from pg_catalog.pg_namespace where nspname = $1
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
    -- modelled: grants on tables, views and standalone sequences
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
    and (p.prokind in ('a', 'w') or p.prosqlbody is not null
         or (select lanname from pg_language where oid = p.prolang) in ('c', 'internal'))
  union all
  select 'trigger ' || q.q || '.' || quote_ident(c.relname) || '.' || quote_ident(t.tgname)
  from pg_trigger t join pg_class c on c.oid = t.tgrelid join q on q.oid = c.relnamespace
  where not t.tgisinternal and t.tgparentid = 0 and (c.relispartition or c.relkind not in ('r', 'p', 'v'))
    and not exists (select 1 from ext where ext.classid = 'pg_class'::regclass and ext.objid = c.oid)
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
  select 'grant ' || string_agg(a.privilege_type, ', ' order by a.privilege_type)
         || ' (' || quote_ident(att.attname) || ') on table ' || q.q || '.' || quote_ident(c.relname)
         || ' to ' || r.name
  from pg_attribute att join pg_class c on c.oid = att.attrelid join q on q.oid = c.relnamespace,
       aclexplode(att.attacl) a join role_name r on r.oid = a.grantee
  where att.attacl is not null and c.relispartition
  group by q.q, c.relname, att.attname, r.name
) lines
order by line collate "C""#;

/// Domains of the schema (not an extension's): base type as `format_type`
/// prints it (with what classifies it), default, NOT NULL, collation when
/// it is not the base type's, comment.
pub const DOMAINS: &str = r#"
SELECT t.oid, t.typname::text, format_type(t.typbasetype, t.typtypmod), t.typdefault, t.typnotnull,
       CASE WHEN t.typcollation <> b.typcollation AND t.typcollation <> 0 THEN co.collname::text END,
       obj_description(t.oid, 'pg_type'),
       coalesce(eb.typtype, b.typtype)::text, coalesce(eb.typname, b.typname)::text,
       coalesce(en.nspname, bn.nspname)::text, (eb.oid IS NOT NULL),
       CASE WHEN t.typowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN NULL ELSE pg_get_userbyid(t.typowner)::text END,
       ARRAY(SELECT CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee)::text END FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> t.typowner ORDER BY x.n),
       ARRAY(SELECT x.privilege_type::text FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> t.typowner ORDER BY x.n),
       ARRAY(SELECT x.is_grantable FROM aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) WHERE x.grantee <> t.typowner ORDER BY x.n)
  FROM pg_type t
  JOIN pg_type b ON b.oid = t.typbasetype
  JOIN pg_namespace bn ON bn.oid = b.typnamespace
  LEFT JOIN pg_type eb ON eb.oid = b.typelem AND b.typcategory = 'A'
  LEFT JOIN pg_namespace en ON en.oid = eb.typnamespace
  LEFT JOIN pg_collation co ON co.oid = t.typcollation
 WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND t.typtype = 'd'
   AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
 ORDER BY t.typname"#;

/// Composite types of the schema (`CREATE TYPE … AS`, not the row types of
/// tables, not an extension's), with their comments.
pub const COMPOSITES: &str = r#"
SELECT t.oid, t.typname::text, obj_description(t.oid, 'pg_type')
  FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid
 WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND t.typtype = 'c' AND c.relkind = 'c'
   AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
 ORDER BY t.typname"#;

/// Attributes of the schema's composite types in order: type as
/// `format_type` prints it (with what classifies it), collation when it is
/// not the type's.
pub const COMPOSITE_ATTRIBUTES: &str = r#"
SELECT t.oid, a.attname::text, format_type(a.atttypid, a.atttypmod),
       coalesce(et.typtype, at.typtype)::text, coalesce(et.typname, at.typname)::text,
       coalesce(en.nspname, tn.nspname)::text, (et.oid IS NOT NULL),
       CASE WHEN a.attcollation <> at.typcollation AND a.attcollation <> 0 THEN co.collname::text END
  FROM pg_type t
  JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type at ON at.oid = a.atttypid
  JOIN pg_namespace tn ON tn.oid = at.typnamespace
  LEFT JOIN pg_type et ON et.oid = at.typelem AND at.typcategory = 'A'
  LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
  LEFT JOIN pg_collation co ON co.oid = a.attcollation
 WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND t.typtype = 'c'
 ORDER BY t.oid, a.attnum"#;

/// Range types of the schema (not an extension's): subtype as `format_type`
/// prints it (with what classifies it), the operator class and collation
/// when not the subtype's default, the difference function, the multirange
/// type's name, comment.
pub const RANGES: &str = r#"
SELECT t.typname::text, format_type(r.rngsubtype, NULL),
       coalesce(et.typtype, st.typtype)::text, coalesce(et.typname, st.typname)::text,
       coalesce(en.nspname, sn.nspname)::text, (et.oid IS NOT NULL),
       CASE WHEN NOT opc.opcdefault THEN opc.opcname::text END,
       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN co.collname::text END,
       CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END,
       mt.typname::text, obj_description(t.oid, 'pg_type')
  FROM pg_range r
  JOIN pg_type t ON t.oid = r.rngtypid
  JOIN pg_type st ON st.oid = r.rngsubtype
  JOIN pg_namespace sn ON sn.oid = st.typnamespace
  LEFT JOIN pg_type et ON et.oid = st.typelem AND st.typcategory = 'A'
  LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
  JOIN pg_opclass opc ON opc.oid = r.rngsubopc
  LEFT JOIN pg_collation co ON co.oid = r.rngcollation
  LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid
 WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
   AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
 ORDER BY t.typname"#;

/// Checks of the schema's domains, by name.
pub const DOMAIN_CHECKS: &str = r#"
SELECT k.contypid, k.conname::text, pg_get_constraintdef(k.oid, false), k.convalidated
  FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid
 WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND k.contype = 'c'
 ORDER BY k.contypid, k.conname"#;
/// The schemas of `$1` that exist, with their comments, in `$1`'s order.
pub const NAMESPACES: &str = "SELECT n.nspname::text, obj_description(n.oid, 'pg_namespace')
  FROM pg_namespace n WHERE n.nspname = ANY($1::text[])
 ORDER BY array_position($1::text[], n.nspname::text)";

/// Schemas other than `$1` holding tables, views, routines or types that no extension owns
/// (the system's, the scratch schemas and `$2` — the schemas declared
/// `external` — left out).
pub const OTHER_NAMESPACES: &str = "SELECT n.nspname::text FROM pg_namespace n
 WHERE n.nspname <> $1 AND n.nspname <> ALL($2::text[])
   AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
   AND n.nspname NOT LIKE 'schemac\\_scratch\\_%'
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                   AND d.objid = n.oid AND d.deptype = 'e')
   AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid
                 AND c.relkind IN ('r', 'p', 'v', 'm')
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                 AND d.objid = c.oid AND d.deptype = 'e')
               UNION ALL
               SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid AND p.prokind IN ('f', 'p')
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                 AND d.objid = p.oid AND d.deptype = 'e')
               UNION ALL
               SELECT 1 FROM pg_type t WHERE t.typnamespace = n.oid
                 AND (t.typtype IN ('e', 'd', 'r')
                      OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c
                            WHERE c.oid = t.typrelid AND c.relkind = 'c')))
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                                 AND d.objid = t.oid AND d.deptype = 'e'))
 ORDER BY n.nspname";

/// The names of `$1` no role of the cluster has, in the order given.
pub const MISSING_ROLES: &str = "
SELECT u.r FROM unnest($1::text[]) WITH ORDINALITY u(r, i)
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = u.r)
ORDER BY u.i";

/// Whether each role of `$1` is a superuser or bypasses row-level security.
pub const ROLE_BYPASS: &str = "
SELECT rolname::text, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ANY($1::text[])";

/// The owner of each table of schema `$1`.
pub const TABLE_OWNERS: &str = "
SELECT c.relname::text, pg_get_userbyid(c.relowner)::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')";

/// Inside the scratch transaction: the current role's database-wide default
/// privileges back to PostgreSQL's built-in ones, so that what the scratch
/// schema creates holds exactly what its GRANTs and REVOKEs say (the
/// transaction is rolled back, the live defaults stay as they are).
pub const BUILTIN_DEFAULTS: &str = r#"
DO $schemac$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES'
             WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES' ELSE 'SCHEMAS' END AS objects,
           CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee,
           a.privilege_type AS privilege
    FROM pg_default_acl d, aclexplode(d.defaclacl) a
    WHERE d.defaclnamespace = 0 AND a.grantee <> d.defaclrole
      AND d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
  LOOP
    EXECUTE format('ALTER DEFAULT PRIVILEGES REVOKE %s ON %s FROM %s', r.privilege, r.objects, r.grantee);
  END LOOP;
  ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
  ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO PUBLIC;
END
$schemac$;
"#;
