//! S113: a `default_privileges:` entry PostgreSQL cannot hold as written.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "S113",
    name: "default-privilege-invalid",
    severity: Severity::Error,
    summary: "A `default_privileges:` entry names a schema the tier does not own, limits schema defaults to a schema, revokes PUBLIC's built-in privilege in one schema only, or names columns.",
    why: "`ALTER DEFAULT PRIVILEGES … IN SCHEMA` only adds to the database-wide defaults: a per-schema `REVOKE` of PUBLIC's built-in `EXECUTE` on functions (or `USAGE` on types) succeeds and changes nothing, so new functions stay callable by everyone. Defaults on schemas cannot be given `IN SCHEMA` at all, defaults never name columns, and defaults in a schema the tier does not create would be left behind by it. Each of these is refused where it is written rather than becoming a migration that does less than it says.",
    bad: "# schemac.yaml, under tiers:\n  app:\n    schema: app\n    default_privileges:\n      - functions: { public: none }\n",
    good: "# schemac.yaml, under tiers:\n  app:\n    schema: app\n    default_privileges:\n      - database_wide: true\n        functions: { public: none }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    fn project(defaults: &str) -> String {
        format!(
            "project: t\nroles: {{ app_user: {{}}, app_owner: {{}} }}\ntiers:\n  app:\n    database: app\n    schema: app\n    default_privileges:\n{defaults}"
        )
    }
    const TIER: &str = "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true }\n";

    fn codes(defaults: &str) -> Vec<(u32, u32)> {
        let p = project(defaults);
        found(&[("schemac.yaml", p.as_str()), ("app/t.yaml", TIER)], "S113")
    }

    #[test]
    fn revoking_public_in_one_schema_is_refused() {
        assert_eq!(codes("      - functions: { public: none }\n"), [(8, 22)]);
        assert_eq!(codes("      - types: { public: none }\n"), [(8, 18)]);
        assert!(codes("      - { database_wide: true, functions: { public: none } }\n").is_empty());
    }

    #[test]
    fn schemas_are_database_wide_and_schemas_are_the_tiers() {
        assert_eq!(codes("      - schemas: { app_user: usage }\n"), [(8, 20)]);
        assert!(codes("      - { database_wide: true, schemas: { app_user: usage } }\n").is_empty());
        assert_eq!(codes("      - { schema: other, tables: { app_user: select } }\n"), [(8, 19)]);
        assert_eq!(
            codes("      - { schema: app, database_wide: true, tables: { app_user: select } }\n"),
            [(8, 19)]
        );
    }

    #[test]
    fn a_valid_entry_lowers_and_roles_are_checked() {
        let p = project(
            "      - for_role: app_owner\n        tables: { app_user: [select, insert] }\n      - { functions: { app_usr: execute } }\n",
        );
        let files = [("schemac.yaml", p.as_str()), ("app/t.yaml", TIER)];
        assert!(found(&files, "S113").is_empty());
        assert_eq!(found(&files, "S112"), [(10, 24)]);
        let p = project("      - tables: { app_user: [select] }\n");
        let l = loaded(&[("schemac.yaml", p.as_str()), ("app/t.yaml", TIER)]);
        let s = &l.project.tiers[0].schema;
        assert_eq!(s.default_privileges.len(), 1);
        assert_eq!(s.tables[0].grants[0].role, "app_user", "the table holds what it is created with");
    }
}
