//! C104: a foreign key from a reference or local table to a distributed table.

use crate::check::{Tables, citus_tables};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Distribution, Project};

pub const META: RuleMeta = RuleMeta {
    code: "C104",
    name: "citus-foreign-key-to-distributed",
    severity: Severity::Error,
    summary: "A reference table or a local table has a foreign key to a distributed table (a distributed tenant root, or a global table distributed `by:` a column).",
    why: "A reference table has a copy on every node and a local table lives on the coordinator only, while a distributed table's rows are spread over the workers: no node holds both sides, so Citus refuses the key (\"foreign keys from reference tables and local tables to distributed tables are not supported\").",
    bad: "tables:\n  regions:\n    tenancy: global\n    distribution: { by: id }\n    columns:\n      id: { type: uuid, primary_key: true }\n  offices:\n    tenancy: global\n    columns:\n      id: { type: uuid, primary_key: true }\n      region_id: { type: uuid, references: regions }\n",
    good: "tables:\n  regions:\n    tenancy: global\n    distribution: { by: id }\n    columns:\n      id: { type: uuid, primary_key: true }\n  offices:\n    tenancy: global\n    distribution: { by: region_id }\n    columns:\n      id: uuid\n      region_id: { type: uuid, references: regions }\n    primary_key: [region_id, id]\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let all = Tables::new(project);
    for (tier, t, d) in citus_tables(project) {
        if matches!(d, Distribution::Distributed { .. }) {
            continue;
        }
        for (c, _, target, _) in all.foreign_keys(tier, t) {
            if !matches!(target.distribution, Some(Distribution::Distributed { .. })) {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "foreign key `{}` from {} table `{}` to distributed `{}`",
                        c.name,
                        d.word(),
                        t.name,
                        target.name
                    ),
                )
                .at_origin(&c.origin)
                .help(format!(
                    "make `{}` a tenant table (distributed with `{}`), or drop the foreign key",
                    t.name, target.name
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
    fn a_global_table_cannot_reference_a_distributed_root() {
        let files = [
            ("schemac.yaml", CITUS_PROJECT.to_string()),
            (
                "app/tenants.yaml",
                "tables:\n  tenants:\n    tenancy: global\n    distribution: distributed\n    columns:\n      id: { type: uuid, primary_key: true }\n".to_string(),
            ),
            (
                "app/t.yaml",
                "tables:\n  memberships:\n    tenancy: global\n    columns:\n      tenant_id: { type: uuid, references: tenants }\n      email: text\n    primary_key: [tenant_id, email]\n".to_string(),
            ),
        ];
        assert_eq!(found(&refs(&files), "C104"), [(5, 44)]);
    }
}
