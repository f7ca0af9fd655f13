//! S101: a SECURITY DEFINER function or procedure without a pinned `search_path`.

use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "S101",
    name: "definer-search-path",
    severity: Severity::Error,
    summary: "A `security: definer` function does not set `search_path` in `set:`.",
    why: "A security definer function runs with its owner's rights, but resolves unqualified names through the caller's `search_path`. A caller who can create objects in any schema on that path (or put `pg_temp` first) can then shadow a table, operator or function the body uses and run their own code as the owner. PostgreSQL's documentation says to pin `search_path` on every such function, to trusted schemas only.",
    bad: "functions:\n  tenant_count:\n    returns: bigint\n    security: definer\n    body: select count(*) from tenants\n",
    good: "functions:\n  tenant_count:\n    returns: bigint\n    security: definer\n    set: { search_path: \"pg_catalog, app\" }\n    body: select count(*) from tenants\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for tier in &project.tiers {
        for f in &tier.schema.functions {
            if !f.security_definer || f.config.iter().any(|(k, _)| k == "search_path") {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "`{}` runs as its owner (security definer) but resolves names through the caller's search_path",
                        f.signature()
                    ),
                )
                .at_origin(&f.origin)
                .help(format!(
                    "add `set: {{ search_path: \"pg_catalog, {}\" }}` (trusted schemas only, pg_temp never first)",
                    tier.schema.name
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn definer_without_search_path() {
        let t = "functions:\n  a:\n    returns: int\n    security: definer\n    body: select 1\n  b:\n    returns: int\n    security: definer\n    set: { search_path: pg_catalog }\n    body: select 1\n  c:\n    returns: int\n    body: select 1\n";
        assert_eq!(
            found(&[("schemac.yaml", PROJECT), ("app/f.yaml", t)], "S101"),
            [(2, 3)]
        );
    }
}
