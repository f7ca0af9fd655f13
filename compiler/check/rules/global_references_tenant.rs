//! R106: a global table references a tenant-scoped one.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, Project};

pub const META: RuleMeta = RuleMeta {
    code: "R106",
    name: "global-references-tenant",
    severity: Severity::Error,
    summary: "A global (shared) table references a tenant-scoped table.",
    why: "A shared row pointing into one tenant's data either leaks that tenant's identifiers to every other tenant or dangles when RLS hides the target. Either the referencing table belongs to a tenant (make it scoped) or the reference is wrong.",
    bad: "plans:\n  tenancy: global\n  columns:\n    featured_campaign_id: { type: uuid, references: campaigns }\n",
    good: "plans:\n  tenancy: global\n  columns:\n    name: text\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (tier, t) in tables(project).filter(|(_, t)| !t.is_scoped()) {
        let fks = t.constraints.iter().filter_map(|c| match &c.kind {
            ConstraintKind::ForeignKey { columns, references, .. } => Some((columns, tier.name.clone(), references.name.clone(), c.origin)),
            _ => None,
        });
        let softs = t.soft_references.iter().map(|s| (&s.columns, s.tier.clone(), s.table.clone(), t.origin));
        for (cols, target_tier, target, origin) in fks.chain(softs) {
            let scoped = project
                .tier(target_tier.as_str())
                .and_then(|tt| tt.schema.table(target.as_str()))
                .is_some_and(|x| x.is_scoped());
            if scoped {
                let col = cols.first().and_then(|c| t.column(c.as_str())).map(|c| c.origin).unwrap_or(origin);
                diags.push(
                    Diagnostic::new(&META, format!("global table `{}` references tenant-scoped `{target}`", t.name))
                        .at_origin(&col)
                        .help(format!("make `{}` tenant-scoped (`tenancy: scoped`), or drop the reference", t.name)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn global_to_scoped() {
        let t = "tables:\n  campaigns:\n    columns:\n      id: { type: uuid, primary_key: true }\n  plans:\n    tenancy: global\n    columns:\n      featured_campaign_id: { type: uuid, references: campaigns }\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        assert_eq!(found(&files, "R106"), [(8, 7)]);
    }
}
