//! Domains: created before the columns that use them and dropped after;
//! defaults, `NOT NULL` and checks altered in place. A new check is added
//! `NOT VALID` and validated in a second step, so values already stored are
//! scanned without blocking writes. A new base type or collation is a new
//! domain (drop and create); the columns using it hold the new base type
//! meanwhile.

use serde::Serialize;

use super::grant::{self, GrantTarget};
use super::{Change, CommentTarget};
use crate::model::*;

/// One `ALTER DOMAIN` action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum DomainStep {
    SetDefault {
        default: Option<String>,
        old: Option<String>,
    },
    SetNotNull {
        not_null: bool,
    },
    AddCheck {
        check: DomainCheck,
        not_valid: bool,
    },
    ValidateCheck {
        check: DomainCheck,
    },
    DropCheck {
        check: DomainCheck,
    },
}

impl DomainStep {
    /// The action that undoes this one (`None`: nothing to undo).
    pub fn reverse(&self) -> Option<DomainStep> {
        Some(match self.clone() {
            DomainStep::SetDefault { default, old } => DomainStep::SetDefault {
                default: old,
                old: default,
            },
            DomainStep::SetNotNull { not_null } => DomainStep::SetNotNull {
                not_null: !not_null,
            },
            DomainStep::AddCheck { check, .. } => DomainStep::DropCheck { check },
            DomainStep::ValidateCheck { .. } => return None,
            DomainStep::DropCheck { check } => DomainStep::AddCheck {
                not_valid: check.not_valid,
                check,
            },
        })
    }

    pub fn describe(&self) -> String {
        match self {
            DomainStep::SetDefault {
                default: Some(_), ..
            } => "default".into(),
            DomainStep::SetDefault { default: None, .. } => "default dropped".into(),
            DomainStep::SetNotNull { not_null: true } => "not null".into(),
            DomainStep::SetNotNull { not_null: false } => "nullable".into(),
            DomainStep::AddCheck { check, .. } => format!("check {}", check.name),
            DomainStep::ValidateCheck { check } => format!("check {} validated", check.name),
            DomainStep::DropCheck { check } => format!("check {} dropped", check.name),
        }
    }
}

pub fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let mut renamed: Vec<&Ident> = Vec::new();
    for d in &new.domains {
        let before = match old.domain(d.name.as_str()) {
            Some(o) => Some(o),
            None => match d.was.as_ref().and_then(|w| old.domain(w.as_str())) {
                Some(o) if new.domain(o.name.as_str()).is_none() => {
                    out.push(Change::RenameDomain {
                        from: o.name.clone(),
                        to: d.name.clone(),
                    });
                    renamed.push(&o.name);
                    Some(o)
                }
                _ => None,
            },
        };
        match before {
            None => out.extend(create(d)),
            Some(o) if o.ty != d.ty || o.collation != d.collation => {
                // PostgreSQL drops no domain a column still uses: the
                // columns hold the new base type while the domain is made
                // again, then take the new domain.
                let kept = columns_of(old, new, &d.name);
                let via = |c: &ColumnType| ColumnType {
                    array_dims: c.array_dims,
                    ..d.ty.clone()
                };
                for (table, column, ty) in &kept {
                    out.push(Change::AlterColumnType {
                        table: table.clone(),
                        column: column.clone(),
                        from: ty.clone(),
                        to: via(ty),
                        rewrite: !crate::plan::hazards::binary_compatible(&o.ty, &d.ty),
                    });
                }
                out.push(Change::DropDomain {
                    domain: Domain {
                        name: d.name.clone(),
                        ..o.clone()
                    },
                });
                out.extend(create(d));
                for (table, column, ty) in &kept {
                    out.push(Change::AlterColumnType {
                        table: table.clone(),
                        column: column.clone(),
                        from: via(ty),
                        to: ty.clone(),
                        rewrite: false,
                    });
                }
            }
            Some(o) => {
                alter(o, d, out);
                let scope = grant::Scope {
                    declared: &new.roles,
                    owner: d.owner.as_deref(),
                };
                let kind = PrivilegedKind::Domain;
                grant::diff(
                    target(d),
                    (&o.owner, &kind.effective(&o.grants)),
                    (&d.owner, &kind.effective(&d.grants)),
                    &scope,
                    out,
                );
            }
        }
    }
    for o in &old.domains {
        if new.domain(o.name.as_str()).is_none() && !renamed.contains(&&o.name) {
            out.push(Change::DropDomain { domain: o.clone() });
        }
    }
}

