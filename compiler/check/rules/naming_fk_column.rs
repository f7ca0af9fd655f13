//! N105: a referencing column not named after what it references.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, Origin, Project};

use super::naming_table_number::singularize;

pub const META: RuleMeta = RuleMeta {
    code: "N105",
    name: "naming-fk-column",
    severity: Severity::Warning,
    summary: "A single-column reference is not named `<something>_<referenced column>` (usually `<singular>_id`).",
    why: "`campaign_id` says what it holds; `campaign`, `campaignRef` or `parent` do not. Consistent reference names let people and tools find joins without reading constraints.",
    bad: "columns:\n  campaign: { type: uuid, references: campaigns }\n",
    good: "columns:\n  campaign_id: { type: uuid, references: campaigns }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t) in tables(project) {
        let refs = t
            .constraints
            .iter()
            .filter_map(|c| match &c.kind {
                ConstraintKind::ForeignKey { columns, references, ref_columns, .. } => {
                    Some((columns, references.name.as_str(), ref_columns))
                }
                _ => None,
            })
            .chain(t.soft_references.iter().map(|s| (&s.columns, s.table.as_str(), &s.ref_columns)));
        for (cols, target, ref_cols) in refs {
            let ([col], [ref_col]) = (cols.as_slice(), ref_cols.as_slice()) else { continue };
            let Some(column) = t.column(col.as_str()) else { continue };
            if !matches!(column.origin, Origin::Yaml(_)) {
                continue;
            }
            let suffix = format!("_{ref_col}");
            if col.as_str().ends_with(&suffix) && col.as_str().len() > suffix.len() {
                continue;
            }
            let target_word = target.rsplit('_').next().unwrap_or(target);
            diags.push(
                Diagnostic::new(&META, format!("column `{col}` references `{target}.{ref_col}` but is not named `…{suffix}`"))
                    .at_origin(&column.origin)
                    .help(format!("rename it `{}{suffix}` (with `was: {col}`)", singularize(target_word))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn reference_column_names() {
        let files = app("tables:\n  campaigns:\n    columns:\n      id: { type: uuid, primary_key: true }\n  sends:\n    columns:\n      id: { type: uuid, primary_key: true }\n      campaign: { type: uuid, references: campaigns }\n      owner_campaign_id: { type: uuid, references: campaigns }\n");
        let d = diagnostics(&refs(&files));
        let n: Vec<_> = d.iter().filter(|d| d.code == "N105").collect();
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].help.as_deref(), Some("rename it `campaign_id` (with `was: campaign`)"));
    }
}
