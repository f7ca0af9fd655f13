//! Privileges: the roles a project refers to, and what each object grants
//! them. Privileges are kept upper-case in PostgreSQL's ACL order, merged
//! per (role, columns, grant option), with `ALL` standing for the kind's
//! whole set, so a model read from `aclexplode` and one written in YAML
//! compare equal. Grants of an object's owner to itself are implicit and
//! never kept.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Ident, Origin};

/// A role the project refers to (`roles:` in `schemac.yaml`). Roles are
/// cluster-wide: schemac never creates or drops them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// Privileges granted to one role (`public` is PUBLIC), on the whole object
/// or, for a table, on `columns`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Grant {
    pub role: String,
    pub privileges: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Ident>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_grant_option: bool,
}

impl Grant {
    /// `privileges` (keywords) granted to `role` on the whole object,
    /// without grant option.
    pub fn new(role: &str, privileges: &[&str]) -> Grant {
        Grant {
            role: role.into(),
            privileges: privileges.iter().map(|s| s.to_string()).collect(),
            columns: Vec::new(),
            with_grant_option: false,
        }
    }
}

/// Every privilege keyword, in the order PostgreSQL prints an ACL
/// (`arwdDxtXUCTcsAm`).
pub const ACL_ORDER: &[&str] = &[
    "INSERT",
    "SELECT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
    "EXECUTE",
    "USAGE",
    "CREATE",
    "TEMPORARY",
    "CONNECT",
    "SET",
    "ALTER SYSTEM",
    "MAINTAIN",
];

/// The kinds of object that carry privileges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrivilegedKind {
    Schema,
    /// Tables, views and materialized views (`GRANT … ON TABLE`).
    Table,
    /// Privileges on some columns of a table.
    Column,
    Sequence,
    Function,
    Procedure,
    Type,
    Domain,
}

impl PrivilegedKind {
    /// The privileges `ALL` stands for, as PostgreSQL 15 has them (17 adds
    /// MAINTAIN on tables, which `ALL` also grants there).
    pub fn all(self) -> &'static [&'static str] {
        match self {
            PrivilegedKind::Schema => &["USAGE", "CREATE"],
            PrivilegedKind::Table => &[
                "INSERT",
                "SELECT",
                "UPDATE",
                "DELETE",
                "TRUNCATE",
                "REFERENCES",
                "TRIGGER",
            ],
            PrivilegedKind::Column => &["INSERT", "SELECT", "UPDATE", "REFERENCES"],
            PrivilegedKind::Sequence => &["SELECT", "UPDATE", "USAGE"],
            PrivilegedKind::Function | PrivilegedKind::Procedure => &["EXECUTE"],
            PrivilegedKind::Type | PrivilegedKind::Domain => &["USAGE"],
        }
    }

    /// What PostgreSQL grants PUBLIC on a new object of this kind
    /// (`acldefault`): `EXECUTE` on routines, `USAGE` on types.
    pub fn defaults(self) -> Vec<Grant> {
        let privilege = match self {
            PrivilegedKind::Function | PrivilegedKind::Procedure => "EXECUTE",
            PrivilegedKind::Type | PrivilegedKind::Domain => "USAGE",
            _ => return Vec::new(),
        };
        vec![Grant {
            role: "public".into(),
            privileges: vec![privilege.into()],
            columns: Vec::new(),
            with_grant_option: false,
        }]
    }

    /// The access list `grants` stands for: the kind's default when `None`.
    pub fn effective(self, grants: &Option<Vec<Grant>>) -> Vec<Grant> {
        match grants {
            Some(g) => normalize(self, g),
            None => self.defaults(),
        }
    }

    /// `grants` as a model keeps them: `None` when they are the kind's
    /// default access list.
    pub fn declared(self, grants: Vec<Grant>) -> Option<Vec<Grant>> {
        let grants = normalize(self, &grants);
        let (mut a, mut d) = (atoms(&grants), atoms(&self.defaults()));
        a.sort();
        d.sort();
        (a != d).then_some(grants)
    }

    /// Privileges PostgreSQL accepts on this kind beyond [`Self::all`].
    fn extra(self) -> &'static [&'static str] {
        match self {
            PrivilegedKind::Table => &["MAINTAIN"],
            _ => &[],
        }
    }

    /// Whether `privilege` (upper-case) can be granted on this kind.
    pub fn accepts(self, privilege: &str) -> bool {
        privilege == "ALL" || self.all().contains(&privilege) || self.extra().contains(&privilege)
    }

    /// The words a user may write, lower-case.
    pub fn words(self) -> Vec<String> {
        std::iter::once("all")
            .chain(self.all().iter().copied())
            .chain(self.extra().iter().copied())
            .map(str::to_ascii_lowercase)
            .collect()
    }
}

