//! C105: a foreign key from a Citus table to a table kept local.

use crate::check::{Tables, citus_tables};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "C105",
    name: "citus-foreign-key-to-local",
    severity: Severity::Error,
    summary: "A distributed or reference table has a foreign key to a table declared `distribution: local`.",
    why: "The rows of a local table exist on the coordinator only, so shards on the workers cannot check a key against them: Citus refuses the key (\"referenced table must be a distributed table or a reference table\"), or turns the target into a Citus-managed local table behind the schema's back.",
    bad: "tables:\n  countries:\n    tenancy: global\n    distribution: local\n    columns:\n      code: { type: text, primary_key: true }\n  leads:\n    columns:\n      id: uuid\n      country_code: { type: text, references: countries }\n    primary_key: [tenant_id, id]\n",
    good: "tables:\n  countries:\n    tenancy: global\n    columns:\n      code: { type: text, primary_key: true }\n  leads:\n    columns:\n      id: uuid\n      country_code: { type: text, references: countries }\n    primary_key: [tenant_id, id]\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let all = Tables::new(project);
    for (tier, t, d) in citus_tables(project) {
        if !d.is_citus() {
            continue;
        }
        for (c, _, target, _) in all.foreign_keys(tier, t) {
            if target.name == t.name || target.distribution.as_ref().is_some_and(|d| d.is_citus()) {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "foreign key `{}` from {} `{}` to `{}`, which stays local to the coordinator",
                        c.name,
                        d.word(),
                        t.name,
                        target.name
                    ),
                )
                .at_origin(&c.origin)
                .help(format!(
                    "make `{}` a reference table (remove `distribution: local`)",
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
}
