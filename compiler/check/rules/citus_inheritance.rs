//! C111: table inheritance on a table Citus holds.

use crate::check::citus_tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "C111",
    name: "citus-inheritance",
    severity: Severity::Error,
    summary: "A distributed or reference table inherits from another table, or another table inherits from it.",
    why: "Citus shards declarative partitions with their parent but knows nothing of table inheritance: a table that inherits from one it holds is refused (\"non-distributed tables cannot inherit distributed tables\"), and a parent's shards would not hold its children's rows.",
    bad: "tables:\n  notes:\n    tenancy: global\n    columns:\n      id: { type: uuid, primary_key: true }\n  pinned_notes:\n    tenancy: global\n    inherits: [notes]\n    columns:\n      pinned: boolean\n",
    good: "tables:\n  notes:\n    tenancy: global\n    columns:\n      id: { type: uuid, primary_key: true }\n      pinned: { type: boolean, default: false }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (tier, t, d) in citus_tables(project) {
        if !d.is_citus() {
            continue;
        }
        let inherited = tier
            .schema
            .tables
            .iter()
            .find(|c| c.inherits.contains(&t.name));
        let what = if let Some(parent) = t.inherits.first() {
            format!("inherits from `{parent}`")
        } else if let Some(child) = inherited {
            format!("is inherited by `{}`", child.name)
        } else {
            continue;
        };
        diags.push(
            Diagnostic::new(
                &META,
                format!("{} `{}` {what}, which Citus does not support", d.word(), t.name),
            )
            .at_origin(&t.origin)
            .help("use declarative partitioning, or a column, instead of inheritance; or keep both tables `distribution: local`"),
        );
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
    fn parent_and_child_are_both_reported() {
        let files = citus(
            "tables:\n  notes:\n    tenancy: global\n    columns:\n      id: { type: uuid, primary_key: true }\n  pinned_notes:\n    tenancy: global\n    inherits: [notes]\n    columns:\n      pinned: boolean\n",
        );
        assert_eq!(found(&refs(&files), "C111").len(), 2);
    }
}
