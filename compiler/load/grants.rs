//! Owners and grants: the `owner:` and `grants:` of a tier, its tables,
//! views and sequences lowered onto the model (the tier's owner is the
//! default of every object it creates), privilege words checked against
//! the object's kind, and the project's `roles:`. Every role a grant or an
//! owner names is recorded with its span for the undeclared-role rule.

use super::syntax::grant::{DefaultPrivilegesSyntax, GrantSyntax, RoleSyntax};
use super::syntax::{
    DomainSyntax, EnumSyntax, FunctionSyntax, Named, SequenceSyntax, Sp, TableSyntax, TierSyntax,
    ViewSyntax,
};
use crate::check::rules::default_privilege_invalid;
use crate::check::rules::invalid_value;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::default_privilege::{created_acl, shapes};
use crate::model::grant::normalize;
use crate::model::*;

/// Whether a table or view in `schema` (`None`: the tier's) is the one
/// written under `key` (`name`, or `schema.name`; a name is never in two
/// of the tier's schemas).
fn written_as(schema: &Option<Ident>, name: &Ident, key: &str) -> bool {
    match (schema, key.split_once('.')) {
        (Some(s), Some((ks, kn))) => *s == ks && *name == kn,
        (None, Some((_, kn))) => *name == kn,
        (_, None) => *name == key,
    }
}

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

    /// One `default_privileges:` entry: an entry per kind it writes,
    /// those equal to PostgreSQL's own left out.
    fn default_privileges(
        &mut self,
        d: &DefaultPrivilegesSyntax,
        schema: &Schema,
    ) -> Vec<DefaultPrivilege> {
        let bad = |message: String, span, help: &str| {
            Diagnostic::new(&default_privilege_invalid::META, message)
                .at(span)
                .help(help.to_string())
        };
        let wide = d.database_wide.as_ref().is_some_and(|b| b.value);
        if let (true, Some(s)) = (wide, &d.schema) {
            self.diags.push(bad(
                "default privileges are either database-wide or in one schema".into(),
                Some(s.span),
                "remove `schema:` or `database_wide: true`",
            ));
            return Vec::new();
        }
        let ns: Option<Ident> = match (&d.schema, wide) {
            (_, true) => None,
            (None, false) => Some(schema.name.clone()),
            (Some(s), false) => {
                if !schema.namespaces().iter().any(|n| **n == s.value.as_str()) {
                    let owned: Vec<String> =
                        schema.namespaces().iter().map(|n| n.to_string()).collect();
                    self.diags.push(bad(
                        format!("`{}` is not a schema of this tier", s.value),
                        Some(s.span),
                        &format!("use one of: {}", owned.join(", ")),
                    ));
                    return Vec::new();
                }
                Some(Ident::new(s.value.clone()))
            }
        };
        let for_role = d.for_role.as_ref().map(|r| {
            self.uses.push((r.value.clone(), r.span));
            r.value.clone()
        });
        let mut out = Vec::new();
        for (objects, written) in d.kinds() {
            if written.0.is_empty() {
                continue;
            }
            let kind = objects.kind();
            if objects == DefaultObjects::Schemas && ns.is_some() {
                self.diags.push(bad(
                    "default privileges on schemas cannot be limited to a schema".into(),
                    written.0.first().map(|(k, _)| k.span),
                    "move `schemas:` to an entry with `database_wide: true`",
                ));
                continue;
            }
            let public = written
                .0
                .iter()
                .find(|(r, _)| role_name(&r.value) == "public");
            let mut grants = self.grants(kind, written);
            let revokes_public = public.filter(|(_, g)| {
                g.entries.iter().all(|e| {
                    matches!(e.privileges.as_slice(), [p] if p.value.trim().eq_ignore_ascii_case("none"))
                })
            });
            match (&ns, revokes_public) {
                (None, _) if public.is_none() => {
                    grants.splice(0..0, kind.defaults());
                }
                (Some(_), Some((r, _))) if !kind.defaults().is_empty() => {
                    self.diags.push(bad(
                        format!(
                            "PUBLIC's built-in privilege on new {} can only be revoked database-wide",
                            objects.word()
                        ),
                        Some(r.span),
                        "PostgreSQL adds per-schema defaults to the database-wide ones: write `public: none` in an entry with `database_wide: true`",
                    ));
                    continue;
                }
                _ => {}
            }
            for g in &grants {
                if g.columns.is_empty() {
                    continue;
                }
                self.diags.push(bad(
                    "default privileges cannot name columns".into(),
                    written.0.first().map(|(k, _)| k.span),
                    "grant on the columns of each table instead",
                ));
            }
            grants.retain(|g| g.columns.is_empty());
            let entry = DefaultPrivilege {
                for_role: for_role.clone(),
                schema: ns.clone(),
                objects,
                grants: normalize(kind, &grants),
            };
            if !entry.is_absent() {
                out.push(entry);
            }
        }
        out
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
    for (name, s) in &tier.schemas.0 {
        let owner = l.owner(&s.owner, &tier_owner);
        let grants = (!s.grants.0.is_empty()).then(|| l.grants(PrivilegedKind::Schema, &s.grants));
        if let Some(o) = schema
            .schemas
            .iter_mut()
            .find(|o| o.name == name.value.as_str())
        {
            o.owner = owner;
            o.grants = grants;
        }
    }
    for d in &tier.default_privileges {
        let entries = l.default_privileges(d, schema);
        schema.default_privileges.extend(entries);
    }
    let defaults = schema.default_privileges.clone();
    let schema_name = schema.name.clone();
    // An object whose grants are not written holds what the migration
    // role's default privileges give it on creation.
    let implied = |schema: &Schema, own: &Option<Ident>, objects: DefaultObjects, kind| {
        let ns = schema.namespace_of(own);
        shapes(&defaults, ns, objects).then(|| created_acl(&defaults, ns, objects, kind))
    };
    for (name, t) in tables {
        let owner = l.owner(&t.owner, &tier_owner);
        let grants = l.grants(PrivilegedKind::Table, &t.grants);
        let own = schema
            .tables
            .iter()
            .find(|m| written_as(&m.schema, &m.name, &name.value))
            .and_then(|m| m.schema.clone());
        let implied = t
            .grants
            .0
            .is_empty()
            .then(|| implied(schema, &own, DefaultObjects::Tables, PrivilegedKind::Table))
            .flatten();
        if let Some(m) = schema
            .tables
            .iter_mut()
            .find(|m| written_as(&m.schema, &m.name, &name.value))
        {
            m.owner = owner;
            m.grants = implied.unwrap_or(grants);
        }
    }
    for (name, v) in views {
        let ViewSyntax::Long(v) = v else {
            let own = schema
                .views
                .iter()
                .find(|m| written_as(&m.schema, &m.name, &name.value))
                .and_then(|m| m.schema.clone());
            let grants = implied(schema, &own, DefaultObjects::Tables, PrivilegedKind::Table);
            if let Some(m) = schema
                .views
                .iter_mut()
                .find(|m| written_as(&m.schema, &m.name, &name.value))
            {
                m.owner = tier_owner.clone();
                m.grants = grants.unwrap_or_default();
            }
            continue;
        };
        let owner = l.owner(&v.owner, &tier_owner);
        let grants = l.grants(PrivilegedKind::Table, &v.grants);
        let own = schema
            .views
            .iter()
            .find(|m| written_as(&m.schema, &m.name, &name.value))
            .and_then(|m| m.schema.clone());
        let grants = match v.grants.0.is_empty() {
            true => implied(schema, &own, DefaultObjects::Tables, PrivilegedKind::Table)
                .unwrap_or(grants),
            false => grants,
        };
        if let Some(m) = schema
            .views
            .iter_mut()
            .find(|m| written_as(&m.schema, &m.name, &name.value))
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
        let grants = match s.grants.0.is_empty() && s.owned_by.is_none() {
            true => implied(
                schema,
                &None,
                DefaultObjects::Sequences,
                PrivilegedKind::Sequence,
            )
            .unwrap_or(grants),
            false => grants,
        };
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
        if f.grants.0.is_empty() {
            let kind = m.privileged_kind();
            let ns = schema_name.clone();
            if shapes(&defaults, &ns, DefaultObjects::Functions) {
                m.grants =
                    kind.declared(created_acl(&defaults, &ns, DefaultObjects::Functions, kind));
            }
        }
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
        let ns = m.schema.clone().unwrap_or_else(|| schema_name.clone());
        if d.grants.0.is_empty() && shapes(&defaults, &ns, DefaultObjects::Types) {
            let acl = created_acl(
                &defaults,
                &ns,
                DefaultObjects::Types,
                PrivilegedKind::Domain,
            );
            m.grants = PrivilegedKind::Domain.declared(acl);
        }
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
        let ns = m.schema.clone().unwrap_or_else(|| schema_name.clone());
        if grants.0.is_empty() && shapes(&defaults, &ns, DefaultObjects::Types) {
            let acl = created_acl(&defaults, &ns, DefaultObjects::Types, PrivilegedKind::Type);
            m.grants = PrivilegedKind::Type.declared(acl);
        }
    }
    l.uses
}
