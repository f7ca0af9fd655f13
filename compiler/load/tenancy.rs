//! The tenancy pass: what the compiler adds to every tenant-scoped table so
//! that isolation does not depend on anyone remembering it — the key column,
//! its foreign key to the root (same database only), an index leading with it,
//! RLS enabled and forced, and the isolation policy. Runs after tables are
//! lowered and before partitions are expanded, so children inherit it all.

use super::syntax::TenancySyntax;
use crate::check::rules::{tenancy_root_invalid, unknown_type};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::types::parse_builtin;
use crate::model::*;

/// Name of the policy isolating tenants on every scoped table.
pub const POLICY: &str = "tenant_isolation";
/// Name of the policy letting bypass roles see every tenant.
pub const BYPASS_POLICY: &str = "tenant_bypass";

pub fn config(t: &TenancySyntax, project: &Project, diags: &mut Diagnostics) -> Option<Tenancy> {
    // Already reported as a missing key.
    if t.root.value.is_empty() || t.setting.value.is_empty() {
        return None;
    }
    let Some((tier, table)) = t.root.value.split_once('.') else {
        diags.push(
            Diagnostic::new(
                &tenancy_root_invalid::META,
                format!("tenant root `{}` is not `tier.table`", t.root.value),
            )
            .at(Some(t.root.span))
            .help("e.g. `root: oltp.tenants`"),
        );
        return None;
    };
    let Some(root_tier) = project.tier(tier) else {
        diags.push(
            Diagnostic::new(
                &tenancy_root_invalid::META,
                format!("tenant root tier `{tier}` is not declared"),
            )
            .at(Some(t.root.span)),
        );
        return None;
    };
    let Some(root) = root_tier.schema.table(table) else {
        diags.push(
            Diagnostic::new(
                &tenancy_root_invalid::META,
                format!("tier `{tier}` has no table `{table}` to be the tenant root"),
            )
            .at(Some(t.root.span)),
        );
        return None;
    };
    let pk_type = match root.primary_key().map(|pk| pk.kind.columns().to_vec()) {
        Some(cols) if cols.len() == 1 => root.column(cols[0].as_str()).map(|c| c.ty.clone()),
        _ => {
            diags.push(
                Diagnostic::new(
                    &tenancy_root_invalid::META,
                    format!(
                        "tenant root `{}` needs a single-column primary key",
                        t.root.value
                    ),
                )
                .at(Some(t.root.span))
                .label(root.origin.span(), "declared here"),
            );
            return None;
        }
    };
    let key_type = match &t.key_type {
        Some(written) => match parse_builtin(&written.value) {
            Ok(Some(ty)) => ty,
            _ => {
                diags.push(
                    Diagnostic::new(
                        &unknown_type::META,
                        format!("tenant key type `{}` is not a built-in type", written.value),
                    )
                    .at(Some(written.span)),
                );
                return None;
            }
        },
        None => pk_type.clone()?,
    };
    if let Some(pk) = &pk_type
        && !pk.same_as(&key_type)
    {
        diags.push(
            Diagnostic::new(
                &tenancy_root_invalid::META,
                format!(
                    "tenant key type `{key_type}` differs from the root's primary key type `{pk}`"
                ),
            )
            .at(t.key_type.as_ref().map(|k| k.span))
            .help("omit `type:` to use the root's key type"),
        );
    }
    Some(Tenancy {
        root_tier: Ident::new(tier),
        root_table: Ident::new(table),
        key: Ident::new(
            t.key
                .as_ref()
                .map(|k| k.value.clone())
                .unwrap_or_else(|| "tenant_id".into()),
        ),
        key_type,
        setting: t.setting.value.clone(),
        bypass_roles: t.bypass_roles.0.iter().map(|r| r.value.clone()).collect(),
        origin: Origin::Yaml(t.root.span),
    })
}

/// The root holds the tenants themselves, so it is never scoped.
pub fn mark_root(project: &mut Project) {
    let Some(t) = project.tenancy.clone() else {
        for tier in &mut project.tiers {
            for table in &mut tier.schema.tables {
                table.tenancy = TenancyMode::Global;
            }
        }
        return;
    };
    for tier in &mut project.tiers {
        if tier.name != t.root_tier {
            continue;
        }
        for table in &mut tier.schema.tables {
            if table.name == t.root_table {
                table.tenancy = TenancyMode::Global;
            }
        }
    }
}

/// Add the key column to every scoped table that does not declare it.
pub fn add_keys(project: &mut Project) {
    let Some(t) = project.tenancy.clone() else {
        return;
    };
    for tier in &mut project.tiers {
        for table in tier.schema.tables.iter_mut().filter(|t| t.is_scoped()) {
            if table.column(t.key.as_str()).is_some() {
                continue;
            }
            let mut col = Column::new(t.key.clone(), t.key_type.clone());
            col.nullable = false;
            col.origin = table.origin.implied();
            // Right after a leading `id`, where people look for it.
            let at = usize::from(table.columns.first().is_some_and(|c| c.name == "id"));
            table.columns.insert(at, col);
        }
    }
}

