//! R105: two objects with one name where PostgreSQL needs them distinct.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Origin, Project, Span};

pub const META: RuleMeta = RuleMeta {
    code: "R105",
    name: "duplicate-name",
    severity: Severity::Error,
    summary: "Two tables, views, enums, indexes, constraints or policies share a name in one namespace.",
    why: "Tables, views, indexes and index-backed constraints share one namespace per schema (pg_class); constraints and policies are unique per table; enum and table names share pg_type. A clash fails the migration, or in a YAML spread over many files, silently shadows one definition.",
    bad: "tables:\n  users:\n    indexes:\n      - { name: by_email, columns: [email] }\n  admins:\n    indexes:\n      - { name: by_email, columns: [email] }\n",
    good: "tables:\n  users:\n    indexes:\n      - { name: users_email_idx, columns: [email] }\n  admins:\n    indexes:\n      - { name: admins_email_idx, columns: [email] }\n",
};

fn note(seen: &mut HashMap<String, Option<Span>>, what: &str, name: &str, origin: &Origin, scope: &str, diags: &mut Diagnostics) {
    match seen.get(name) {
        Some(first) => diags.push(
            Diagnostic::new(&META, format!("{what} name `{name}` is already used {scope}"))
                .at_origin(origin)
                .label(*first, "first used here")
                .help("choose another name"),
        ),
        None => {
            seen.insert(name.to_string(), origin.span());
        }
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for tier in &project.tiers {
        let scope = format!("in schema `{}` of tier `{}`", tier.schema.name, tier.name);
        let mut relations: HashMap<String, Option<Span>> = HashMap::new();
        for t in &tier.schema.tables {
            relations.insert(t.name.to_string(), t.origin.span());
        }
        for v in &tier.schema.views {
            relations.insert(v.name.to_string(), v.origin.span());
        }
        for t in &tier.schema.tables {
            for p in t.all_partitions() {
                note(&mut relations, "partition", p.name.as_str(), &p.origin, &scope, diags);
            }
            let mut local: HashMap<String, Option<Span>> = HashMap::new();
            for c in &t.constraints {
                note(&mut local, "constraint", c.name.as_str(), &c.origin, &format!("on `{}`", t.name), diags);
                if matches!(c.kind, crate::model::ConstraintKind::PrimaryKey { .. } | crate::model::ConstraintKind::Unique { .. } | crate::model::ConstraintKind::Exclude { .. }) {
                    note(&mut relations, "constraint", c.name.as_str(), &c.origin, &scope, diags);
                }
            }
            for i in &t.indexes {
                note(&mut relations, "index", i.name.as_str(), &i.origin, &scope, diags);
            }
            let mut policies: HashMap<String, Option<Span>> = HashMap::new();
            for p in &t.policies {
                note(&mut policies, "policy", p.name.as_str(), &p.origin, &format!("on `{}`", t.name), diags);
            }
        }
        for v in &tier.schema.views {
            for i in &v.indexes {
                note(&mut relations, "index", i.name.as_str(), &i.origin, &scope, diags);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn same_table_in_two_files() {
        let files = [
            ("schemac.yaml", PROJECT),
            ("app/a.yaml", "tables:\n  users:\n    columns: { id: uuid }\n"),
            ("app/b.yaml", "tables:\n  users:\n    columns: { id: uuid }\n"),
        ];
        assert_eq!(found(&files, "R105"), [(2, 3)]);
    }

    #[test]
    fn index_names_collide_across_tables() {
        let files = app("tables:\n  users:\n    columns: { email: text }\n    indexes:\n      - { name: by_email, columns: [email] }\n  admins:\n    columns: { email: text }\n    indexes:\n      - { name: by_email, columns: [email] }\n");
        assert_eq!(found(&refs(&files), "R105"), [(9, 9)]);
    }

    #[test]
    fn a_composite_type_named_like_a_table_collides_with_its_row_type() {
        let files = app("types:
  invoices:
    attributes: { total: numeric }
tables:
  invoices:
    columns: { id: uuid }
");
        assert_eq!(found(&refs(&files), "R105"), [(5, 3)]);
    }
}
