//! N101: a name that is not lower snake_case.

use crate::check::{tables, views};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "N101",
    name: "naming-not-snake-case",
    severity: Severity::Warning,
    summary: "A table, column, view, enum, index, constraint or policy name is not lower snake_case.",
    why: "PostgreSQL folds unquoted names to lower case, so `dealershipId` must be double-quoted in every hand-written query forever, and `dealershipid` silently means another column. Mixed styles (`dealership_id` next to `dealershipId`) are how teams end up with both.",
    bad: "columns:\n  dealershipId: uuid\n",
    good: "columns:\n  dealership_id: uuid\n",
};

pub fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `dealershipId` → `dealership_id`, `Email Address` → `email_address`.
pub fn to_snake_case(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            prev_lower = false;
        } else if c.is_alphanumeric() {
            out.push(c);
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    out.trim_matches('_').to_string()
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let mut flag = |what: &str, name: &str, origin: &Origin| {
        if matches!(origin, Origin::Yaml(_)) && !is_snake_case(name) {
            diags.push(
                Diagnostic::new(&META, format!("{what} `{name}` is not snake_case"))
                    .at_origin(origin)
                    .help(format!("rename it `{}`", to_snake_case(name))),
            );
        }
    };
    for tier in &project.tiers {
        for e in &tier.schema.enums {
            flag("enum", e.name.as_str(), &e.origin);
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::*;

    #[test]
    fn camel_case_column() {
        let files = app("tables:\n  users:\n    columns:\n      id: { type: uuid, primary_key: true }\n      dealershipId: uuid\n");
        let d = diagnostics(&refs(&files));
        let n = d.iter().find(|d| d.code == "N101").expect("N101");
        assert_eq!(n.span.map(|s| (s.line, s.col)), Some((5, 7)));
        assert_eq!(n.help.as_deref(), Some("rename it `dealership_id`"));
    }

    #[test]
    fn conversion() {
        assert_eq!(to_snake_case("dealershipId"), "dealership_id");
        assert_eq!(to_snake_case("Email Address"), "email_address");
        assert!(is_snake_case("v2_users"));
        assert!(!is_snake_case("2users"));
    }
}
