//! S112: a grant, an owner or a policy names a role that `roles:` does not declare.

use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity, did_you_mean};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "S112",
    name: "undeclared-role",
    severity: Severity::Error,
    summary: "A grant, an owner or a policy names a role that is not declared in `roles:`.",
    why: "Roles belong to the cluster, not to a database: schemac never creates them, and `apply` fails when one is missing. Declaring them in `schemac.yaml` makes the roles an application needs part of the project, lets `apply`, `plan --db` and `verify` refuse a server that lacks one before changing anything, and limits the revokes a plan makes to roles the project manages. A misspelt role name is caught here instead of by PostgreSQL halfway through a deploy. Policies' roles are checked once the project declares any role.",
    bad: "# schemac.yaml\nproject: shop\ntiers:\n  app: { database: app }\n\n# app/orders.yaml\ntables:\n  orders:\n    columns:\n      id: { type: uuid, primary_key: true }\n    grants:\n      app_user: [select, insert]\n",
    good: "# schemac.yaml\nproject: shop\nroles:\n  app_user: {}\ntiers:\n  app: { database: app }\n\n# app/orders.yaml\ntables:\n  orders:\n    columns:\n      id: { type: uuid, primary_key: true }\n    grants:\n      app_user: [select, insert]\n",
};

/// Roles PostgreSQL knows in every cluster.
pub fn implicit(role: &str) -> bool {
    let r = role.to_ascii_lowercase();
    matches!(
        r.as_str(),
        "public" | "current_user" | "current_role" | "session_user"
    ) || r.starts_with("pg_")
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let declared: Vec<&str> = project.roles.iter().map(|r| r.name.as_str()).collect();
    let report = |role: &str, diags: &mut Diagnostics, d: Diagnostic| {
        let help = match did_you_mean(role, declared.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Otherwise declare it: `roles: {{ {role}: {{}} }}` in schemac.yaml"),
            None => format!("declare it in schemac.yaml: `roles: {{ {role}: {{}} }}`"),
        };
        diags.push(d.help(help));
    };
    for tier in &project.tiers {
        let mut seen = std::collections::HashSet::new();
        for (role, span) in &tier.role_uses {
            if implicit(role) || declared.contains(&role.as_str()) || !seen.insert((role, span)) {
                continue;
            }
            let d = Diagnostic::new(&META, format!("role `{role}` is not declared in `roles:`"))
                .at(Some(*span));
            report(role, diags, d);
        }
        if declared.is_empty() {
            continue;
        }
        for t in &tier.schema.tables {
            for p in &t.policies {
                for role in p.roles.iter().filter(|r| !implicit(r)) {
                    if declared.contains(&role.as_str()) {
                        continue;
                    }
                    let d = Diagnostic::new(
                        &META,
                        format!(
                            "policy `{}` on `{}` is for role `{role}`, which is not declared in `roles:`",
                            p.name, t.name
                        ),
                    )
                    .at_origin(&p.origin);
                    report(role, diags, d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    const TABLE: &str = "tables:\n  orders:\n    columns:\n      id: { type: uuid, primary_key: true }\n    owner: app_owner\n    grants:\n      app_user: [select]\n      public: select\n";

    #[test]
    fn grants_and_owners_name_declared_roles() {
        assert_eq!(
            found(&[("schemac.yaml", PROJECT), ("app/t.yaml", TABLE)], "S112"),
            [(5, 12), (7, 7)]
        );
        let declared = "project: t\nroles: { app_user: {}, app_owner: {} }\ntiers:\n  app: { database: app }\n";
        assert!(found(&[("schemac.yaml", declared), ("app/t.yaml", TABLE)], "S112").is_empty());
    }

    #[test]
    fn policies_are_checked_once_roles_are_declared() {
        let t = "tables:\n  orders:\n    columns:\n      id: { type: uuid, primary_key: true }\n    policies:\n      support_reads:\n        command: select\n        roles: [support]\n        using: \"true\"\n";
        assert!(found(&[("schemac.yaml", PROJECT), ("app/t.yaml", t)], "S112").is_empty());
        let declared = "project: t\nroles: { app_user: {} }\ntiers:\n  app: { database: app }\n";
        assert_eq!(found(&[("schemac.yaml", declared), ("app/t.yaml", t)], "S112").len(), 1);
    }
}