/// The isolation predicate: the key equals the session's tenant. An unset
/// setting reads as NULL (and an empty one is turned into NULL), so a session
/// that never set it matches no row and can write none.
pub fn predicate(t: &Tenancy) -> String {
    format!(
        "({} = (NULLIF(current_setting({}, true), ''))::{})",
        quote_ident(t.key.as_str()),
        quote_literal(&t.setting),
        t.key_type
    )
}

/// Name of the policy showing a tenant's session its own row of the root.
pub const ROOT_POLICY: &str = "tenant_self";

/// The root holds one row per tenant (plan, settings, contacts): RLS enabled (not forced, see below)
/// and a policy matching its key with the session's tenant, so a tenant
/// sees its own row only. Bypass roles see them all.
fn protect_root(project: &mut Project, t: &Tenancy) {
    let Some(tier) = project.tiers.iter_mut().find(|x| x.name == t.root_tier) else {
        return;
    };
    let Some(root) = tier
        .schema
        .tables
        .iter_mut()
        .find(|x| x.name == t.root_table)
    else {
        return;
    };
    let Some(Ok([pk])) = root
        .primary_key()
        .map(|pk| <[Ident; 1]>::try_from(pk.kind.columns().to_vec()))
    else {
        return;
    };
    if root.policies.iter().any(|p| p.name == ROOT_POLICY) {
        return;
    }
    let origin = root.origin.implied();
    let pred = format!(
        "({} = (NULLIF(current_setting({}, true), ''))::{})",
        quote_ident(pk.as_str()),
        quote_literal(&t.setting),
        t.key_type
    );
    // Enabled, not forced: PostgreSQL validates a foreign key as the owner
    // of the referenced table with its forced policies applied, so forcing
    // this one would make every foreign key to the root that is validated
    // on rows fail (the owner's session sees no tenant). The application
    // role, which owns nothing, is held by the policy all the same.
    root.rls = Rls {
        enabled: true,
        forced: false,
    };
    root.policies.insert(
        0,
        Policy {
            name: Ident::new(ROOT_POLICY),
            command: PolicyCommand::All,
            permissive: true,
            roles: Vec::new(),
            using: Some(pred.clone()),
            with_check: Some(pred),
            comment: None,
            origin,
        },
    );
    if !t.bypass_roles.is_empty() {
        root.policies.insert(
            1,
            Policy {
                name: Ident::new(BYPASS_POLICY),
                command: PolicyCommand::All,
                permissive: true,
                roles: t.bypass_roles.clone(),
                using: Some("true".into()),
                with_check: Some("true".into()),
                comment: None,
                origin,
            },
        );
    }
}

