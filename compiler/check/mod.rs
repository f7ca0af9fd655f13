//! Checking: the loaded model in, diagnostics out. Each rule lives in its own
//! file under `rules/` with its documentation and tests; this module runs the
//! model-level ones and then applies the project's rule configuration
//! (`rules:` in schemac.yaml) to everything found, loader findings included.

pub mod expr;
pub mod migrations;
pub mod rules;

use crate::diag::{Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::load::Loaded;
use crate::model::{
    Constraint, ConstraintKind, Distribution, Ident, Project, RuleLevel, Table, Tier, View,
};

/// Run every model-level rule, then apply severities, then sort.
pub fn run(loaded: &mut Loaded) {
    if loaded.project.tiers.is_empty() && loaded.diags.has_errors() {
        configure(&loaded.project, &mut loaded.diags);
        loaded.diags.sort();
        return;
    }
    for check in rules::CHECKS {
        check(&loaded.project, &mut loaded.diags);
    }
    configure(&loaded.project, &mut loaded.diags);
    loaded.diags.sort();
}

/// Apply `rules:` from schemac.yaml: change severities, drop what is `off`,
/// and report configuration keys that name no rule.
fn configure(project: &Project, diags: &mut Diagnostics) {
    let mut levels: Vec<(&'static str, RuleLevel)> = Vec::new();
    let mut unknown = Vec::new();
    for (key, (level, span)) in &project.rules {
        match rules::ALL.iter().find(|r| r.code == key || r.name == key) {
            Some(r) => levels.push((r.code, *level)),
            None => {
                let names = rules::ALL.iter().flat_map(|r| [r.code, r.name]);
                let mut d = Diagnostic::new(
                    &rules::invalid_value::META,
                    format!("no rule is called `{key}`"),
                )
                .at(Some(*span));
                d.help = did_you_mean(key, names)
                    .map(|s| format!("did you mean `{s}`?"))
                    .or(Some(
                        "rule codes look like `N101`; names like `naming-not-snake-case`".into(),
                    ));
                unknown.push(d);
            }
        }
    }
    diags.retain(|d| {
        !levels
            .iter()
            .any(|(code, level)| *code == d.code && *level == RuleLevel::Off)
    });
    for d in diags.iter_mut() {
        if let Some((_, level)) = levels.iter().find(|(code, _)| *code == d.code)
            && let Some(sev) = Severity::from_level(*level)
        {
            d.severity = sev;
        }
    }
    diags.extend(unknown);
}

/// Every table of every tier.
pub(crate) fn tables(project: &Project) -> impl Iterator<Item = (&Tier, &Table)> {
    project
        .tiers
        .iter()
        .flat_map(|tier| tier.schema.tables.iter().map(move |t| (tier, t)))
}

/// Every table of a tier on Citus, with how the cluster holds it.
pub(crate) fn citus_tables(
    project: &Project,
) -> impl Iterator<Item = (&Tier, &Table, &Distribution)> {
    tables(project).filter_map(|(tier, t)| t.distribution.as_ref().map(|d| (tier, t, d)))
}

/// Whether SQL of a tier filters on the tenant: it names the tenant key and
/// reads the tenant setting, itself or through a function of the tier whose
/// body reads it.
pub(crate) struct TenantFilter<'a> {
    tenancy: &'a crate::model::Tenancy,
    readers: Vec<&'a str>,
}

impl<'a> TenantFilter<'a> {
    pub fn new(tenancy: &'a crate::model::Tenancy, schema: &'a crate::model::Schema) -> Self {
        let readers = schema
            .functions
            .iter()
            .filter(|f| f.body.contains(&tenancy.setting))
            .map(|f| f.name.as_str())
            .collect();
        TenantFilter { tenancy, readers }
    }

    pub fn filters(&self, sql: &str) -> bool {
        let words = crate::model::sql::words(sql).unwrap_or_default();
        let keyed = words.iter().any(|w| w.text == self.tenancy.key.as_str());
        let setting = sql.contains(&self.tenancy.setting)
            || words
                .iter()
                .any(|w| w.call && self.readers.contains(&w.text.as_str()));
        keyed && setting
    }
}

/// Every view of every tier.
pub(crate) fn views(project: &Project) -> impl Iterator<Item = (&Tier, &View)> {
    project
        .tiers
        .iter()
        .flat_map(|tier| tier.schema.views.iter().map(move |v| (tier, v)))
}

/// Every table of the project by (database, schema, name), for rules that
/// follow foreign keys across thousands of tables.
pub(crate) struct Tables<'a> {
    by: std::collections::HashMap<(&'a str, &'a str, &'a str), &'a Table>,
}

impl<'a> Tables<'a> {
    pub fn new(project: &'a Project) -> Self {
        Tables {
            by: project
                .tiers
                .iter()
                .flat_map(|t| {
                    t.schema.tables.iter().map(move |x| {
                        (
                            (t.database.as_str(), t.schema.name.as_str(), x.name.as_str()),
                            x,
                        )
                    })
                })
                .collect(),
        }
    }

    /// Foreign keys of `table` with their target table (same database,
    /// possibly another tier's schema).
    pub fn foreign_keys(
        &self,
        tier: &'a Tier,
        table: &'a Table,
    ) -> impl Iterator<Item = (&'a Constraint, &'a [Ident], &'a Table, &'a [Ident])> + '_ {
        table.constraints.iter().filter_map(move |c| match &c.kind {
            ConstraintKind::ForeignKey {
                columns,
                references,
                ref_columns,
                ..
            } => self
                .by
                .get(&(
                    tier.database.as_str(),
                    references.schema.as_str(),
                    references.name.as_str(),
                ))
                .map(|target| (c, columns.as_slice(), *target, ref_columns.as_slice())),
            _ => None,
        })
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule tests: load and check projects held in strings.

    use std::path::{Path, PathBuf};

    use crate::diag::Diagnostic;
    use crate::load::{self, Loaded};

    /// One tier `app`, no tenancy.
    pub const PROJECT: &str = "project: t\ntiers:\n  app: { database: app }\n";

    /// Tenancy rooted at `app.tenants`, a second tier `other` in another database.
    pub const TENANT_PROJECT: &str = "project: t\ntenancy:\n  root: app.tenants\n  setting: app.tenant\ntiers:\n  app: { database: app }\n  other: { database: other }\n";

    /// Tenants table for [`TENANT_PROJECT`], in `app/tenants.yaml`.
    pub const TENANTS: &str = "tables:\n  tenants:\n    tenancy: global\n    columns:\n      id: { type: uuid, primary_key: true }\n";

    pub fn loaded(files: &[(&str, &str)]) -> Loaded {
        let files = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.to_string()))
            .collect();
        let mut l = load::from_files(Path::new(""), files);
        super::run(&mut l);
        l
    }

    pub fn diagnostics(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        loaded(files).diags.into_vec()
    }

    /// Every diagnostic as `CODE line:col`.
    pub fn codes(files: &[(&str, &str)]) -> Vec<String> {
        diagnostics(files)
            .iter()
            .map(|d| match d.span {
                Some(s) => format!("{} {}:{}", d.code, s.line, s.col),
                None => d.code.to_string(),
            })
            .collect()
    }

    /// Positions where `code` was reported.
    pub fn found(files: &[(&str, &str)], code: &str) -> Vec<(u32, u32)> {
        diagnostics(files)
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.span.map(|s| (s.line, s.col)).unwrap_or((0, 0)))
            .collect()
    }

    /// Assert a project checks with no diagnostic at all.
    pub fn check_ok(files: &[(&str, &str)]) {
        let d = codes(files);
        assert!(d.is_empty(), "expected no diagnostics, got {d:?}");
    }

    /// A one-tier project with one tier file `app/t.yaml`.
    pub fn app(tier_file: &str) -> Vec<(&'static str, String)> {
        vec![
            ("schemac.yaml", PROJECT.to_string()),
            ("app/t.yaml", tier_file.to_string()),
        ]
    }

    /// Tenancy rooted at `app.tenants` on a tier `app` that runs on Citus.
    pub const CITUS_PROJECT: &str = "project: t\ntenancy:\n  root: app.tenants\n  setting: app.tenant\ntiers:\n  app: { database: app, citus: true }\n";

    /// A Citus project with the tenants table and `tier_file` as `app/t.yaml`.
    pub fn citus(tier_file: &str) -> Vec<(&'static str, String)> {
        vec![
            ("schemac.yaml", CITUS_PROJECT.to_string()),
            ("app/tenants.yaml", TENANTS.to_string()),
            ("app/t.yaml", tier_file.to_string()),
        ]
    }

    /// Assert a rule's `bad` example raises it (on a Citus tier) and its
    /// `good` example raises nothing at all.
    pub fn citus_examples(meta: &crate::diag::RuleMeta) {
        let bad = citus(meta.bad);
        assert!(
            !found(&refs(&bad), meta.code).is_empty(),
            "{}: the bad example does not raise it: {:?}",
            meta.code,
            codes(&refs(&bad))
        );
        check_ok(&refs(&citus(meta.good)));
    }

    pub fn refs<'a>(files: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
        files.iter().map(|(p, t)| (*p, t.as_str())).collect()
    }
}
