//! Owners and grants: the `owner:` and `grants:` of a tier, its tables,
//! views and sequences lowered onto the model (the tier's owner is the
//! default of every object it creates), privilege words checked against
//! the object's kind, and the project's `roles:`. Every role a grant or an
//! owner names is recorded with its span for the undeclared-role rule.

use super::syntax::grant::{GrantSyntax, RoleSyntax};
use super::syntax::{
    DomainSyntax, EnumSyntax, FunctionSyntax, Named, SequenceSyntax, Sp, TableSyntax, TierSyntax,
    ViewSyntax,
};
use crate::check::rules::invalid_value;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::grant::normalize;
use crate::model::*;

/// The project's `roles:`.
pub fn roles(roles: &Named<RoleSyntax>) -> Vec<Role> {
    roles
        .0
        .iter()
        .map(|(name, r)| Role {
            name: role_name(&name.value),
            comment: r.comment.as_ref().map(|c| c.value.clone()),
            origin: Origin::Yaml(name.span),
        })
        .collect()
}

/// `PUBLIC` in any case is the pseudo-role every role belongs to.
fn role_name(written: &str) -> String {
    if written.eq_ignore_ascii_case("public") {
        "public".into()
    } else {
        written.to_string()
    }
}

/// Roles named by owners and grants of one tier, where they are written.
pub type RoleUses = Vec<(String, Span)>;

struct Lowering<'a> {
    uses: RoleUses,
    diags: &'a mut Diagnostics,
}

impl Lowering<'_> {
    fn owner(&mut self, written: &Option<Sp<String>>, default: &Option<String>) -> Option<String> {
        match written {
            Some(o) => {
                self.uses.push((o.value.clone(), o.span));
                Some(o.value.clone())
            }
            None => default.clone(),
        }
    }

    fn grants(&mut self, kind: PrivilegedKind, written: &Named<GrantSyntax>) -> Vec<Grant> {
        let mut out = Vec::new();
        for (role, g) in written
            .0
            .iter()
            .flat_map(|(r, g)| g.entries.iter().map(move |e| (r, e)))
        {
            let name = role_name(&role.value);
            if name != "public" {
                self.uses.push((name.clone(), role.span));
            }
            let on = if g.columns.is_empty() {
                kind
            } else {
                if kind != PrivilegedKind::Table {
                    self.diags.push(
                        Diagnostic::new(
                            &invalid_value::META,
                            "only tables take privileges on columns",
                        )
                        .at(g.span)
                        .help("remove `columns:`"),
                    );
                    continue;
                }
                PrivilegedKind::Column
            };
            let mut privileges = Vec::new();
            if let [p] = g.privileges.as_slice()
                && p.value.trim().eq_ignore_ascii_case("none")
            {
                continue;
            }
            for p in &g.privileges {
                let word = p.value.trim().to_ascii_uppercase().replace('_', " ");
                if on.accepts(&word) {
                    privileges.push(word);
                } else {
                    self.diags.push(
                        Diagnostic::new(
                            &invalid_value::META,
                            format!("`{}` is not a privilege of this kind of object", p.value),
                        )
                        .at(Some(p.span))
                        .help(format!(
                            "expected one of: {}, or `none` alone",
                            on.words().join(", ")
                        )),
                    );
                }
            }
            if privileges.is_empty() {
                continue;
            }
            out.push(Grant {
                role: name,
                privileges,
                columns: g
                    .columns
                    .iter()
                    .map(|c| Ident::new(c.value.clone()))
                    .collect(),
                with_grant_option: g.grant_option.as_ref().is_some_and(|b| b.value),
            });
        }
        normalize(kind, &out)
    }

    /// Privileges on a routine or a type, whose PUBLIC has PostgreSQL's
    /// default (`EXECUTE`, `USAGE`) unless the YAML says otherwise
    /// (`public: none`); `None` when they are that default.
    fn defaulted(
        &mut self,
        kind: PrivilegedKind,
        written: &Named<GrantSyntax>,
    ) -> Option<Vec<Grant>> {
        if written.0.is_empty() {
            return None;
        }
        let mut grants = self.grants(kind, written);
        if !written
            .0
            .iter()
            .any(|(r, _)| role_name(&r.value) == "public")
        {
            grants.splice(0..0, kind.defaults());
        }
        kind.declared(grants)
    }
}

