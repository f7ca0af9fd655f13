//! T106: the tenancy settings do not name a usable root.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "T106",
    name: "tenancy-root-invalid",
    severity: Severity::Error,
    summary: "`tenancy.root` does not name an existing `tier.table` with a single-column primary key, or `tenancy.type` disagrees with it.",
    why: "Every tenant key references the root's primary key; without a valid root there is nothing to isolate by.",
    bad: "tenancy:\n  root: tenants\n  setting: app.current_tenant_id\n",
    good: "tenancy:\n  root: oltp.tenants\n  setting: app.current_tenant_id\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn root_without_tier() {
        let p = "project: t\ntenancy: { root: tenants, setting: app.t }\ntiers:\n  app: {}\n";
        assert_eq!(found(&[("schemac.yaml", p)], "T106"), [(2, 18)]);
    }

    #[test]
    fn root_missing() {
        let p = "project: t\ntenancy: { root: app.orgs, setting: app.t }\ntiers:\n  app: {}\n";
        assert_eq!(found(&[("schemac.yaml", p)], "T106").len(), 1);
    }
}
