//! C106: a referential action Citus refuses on a key that carries the distribution column.

use crate::check::citus_tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, FkAction, Project};

pub const META: RuleMeta = RuleMeta {
    code: "C106",
    name: "citus-foreign-key-action",
    severity: Severity::Error,
    summary: "A foreign key of a distributed table that includes its distribution column uses `on_delete: set_null` or `set_default` (even on some columns), or `on_update: set_null`, `set_default` or `cascade`.",
    why: "Citus never lets a referential action write the distribution column, and refuses such keys whole, even when `ON DELETE SET NULL (col)` would leave the tenant key alone (\"SET NULL or SET DEFAULT is not supported in ON DELETE operation when distribution key is included in the foreign key constraint\").",
    bad: "tables:\n  users:\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n  deals:\n    columns:\n      id: uuid\n      owner_id: uuid?\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - columns: [tenant_id, owner_id]\n        references: { table: users, on_delete: set_null, on_delete_columns: [owner_id] }\n",
    good: "tables:\n  users:\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n  deals:\n    columns:\n      id: uuid\n      owner_id: uuid?\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - columns: [tenant_id, owner_id]\n        references: { table: users, on_delete: restrict }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t, d) in citus_tables(project) {
        let Some(column) = d.column() else { continue };
        for c in &t.constraints {
            let ConstraintKind::ForeignKey {
                columns,
                on_delete,
                on_update,
                ..
            } = &c.kind
            else {
                continue;
            };
            if !columns.contains(column) {
                continue;
            }
            let refused = if matches!(on_delete, FkAction::SetNull | FkAction::SetDefault) {
                Some(format!("on_delete: {}", word(*on_delete)))
            } else if matches!(
                on_update,
                FkAction::SetNull | FkAction::SetDefault | FkAction::Cascade
            ) {
                Some(format!("on_update: {}", word(*on_update)))
            } else {
                None
            };
            let Some(action) = refused else { continue };
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "foreign key `{}` of distributed `{}` carries `{column}`: Citus refuses `{action}` on it",
                        c.name, t.name
                    ),
                )
                .at_origin(&c.origin)
                .help("use `cascade`, `restrict` or `no_action`, and clear the column in the application before deleting the referenced row"),
            );
        }
    }
}

fn word(a: FkAction) -> &'static str {
    match a {
        FkAction::NoAction => "no_action",
        FkAction::Restrict => "restrict",
        FkAction::Cascade => "cascade",
        FkAction::SetNull => "set_null",
        FkAction::SetDefault => "set_default",
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
    fn on_update_cascade_is_refused() {
        let files = citus(
            "tables:\n  users:\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n  deals:\n    columns:\n      id: uuid\n      owner_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - columns: [tenant_id, owner_id]\n        references: { table: users, on_update: cascade }\n",
        );
        assert_eq!(found(&refs(&files), "C106").len(), 1);
    }
}
