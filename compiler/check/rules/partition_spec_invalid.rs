//! P103: a partitioning that cannot be built.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, Project};

pub const META: RuleMeta = RuleMeta {
    code: "P103",
    name: "partition-spec-invalid",
    severity: Severity::Error,
    summary: "`partition:` has an unreadable `by`, list partitioning without values, hash without modulus, a value in two lists, a default on hash partitioning, or more than one level of `then`; or a partitioned table has a `no_inherit` check or storage parameters (`with:`).",
    why: "Each of these is rejected by PostgreSQL or leaves rows with nowhere to go. Seeds/004 CRIT-3 describes month-then-queue-type partitioning that existed only on paper; schemac makes the layout concrete and checks it.",
    bad: "partition: { by: list(queue), values: { email: [send], bulk: [send] } }\n",
    good: "partition: { by: list(queue), values: { email: [send], bulk: [bulk-send] }, default: true }\n",
};

/// A `NO INHERIT` check on a partitioned table: PostgreSQL refuses it
/// ("cannot add NO INHERIT constraint to partitioned table"). Storage
/// parameters too: a partitioned table stores no rows, and PostgreSQL
/// accepts none of them on it ("unrecognized parameter").
pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t) in tables(project) {
        if t.partitioning.is_none() {
            continue;
        }
        if let Some((name, _)) = t.options.first() {
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "partitioned table `{}` cannot have storage parameters (`{name}`)",
                        t.name
                    ),
                )
                .at_origin(&t.origin)
                .help("set `with:` on the partitions, which hold the rows (`partitions:` children)"),
            );
        }
        for c in &t.constraints {
            if let ConstraintKind::Check {
                no_inherit: true, ..
            } = c.kind
            {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("partitioned table `{}` cannot have a `no_inherit` check", t.name),
                    )
                    .at_origin(&c.origin)
                    .help("remove `no_inherit`: a partitioned table's checks hold on every partition"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn no_inherit_check_on_a_partitioned_table() {
        let files = app("tables:\n  jobs:\n    columns:\n      id: uuid\n    checks:\n      - { expr: id is not null, no_inherit: true }\n    partition: { by: hash(id), modulus: 2 }\n");
        assert_eq!(found(&refs(&files), "P103").len(), 1);
        let plain = app("tables:\n  jobs:\n    columns:\n      id: uuid\n    checks:\n      - { expr: id is not null, no_inherit: true }\n");
        assert!(found(&refs(&plain), "P103").is_empty());
    }

    #[test]
    fn storage_parameters_on_a_partitioned_table() {
        let files = app("tables:\n  events:\n    columns:\n      id: uuid\n    with: { autovacuum_enabled: false }\n    partition: { by: hash(id), modulus: 2 }\n");
        assert_eq!(found(&refs(&files), "P103").len(), 1);
        let plain = app("tables:\n  events:\n    columns:\n      id: uuid\n    with: { autovacuum_enabled: false }\n");
        assert!(found(&refs(&plain), "P103").is_empty());
    }

    #[test]
    fn duplicate_list_value() {
        let files = app("tables:\n  jobs:\n    columns:\n      queue: text\n    partition: { by: list(queue), values: { email: [send], bulk: [send] } }\n");
        assert_eq!(found(&refs(&files), "P103"), [(5, 67)]);
    }

    #[test]
    fn hash_without_modulus() {
        let files = app("tables:\n  jobs:\n    columns:\n      id: uuid\n    partition: { by: hash(id) }\n");
        assert_eq!(found(&refs(&files), "P103").len(), 1);
    }

    #[test]
    fn month_then_list() {
        let files = app("tables:\n  jobs:\n    columns:\n      queue: text\n      created: timestamptz\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      count: 2\n      then: { by: list(queue), values: { email: [send] }, default: true }\n");
        let l = loaded(&refs(&files));
        let t = &l.project.tiers[0].schema.tables[0];
        let names: Vec<&str> = t.all_partitions().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["jobs_2025_01", "jobs_2025_01_email", "jobs_2025_01_default", "jobs_2025_02", "jobs_2025_02_email", "jobs_2025_02_default"]);
    }
}
