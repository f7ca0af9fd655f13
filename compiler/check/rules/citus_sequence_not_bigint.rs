//! C109: a sequence-backed column of a Citus table narrower than bigint.

use crate::check::citus_tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Project, TypeKind};

pub const META: RuleMeta = RuleMeta {
    code: "C109",
    name: "citus-sequence-not-bigint",
    severity: Severity::Error,
    summary: "An identity column, or a column defaulting to `nextval(…)`, of a distributed or reference table is `smallint` or `integer`.",
    why: "Citus gives every node its own range of a sequence, carved out of 64 bits; a smallint or integer sequence cannot be split, so `nextval` fails on the workers (\"nextval(sequence) calls in worker nodes are not supported for column defaults of type int or smallint\") and only inserts through the coordinator work.",
    bad: "tables:\n  countries:\n    tenancy: global\n    columns:\n      id: { type: integer, identity: by_default, primary_key: true }\n      name: text\n",
    good: "tables:\n  countries:\n    tenancy: global\n    columns:\n      id: { type: bigint, identity: by_default, primary_key: true }\n      name: text\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t, d) in citus_tables(project) {
        if !d.is_citus() {
            continue;
        }
        for c in &t.columns {
            let narrow = c.ty.kind == TypeKind::Builtin
                && c.ty.array_dims == 0
                && matches!(c.ty.base.as_str(), "smallint" | "integer");
            let sequence = c.identity.is_some()
                || c.default
                    .as_deref()
                    .is_some_and(|e| e.to_ascii_lowercase().contains("nextval("));
            if narrow && sequence {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!(
                            "`{}.{}` takes values from a sequence but is `{}`",
                            t.name, c.name, c.ty.base
                        ),
                    )
                    .at_origin(&c.origin)
                    .help("make it `bigint`"),
                );
            }
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
