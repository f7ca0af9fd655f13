//! Owners and privileges of any object kind: an object's declared owner,
//! and the `GRANT`/`REVOKE` pairs that turn one access list into another.
//! A privilege the new model lacks is revoked only from roles the project
//! declares (`roles:`) or PUBLIC: grants to other roles belong to whoever
//! made them. Nothing here knows the kind beyond its [`GrantTarget`].

use serde::Serialize;

use super::Change;
use crate::model::grant::{self, GrantAtom};
use crate::model::*;

/// The object a grant, revoke or owner change is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum GrantTarget {
    /// The tier's schema.
    Schema,
    /// A further schema of the tier.
    OwnedSchema {
        name: Ident,
    },
    Table {
        name: Ident,
    },
    View {
        name: Ident,
        materialized: bool,
    },
    Sequence {
        name: Ident,
    },
    /// A function or procedure, by name and input argument types.
    Function {
        name: Ident,
        kind: FunctionKind,
        args: Vec<String>,
    },
    /// An enum or a domain (`GRANT … ON TYPE` / `ON DOMAIN`).
    Type {
        name: Ident,
        domain: bool,
    },
    /// What new objects get (`ALTER DEFAULT PRIVILEGES`): those `for_role`
    /// creates (`None`: the migration role), in `in_schema` (`None`: any).
    Default {
        for_role: Option<String>,
        in_schema: Option<Ident>,
        objects: DefaultObjects,
    },
}

impl GrantTarget {
    /// The kind whose privilege list applies to the object's own grants.
    pub fn kind(&self) -> PrivilegedKind {
        match self {
            GrantTarget::Schema | GrantTarget::OwnedSchema { .. } => PrivilegedKind::Schema,
            GrantTarget::Table { .. } | GrantTarget::View { .. } => PrivilegedKind::Table,
            GrantTarget::Sequence { .. } => PrivilegedKind::Sequence,
            GrantTarget::Function {
                kind: FunctionKind::Function,
                ..
            } => PrivilegedKind::Function,
            GrantTarget::Function { .. } => PrivilegedKind::Procedure,
            GrantTarget::Type { domain: true, .. } => PrivilegedKind::Domain,
            GrantTarget::Type { .. } => PrivilegedKind::Type,
            GrantTarget::Default { objects, .. } => objects.kind(),
        }
    }

    /// The function or procedure `f`.
    pub fn function(f: &Function) -> Self {
        GrantTarget::Function {
            name: f.name.clone(),
            kind: f.kind,
            args: f
                .args
                .iter()
                .filter(|a| a.mode.is_input())
                .map(|a| a.ty.clone())
                .collect(),
        }
    }

    /// The object's name in summaries: `table leads`.
    pub fn describe(&self) -> String {
        match self {
            GrantTarget::Schema => "schema".into(),
            GrantTarget::OwnedSchema { name } => format!("schema {name}"),
            GrantTarget::Table { name } => format!("table {name}"),
            GrantTarget::View {
                name,
                materialized: true,
            } => format!("materialized view {name}"),
            GrantTarget::View { name, .. } => format!("view {name}"),
            GrantTarget::Sequence { name } => format!("sequence {name}"),
            GrantTarget::Function { name, kind, args } => format!(
                "{} {name}({})",
                kind.sql().to_ascii_lowercase(),
                args.join(", ")
            ),
            GrantTarget::Type { name, domain: true } => format!("domain {name}"),
            GrantTarget::Type { name, .. } => format!("type {name}"),
            GrantTarget::Default {
                for_role,
                in_schema,
                objects,
            } => {
                let mut d = format!("new {}", objects.word());
                if let Some(r) = for_role {
                    d.push_str(&format!(" of {r}"));
                }
                match in_schema {
                    Some(s) => d.push_str(&format!(" in schema {s}")),
                    None => d.push_str(" in the database"),
                }
                d
            }
        }
    }
}

/// The owner and grants of an object that is being created: what turns
/// the access list PostgreSQL gives a new object of its kind into `grants`.
pub fn created(target: GrantTarget, owner: &Option<String>, grants: &[Grant]) -> Vec<Change> {
    let mut out = Vec::new();
    set_owner(target.clone(), &None, owner, &mut out);
    let scope = Scope {
        declared: &[],
        owner: owner.as_deref(),
    };
    let defaults = target.kind().defaults();
    privileges(target, &defaults, grants, &scope, &mut out);
    out
}

/// `ALTER … OWNER TO` when the new model declares an owner the old one
/// does not have. An undeclared owner is left as it is.
pub fn set_owner(
    target: GrantTarget,
    old: &Option<String>,
    new: &Option<String>,
    out: &mut Vec<Change>,
) {
    if new.is_some() && old != new {
        out.push(Change::SetOwner {
            target,
            owner: new.clone(),
            old: old.clone(),
        });
    }
}

/// What the model around an object says about its privileges.
pub struct Scope<'a> {
    /// Roles whose privileges the project manages (`public` always is).
    pub declared: &'a [Role],
    /// The object's owner after the change, whose own privileges are implicit.
    pub owner: Option<&'a str>,
}

impl Scope<'_> {
    fn manages(&self, role: &str) -> bool {
        role == "public" || self.declared.iter().any(|r| r.name == role)
    }
}

