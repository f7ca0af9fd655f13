//! T120: row-level security enabled on a table but not forced.

use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "T120",
    name: "rls-not-forced",
    severity: Severity::Warning,
    summary: "A table has row-level security enabled but not forced (`rls: enabled`).",
    why: "PostgreSQL exempts a table's owner from its row-level security unless it is forced. The owner is usually the role that runs the migrations, and often the one the application connects as: its sessions then see and change every row, whatever the policies say. schemac forces RLS on every table it secures; `rls: enabled` keeps a database as it was (inspect writes it for such tables), and this warning says what that means.",
    bad: "tables:\n  invoices:\n    columns:\n      id: { type: uuid, primary_key: true }\n      account_id: uuid\n    rls: enabled\n    policies:\n      own_account:\n        using: account_id = current_setting('app.account')::uuid\n",
    good: "tables:\n  invoices:\n    columns:\n      id: { type: uuid, primary_key: true }\n      account_id: uuid\n    policies:\n      own_account:\n        using: account_id = current_setting('app.account')::uuid\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    // The tenancy root is enabled without FORCE on purpose (foreign keys to
    // it are validated as its owner, under its policies when forced).
    let root = project
        .tenancy
        .as_ref()
        .map(|t| (t.root_tier.as_str(), t.root_table.as_str()));
    for tier in &project.tiers {
        for t in &tier.schema.tables {
            if root == Some((tier.name.as_str(), t.name.as_str())) {
                continue;
            }
            let partitions = t.all_partitions();
            let unforced = std::iter::once((t.name.as_str(), t.rls, &t.origin))
                .chain(partitions.iter().map(|p| (p.name.as_str(), p.rls, &p.origin)))
                .filter(|(_, r, _)| r.enabled && !r.forced);
            for (name, _, origin) in unforced {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("row-level security on `{name}` is enabled but not forced: the table's owner bypasses its policies"),
                    )
                    .at_origin(origin)
                    .help("write `rls: true` to force it, unless the owner must see every row; never let the application connect as the owner"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn enabled_but_not_forced() {
        let t = "tables:\n  a:\n    columns:\n      id: { type: uuid, primary_key: true }\n    rls: enabled\n  b:\n    columns:\n      id: { type: uuid, primary_key: true }\n    rls: true\n";
        assert_eq!(found(&[("schemac.yaml", PROJECT), ("app/t.yaml", t)], "T120"), [(2, 3)]);
    }
}
