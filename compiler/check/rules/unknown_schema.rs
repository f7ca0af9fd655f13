//! N120: an object addressed `schema.name` in a schema the tier does not own.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "N120",
    name: "unknown-schema",
    severity: Severity::Error,
    summary: "A table, view, function or procedure is written `schema.name` with a schema that is neither the tier's `schema` nor one of its `schemas:`.",
    why: "schemac creates and drops only the schemas a tier owns. An object in any other schema would be created in a schema nobody declared (and fail when it does not exist), and `plan --db` would never read it back.",
    bad: "tables:\n  app_privat.secrets:\n    columns:\n      id: { type: uuid, primary_key: true }\n",
    good: "# schemac.yaml: tiers: { app: { schema: app_public, schemas: { app_private: {} } } }\ntables:\n  app_private.secrets:\n    columns:\n      id: { type: uuid, primary_key: true }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn a_misspelt_schema_is_named_with_the_owned_ones() {
        let project = "project: p\ntiers:\n  app:\n    schema: app_public\n    schemas: { app_private: {} }\n";
        let files = [
            ("schemac.yaml", project),
            (
                "app/t.yaml",
                "tables:\n  app_privat.secrets:\n    columns:\n      id: { type: uuid, primary_key: true }\n",
            ),
        ];
        let d = diagnostics(&files);
        let r = d.iter().find(|d| d.code == "N120").expect("N120");
        assert_eq!(r.help.as_deref(), Some("did you mean `app_private`?"));
    }

    #[test]
    fn a_function_in_a_schema_the_tier_does_not_own() {
        let project = "project: p\ntiers:\n  app:\n    schema: app_public\n    schemas: { app_private: {} }\n";
        let files = [
            ("schemac.yaml", project),
            (
                "app/t.yaml",
                "functions:\n  app_private.ok: { returns: integer, body: select 1 }\n  billing.total(integer): { args: [x integer], returns: integer, body: select x }\nprocedures:\n  app_privat.purge: { body: select 1 }\n",
            ),
        ];
        let d = diagnostics(&files);
        let found: Vec<_> = d
            .iter()
            .filter(|d| d.code == "N120")
            .map(|d| (d.message.as_str(), d.help.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "`billing` is not a schema of this tier",
                    "the tier owns `app_public`, `app_private`; add `billing` to the tier's `schemas:` in schemac.yaml"
                ),
                ("`app_privat` is not a schema of this tier", "did you mean `app_private`?"),
            ]
        );
    }
}
