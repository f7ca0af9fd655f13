//! Owners and privileges from `relowner`/`relacl`, `attacl` and
//! `nspowner`/`nspacl` through `aclexplode`. The owner's own privileges are
//! implicit and not read; an owner is read only when it is not the role
//! inspecting (whoever applies a project owns what it creates). Generic over
//! the object: rows are (object name, column, grantee, privilege, grantable).

use std::collections::BTreeMap;

use postgres::GenericClient;

use super::super::PgError;
use crate::model::grant::{GrantAtom, from_atoms};
use crate::model::*;

/// Owners of the schema's relations other than the current user.
const RELATION_OWNERS: &str = "
SELECT c.relname::text, pg_get_userbyid(c.relowner)::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)";

/// Privileges on the schema's relations and their columns, but the owner's,
/// in access-list order (the order roles were first granted something).
const RELATION_ACL: &str = "
SELECT name, col, grantee, privilege, grantable FROM (
  SELECT c.relname::text AS name, NULL::text AS col, 0 AS attnum, x.n,
         CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee)::text END AS grantee,
         x.privilege_type::text AS privilege, x.is_grantable AS grantable
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL aclexplode(c.relacl) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n)
  WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND x.grantee <> c.relowner
  UNION ALL
  SELECT c.relname::text, a.attname::text, a.attnum, x.n,
         CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee)::text END,
         x.privilege_type::text, x.is_grantable
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL aclexplode(a.attacl) WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n)
  WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0
    AND NOT a.attisdropped AND x.grantee <> c.relowner
) acl
ORDER BY name, attnum, n";

/// The schema's owner (when not the current user) and privileges.
const SCHEMA_ACL: &str = "
SELECT CASE WHEN n.nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
            THEN NULL ELSE pg_get_userbyid(n.nspowner)::text END,
       CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee)::text END,
       x.privilege_type::text, x.is_grantable
FROM pg_namespace n
LEFT JOIN LATERAL aclexplode(n.nspacl) WITH ORDINALITY
     x(grantor, grantee, privilege_type, is_grantable, i) ON x.grantee <> n.nspowner
WHERE n.nspname = $1
ORDER BY x.i";

/// The access list read from columns `at..at + 3` of `r` (grantees,
/// privileges, grant options, the owner left out), as a model keeps it:
/// `None` when it is the default of `kind`.
pub fn acl(r: &postgres::Row, at: usize, kind: PrivilegedKind) -> Option<Vec<Grant>> {
    let roles: Vec<String> = r.get(at);
    let privileges: Vec<String> = r.get(at + 1);
    let grantable: Vec<bool> = r.get(at + 2);
    let atoms: Vec<GrantAtom> = roles
        .into_iter()
        .zip(privileges)
        .zip(grantable)
        .map(|((role, privilege), with_grant_option)| GrantAtom {
            role,
            column: None,
            privilege,
            with_grant_option,
        })
        .collect();
    kind.declared(from_atoms(kind, &atoms))
}

/// Read owners and privileges onto the tables, views and sequences of
/// `out` (already read) and onto the schema itself.
pub fn read(client: &mut impl GenericClient, out: &mut Schema) -> Result<(), PgError> {
    let name = out.name.to_string();
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    for r in client
        .query(RELATION_OWNERS, &[&name])
        .map_err(PgError::query("owners"))?
    {
        owners.insert(r.get(0), r.get(1));
    }
    let mut acl: BTreeMap<String, Vec<GrantAtom>> = BTreeMap::new();
    for r in client
        .query(RELATION_ACL, &[&name])
        .map_err(PgError::query("privileges"))?
    {
        acl.entry(r.get(0)).or_default().push(GrantAtom {
            column: r.get::<_, Option<String>>(1).map(Ident::new),
            role: r.get(2),
            privilege: r.get(3),
            with_grant_option: r.get(4),
        });
    }
    let mut take = |n: &Ident, kind: PrivilegedKind| -> (Option<String>, Vec<Grant>) {
        let grants = acl
            .remove(n.as_str())
            .map(|a| from_atoms(kind, &a))
            .unwrap_or_default();
        (owners.get(n.as_str()).cloned(), grants)
    };
    for t in &mut out.tables {
        (t.owner, t.grants) = take(&t.name, PrivilegedKind::Table);
    }
    for v in &mut out.views {
        (v.owner, v.grants) = take(&v.name, PrivilegedKind::Table);
    }
    for s in out.sequences.iter_mut().filter(|s| s.owned_by.is_none()) {
        (s.owner, s.grants) = take(&s.name, PrivilegedKind::Sequence);
    }
    let (owner, grants) = schema_acl(client, &name)?;
    if name != "public" {
        out.owner = owner;
    }
    if !grants.is_empty() {
        out.grants = Some(grants);
    }
    Ok(())
}

