//! N102: a timestamp column that breaks the project's timestamp convention.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Origin, Project, TimestampStyle};

pub const META: RuleMeta = RuleMeta {
    code: "N102",
    name: "naming-timestamp-style",
    severity: Severity::Warning,
    summary: "A timestamp column is named against `conventions.timestamps` (`created` vs `created_at`).",
    why: "When some tables say `created` and others `created_at`, every query author has to look it up, and cross-tier joins and analytics code grow special cases. Pick one style per project; schemac holds every table to it.",
    bad: "# conventions: { timestamps: bare }\ncolumns:\n  created_at: timestamptz\n",
    good: "# conventions: { timestamps: bare }\ncolumns:\n  created: timestamptz\n",
};

/// Event words that name a moment, bare or with `_at`.
const EVENTS: &[&str] = &[
    "created", "updated", "deleted", "processed", "queued", "sent", "started", "completed",
    "finished", "failed", "scheduled", "published", "archived", "received", "opened", "clicked",
    "verified", "confirmed", "expired", "cancelled", "canceled", "approved", "rejected", "closed",
    "delivered", "bounced", "locked", "modified", "refreshed", "synced", "last_seen", "last_login",
];

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let style = project.conventions.timestamps;
    if style == TimestampStyle::Any {
        return;
    }
    for (_, t) in tables(project) {
        for c in t.columns.iter().filter(|c| matches!(c.origin, Origin::Yaml(_)) && c.ty.is_timestamp()) {
            let name = c.name.as_str();
            let suggestion = match style {
                TimestampStyle::Bare => name.strip_suffix("_at").filter(|b| !b.is_empty()).map(str::to_string),
                TimestampStyle::SuffixAt if !name.ends_with("_at") => {
                    let event = EVENTS.contains(&name) || (name.ends_with("ed") && !name.contains("_date"));
                    event.then(|| format!("{name}_at"))
                }
                _ => None,
            };
            if let Some(s) = suggestion {
                let style_word = if style == TimestampStyle::Bare { "bare" } else { "suffix_at" };
                diags.push(
                    Diagnostic::new(&META, format!("timestamp `{name}` breaks the `{style_word}` convention"))
                        .at_origin(&c.origin)
                        .help(format!("rename it `{s}` (declare `was: {name}` to keep the data)")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    fn project(style: &str) -> String {
        format!("project: t\nconventions: {{ timestamps: {style} }}\ntiers:\n  app: {{}}\n")
    }
    const TABLE: &str = "tables:\n  users:\n    columns:\n      id: { type: uuid, primary_key: true }\n      created_at: timestamptz\n      updated: timestamptz\n      birth_date: date\n";

    #[test]
    fn bare_flags_suffix() {
        let p = project("bare");
        assert_eq!(found(&[("schemac.yaml", &p), ("app/t.yaml", TABLE)], "N102"), [(5, 7)]);
    }

    #[test]
    fn suffix_at_flags_bare() {
        let p = project("suffix_at");
        assert_eq!(found(&[("schemac.yaml", &p), ("app/t.yaml", TABLE)], "N102"), [(6, 7)]);
    }
}
