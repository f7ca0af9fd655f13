//! T104: a view over tenant tables that runs with its owner's rights.

use crate::check::views;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Project, Schema, View};

pub const META: RuleMeta = RuleMeta {
    code: "T104",
    name: "view-bypasses-rls",
    severity: Severity::Error,
    summary: "A view reads tenant-scoped tables but has `security_invoker: false`.",
    why: "A view normally runs with its owner's privileges; the owner usually owns the tables and, unless RLS is forced, is exempt from it — so every tenant sees every tenant's rows through the view. `security_invoker` (PostgreSQL 15+) applies the caller's RLS instead. schemac defaults it to true; this rule catches turning it off.",
    bad: "views:\n  lead_summary:\n    sql: select tenant_id, count(*) from leads group by 1\n    security_invoker: false\n",
    good: "views:\n  lead_summary:\n    sql: select tenant_id, count(*) from leads group by 1\n",
};

/// Scoped tables a view reads, directly or through other views.
pub fn scoped_sources(schema: &Schema, v: &View) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&str> = v.depends_on.iter().map(|d| d.as_str()).collect();
    let mut seen = std::collections::HashSet::new();
    while let Some(name) = stack.pop() {
        if !seen.insert(name) {
            continue;
        }
        if let Some(t) = schema.table(name) {
            if t.is_scoped() {
                out.push(name.to_string());
            }
        } else if let Some(inner) = schema.view(name) {
            stack.extend(inner.depends_on.iter().map(|d| d.as_str()));
        }
    }
    out.sort();
    out
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (tier, v) in views(project).filter(|(_, v)| !v.materialized && !v.security_invoker) {
        let sources = scoped_sources(&tier.schema, v);
        if !sources.is_empty() {
            diags.push(
                Diagnostic::new(&META, format!("view `{}` reads tenant tables ({}) with its owner's rights", v.name, sources.join(", ")))
                    .at_origin(&v.origin)
                    .help("remove `security_invoker: false` so the caller's RLS applies"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn definer_view_over_tenant_table() {
        let t = "tables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\nviews:\n  lead_counts:\n    sql: select tenant_id, count(*) from leads group by 1\n    security_invoker: false\n  lead_counts_ok:\n    sql: select tenant_id, count(*) from leads group by 1\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        assert_eq!(found(&files, "T104"), [(6, 3)]);
    }
}
