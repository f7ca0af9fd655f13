//! R108: a foreign key forced across databases.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "R108",
    name: "cross-database-foreign-key",
    severity: Severity::Error,
    summary: "`enforce: true` asks for a foreign key to a table in another database.",
    why: "PostgreSQL cannot enforce a foreign key across databases; the migration would fail (seeds: \"removed invalid REFERENCES campaigns(id) from Content DB schema\"). Leave `enforce` out and schemac writes a soft reference with an orphan check.",
    bad: "columns:\n  campaign_id: { type: uuid, references: { table: oltp.campaigns, enforce: true } }\n",
    good: "columns:\n  campaign_id: { type: uuid, references: oltp.campaigns }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn forced_cross_database_fk() {
        let t = "tables:\n  events:\n    columns:\n      tenant_ref_id: { type: uuid, references: { table: app.tenants, enforce: true } }\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("other/t.yaml", t)];
        assert_eq!(found(&files, "R108"), [(4, 57)]);
    }
}
