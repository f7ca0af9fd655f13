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
    let mut atoms = Vec::new();
    for r in client
        .query(SCHEMA_ACL, &[&name])
        .map_err(PgError::query("schema privileges"))?
    {
        if name != "public" {
            out.owner = r.get(0);
        }
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
    if !atoms.is_empty() {
        out.grants = Some(from_atoms(PrivilegedKind::Schema, &atoms));
    }
    Ok(())
}