/// Owners and privileges of functions, procedures, domains and enums, found
/// in `schema` by where they are declared.
pub struct Routines<'a> {
    pub functions: &'a [(Sp<String>, FunctionSyntax)],
    pub procedures: &'a [(Sp<String>, FunctionSyntax)],
    pub domains: &'a [(Sp<String>, DomainSyntax)],
    pub enums: &'a [(Sp<String>, EnumSyntax)],
}

/// Lower the owners and grants of one tier onto `schema` (whose objects
/// are already lowered, by name). Returns the roles named and where.
pub fn lower_tier(
    tier: &TierSyntax,
    tables: &[(Sp<String>, TableSyntax)],
    views: &[(Sp<String>, ViewSyntax)],
    sequences: &[(Sp<String>, SequenceSyntax)],
    routines: Routines,
    schema: &mut Schema,
    diags: &mut Diagnostics,
) -> RoleUses {
    let mut l = Lowering {
        uses: Vec::new(),
        diags,
    };
    let tier_owner = l.owner(&tier.owner, &None);
    schema.owner = if schema.name == "public" {
        None
    } else {
        tier_owner.clone()
    };
    if !tier.grants.0.is_empty() {
        schema.grants = Some(l.grants(PrivilegedKind::Schema, &tier.grants));
    }
    for (name, t) in tables {
        let owner = l.owner(&t.owner, &tier_owner);
        let grants = l.grants(PrivilegedKind::Table, &t.grants);
        if let Some(m) = schema
            .tables
            .iter_mut()
            .find(|m| m.name == name.value.as_str())
        {
            m.owner = owner;
            m.grants = grants;
        }
    }
    for (name, v) in views {
        let ViewSyntax::Long(v) = v else {
            if let Some(m) = schema
                .views
                .iter_mut()
                .find(|m| m.name == name.value.as_str())
            {
                m.owner = tier_owner.clone();
            }
            continue;
        };
        let owner = l.owner(&v.owner, &tier_owner);
        let grants = l.grants(PrivilegedKind::Table, &v.grants);
        if let Some(m) = schema
            .views
            .iter_mut()
            .find(|m| m.name == name.value.as_str())
        {
            m.owner = owner;
            m.grants = grants;
        }
    }
    for (name, s) in sequences {
        if let (Some(o), Some((first, _))) = (&s.owned_by, s.grants.0.first()) {
            l.diags.push(
                Diagnostic::new(
                    &invalid_value::META,
                    format!(
                        "sequence `{}` is owned by `{}`: its privileges are not managed",
                        name.value, o.value
                    ),
                )
                .at(Some(first.span))
                .help("grant on a standalone sequence, or remove `owned_by`"),
            );
        }
        let owner = l.owner(&s.owner, &tier_owner);
        let grants = l.grants(PrivilegedKind::Sequence, &s.grants);
        if let Some(m) = schema
            .sequences
            .iter_mut()
            .find(|m| m.name == name.value.as_str())
        {
            m.owner = owner;
            m.grants = grants;
        }
    }
    for (key, f) in routines.functions.iter().chain(routines.procedures) {
        let Some(m) = schema
            .functions
            .iter_mut()
            .find(|m| m.origin.span() == Some(key.span))
        else {
            continue;
        };
        m.owner = l.owner(&f.owner, &tier_owner);
        m.grants = l.defaulted(m.privileged_kind(), &f.grants);
    }
    for (key, d) in routines.domains {
        let Some(m) = schema
            .domains
            .iter_mut()
            .find(|m| m.origin.span() == Some(key.span))
        else {
            continue;
        };
        m.owner = l.owner(&d.owner, &tier_owner);
        m.grants = l.defaulted(PrivilegedKind::Domain, &d.grants);
    }
    for (key, e) in routines.enums {
        let Some(m) = schema
            .enums
            .iter_mut()
            .find(|m| m.origin.span() == Some(key.span))
        else {
            continue;
        };
        let (owner, grants) = match e {
            EnumSyntax::Long(e) => (&e.owner, &e.grants),
            EnumSyntax::Values(_) => (&None, &Named::default()),
        };
        m.owner = l.owner(owner, &tier_owner);
        m.grants = l.defaulted(PrivilegedKind::Type, grants);
    }
    l.uses
}