/// The owner of schema `name` and its access list but the owner's.
pub fn schema_acl(
    client: &mut impl GenericClient,
    name: &str,
) -> Result<(Option<String>, Vec<Grant>), PgError> {
    let mut owner = None;
    let mut atoms = Vec::new();
    for r in client
        .query(SCHEMA_ACL, &[&name])
        .map_err(PgError::query("schema privileges"))?
    {
        owner = r.get(0);
        let (Some(role), Some(privilege)) =
            (r.get::<_, Option<String>>(1), r.get::<_, Option<String>>(2))
        else {
            continue;
        };
        // USAGE for PUBLIC is what initdb gives the `public` schema.
        if name == "public" && role == "public" && privilege == "USAGE" {
            continue;
        }
        atoms.push(GrantAtom {
            role,
            column: None,
            privilege,
            with_grant_option: r.get::<_, Option<bool>>(3).unwrap_or(false),
        });
    }
    let grants = if atoms.is_empty() {
        Vec::new()
    } else {
        from_atoms(PrivilegedKind::Schema, &atoms)
    };
    Ok((owner, grants))
}

/// Default privileges database-wide and in the tier's schemas: the creating
/// role (when not the current user), the schema (NULL: database-wide), the
/// kind, then each privilege but the creating role's own, in access-list
/// order. An entry holding only the creating role's own privileges comes as
/// one row without a grantee.
const DEFAULT_ACL: &str = "
SELECT CASE WHEN d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
            THEN NULL ELSE pg_get_userbyid(d.defaclrole)::text END,
       n.nspname::text, d.defaclobjtype::text,
       CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee)::text END,
       x.privilege_type::text, x.is_grantable
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
LEFT JOIN LATERAL aclexplode(d.defaclacl) WITH ORDINALITY
     x(grantor, grantee, privilege_type, is_grantable, i) ON x.grantee <> d.defaclrole
WHERE d.defaclnamespace = 0 OR n.nspname = ANY($1)
ORDER BY pg_get_userbyid(d.defaclrole), n.nspname NULLS FIRST, d.defaclobjtype, x.i";

/// Read the default privileges that shape the tier's schemas onto `out`.
pub fn defaults(client: &mut impl GenericClient, out: &mut Schema) -> Result<(), PgError> {
    let names: Vec<String> = out.namespaces().iter().map(|n| n.to_string()).collect();
    let mut entries: Vec<(DefaultPrivilege, Vec<GrantAtom>)> = Vec::new();
    for r in client
        .query(DEFAULT_ACL, &[&names])
        .map_err(PgError::query("default privileges"))?
    {
        let Some(objects) = DefaultObjects::from_objtype(r.get(2)) else {
            continue;
        };
        let for_role: Option<String> = r.get(0);
        let schema: Option<Ident> = r.get::<_, Option<String>>(1).map(Ident::new);
        let at = match entries
            .iter()
            .position(|(e, _)| e.for_role == for_role && e.schema == schema && e.objects == objects)
        {
            Some(i) => i,
            None => {
                entries.push((
                    DefaultPrivilege {
                        for_role,
                        schema,
                        objects,
                        grants: Vec::new(),
                    },
                    Vec::new(),
                ));
                entries.len() - 1
            }
        };
        if let (Some(role), Some(privilege)) =
            (r.get::<_, Option<String>>(3), r.get::<_, Option<String>>(4))
        {
            entries[at].1.push(GrantAtom {
                role,
                column: None,
                privilege,
                with_grant_option: r.get::<_, Option<bool>>(5).unwrap_or(false),
            });
        }
    }
    out.default_privileges = entries
        .into_iter()
        .map(|(mut e, atoms)| {
            e.grants = from_atoms(e.objects.kind(), &atoms);
            e
        })
        .filter(|e| !e.is_absent())
        .collect();
    Ok(())
}
