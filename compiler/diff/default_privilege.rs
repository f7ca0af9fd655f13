//! Default privileges: the `ALTER DEFAULT PRIVILEGES` grants and revokes
//! that turn one model's `pg_default_acl` entries into the other's, and the
//! access list an object created in the same migration starts from. The
//! defaults are set before anything is created (PostgreSQL applies them at
//! creation), so a created object starts from the new model's defaults and
//! only the difference to its declared grants is granted or revoked.

use super::Change;
use super::grant::{GrantTarget, Scope, privileges};
use crate::model::default_privilege::{created_acl, shapes};
use crate::model::*;

/// The target of one entry.
fn target(e: &DefaultPrivilege) -> GrantTarget {
    GrantTarget::Default {
        for_role: e.for_role.clone(),
        in_schema: e.schema.clone(),
        objects: e.objects,
    }
}

/// Grants and revokes between the entries of `old` and `new`.
pub fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let mut keys: Vec<&DefaultPrivilege> = new.default_privileges.iter().collect();
    for o in &old.default_privileges {
        if !keys.iter().any(|k| same(k, o)) {
            keys.push(o);
        }
    }
    for k in keys {
        let find = |s: &Schema| {
            s.default_privileges
                .iter()
                .find(|e| same(e, k))
                .map(|e| e.grants.clone())
                .unwrap_or_else(|| DefaultPrivilege::absent(&k.schema, k.objects))
        };
        let scope = Scope {
            declared: &new.roles,
            owner: k.for_role.as_deref(),
        };
        privileges(target(k), &find(old), &find(new), &scope, out);
    }
}

fn same(a: &DefaultPrivilege, b: &DefaultPrivilege) -> bool {
    a.for_role == b.for_role && a.schema == b.schema && a.objects == b.objects
}

/// The grants of objects `out` creates, recomputed from what the migration
/// role's default privileges in `new` give them on creation.
pub fn created(new: &Schema, out: &mut Vec<Change>) {
    let d = &new.default_privileges;
    if d.is_empty() {
        return;
    }
    // (object, owner, what it is created with, what it declares)
    type Redo = (GrantTarget, Option<String>, Vec<Grant>, Vec<Grant>);
    let mut redo: Vec<Redo> = Vec::new();
    for c in out.iter() {
        let (target, ns, objects, owner, grants) = match c {
            Change::CreateTable { table } => {
                let Some(t) = new.table(table.name.as_str()) else {
                    continue;
                };
                (
                    GrantTarget::Table {
                        name: t.name.clone(),
                    },
                    new.namespace_of(&t.schema),
                    DefaultObjects::Tables,
                    &t.owner,
                    t.grants.clone(),
                )
            }
            Change::CreateView { view } => {
                let Some(v) = new.view(view.name.as_str()) else {
                    continue;
                };
                (
                    GrantTarget::View {
                        name: v.name.clone(),
                        materialized: v.materialized,
                    },
                    new.namespace_of(&v.schema),
                    DefaultObjects::Tables,
                    &v.owner,
                    v.grants.clone(),
                )
            }
            Change::CreateSequence { sequence } if sequence.owned_by.is_none() => (
                GrantTarget::Sequence {
                    name: sequence.name.clone(),
                },
                &new.name,
                DefaultObjects::Sequences,
                &sequence.owner,
                sequence.grants.clone(),
            ),
            Change::CreateFunction { function } => (
                GrantTarget::function(function),
                &new.name,
                DefaultObjects::Functions,
                &function.owner,
                function.privileged_kind().effective(&function.grants),
            ),
            Change::CreateEnum { r#enum } => (
                GrantTarget::Type {
                    name: r#enum.name.clone(),
                    domain: false,
                },
                &new.name,
                DefaultObjects::Types,
                &r#enum.owner,
                PrivilegedKind::Type.effective(&r#enum.grants),
            ),
            Change::CreateDomain { domain } => (
                GrantTarget::Type {
                    name: domain.name.clone(),
                    domain: true,
                },
                new.namespace_of(&domain.schema),
                DefaultObjects::Types,
                &domain.owner,
                PrivilegedKind::Domain.effective(&domain.grants),
            ),
            _ => continue,
        };
        if shapes(d, ns, objects) {
            let start = created_acl(d, ns, objects, target.kind());
            redo.push((target, owner.clone(), start, grants));
        }
    }
    for (target, owner, start, grants) in redo {
        let at = out.iter().position(|c| {
            matches!(c, Change::Grant { target: t, .. } | Change::Revoke { target: t, .. } if *t == target)
        });
        out.retain(|c| {
            !matches!(c, Change::Grant { target: t, .. } | Change::Revoke { target: t, .. } if *t == target)
        });
        let scope = Scope {
            declared: &new.roles,
            owner: owner.as_deref(),
        };
        let mut steps = Vec::new();
        privileges(target, &start, &grants, &scope, &mut steps);
        let at = at.unwrap_or(out.len()).min(out.len());
        out.splice(at..at, steps);
    }
}
