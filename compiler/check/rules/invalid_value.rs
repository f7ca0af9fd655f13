//! Y004: a value of the wrong shape or outside the allowed set.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y004",
    name: "invalid-value",
    severity: Severity::Error,
    summary: "A value has the wrong shape (a list where a mapping belongs) or is not one of the allowed words.",
    why: "Values are read strictly so that a mistake is reported where it was written rather than turning into surprising SQL.",
    bad: "references: { table: users, on_delete: delete }\n",
    good: "references: { table: users, on_delete: cascade }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn wrong_word_is_reported_with_the_choices() {
        let files = app("tables:\n  users:\n    tenancy: shared\n    columns:\n      id: uuid\n");
        let d = diagnostics(&refs(&files));
        let y = d.iter().find(|d| d.code == "Y004").expect("Y004");
        assert!(y.help.as_deref().unwrap_or_default().contains("scoped, global"));
    }

    #[test]
    fn the_history_table_stays_out_of_tier_schemas() {
        let project = |history: &str| {
            format!(
                "project: t\nmigrations: {{ history_table: {history} }}\ntiers:\n  app: {{ database: app, schema: app }}\n"
            )
        };
        let tier = "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true }\n";
        for bad in ["app.history", "x.y.z", ".history"] {
            let p = project(bad);
            let files = [("schemac.yaml", p.as_str()), ("app/t.yaml", tier)];
            assert_eq!(found(&files, "Y004"), [(2, 30)], "{bad}");
        }
        let p = project("schemac.history");
        let l = loaded(&[("schemac.yaml", p.as_str()), ("app/t.yaml", tier)]);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        let m = &l.project.migrations;
        assert_eq!((m.history_schema.as_str(), m.history_table.as_str()), ("schemac", "history"));
        assert_eq!(m.history_in("app"), "");
        assert_eq!(m.history_in("schemac"), "history");
    }

    #[test]
    fn wrong_shape_is_reported() {
        let files = app("tables:\n  users:\n    columns: [id]\n");
        assert_eq!(found(&refs(&files), "Y004"), [(3, 14)]);
    }

    #[test]
    fn yaml_non_finite_floats_are_refused() {
        for v in [".nan", "-.inf", ".Inf"] {
            let files = app(&format!("tables:\n  t:\n    columns:\n      x: {{ type: double precision, default: {v} }}\n      y: {{ type: integer, check: {v} }}\n"));
            assert_eq!(found(&refs(&files), "Y004").len(), 2, "{v}");
        }
    }

    #[test]
    fn a_column_value_has_one_source() {
        let files = app("tables:\n  t:\n    columns:\n      a: { type: bigint, identity: always, default: 1 }\n      b: { type: integer, identity: by_default, generated: \"1 + 1\" }\n      c: { type: integer, default: 0, generated: \"1 + 1\" }\n      d: { type: uuid, identity: always }\n      e: { type: bigint, identity: by_default }\n");
        assert_eq!(found(&refs(&files), "Y004"), [(4, 7), (5, 7), (6, 7), (7, 7)]);
    }

    #[test]
    fn storage_parameters_out_of_range() {
        let files = app("tables:\n  t:\n    with: { fillfactor: 5, autovacuum_enabled: maybe, autovacuum_vacuum_scale_factor: 0.2, toast.autovacuum_enabled: off }\n    columns:\n      a: integer\n    indexes:\n      - { columns: [a], with: { fillfactor: 101 } }\n      - { columns: [a], with: { fillfactor: 90 } }\n");
        assert_eq!(found(&refs(&files), "Y004"), [(3, 25), (3, 48), (7, 45)]);
    }
}