/// Foreign key to the root, key index, RLS and policies on every scoped
/// table; the root's own policy.
pub fn expand(project: &mut Project) {
    let Some(t) = project.tenancy.clone() else {
        return;
    };
    protect_root(project, &t);
    let Some(root_tier) = project.tier(t.root_tier.as_str()) else {
        return;
    };
    let root_db = root_tier.database.clone();
    let root_schema = root_tier.schema.name.clone();
    let root_pk: Vec<Ident> = root_tier
        .schema
        .table(t.root_table.as_str())
        .and_then(|r| r.primary_key())
        .map(|pk| pk.kind.columns().to_vec())
        .unwrap_or_default();
    let root_tier_name = t.root_tier.clone();
    for tier in &mut project.tiers {
        let same_db = tier.database == root_db;
        for table in tier.schema.tables.iter_mut().filter(|x| x.is_scoped()) {
            let key = vec![t.key.clone()];
            let origin = table.origin.implied();
            let has_fk = table.constraints.iter().any(|c| {
                matches!(&c.kind, ConstraintKind::ForeignKey { columns, .. } if *columns == key)
            });
            if same_db && !has_fk {
                table.constraints.push(Constraint {
                    name: Ident::new(""),
                    kind: ConstraintKind::ForeignKey {
                        columns: key.clone(),
                        references: QualifiedName::new(root_schema.clone(), t.root_table.clone()),
                        ref_columns: root_pk.clone(),
                        on_delete: FkAction::Cascade,
                        delete_columns: Vec::new(),
                        on_update: FkAction::NoAction,
                        deferrable: Deferrable::No,
                    },
                    origin,
                    comment: None,
                    not_valid: false,
                    index_comment: None,
                });
            } else if !same_db && !table.soft_references.iter().any(|s| s.columns == key) {
                table.soft_references.push(SoftReference {
                    columns: key.clone(),
                    tier: root_tier_name.clone(),
                    table: t.root_table.clone(),
                    ref_columns: root_pk.clone(),
                });
                if let Some(col) = table.columns.iter_mut().find(|c| c.name == t.key)
                    && col.comment.is_none()
                {
                    col.comment = Some(format!(
                        "Tenant key: references {}.{}({}) in another database; not enforced by PostgreSQL.",
                        root_tier_name,
                        t.root_table,
                        root_pk
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
            let indexed = table.indexes.iter().any(|i| i.leads_with(t.key.as_str()) && i.predicate.is_none())
                || table.constraints.iter().any(|c| {
                    matches!(&c.kind, ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. }
                        if columns.first() == Some(&t.key))
                });
            if !indexed {
                table.indexes.push(Index {
                    name: Ident::new(""),
                    method: IndexMethod::Btree,
                    unique: false,
                    keys: vec![IndexKey::column(t.key.clone())],
                    include: Vec::new(),
                    predicate: None,
                    nulls_not_distinct: false,
                    origin,
                    comment: None,
                    options: Default::default(),
                });
            }
            table.rls = Rls::on();
            let pred = predicate(&t);
            table.policies.insert(
                0,
                Policy {
                    name: Ident::new(POLICY),
                    command: PolicyCommand::All,
                    permissive: true,
                    roles: Vec::new(),
                    using: Some(pred.clone()),
                    with_check: Some(pred),
                    origin,
                    comment: None,
                },
            );
            if !t.bypass_roles.is_empty() {
                table.policies.insert(
                    1,
                    Policy {
                        name: Ident::new(BYPASS_POLICY),
                        command: PolicyCommand::All,
                        permissive: true,
                        roles: t.bypass_roles.clone(),
                        using: Some("true".into()),
                        with_check: Some("true".into()),
                        origin,
                        comment: None,
                    },
                );
            }
        }
    }
}

/// A foreign key between two tenant tables written on a column
/// (`references: deals`) carries the tenant key on both sides:
/// `(tenant_id, deal_id) → deals (tenant_id, id)`, so no row can point at
/// another tenant's row (foreign keys are checked below RLS). ON DELETE SET
/// NULL / SET DEFAULT then sets only the written columns: the tenant key
/// stays NOT NULL.
pub fn carry_key(
    key: &Ident,
    columns: &mut Vec<Ident>,
    ref_columns: &mut Vec<Ident>,
    delete_columns: &mut Vec<Ident>,
    on_delete: FkAction,
) {
    if columns.contains(key) || ref_columns.contains(key) {
        return;
    }
    if matches!(on_delete, FkAction::SetNull | FkAction::SetDefault) && delete_columns.is_empty() {
        *delete_columns = columns.clone();
    }
    columns.insert(0, key.clone());
    ref_columns.insert(0, key.clone());
}

/// The unique key every composite tenant reference needs on its target:
/// `(tenant_id, id)` beside the primary key `(id)`, added (and named by the
/// names pass) where the target has no unique key on those columns.
pub fn add_reference_keys(project: &mut Project) {
    let Some(t) = project.tenancy.clone() else {
        return;
    };
    let mut needed: Vec<(String, QualifiedName, Vec<Ident>)> = Vec::new();
    for tier in &project.tiers {
        for table in tier.schema.tables.iter().filter(|x| x.is_scoped()) {
            for c in &table.constraints {
                if let ConstraintKind::ForeignKey {
                    references,
                    ref_columns,
                    ..
                } = &c.kind
                    && ref_columns.first() == Some(&t.key)
                    && ref_columns.len() > 1
                {
                    needed.push((
                        tier.database.clone(),
                        references.clone(),
                        ref_columns.clone(),
                    ));
                }
            }
        }
    }
    for (db, target, cols) in needed {
        let Some(tier) = project
            .tiers
            .iter_mut()
            .find(|x| x.database == db && x.schema.name == target.schema)
        else {
            continue;
        };
        let Some(table) = tier
            .schema
            .tables
            .iter_mut()
            .find(|x| x.name == target.name)
        else {
            continue;
        };
        let wanted: std::collections::BTreeSet<&Ident> = cols.iter().collect();
        let present = table
            .unique_keys()
            .iter()
            .any(|k| k.iter().collect::<std::collections::BTreeSet<_>>() == wanted);
        if !present && table.is_scoped() {
            let origin = table.origin.implied();
            table.constraints.push(Constraint::new(
                Ident::new(""),
                ConstraintKind::Unique {
                    columns: cols,
                    nulls_not_distinct: false,
                    deferrable: Deferrable::No,
                },
                origin,
            ));
        }
    }
}
