//! P101: a unique key of a partitioned table without the partition key.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, Ident, KeyExpr, Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "P101",
    name: "partition-key-not-in-unique",
    severity: Severity::Error,
    summary: "A primary key or unique constraint/index on a partitioned table does not include every partition key column.",
    why: "PostgreSQL enforces uniqueness per partition only, so it requires the partition key inside every unique key and rejects the table otherwise (\"unique constraint on partitioned table must include all partitioning columns\"). Tables partitioned by an expression cannot have unique keys at all.",
    bad: "columns:\n  id: { type: uuid, primary_key: true }\n  created: timestamptz\npartition: { by: range(created), interval: month, from: 2025-01 }\n",
    good: "columns:\n  id: uuid\n  created: timestamptz\nprimary_key: [id, created]\npartition: { by: range(created), interval: month, from: 2025-01 }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t) in tables(project) {
        let Some(p) = &t.partitioning else { continue };
        let mut keys: Vec<&Ident> = p.key_columns().collect();
        if let Some(sub) = &p.sub {
            keys.extend(sub.key_columns());
        }
        let exprs = p.key.iter().chain(p.sub.iter().flat_map(|s| s.key.iter())).any(|k| matches!(k, KeyExpr::Expr(_)));
        let mut uniques: Vec<(String, Vec<Ident>, Origin)> = t
            .constraints
            .iter()
            .filter_map(|c| match &c.kind {
                ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. } => {
                    Some((c.kind.word().to_string(), columns.clone(), c.origin))
                }
                _ => None,
            })
            .collect();
        uniques.extend(t.indexes.iter().filter(|i| i.unique).map(|i| ("unique index".to_string(), i.key_columns().cloned().collect(), i.origin)));
        for (what, cols, origin) in uniques {
            let missing: Vec<&str> = keys.iter().filter(|k| !cols.contains(k)).map(|k| k.as_str()).collect();
            if exprs || !missing.is_empty() {
                let help = if exprs {
                    "a table partitioned by an expression cannot have unique keys; partition by a column".to_string()
                } else {
                    format!("add {} to the key", missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "))
                };
                diags.push(
                    Diagnostic::new(&META, format!("{what} on partitioned `{}` lacks partition key column(s) {}", t.name, missing.join(", ")))
                        .at_origin(&origin)
                        .help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn pk_without_partition_key() {
        let files = app("tables:\n  events:\n    columns:\n      id: { type: uuid, primary_key: true }\n      created: timestamptz\n    partition: { by: range(created), interval: month, from: 2025-01 }\n");
        assert_eq!(found(&refs(&files), "P101"), [(4, 7)]);
    }

    #[test]
    fn composite_pk_is_fine() {
        let files = app("tables:\n  events:\n    columns:\n      id: uuid\n      created: timestamptz\n    primary_key: [id, created]\n    partition: { by: range(created), interval: month, from: 2025-01 }\n");
        assert!(found(&refs(&files), "P101").is_empty());
    }
}
