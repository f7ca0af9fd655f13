//! N104: a table or view without its tier's prefix or suffix.

use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "N104",
    name: "naming-tier-affix",
    severity: Severity::Warning,
    summary: "A table or view lacks the `prefix` or `suffix` its tier declares.",
    why: "Tier affixes (`content_`, `_analytics`) tell a reader which database a name lives in. A table that skips it looks like it belongs elsewhere, and cross-tier references become guesswork.",
    bad: "# tiers: { olap: { suffix: _analytics } }\ntables:\n  campaign_stats: { columns: { id: uuid } }\n",
    good: "# tiers: { olap: { suffix: _analytics } }\ntables:\n  campaign_analytics: { columns: { id: uuid } }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for tier in &project.tiers {
        let names = tier
            .schema
            .tables
            .iter()
            .map(|t| ("table", &t.name, &t.origin))
            .chain(tier.schema.views.iter().map(|v| ("view", &v.name, &v.origin)));
        for (what, name, origin) in names {
            if !matches!(origin, Origin::Yaml(_)) {
                continue;
            }
            let mut missing = Vec::new();
            if let Some(p) = &tier.prefix
                && !name.as_str().starts_with(p.as_str())
            {
                missing.push(format!("prefix `{p}`"));
            }
            if let Some(s) = &tier.suffix
                && !name.as_str().ends_with(s.as_str())
            {
                missing.push(format!("suffix `{s}`"));
            }
            if !missing.is_empty() {
                let fixed = format!(
                    "{}{name}{}",
                    tier.prefix.as_deref().filter(|p| !name.as_str().starts_with(p)).unwrap_or(""),
                    tier.suffix.as_deref().filter(|s| !name.as_str().ends_with(s)).unwrap_or("")
                );
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("{what} `{name}` in tier `{}` lacks the tier's {}", tier.name, missing.join(" and ")),
                    )
                    .at_origin(origin)
                    .help(format!("rename it `{fixed}`")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn suffix_is_checked() {
        let p = "project: t\ntiers:\n  olap: { suffix: _analytics }\n";
        let t = "tables:\n  campaign_analytics:\n    columns: { id: uuid }\n  campaign_stats:\n    columns: { id: uuid }\n";
        assert_eq!(found(&[("schemac.yaml", p), ("olap/t.yaml", t)], "N104"), [(4, 3)]);
    }
}
