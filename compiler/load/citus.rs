//! The distribution pass: on a tier that runs on Citus, the tenancy
//! declaration becomes the distribution. Tenant tables are distributed on the
//! tenant key (one colocation group per tier), the tenant root is a reference
//! table unless declared `distributed` (then on its primary key), and other
//! global tables are reference tables unless declared `local`. Runs after the
//! tenancy pass, which decided which tables are scoped and added their key.

use super::syntax::TableSyntax;
use super::syntax::citus::{CitusSyntax, DistributionSyntax};
use crate::check::rules::citus_distribution_invalid;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;

/// What the YAML says about Citus, per tier (in tier order).
pub struct Declared {
    tiers: Vec<TierDeclared>,
}

struct TierDeclared {
    citus: bool,
    shard_count: Option<u32>,
    /// `distribution:` as written, by table name.
    tables: Vec<(String, Span, Written)>,
}

/// A `distribution:` value: a word, or the column of `{ by: column }`.
#[derive(Clone)]
enum Written {
    Word(String),
    By(String, Span),
}

/// Collect the Citus keys of each tier before its syntax is lowered.
pub fn declared<'a>(
    tiers: impl Iterator<
        Item = (
            Option<&'a CitusSyntax>,
            &'a [(super::syntax::Sp<String>, TableSyntax)],
        ),
    >,
) -> Declared {
    Declared {
        tiers: tiers
            .map(|(citus, tables)| TierDeclared {
                citus: citus.is_some_and(CitusSyntax::on),
                shard_count: citus.and_then(|c| c.shard_count()).map(|s| s.value),
                tables: tables
                    .iter()
                    .filter_map(|(name, t)| {
                        t.distribution.as_ref().map(|d| {
                            let written = match &d.value {
                                DistributionSyntax::Word(w) => Written::Word(w.value.clone()),
                                DistributionSyntax::Long(l) => match &l.by {
                                    Some(by) => Written::By(by.value.clone(), by.span),
                                    None => Written::Word("reference".into()),
                                },
                            };
                            (name.value.clone(), d.span, written)
                        })
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Give every table of a Citus tier its distribution.
pub fn distribute(project: &mut Project, declared: Declared, diags: &mut Diagnostics) {
    let tenancy = project.tenancy.clone();
    for (tier, decl) in project.tiers.iter_mut().zip(declared.tiers) {
        if !decl.citus {
            for (table, span, _) in &decl.tables {
                diags.push(
                    Diagnostic::new(
                        &citus_distribution_invalid::META,
                        format!(
                            "`distribution` on `{table}`, but tier `{}` does not run on Citus",
                            tier.name
                        ),
                    )
                    .at(Some(*span))
                    .help(format!(
                        "add `citus: true` to tier `{}` in schemac.yaml, or remove the key",
                        tier.name
                    )),
                );
            }
            continue;
        }
        tier.schema.citus = true;
        let is_root_tier = tenancy.as_ref().is_some_and(|t| t.root_tier == tier.name);
        for table in &mut tier.schema.tables {
            let written = decl
                .tables
                .iter()
                .find(|(name, _, _)| *name == table.name.as_str());
            let is_root =
                is_root_tier && tenancy.as_ref().is_some_and(|t| t.root_table == table.name);
            table.distribution = Some(resolve(
                table,
                is_root,
                tenancy.as_ref(),
                written.map(|(_, span, w)| (*span, w)),
                decl.shard_count,
                diags,
            ));
        }
        same_column_types(&tier.schema, tenancy.as_ref().map(|t| &t.key_type), diags);
    }
}

/// Citus colocates tables only when their distribution columns have one
/// type: the tenant key's, or else the first distributed table's.
fn same_column_types(schema: &Schema, key_type: Option<&ColumnType>, diags: &mut Diagnostics) {
    let columns: Vec<(&Table, &Column)> = schema
        .tables
        .iter()
        .filter_map(|t| {
            let column = t.distribution.as_ref().and_then(|d| d.column())?;
            t.column(column.as_str()).map(|c| (t, c))
        })
        .collect();
    let Some(expected) = key_type.or(columns.first().map(|(_, c)| &c.ty)) else {
        return;
    };
    for (t, c) in columns {
        if !c.ty.same_as(expected) {
            diags.push(
                Diagnostic::new(
                    &citus_distribution_invalid::META,
                    format!(
                        "`{}` is distributed on `{}` of type `{}`, which cannot be colocated with the tier's `{expected}` distribution columns",
                        t.name, c.name, c.ty
                    ),
                )
                .at_origin(&c.origin)
                .help("distribute every table of the tier on a column of the tenant key's type"),
            );
        }
    }
}

fn resolve(
    table: &Table,
    is_root: bool,
    tenancy: Option<&Tenancy>,
    written: Option<(Span, &Written)>,
    shard_count: Option<u32>,
    diags: &mut Diagnostics,
) -> Distribution {
    let distributed = |column: &Ident| Distribution::Distributed {
        column: column.clone(),
        colocated: true,
        shard_count: ShardCount(shard_count),
    };
    let invalid = |span: Span, message: String, help: &str, diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::new(&citus_distribution_invalid::META, message)
                .at(Some(span))
                .help(help),
        );
    };
    if table.is_scoped() {
        let key = tenancy
            .map(|t| t.key.clone())
            .unwrap_or_else(|| Ident::new("tenant_id"));
        match written {
            Some((_, Written::By(column, span))) if *column != key.as_str() => invalid(
                *span,
                format!(
                    "tenant table `{}` is distributed on the tenant key `{key}`, not `{column}`",
                    table.name
                ),
                "a tenant's rows of every table stay together only when all are distributed on the tenant key; remove the key",
                diags,
            ),
            Some((span, Written::Word(word))) if word != "distributed" => invalid(
                span,
                format!("tenant table `{}` cannot be a {word} table", table.name),
                "a tenant table is distributed on the tenant key, so each tenant's rows stay together; remove the key or write `distribution: distributed`",
                diags,
            ),
            _ => {}
        }
        return distributed(&key);
    }
    match written {
        Some((span, Written::Word(word))) if word == "distributed" => {
            let pk: Vec<Ident> = table
                .primary_key()
                .map(|k| k.kind.columns().to_vec())
                .unwrap_or_default();
            if is_root && pk.len() == 1 {
                return distributed(&pk[0]);
            }
            invalid(
                span,
                format!(
                    "global table `{}` has no tenant key to be distributed on",
                    table.name
                ),
                "only tenant tables (on the tenant key) and the tenant root (on its primary key) are distributed by default; name the column with `distribution: { by: column }`, or make it `reference` or `local`",
                diags,
            );
            Distribution::Reference
        }
        Some((_, Written::By(column, span))) => match table.column(column) {
            Some(c) => distributed(&c.name),
            None => {
                invalid(
                    *span,
                    format!(
                        "`{}` has no column `{column}` to be distributed on",
                        table.name
                    ),
                    "name one of the table's columns",
                    diags,
                );
                Distribution::Reference
            }
        },
        Some((_, Written::Word(word))) if word == "local" => Distribution::Local,
        _ => Distribution::Reference,
    }
}
