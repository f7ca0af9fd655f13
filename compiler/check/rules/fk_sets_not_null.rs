//! R112: ON DELETE SET NULL / SET DEFAULT would write NULL into a NOT NULL column.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, FkAction, Project};

pub const META: RuleMeta = RuleMeta {
    code: "R112",
    name: "fk-sets-not-null",
    severity: Severity::Error,
    summary: "`on_delete: set_null` (or `set_default` without a default) sets a NOT NULL column.",
    why: "PostgreSQL accepts the foreign key, and the mistake shows only when a referenced row is deleted: the delete fails with a not-null violation. It is the usual trap of tenant-scoped composite keys, where `set_null` would also clear the tenant key. PostgreSQL 15 can set only some of the key's columns: list them in `on_delete_columns`.",
    bad: "foreign_keys:\n  - columns: [tenant_id, owner_id]\n    references: { table: owners, column: [tenant_id, id], on_delete: set_null }\n",
    good: "foreign_keys:\n  - columns: [tenant_id, owner_id]\n    references: { table: owners, column: [tenant_id, id], on_delete: set_null, on_delete_columns: [owner_id] }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t) in tables(project) {
        for c in &t.constraints {
            let ConstraintKind::ForeignKey {
                columns,
                on_delete,
                delete_columns,
                ..
            } = &c.kind
            else {
                continue;
            };
            if !matches!(on_delete, FkAction::SetNull | FkAction::SetDefault) {
                continue;
            }
            let set = if delete_columns.is_empty() {
                columns
            } else {
                delete_columns
            };
            let stuck: Vec<&str> = set
                .iter()
                .filter_map(|name| t.column(name.as_str()))
                .filter(|col| {
                    !col.nullable && (*on_delete == FkAction::SetNull || col.default.is_none())
                })
                .map(|col| col.name.as_str())
                .collect();
            let Some(first) = stuck.first() else { continue };
            let nullable: Vec<&str> = set
                .iter()
                .map(|n| n.as_str())
                .filter(|n| !stuck.contains(n))
                .collect();
            let help = if nullable.is_empty() {
                format!("make `{first}` nullable, or choose another `on_delete`")
            } else {
                format!(
                    "set only the nullable columns: `on_delete_columns: [{}]`",
                    nullable.join(", ")
                )
            };
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "ON DELETE {} on `{}` ({}) sets NOT NULL `{}`: deleting a referenced row would fail",
                        on_delete.sql(),
                        t.name,
                        columns
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        stuck.join("`, `")
                    ),
                )
                .at_origin(&c.origin)
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    const OWNERS: &str = "tables:\n  owners:\n    columns:\n      tenant_id: uuid\n      id: uuid\n    primary_key: [tenant_id, id]\n  pets:\n    columns:\n      tenant_id: uuid\n      owner_id: uuid?\n      status: { type: text, default: \"'x'\" }\n    foreign_keys:\n";

    #[test]
    fn set_null_on_a_composite_key_with_a_not_null_column() {
        let files = app(&format!(
            "{OWNERS}      - {{ columns: [tenant_id, owner_id], references: {{ table: owners, column: [tenant_id, id], on_delete: set_null }} }}\n"
        ));
        assert_eq!(found(&refs(&files), "R112"), [(13, 64)]);
        let d = diagnostics(&refs(&files));
        let help = d
            .iter()
            .find(|d| d.code == "R112")
            .and_then(|d| d.help.clone())
            .unwrap_or_default();
        assert!(help.contains("on_delete_columns: [owner_id]"), "{help}");
    }

    #[test]
    fn listing_the_nullable_columns_is_fine() {
        let files = app(&format!(
            "{OWNERS}      - {{ columns: [tenant_id, owner_id], references: {{ table: owners, column: [tenant_id, id], on_delete: set_null, on_delete_columns: [owner_id] }} }}\n"
        ));
        assert!(found(&refs(&files), "R112").is_empty());
    }

    #[test]
    fn set_default_needs_a_default_on_not_null_columns() {
        let files = app(&format!(
            "{OWNERS}      - {{ columns: [tenant_id, status], references: {{ table: owners, column: [tenant_id, id], on_delete: set_default, on_delete_columns: [status] }} }}\n"
        ));
        assert!(found(&refs(&files), "R112").is_empty(), "status has a default");
        let files = app(&format!(
            "{OWNERS}      - {{ columns: [tenant_id, owner_id], references: {{ table: owners, column: [tenant_id, id], on_delete: set_default }} }}\n"
        ));
        assert_eq!(found(&refs(&files), "R112"), [(13, 64)]);
    }
}
