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

/// The default privileges before `changes` ran, from those after them.
fn before(after: &[DefaultPrivilege], changes: &[&Change]) -> Vec<DefaultPrivilege> {
    use crate::model::grant::{atoms, from_atoms};
    let mut out: Vec<DefaultPrivilege> = after.to_vec();
    for c in changes {
        let (
            GrantTarget::Default {
                for_role,
                in_schema,
                objects,
            },
            grant,
            granted,
        ) = (match c {
            Change::Grant { target, grant } => (target.clone(), grant, true),
            Change::Revoke { target, grant } => (target.clone(), grant, false),
            _ => continue,
        })
        else {
            continue;
        };
        let at = match out
            .iter()
            .position(|e| e.for_role == for_role && e.schema == in_schema && e.objects == objects)
        {
            Some(i) => i,
            None => {
                out.push(DefaultPrivilege {
                    grants: DefaultPrivilege::absent(&in_schema, objects),
                    for_role,
                    schema: in_schema,
                    objects,
                });
                out.len() - 1
            }
        };
        let kind = objects.kind();
        let mut held = atoms(&out[at].grants);
        for a in atoms(std::slice::from_ref(grant)) {
            if granted {
                held.retain(|h| *h != a);
            } else if !held.contains(&a) {
                held.push(a);
            }
        }
        out[at].grants = from_atoms(kind, &held);
    }
    out.retain(|e| !e.is_absent());
    out
}

/// The grants of what a down migration creates again (`out`, undoing
/// `steps` that ran on a schema that became `after`), recomputed from the
/// default privileges in force when it does: those before the steps, which
/// the down restores before it creates anything.
pub fn recreated(after: &Schema, steps: &[&Change], out: &mut Vec<Change>) {
    let touches = steps.iter().any(|c| {
        matches!(
            c,
            Change::Grant {
                target: GrantTarget::Default { .. },
                ..
            } | Change::Revoke {
                target: GrantTarget::Default { .. },
                ..
            }
        )
    });
    if after.default_privileges.is_empty() && !touches {
        return;
    }
    let mut gone = Schema::empty(after.name.clone());
    gone.schemas = after.schemas.clone();
    gone.roles = after.roles.clone();
    gone.default_privileges = before(&after.default_privileges, steps);
    for c in steps {
        match c {
            Change::DropTable { table } => gone.tables.push(table.clone()),
            Change::DropView { view } => gone.views.push(view.clone()),
            _ => {}
        }
    }
    created(&gone, out);
}
