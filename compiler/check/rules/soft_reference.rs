//! R107: a reference across databases becomes a soft reference.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "R107",
    name: "soft-reference",
    severity: Severity::Info,
    summary: "A reference points into another database, so it is documented and checked by an orphan query instead of a foreign key.",
    why: "PostgreSQL foreign keys cannot cross databases (a `REFERENCES` to another tier's table fails at migration time). schemac keeps the intent: a column comment, the reference map in the docs, and an orphan-check query next to the migration.",
    bad: "# content tier, campaigns live in the oltp database\ncolumns:\n  campaign_id: { type: uuid, references: oltp.campaigns, enforce: true }\n",
    good: "columns:\n  campaign_id: { type: uuid, references: oltp.campaigns }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn cross_database_reference_is_soft() {
        let t = "tables:\n  events:\n    columns:\n      tenant_ref_id: { type: uuid, references: app.tenants }\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("other/t.yaml", t)];
        let l = loaded(&files);
        assert_eq!(l.diags.iter().filter(|d| d.code == "R107").count(), 1);
        let events = &l.project.tiers[1].schema.tables[0];
        assert!(events.soft_references.iter().any(|s| s.table == "tenants" && s.columns[0] == "tenant_ref_id"));
        assert!(!events.constraints.iter().any(|c| c.kind.word() == "foreign key"));
    }
}
