//! R111: something new depends on something deprecated.

use crate::check::{tables, views};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Deprecation, Project};

pub const META: RuleMeta = RuleMeta {
    code: "R111",
    name: "deprecated-reference",
    severity: Severity::Warning,
    summary: "A foreign key, soft reference or view depends on a table or column marked `deprecated`.",
    why: "Deprecated objects are on their way out (seeds: `content_inbox_message_refs` \"legacy\" yet still referenced). Every new dependency makes removing them harder; the warning names the replacement.",
    bad: "content_inbox_message_refs: { deprecated: { replacement: email_messages } }\nattachments:\n  columns:\n    message_ref_id: { type: uuid, references: content_inbox_message_refs }\n",
    good: "attachments:\n  columns:\n    email_message_id: { type: uuid, references: email_messages }\n",
};

fn instead(d: &Deprecation) -> String {
    match &d.replacement {
        Some(r) => format!("use `{r}` instead"),
        None => "plan its replacement".into(),
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let fks = crate::check::Tables::new(project);
    for (tier, t) in tables(project) {
        for (c, cols, target, ref_cols) in fks.foreign_keys(tier, t) {
            let dep = target.deprecated.as_ref().map(|d| (format!("table `{}`", target.name), d)).or_else(|| {
                ref_cols.iter().find_map(|rc| {
                    target.column(rc.as_str()).and_then(|col| col.deprecated.as_ref()).map(|d| (format!("column `{}.{rc}`", target.name), d))
                })
            });
            if let Some((what, d)) = dep {
                let origin = cols.first().and_then(|c| t.column(c.as_str())).map(|c| c.origin).unwrap_or(c.origin);
                diags.push(
                    Diagnostic::new(&META, format!("`{}` references deprecated {what}", t.name))
                        .at_origin(&origin)
                        .help(instead(d)),
                );
            }
        }
    }
    for (tier, v) in views(project) {
        for dep in &v.depends_on {
            if let Some(d) = tier.schema.table(dep.as_str()).and_then(|t| t.deprecated.as_ref()) {
                diags.push(
                    Diagnostic::new(&META, format!("view `{}` reads deprecated table `{dep}`", v.name))
                        .at_origin(&v.origin)
                        .help(instead(d)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn reference_to_deprecated_table() {
        let files = app("tables:\n  old_refs:\n    deprecated: { replacement: messages }\n    columns:\n      id: { type: uuid, primary_key: true }\n  attachments:\n    columns:\n      old_ref_id: { type: uuid, references: old_refs }\n");
        let d = diagnostics(&refs(&files));
        let r = d.iter().find(|d| d.code == "R111").expect("R111");
        assert_eq!(r.span.map(|s| s.line), Some(8));
        assert_eq!(r.help.as_deref(), Some("use `messages` instead"));
    }
}