/// `privileges` upper-case, deduplicated, in ACL order; `ALL` when they
/// cover the kind's whole set of several.
pub fn normalize_privileges(kind: PrivilegedKind, privileges: &[String]) -> Vec<String> {
    let set: BTreeSet<String> = privileges
        .iter()
        .map(|p| p.trim().to_ascii_uppercase())
        .map(|p| {
            if p == "ALL PRIVILEGES" {
                "ALL".to_string()
            } else if p == "TEMP" {
                "TEMPORARY".to_string()
            } else {
                p
            }
        })
        .collect();
    if set.contains("ALL") || kind.all().iter().all(|p| set.contains(*p)) {
        // A kind with one privilege (`EXECUTE`, `USAGE`) names it.
        return match kind.all() {
            [one] => vec![one.to_string()],
            _ => vec!["ALL".to_string()],
        };
    }
    ACL_ORDER
        .iter()
        .filter(|p| set.contains(**p))
        .map(|p| p.to_string())
        .collect()
}

/// One privilege of one role, on the object or one column.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GrantAtom {
    pub role: String,
    pub column: Option<Ident>,
    pub privilege: String,
    pub with_grant_option: bool,
}

/// Grants split into single privileges, in the order they are listed.
pub fn atoms(grants: &[Grant]) -> Vec<GrantAtom> {
    let mut out: Vec<GrantAtom> = Vec::new();
    for g in grants {
        let columns: Vec<Option<Ident>> = if g.columns.is_empty() {
            vec![None]
        } else {
            g.columns.iter().cloned().map(Some).collect()
        };
        for c in columns {
            for p in &g.privileges {
                let a = GrantAtom {
                    role: g.role.clone(),
                    column: c.clone(),
                    privilege: p.clone(),
                    with_grant_option: g.with_grant_option,
                };
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// `(key, values)` pairs in the order keys first appear.
fn grouped<K: PartialEq, V>(items: impl IntoIterator<Item = (K, V)>) -> Vec<(K, Vec<V>)> {
    let mut out: Vec<(K, Vec<V>)> = Vec::new();
    for (k, v) in items {
        match out.iter_mut().find(|(o, _)| *o == k) {
            Some((_, vs)) => vs.push(v),
            None => out.push((k, vec![v])),
        }
    }
    out
}

/// The canonical list of grants holding `atoms` on an object of `kind`:
/// one grant per role and grant option for the object, then per role,
/// grant option and privilege set for columns. Roles keep the order they
/// come in: PostgreSQL lists an access list in the order roles were first
/// granted something, and `pg_dump` prints it so.
pub fn from_atoms<'a>(
    kind: PrivilegedKind,
    atoms: impl IntoIterator<Item = &'a GrantAtom>,
) -> Vec<Grant> {
    let atoms: Vec<&GrantAtom> = atoms.into_iter().collect();
    let object = grouped(
        atoms
            .iter()
            .filter(|a| a.column.is_none())
            .map(|a| ((a.role.clone(), a.with_grant_option), a.privilege.clone())),
    );
    let mut out: Vec<Grant> = object
        .into_iter()
        .map(|((role, with_grant_option), p)| Grant {
            role,
            privileges: normalize_privileges(kind, &p),
            columns: Vec::new(),
            with_grant_option,
        })
        .collect();
    let column = grouped(atoms.iter().filter_map(|a| {
        a.column.as_ref().map(|c| {
            (
                (a.role.clone(), a.with_grant_option, c.clone()),
                a.privilege.clone(),
            )
        })
    }));
    let by_set = grouped(column.into_iter().map(|((role, g, c), p)| {
        (
            (role, g, normalize_privileges(PrivilegedKind::Column, &p)),
            c,
        )
    }));
    out.extend(
        by_set
            .into_iter()
            .map(|((role, with_grant_option, privileges), columns)| Grant {
                role,
                privileges,
                columns,
                with_grant_option,
            }),
    );
    out
}

/// `grants` in canonical form (see [`from_atoms`]).
pub fn normalize(kind: PrivilegedKind, grants: &[Grant]) -> Vec<Grant> {
    let expanded: Vec<Grant> = grants
        .iter()
        .map(|g| Grant {
            privileges: normalize_privileges(
                if g.columns.is_empty() {
                    kind
                } else {
                    PrivilegedKind::Column
                },
                &g.privileges,
            ),
            ..g.clone()
        })
        .collect();
    // A privilege held with the grant option is also held without it.
    let all = atoms(&expanded);
    let kept: Vec<&GrantAtom> = all
        .iter()
        .filter(|a| {
            a.with_grant_option
                || !all.contains(&GrantAtom {
                    with_grant_option: true,
                    ..(*a).clone()
                })
        })
        .collect();
    from_atoms(kind, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_routine_or_type_at_its_default_declares_nothing() {
        let public = |p: &str| g("public", &[p], &[]);
        assert_eq!(
            PrivilegedKind::Function.declared(vec![public("execute")]),
            None
        );
        assert_eq!(PrivilegedKind::Type.declared(vec![public("all")]), None);
        assert_eq!(
            PrivilegedKind::Procedure.declared(vec![]),
            Some(vec![]),
            "PUBLIC's EXECUTE revoked"
        );
        assert_eq!(
            PrivilegedKind::Function.effective(&None),
            vec![public("EXECUTE")]
        );
    }

    fn g(role: &str, p: &[&str], cols: &[&str]) -> Grant {
        Grant {
            columns: cols.iter().map(|c| Ident::new(*c)).collect(),
            ..Grant::new(role, p)
        }
    }

    #[test]
    fn privileges_sort_in_acl_order_and_collapse_to_all() {
        let p = normalize_privileges(
            PrivilegedKind::Table,
            &["update".into(), "select".into(), "insert".into()],
        );
        assert_eq!(p, ["INSERT", "SELECT", "UPDATE"]);
        let all: Vec<String> = PrivilegedKind::Table
            .all()
            .iter()
            .rev()
            .map(|s| s.to_lowercase())
            .collect();
        assert_eq!(normalize_privileges(PrivilegedKind::Table, &all), ["ALL"]);
        assert_eq!(
            normalize_privileges(PrivilegedKind::Sequence, &["usage".into(), "select".into()]),
            ["SELECT", "USAGE"]
        );
        assert_eq!(
            normalize_privileges(PrivilegedKind::Function, &["all".into()]),
            ["EXECUTE"]
        );
        assert_eq!(
            normalize_privileges(PrivilegedKind::Domain, &["usage".into()]),
            ["USAGE"]
        );
    }

    #[test]
    fn column_grants_group_by_privilege_set() {
        let grants = normalize(
            PrivilegedKind::Table,
            &[
                g("app", &["select"], &["b", "a"]),
                g("app", &["update"], &["a"]),
                g("app", &["select"], &[]),
            ],
        );
        assert_eq!(
            grants,
            vec![
                g("app", &["SELECT"], &[]),
                g("app", &["SELECT"], &["b"]),
                g("app", &["SELECT", "UPDATE"], &["a"]),
            ]
        );
    }
}
