//! N122: one name for two tables or views in different schemas of a tier.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "N122",
    name: "ambiguous-name",
    severity: Severity::Error,
    summary: "Two tables or views of one tier have the same name in different schemas, or a reference `x.y` could name either.",
    why: "References, policies and migrations name a tier's relations by name; with `app_public.users` and `app_private.users` in one tier, `references: users` and a rename could mean either. Keep relation names unique across the tier's schemas.",
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
}
