//! What a proof's copy needs beside the model: the functions, domains,
//! composite and range types of the schema that the project does not
//! manage, which its tables may use (a column of a domain type, a default
//! calling a function). Their definitions are read from the target's
//! catalog and created in the copy as they are; one that cannot be made is
//! left out, and the copy then shows what it lacks.

use postgres::{Client, GenericClient};

use super::PgError;

/// One object: its line as `pg::unmanaged` names it, and its definition.
#[derive(Debug, Clone)]
pub struct Object {
    pub line: String,
    pub sql: String,
}

const DEFINITIONS: &str = r#"
with usr as (
  select oid, nspname from pg_catalog.pg_namespace where nspname = $1
), ext as (
  select classid, objid from pg_depend where deptype = 'e'
), args as (
  select p.oid, coalesce((select string_agg(format_type(t, null), ', ' order by i)
                          from unnest(p.proargtypes::oid[]) with ordinality u(t, i)), '') as list
  from pg_proc p join usr on usr.oid = p.pronamespace
)
select line, sql, ord from (
  select 'domain ' || quote_ident(usr.nspname) || '.' || quote_ident(t.typname) as line,
         format('CREATE DOMAIN %I.%I AS %s', usr.nspname, t.typname, format_type(t.typbasetype, t.typtypmod))
         || coalesce(' DEFAULT ' || t.typdefault, '')
         || case when t.typnotnull then ' NOT NULL' else '' end
         || coalesce((select string_agg(' CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), '' order by c.conname)
                      from pg_constraint c where c.contypid = t.oid), '') as sql,
         1 as ord
  from pg_type t join usr on usr.oid = t.typnamespace
  where t.typtype = 'd'
    and not exists (select 1 from ext where ext.classid = 'pg_type'::regclass and ext.objid = t.oid)
  union all
  select 'type ' || quote_ident(usr.nspname) || '.' || quote_ident(t.typname),
         format('CREATE TYPE %I.%I AS (%s)', usr.nspname, t.typname,
                (select string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' order by a.attnum)
                 from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)),
         2
  from pg_type t join usr on usr.oid = t.typnamespace join pg_class c on c.oid = t.typrelid
  where t.typtype = 'c' and c.relkind = 'c'
    and not exists (select 1 from ext where ext.classid = 'pg_type'::regclass and ext.objid = t.oid)
  union all
  select 'range ' || quote_ident(usr.nspname) || '.' || quote_ident(t.typname),
         format('CREATE TYPE %I.%I AS RANGE (SUBTYPE = %s)', usr.nspname, t.typname, format_type(r.rngsubtype, null)),
         3
  from pg_range r join pg_type t on t.oid = r.rngtypid join usr on usr.oid = t.typnamespace
  where not exists (select 1 from ext where ext.classid = 'pg_type'::regclass and ext.objid = t.oid)
  union all
  select case p.prokind when 'p' then 'procedure ' else 'function ' end
         || quote_ident(usr.nspname) || '.' || quote_ident(p.proname) || '(' || args.list || ')',
         pg_get_functiondef(p.oid),
         4
  from pg_proc p join usr on usr.oid = p.pronamespace join args on args.oid = p.oid
  where p.prokind in ('f', 'p') and p.proname !~ '^schemac_'
    and not exists (select 1 from ext where ext.classid = 'pg_proc'::regclass and ext.objid = p.oid)
    and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid
                    and d.deptype = 'i' and d.refclassid = 'pg_type'::regclass)
) o
order by ord, line collate "C""#;

/// The definitions of `schema`'s unmanaged functions and types, read with
/// only pg_catalog on the search path, so every other name comes qualified.
pub fn read(client: &mut impl GenericClient, schema: &str) -> Result<Vec<Object>, PgError> {
    let mut tx = client.transaction().map_err(PgError::query("begin"))?;
    tx.batch_execute("SET LOCAL search_path TO pg_catalog")
        .map_err(PgError::query("search_path"))?;
    let rows = tx
        .query(DEFINITIONS, &[&schema])
        .map_err(PgError::query("unmanaged definitions"))?;
    tx.rollback().map_err(PgError::query("rollback"))?;
    Ok(rows
        .iter()
        .map(|r| Object {
            line: r.get(0),
            sql: r.get(1),
        })
        .collect())
}

/// Create in the copy each of `objects` not made yet, bodies unchecked (a
/// function may read a table the copy does not have yet); returns those
/// still missing. Called before the model is built and again after it.
pub fn create(copy: &mut Client, schema: &str, objects: Vec<Object>) -> Vec<Object> {
    let _ = copy.batch_execute(&format!(
        "SET check_function_bodies = off; CREATE SCHEMA IF NOT EXISTS {}",
        crate::model::quote_ident(schema)
    ));
    // One may need another made first (a domain's check calling a
    // function): again until a pass makes nothing.
    let mut missing = objects;
    loop {
        let before = missing.len();
        missing.retain(|o| copy.batch_execute(&o.sql).is_err());
        if missing.is_empty() || missing.len() == before {
            return missing;
        }
    }
}
