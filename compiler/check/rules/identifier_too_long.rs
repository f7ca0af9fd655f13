//! I101: a name over PostgreSQL's 63-byte limit.

use crate::check::{tables, views};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{MAX_IDENT_BYTES, Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "I101",
    name: "identifier-too-long",
    severity: Severity::Error,
    summary: "A name written in the YAML is longer than 63 bytes.",
    why: "PostgreSQL silently truncates identifiers to 63 bytes (NAMEDATALEN - 1). Two long names that share their first 63 bytes collide, and the name in the catalog no longer matches the one in the schema, so every later diff sees a change. Names the compiler generates are shortened deterministically instead (I102); names you write must fit.",
    bad: "indexes:\n  - { name: idx_companies_dashboard_query_owner_engagement_score_lead_score_target, columns: [owner_id] }\n",
    good: "indexes:\n  - { name: companies_dashboard_idx, columns: [owner_id] }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let mut flag = |what: &str, name: &str, origin: &Origin| {
        if matches!(origin, Origin::Yaml(_)) && name.len() > MAX_IDENT_BYTES {
            diags.push(
                Diagnostic::new(&META, format!("{what} name is {} bytes; PostgreSQL keeps 63", name.len()))
                    .at_origin(origin)
                    .help(format!("PostgreSQL would store `{}`; choose a shorter name", truncate(name))),
            );
        }
    };
    for tier in &project.tiers {
        for e in &tier.schema.enums {
            flag("enum", e.name.as_str(), &e.origin);
            for v in &e.values {
                flag("enum value", v, &e.origin);
            }
        }
    }
    for (_, t) in tables(project) {
        flag("table", t.name.as_str(), &t.origin);
        for c in &t.columns {
            flag("column", c.name.as_str(), &c.origin);
        }
        for c in &t.constraints {
            flag("constraint", c.name.as_str(), &c.origin);
        }
        for i in &t.indexes {
            flag("index", i.name.as_str(), &i.origin);
        }
        for p in &t.policies {
            flag("policy", p.name.as_str(), &p.origin);
        }
    }
    for (_, v) in views(project) {
        flag("view", v.name.as_str(), &v.origin);
        for i in &v.indexes {
            flag("index", i.name.as_str(), &i.origin);
        }
    }
}

fn truncate(name: &str) -> &str {
    let mut cut = MAX_IDENT_BYTES;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    &name[..cut]
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn long_user_names_are_errors() {
        let long = "a".repeat(64);
        let files = app(&format!("tables:\n  users:\n    columns:\n      {long}: text\n"));
        assert_eq!(found(&refs(&files), "I101"), [(4, 7)]);
    }
}
