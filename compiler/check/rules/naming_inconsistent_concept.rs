//! N106: one concept spelled or typed two ways across the project.

use std::collections::BTreeMap;

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ColumnType, Origin, Project, Span};

pub const META: RuleMeta = RuleMeta {
    code: "N106",
    name: "naming-inconsistent-concept",
    severity: Severity::Warning,
    summary: "The same column concept is spelled differently (`dealership_id` / `dealershipId`) or typed differently (`campaign_id uuid` / `campaign_id bigint`) in different tables or tiers.",
    why: "Tiers are built by different people at different times; drift between them is how a cross-tier join ends up comparing a uuid to a bigint or a column quietly means two things. One spelling and one type per concept keeps every tier joinable.",
    bad: "# oltp: leads.campaign_id uuid\n# olap: campaign_analytics.campaign_id bigint\n",
    good: "# both: campaign_id uuid\n",
};

fn concept(name: &str) -> String {
    name.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
}

/// Per name: each distinct form → (occurrences, first span, type).
type Forms<T> = BTreeMap<String, BTreeMap<String, T>>;

pub fn check(project: &Project, diags: &mut Diagnostics) {
    // concept → spelling → (count, first span, tier.table)
    let mut spellings: Forms<(usize, Option<Span>)> = BTreeMap::new();
    // reference-like column name → type text → (count, first span, type)
    let mut typings: Forms<(usize, Option<Span>, ColumnType)> = BTreeMap::new();
    for (_, t) in tables(project) {
        for c in t.columns.iter().filter(|c| matches!(c.origin, Origin::Yaml(_))) {
            let e = spellings.entry(concept(c.name.as_str())).or_default().entry(c.name.to_string()).or_insert((0, c.origin.span()));
            e.0 += 1;
            if c.name.as_str().ends_with("_id") && c.name.as_str() != "id" {
                let ty = c.ty.to_string();
                let e = typings.entry(c.name.to_string()).or_default().entry(ty).or_insert((0, c.origin.span(), c.ty.clone()));
                e.0 += 1;
            }
        }
    }
    for forms in spellings.values().filter(|f| f.len() > 1) {
        let (major, (_, major_span)) = forms.iter().max_by_key(|(name, (n, _))| (*n, std::cmp::Reverse((*name).clone()))).map(|(k, v)| (k.clone(), *v)).unwrap_or_default();
        for (name, (_, span)) in forms.iter().filter(|(name, _)| **name != major) {
            diags.push(
                Diagnostic::new(&META, format!("`{name}` and `{major}` name the same concept"))
                    .at(*span)
                    .label(major_span, format!("spelled `{major}` here"))
                    .help(format!("use `{major}` everywhere (rename with `was: {name}`)")),
            );
        }
    }
    for (name, types) in typings.iter().filter(|(_, t)| t.len() > 1) {
        let families: Vec<&ColumnType> = types.values().map(|v| &v.2).collect();
        if families.iter().all(|t| t.same_as(families[0])) {
            continue;
        }
        let Some((major, major_span)) = types.iter().max_by_key(|(_, (n, _, _))| *n).map(|(k, v)| (k.clone(), v.1)) else {
            continue;
        };
        for (ty, (_, span, _)) in types.iter().filter(|(ty, _)| **ty != major) {
            diags.push(
                Diagnostic::new(&META, format!("`{name}` is `{ty}` here but `{major}` elsewhere"))
                    .at(*span)
                    .label(major_span, format!("`{major}` here"))
                    .help(format!("give every `{name}` the type `{major}`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn spelling_and_type_drift() {
        let files = app("tables:\n  a_items:\n    columns:\n      dealership_id: uuid\n      campaign_id: uuid\n  b_items:\n    columns:\n      dealership_id: uuid\n      campaign_id: uuid\n  c_items:\n    columns:\n      dealershipId: uuid\n      campaign_id: bigint\n");
        assert_eq!(found(&refs(&files), "N106"), [(12, 7), (13, 7)]);
    }
}
