//! C101: a `distribution:` Citus cannot give the table (raised by the loader).

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "C101",
    name: "citus-distribution-invalid",
    severity: Severity::Error,
    summary: "A table's `distribution:` does not fit it: a tenant table held other than distributed on the tenant key, a global table `distributed` without a column to shard on (only the tenant root has one), a `by:` column the table lacks or of another type than the group's, or any `distribution:` on a tier that does not run on Citus.",
    why: "On Citus the tenancy declaration is the distribution: every tenant table is sharded on the tenant key in one colocation group, so a tenant's rows of all tables live on one node and joins and foreign keys between them stay local. A tenant table kept as a reference or local table would be copied whole to every node or kept off the workers; Citus colocates tables only when their distribution columns share a type.",
    bad: "tables:\n  leads:\n    distribution: reference\n    columns:\n      id: uuid\n      email: text\n    primary_key: [tenant_id, id]\n",
    good: "tables:\n  leads:\n    columns:\n      id: uuid\n      email: text\n    primary_key: [tenant_id, id]\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn examples() {
        citus_examples(&super::META);
    }

    #[test]
    fn distribution_needs_a_citus_tier() {
        let files = [
            ("schemac.yaml", PROJECT),
            (
                "app/t.yaml",
                "tables:\n  notes:\n    distribution: local\n    columns:\n      id: { type: uuid, primary_key: true }\n",
            ),
        ];
        assert_eq!(found(&files, "C101"), [(3, 19)]);
    }

    #[test]
    fn global_tables_are_not_distributed() {
        let files = citus(
            "tables:\n  plans:\n    tenancy: global\n    distribution: distributed\n    columns:\n      id: { type: uuid, primary_key: true }\n",
        );
        assert_eq!(found(&refs(&files), "C101"), [(4, 19)]);
    }

    #[test]
    fn a_global_table_is_distributed_by_a_named_column() {
        let files = citus(
            "tables:\n  plans:\n    tenancy: global\n    distribution: { by: org_id }\n    columns:\n      org_id: uuid\n      id: uuid\n    primary_key: [org_id, id]\n",
        );
        check_ok(&refs(&files));
        let bad = citus(
            "tables:\n  plans:\n    tenancy: global\n    distribution: { by: code }\n    columns:\n      code: text\n      id: uuid\n    primary_key: [code, id]\n  leads:\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n",
        );
        assert_eq!(found(&refs(&bad), "C101"), [(6, 7)]);
        let tenant = citus(
            "tables:\n  leads:\n    distribution: { by: id }\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n",
        );
        assert_eq!(found(&refs(&tenant), "C101"), [(3, 25)]);
    }

    #[test]
    fn the_root_may_be_distributed_on_its_key() {
        let files = [
            ("schemac.yaml", CITUS_PROJECT.to_string()),
            (
                "app/tenants.yaml",
                "tables:\n  tenants:\n    tenancy: global\n    distribution: distributed\n    columns:\n      id: { type: uuid, primary_key: true }\n".to_string(),
            ),
        ];
        check_ok(&refs(&files));
        let loaded = loaded(&refs(&files));
        let t = loaded.project.tiers[0].schema.table("tenants").expect("tenants");
        assert_eq!(
            t.distribution.as_ref().and_then(|d| d.column()).map(|c| c.as_str()),
            Some("id")
        );
    }
}
