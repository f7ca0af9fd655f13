//! C103: a foreign key between distributed tables that is not on the distribution column.

use crate::check::{Tables, citus_tables};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "C103",
    name: "citus-foreign-key-not-colocated",
    severity: Severity::Error,
    summary: "A foreign key between two distributed tables does not pair the distribution column of one with the distribution column of the other.",
    why: "Citus checks a foreign key inside each shard, so referencing and referenced rows must sit in colocated shards: the key must include both distribution columns at the same position. Otherwise Citus refuses it (\"Foreign keys are supported in two cases, either in between two colocated tables including partition column in the same ordinal in the both tables or from distributed to reference tables\").",
    bad: "tables:\n  companies:\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n    unique:\n      - [id, tenant_id]\n  leads:\n    columns:\n      id: uuid\n      company_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - columns: [company_id, tenant_id]\n        references: { table: companies, column: [tenant_id, id] }\n",
    good: "tables:\n  companies:\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n  leads:\n    columns:\n      id: uuid\n      company_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - columns: [tenant_id, company_id]\n        references: { table: companies }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let all = Tables::new(project);
    for (tier, t, d) in citus_tables(project) {
        let Some(column) = d.column() else { continue };
        for (c, cols, target, ref_cols) in all.foreign_keys(tier, t) {
            let Some(target_column) = target.distribution.as_ref().and_then(|d| d.column()) else {
                continue;
            };
            let paired = cols
                .iter()
                .zip(ref_cols)
                .any(|(a, b)| a == column && b == target_column);
            if paired {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "foreign key `{}` from distributed `{}` to distributed `{}` does not pair `{column}` with `{target_column}`",
                        c.name, t.name, target.name
                    ),
                )
                .at_origin(&c.origin)
                .help(format!(
                    "reference `{}` by ({target_column}, …) from ({column}, …): `columns: [{column}, …]`",
                    target.name
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
    fn a_single_column_key_between_tenant_tables_carries_the_tenant_key() {
        // The compiler writes it as (tenant_id, company_id), which Citus accepts.
        let files = citus(
            "tables:\n  companies:\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n    unique:\n      - [id]\n  leads:\n    columns:\n      id: uuid\n      company_id: { type: uuid, references: { table: companies, column: id } }\n    primary_key: [tenant_id, id]\n",
        );
        assert_eq!(found(&refs(&files), "C103"), []);
    }
}
