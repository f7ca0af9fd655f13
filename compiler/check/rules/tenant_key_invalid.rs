//! T101: a declared tenant key that is nullable or of the wrong type.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "T101",
    name: "tenant-key-invalid",
    severity: Severity::Error,
    summary: "A tenant-scoped table declares the tenant key itself, but nullable or with another type than the tenancy key type.",
    why: "A NULL tenant key is a row that belongs to no tenant: no isolation policy ever shows it, and nothing stops it being written by mistake. A key of another type cannot reference the root and makes the RLS comparison cast on every row. Leave the column out and schemac adds it correctly.",
    bad: "columns:\n  tenant_id: { type: text, nullable: true }\n",
    good: "columns: {}   # tenant_id added by schemac: uuid, NOT NULL, references the root\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let Some(tenancy) = &project.tenancy else { return };
    for (_, t) in tables(project).filter(|(_, t)| t.is_scoped()) {
        let Some(c) = t.column(tenancy.key.as_str()) else { continue };
        if !matches!(c.origin, Origin::Yaml(_)) {
            continue;
        }
        if c.nullable {
            diags.push(
                Diagnostic::new(&META, format!("tenant key `{}.{}` is nullable", t.name, c.name))
                    .at_origin(&c.origin)
                    .help("remove `nullable: true` (or the `?`), or leave the column out and let schemac add it"),
            );
        }
        if !c.ty.same_as(&tenancy.key_type) {
            diags.push(
                Diagnostic::new(&META, format!("tenant key `{}.{}` is `{}`, tenancy uses `{}`", t.name, c.name, c.ty, tenancy.key_type))
                    .at_origin(&c.origin)
                    .label(tenancy.origin.span(), "tenancy declared here")
                    .help(format!("declare it as `{}`", tenancy.key_type)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn nullable_and_mistyped_key() {
        let t = "tables:\n  leads:\n    columns:\n      tenant_id: text?\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        assert_eq!(found(&files, "T101"), [(4, 7), (4, 7)]);
    }

    #[test]
    fn implied_key_is_added() {
        let t = "tables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        let l = loaded(&files);
        let leads = l.project.tiers[0].schema.table("leads").expect("leads");
        let key = leads.column("tenant_id").expect("tenant key added");
        assert!(!key.nullable);
        assert_eq!(key.ty.to_string(), "uuid");
        assert!(leads.rls.enabled && leads.rls.forced);
        assert_eq!(leads.policies[0].name.as_str(), "tenant_isolation");
        assert!(leads.indexes.iter().any(|i| i.leads_with("tenant_id")));
    }
}
