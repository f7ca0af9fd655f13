//! N121: a schema of a tier that has the name of a tier.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "N121",
    name: "schema-named-like-tier",
    severity: Severity::Error,
    summary: "One of a tier's `schemas:` has the name of a tier of the project.",
    why: "References are written `schema.table` within a tier and `tier.table` across tiers; a schema named like a tier makes `x.table` mean two things.",
    bad: "# schemac.yaml\ntiers:\n  app: { schema: app_public, schemas: { olap: {} } }\n  olap: { database: olap }\n",
    good: "# schemac.yaml\ntiers:\n  app: { schema: app_public, schemas: { app_reports: {} } }\n  olap: { database: olap }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn a_schema_named_after_another_tier() {
        let project = "project: p\ntiers:\n  app:\n    schema: app_public\n    schemas: { olap: {} }\n  olap: { database: olap }\n";
        let files = [("schemac.yaml", project), ("app/t.yaml", "tables: {}\n")];
        assert!(diagnostics(&files).iter().any(|d| d.code == "N121"));
    }
}
