//! Y005: a required key is missing.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y005",
    name: "missing-key",
    severity: Severity::Error,
    summary: "A required key is missing (a column without `type`, a table without `columns`).",
    why: "schemac does not guess types or structure; what PostgreSQL needs must be written.",
    bad: "columns:\n  email: { unique: true }\n",
    good: "columns:\n  email: { type: text, unique: true }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn column_without_type() {
        let files = app("tables:\n  users:\n    columns:\n      email: { unique: true }\n");
        assert_eq!(found(&refs(&files), "Y005"), [(4, 14)]);
    }

    #[test]
    fn a_missing_tenancy_setting_is_the_only_error() {
        let project = "project: t\ntenancy:\n  root: app.tenants\ntiers:\n  app: {}\n";
        let t = "tables:\n  notes:\n    columns:\n      id: uuid\n    indexes:\n      - [tenant_id, id]\n    unique:\n      - [tenant_id, id]\n";
        let files = [("schemac.yaml", project), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        let d = codes(&files);
        assert_eq!(d.iter().filter(|c| !c.starts_with('N') && !c.starts_with('T')).collect::<Vec<_>>(), ["Y005 3:3"], "{d:?}");
    }
}