fn target(d: &Domain) -> GrantTarget {
    GrantTarget::Type {
        name: d.name.clone(),
        domain: true,
    }
}

/// `CREATE DOMAIN` with the owner and privileges `d` declares.
pub fn create(d: &Domain) -> Vec<Change> {
    let mut out = vec![Change::CreateDomain { domain: d.clone() }];
    out.extend(grant::created(
        target(d),
        &d.owner,
        &PrivilegedKind::Domain.effective(&d.grants),
    ));
    out
}

/// The columns of domain `name` (or arrays of it) in both `old` and `new`,
/// with their type: those a new base type must carry over.
fn columns_of(old: &Schema, new: &Schema, name: &Ident) -> Vec<(Ident, Ident, ColumnType)> {
    let of_domain = |ty: &ColumnType| ty.kind == TypeKind::Domain && ty.base == name.as_str();
    let mut out = Vec::new();
    for t in &new.tables {
        let Some(ot) = old.table(t.name.as_str()) else {
            continue;
        };
        for c in t.columns.iter().filter(|c| of_domain(&c.ty)) {
            if ot.column(c.name.as_str()).is_some_and(|oc| oc.ty == c.ty) {
                out.push((t.name.clone(), c.name.clone(), c.ty.clone()));
            }
        }
    }
    out
}

fn alter(o: &Domain, d: &Domain, out: &mut Vec<Change>) {
    let mut step = |step: DomainStep| {
        out.push(Change::AlterDomain {
            name: d.name.clone(),
            step,
        })
    };
    if o.default != d.default {
        step(DomainStep::SetDefault {
            default: d.default.clone(),
            old: o.default.clone(),
        });
    }
    for c in &o.checks {
        if d.check(c.name.as_str()).is_none_or(|n| n.expr != c.expr) {
            step(DomainStep::DropCheck { check: c.clone() });
        }
    }
    if o.not_null != d.not_null {
        step(DomainStep::SetNotNull {
            not_null: d.not_null,
        });
    }
    for c in &d.checks {
        match o.check(c.name.as_str()) {
            Some(oc) if oc.expr == c.expr => {
                if oc.not_valid && !c.not_valid {
                    step(DomainStep::ValidateCheck { check: c.clone() });
                }
            }
            _ => {
                step(DomainStep::AddCheck {
                    check: c.clone(),
                    not_valid: true,
                });
                if !c.not_valid {
                    step(DomainStep::ValidateCheck { check: c.clone() });
                }
            }
        }
    }
    if o.comment != d.comment {
        out.push(Change::SetComment {
            target: CommentTarget::Type {
                name: d.name.clone(),
            },
            comment: d.comment.clone(),
            old: o.comment.clone(),
        });
    }
}

/// `old` with the columns of each domain `new` renames (`was:`) already
/// using the new name, so the rename alone moves them; `None` without
/// renames.
pub fn renamed(old: &Schema, new: &Schema) -> Option<Schema> {
    let renames: Vec<(&Ident, &Ident)> = new
        .domains
        .iter()
        .filter(|d| old.domain(d.name.as_str()).is_none())
        .filter_map(|d| {
            let was = d.was.as_ref()?;
            (old.domain(was.as_str()).is_some() && new.domain(was.as_str()).is_none())
                .then_some((was, &d.name))
        })
        .collect();
    if renames.is_empty() {
        return None;
    }
    let mut out = old.clone();
    let types = out
        .tables
        .iter_mut()
        .flat_map(|t| t.columns.iter_mut().map(|c| &mut c.ty))
        .chain(out.domains.iter_mut().map(|d| &mut d.ty));
    for ty in types {
        if ty.kind == TypeKind::Domain
            && let Some((_, to)) = renames.iter().find(|(from, _)| **from == ty.base.as_str())
        {
            ty.base = to.to_string();
        }
    }
    Some(out)
}
