//! T102: a primary or unique key of a scoped table without the tenant key.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, Project};

pub const META: RuleMeta = RuleMeta {
    code: "T102",
    name: "unique-without-tenant-key",
    severity: Severity::Warning,
    summary: "A primary key, unique constraint or unique index on a tenant-scoped table does not include the tenant key.",
    why: "Uniqueness is checked across all tenants, below RLS: one tenant inserting `email = a@b.c` learns that another tenant already has it (a unique violation is an oracle), and two tenants cannot both use the same natural key. Including the tenant key scopes uniqueness to the tenant and lets composite foreign keys carry the tenant (see T103). Globally random keys (UUIDs) are the usual reason to turn this rule off for primary keys.",
    bad: "columns:\n  email: { type: citext, unique: true }\n",
    good: "columns:\n  email: citext\nunique:\n  - [tenant_id, email]\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let Some(tenancy) = &project.tenancy else { return };
    for (_, t) in tables(project).filter(|(_, t)| t.is_scoped()) {
        for c in &t.constraints {
            let cols = match &c.kind {
                ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. } => columns,
                _ => continue,
            };
            if !cols.contains(&tenancy.key) {
                diags.push(
                    Diagnostic::new(&META, format!("{} on `{}` ({}) does not include `{}`", c.kind.word(), t.name, join(cols), tenancy.key))
                        .at_origin(&c.origin)
                        .help(format!("make it [{}, {}]", tenancy.key, join(cols))),
                );
            }
        }
        for i in t.indexes.iter().filter(|i| i.unique) {
            if !i.key_columns().any(|c| *c == tenancy.key) {
                diags.push(
                    Diagnostic::new(&META, format!("unique index `{}` does not include `{}`", i.name, tenancy.key))
                        .at_origin(&i.origin)
                        .help(format!("lead the index with `{}`", tenancy.key)),
                );
            }
        }
    }
}

fn join(cols: &[crate::model::Ident]) -> String {
    cols.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn unique_email_across_tenants() {
        let t = "tables:\n  users:\n    columns:\n      id: uuid\n      email: { type: text, unique: true }\n    primary_key: [tenant_id, id]\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        assert_eq!(found(&files, "T102"), [(5, 7)]);
    }
}
