//! N122: one name for two tables, views or functions in different schemas
//! of a tier.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "N122",
    name: "ambiguous-name",
    severity: Severity::Error,
    summary: "Two tables, views or functions of one tier have the same name in different schemas, or a reference `x.y` could name either.",
    why: "References, policies and migrations name a tier's relations by name; with `app_public.users` and `app_private.users` in one tier, `references: users` and a rename could mean either. Functions are placed by name the same way. Keep relation and function names unique across the tier's schemas.",
    bad: "tables:\n  app_public.notes: { columns: { id: { type: uuid, primary_key: true } } }\n  app_private.notes: { columns: { id: { type: uuid, primary_key: true } } }\n",
    good: "tables:\n  app_public.notes: { columns: { id: { type: uuid, primary_key: true } } }\n  app_private.note_drafts: { columns: { id: { type: uuid, primary_key: true } } }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn the_same_table_name_in_two_schemas() {
        let project = "project: p\ntiers:\n  app:\n    schema: app_public\n    schemas: { app_private: {} }\n";
        let files = [
            ("schemac.yaml", project),
            (
                "app/t.yaml",
                "tables:\n  notes: { columns: { id: { type: uuid, primary_key: true } } }\n  app_private.notes: { columns: { id: { type: uuid, primary_key: true } } }\n",
            ),
        ];
        assert!(diagnostics(&files).iter().any(|d| d.code == "N122"));
    }

    #[test]
    fn a_function_name_in_two_schemas_or_like_a_relation() {
        let project = "project: p\ntiers:\n  app:\n    schema: app_public\n    schemas: { app_private: {} }\n";
        let body = "{ returns: integer, body: select 1 }";
        let files = [
            ("schemac.yaml", project),
            (
                "app/t.yaml",
                &*format!(
                    "tables:\n  app_private.notes: {{ columns: {{ id: {{ type: uuid, primary_key: true }} }} }}\nfunctions:\n  app_private.f: {body}\n  app_public.f: {body}\n  notes: {body}\n  app_private.g(integer): {{ args: [x integer], returns: integer, body: select x }}\n  app_private.g(text): {{ args: [x text], returns: integer, body: select 1 }}\n"
                ),
            ),
        ];
        let found: Vec<_> = diagnostics(&files)
            .into_iter()
            .filter(|d| d.code == "N122")
            .map(|d| d.message)
            .collect();
        assert_eq!(
            found,
            [
                "`f` names an object in schema `app_private` and a function in `app_public`",
                "`notes` names an object in schema `app_private` and a function in `app_public`",
            ],
            "overloads in one schema are fine"
        );
    }
}