/// Revokes, then grants, turning `old` into `new` on `target`.
pub fn privileges(
    target: GrantTarget,
    old: &[Grant],
    new: &[Grant],
    scope: &Scope,
    out: &mut Vec<Change>,
) {
    let kind = target.kind();
    let (old, new) = (
        grant::atoms(&grant::normalize(kind, old)),
        grant::atoms(&grant::normalize(kind, new)),
    );
    let revoked: Vec<&GrantAtom> = old
        .iter()
        .filter(|a| !new.contains(*a))
        .filter(|a| scope.manages(&a.role) || new.iter().any(|n| n.role == a.role))
        .filter(|a| scope.owner != Some(a.role.as_str()))
        .collect();
    for g in grant::from_atoms(kind, revoked) {
        out.push(Change::Revoke {
            target: target.clone(),
            grant: g,
        });
    }
    for g in grant::from_atoms(kind, new.iter().filter(|a| !old.contains(*a))) {
        out.push(Change::Grant {
            target: target.clone(),
            grant: g,
        });
    }
}

/// Owner and privileges of an object both models have.
pub fn diff(
    target: GrantTarget,
    (old_owner, old): (&Option<String>, &[Grant]),
    (new_owner, new): (&Option<String>, &[Grant]),
    scope: &Scope,
    out: &mut Vec<Change>,
) {
    set_owner(target.clone(), old_owner, new_owner, out);
    privileges(target, old, new, scope, out);
}

/// The tier's schema: its owner and, when the new model declares them, its
/// privileges.
pub fn schema(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    set_owner(GrantTarget::Schema, &old.owner, &new.owner, out);
    if let Some(grants) = &new.grants {
        let scope = Scope {
            declared: &new.roles,
            owner: new.owner.as_deref(),
        };
        let before = old.grants.clone().unwrap_or_default();
        privileges(GrantTarget::Schema, &before, grants, &scope, out);
    }
    // A further schema created bare has its creator as owner and no grants.
    for s in &new.schemas {
        let was = old.schemas.iter().find(|o| o.name == s.name);
        let target = || GrantTarget::OwnedSchema {
            name: s.name.clone(),
        };
        set_owner(target(), &was.and_then(|o| o.owner.clone()), &s.owner, out);
        let Some(grants) = &s.grants else { continue };
        let scope = Scope {
            declared: &new.roles,
            owner: s.owner.as_deref(),
        };
        let before = was.and_then(|o| o.grants.clone()).unwrap_or_default();
        privileges(target(), &before, grants, &scope, out);
    }
}

/// Owners and privileges of the tables, views and sequences both models
/// have (those created carry theirs in their own changes).
pub fn objects(old: &Schema, new: &Schema, rebuilt_views: &[&str], out: &mut Vec<Change>) {
    for t in &new.tables {
        let Some(o) = old
            .table(t.name.as_str())
            .or_else(|| t.was.as_ref().and_then(|w| old.table(w.as_str())))
        else {
            continue;
        };
        let scope = Scope {
            declared: &new.roles,
            owner: t.owner.as_deref(),
        };
        diff(
            GrantTarget::Table {
                name: t.name.clone(),
            },
            (&o.owner, &o.grants),
            (&t.owner, &t.grants),
            &scope,
            out,
        );
    }
    for v in &new.views {
        if rebuilt_views.contains(&v.name.as_str()) {
            continue;
        }
        let Some(o) = old.view(v.name.as_str()) else {
            continue;
        };
        let scope = Scope {
            declared: &new.roles,
            owner: v.owner.as_deref(),
        };
        diff(
            GrantTarget::View {
                name: v.name.clone(),
                materialized: v.materialized,
            },
            (&o.owner, &o.grants),
            (&v.owner, &v.grants),
            &scope,
            out,
        );
    }
    // A sequence a column owns keeps its privileges as they are (the
    // language grants on standalone sequences only).
    for s in new.sequences.iter().filter(|s| s.owned_by.is_none()) {
        let Some(o) = old
            .sequence(s.name.as_str())
            .filter(|o| o.owned_by.is_none())
        else {
            continue;
        };
        let scope = Scope {
            declared: &new.roles,
            owner: s.owner.as_deref(),
        };
        diff(
            GrantTarget::Sequence {
                name: s.name.clone(),
            },
            (&o.owner, &o.grants),
            (&s.owner, &s.grants),
            &scope,
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(role: &str, p: &[&str]) -> Grant {
        Grant::new(role, p)
    }

    fn run(old: &[Grant], new: &[Grant], declared: &[&str]) -> Vec<Change> {
        let roles: Vec<Role> = declared
            .iter()
            .map(|r| Role {
                name: r.to_string(),
                comment: None,
                origin: Origin::Unknown,
            })
            .collect();
        let scope = Scope {
            declared: &roles,
            owner: None,
        };
        let mut out = Vec::new();
        let target = GrantTarget::Table {
            name: Ident::new("leads"),
        };
        privileges(target, old, new, &scope, &mut out);
        out
    }

    #[test]
    fn only_declared_roles_and_public_lose_privileges() {
        let old = [
            g("app", &["SELECT"]),
            g("dba", &["ALL"]),
            g("public", &["SELECT"]),
        ];
        let out = run(&old, &[], &["app"]);
        let roles: Vec<&str> = out
            .iter()
            .map(|c| match c {
                Change::Revoke { grant, .. } => grant.role.as_str(),
                _ => "?",
            })
            .collect();
        assert_eq!(roles, ["app", "public"]);
    }

    #[test]
    fn a_narrower_grant_is_a_revoke_then_a_grant() {
        let out = run(&[g("app", &["ALL"])], &[g("app", &["select"])], &["app"]);
        assert_eq!(
            out,
            vec![
                Change::Revoke {
                    target: GrantTarget::Table {
                        name: Ident::new("leads")
                    },
                    grant: g("app", &["ALL"]),
                },
                Change::Grant {
                    target: GrantTarget::Table {
                        name: Ident::new("leads")
                    },
                    grant: g("app", &["SELECT"]),
                },
            ]
        );
    }
}
