//! C102: a unique key of a distributed table without the distribution column.

use crate::check::citus_tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, KeyExpr, Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "C102",
    name: "citus-unique-without-distribution-column",
    severity: Severity::Error,
    summary: "A primary key, unique constraint, unique index or exclusion constraint of a distributed table does not include the distribution column (for an exclusion constraint: with `=`).",
    why: "Citus enforces uniqueness inside each shard only, so it refuses any unique key that could match rows of two shards: \"Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not include the partition column\". On a tenant table that means every key carries the tenant key.",
    bad: "tables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\n      email: { type: text, unique: true }\n",
    good: "tables:\n  leads:\n    columns:\n      id: uuid\n      email: text\n    primary_key: [tenant_id, id]\n    unique:\n      - [tenant_id, email]\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t, d) in citus_tables(project) {
        let Some(column) = d.column() else { continue };
        let mut lacking: Vec<(&str, &Origin)> = Vec::new();
        for c in &t.constraints {
            match &c.kind {
                ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. }
                    if !columns.contains(column) =>
                {
                    lacking.push((c.kind.word(), &c.origin));
                }
                ConstraintKind::Exclude { elements, .. }
                    if !elements.iter().any(|e| {
                        e.key.expr == KeyExpr::Column(column.clone()) && e.operator.trim() == "="
                    }) =>
                {
                    lacking.push(("exclusion constraint", &c.origin));
                }
                _ => {}
            }
        }
        for i in t.indexes.iter().filter(|i| i.unique) {
            if !i.key_columns().any(|k| k == column) {
                lacking.push(("unique index", &i.origin));
            }
        }
        for (what, origin) in lacking {
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "{what} of distributed `{}` does not include its distribution column `{column}`",
                        t.name
                    ),
                )
                .at_origin(origin)
                .help(format!(
                    "put `{column}` first in the key (unique per tenant), e.g. `[{column}, …]`"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn examples() {
        citus_examples(&super::META);
    }

    #[test]
    fn unique_indexes_and_exclusions_count() {
        let files = citus(
            "tables:\n  rooms:\n    columns:\n      id: uuid\n      code: text\n      during: tstzrange\n    primary_key: [tenant_id, id]\n    indexes:\n      - { columns: [code], unique: true }\n    exclude:\n      - { using: gist, elements: [{ column: during, with: \"&&\" }] }\n",
        );
        assert_eq!(found(&refs(&files), "C102").len(), 2);
    }

    #[test]
    fn a_distributed_root_keys_on_its_id() {
        let files = [
            ("schemac.yaml", CITUS_PROJECT.to_string()),
            (
                "app/tenants.yaml",
                "tables:\n  tenants:\n    tenancy: global\n    distribution: distributed\n    columns:\n      id: { type: uuid, primary_key: true }\n      slug: { type: text, unique: true }\n".to_string(),
            ),
        ];
        assert_eq!(found(&refs(&files), "C102"), [(7, 7)]);
    }

    #[test]
    fn plain_tables_are_not_checked() {
        let files = app(
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\n",
        );
        assert!(found(&refs(&files), "C102").is_empty());
    }
}
