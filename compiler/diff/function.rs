//! Functions and procedures, matched by signature (`name(argtypes)`):
//! `CREATE OR REPLACE` where PostgreSQL allows it, drop + create where the
//! kind, result, argument names, modes or removed defaults forbid it. A
//! function whose schema changed (within the tier) is moved first.

use super::Change;
use super::grant::{self, GrantTarget};
use crate::model::{Function, Schema};

pub fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let mut moved: Vec<String> = Vec::new();
    for f in &new.functions {
        let sig = f.signature();
        let here = old.functions.iter().find(|o| o.signature() == sig);
        let elsewhere = || {
            old.functions.iter().find(|o| {
                o.schema != f.schema
                    && o.name == f.name
                    && o.kind == f.kind
                    && o.input_types() == f.input_types()
                    && !new.functions.iter().any(|n| n.signature() == o.signature())
            })
        };
        let found = match here {
            Some(o) => Some(o.clone()),
            None => elsewhere().map(|o| {
                moved.push(o.signature());
                out.push(Change::SetFunctionSchema {
                    function: f.clone(),
                    from: old.namespace_of(&o.schema).clone(),
                    to: new.namespace_of(&f.schema).clone(),
                });
                Function {
                    schema: f.schema.clone(),
                    ..o.clone()
                }
            }),
        };
        match found.as_ref() {
            None => create(f, out),
            Some(o) => {
                if o.same(f) {
                } else if f.replaces(o) && o.replaces(f) {
                    // Both ways, so the down migration can replace it back too.
                    out.push(Change::ReplaceFunction {
                        function: f.clone(),
                        old: o.clone(),
                    });
                } else {
                    out.push(Change::DropFunction {
                        function: o.clone(),
                    });
                    create(f, out);
                    continue;
                }
                let kind = f.privileged_kind();
                let scope = grant::Scope {
                    declared: &new.roles,
                    owner: f.owner.as_deref(),
                };
                grant::diff(
                    GrantTarget::function(f),
                    (&o.owner, &kind.effective(&o.grants)),
                    (&f.owner, &kind.effective(&f.grants)),
                    &scope,
                    out,
                );
            }
        }
    }
    for f in &old.functions {
        let sig = f.signature();
        if !new.functions.iter().any(|n| n.signature() == sig) && !moved.contains(&sig) {
            out.push(Change::DropFunction {
                function: f.clone(),
            });
        }
    }
}

/// `CREATE FUNCTION` with the owner and privileges `f` declares.
pub fn create(f: &Function, out: &mut Vec<Change>) {
    out.push(Change::CreateFunction {
        function: f.clone(),
    });
    out.extend(grant::created(
        GrantTarget::function(f),
        &f.owner,
        &f.privileged_kind().effective(&f.grants),
    ));
}

/// Whether `text` (an SQL expression or query) calls a function `name`.
fn calls(text: &str, name: &str) -> bool {
    crate::model::sql::words(text)
        .unwrap_or_default()
        .iter()
        .any(|w| w.call && w.text == name)
}

/// PostgreSQL refuses to drop a function that defaults, checks, indexes,
/// policies, views or triggers use. For each function the plan drops and
/// creates again, those dependents that stay are dropped first and
/// re-created after (unless the plan already drops or changes them).
pub fn dependents(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let recreated: Vec<crate::model::Ident> = out
        .iter()
        .filter_map(|c| match c {
            Change::DropFunction { function } => Some(function.name.clone()),
            _ => None,
        })
        .filter(|n| new.functions.iter().any(|f| f.name == *n))
        .collect();
    if recreated.is_empty() {
        return;
    }
    let uses = |text: &str| recreated.iter().any(|n| calls(text, n.as_str()));
    let mut more = Vec::new();
    for t in &old.tables {
        let Some(nt) = new.table(t.name.as_str()) else {
            continue;
        };
        for p in &t.policies {
            let text = [p.using.as_deref(), p.with_check.as_deref()]
                .into_iter()
                .flatten()
                .any(uses);
            let Some(np) = nt.policies.iter().find(|x| x.name == p.name) else {
                continue;
            };
            let touched = out.iter().any(|c| {
                matches!(c, Change::DropPolicy { table, policy } | Change::CreatePolicy { table, policy }
                    if *table == t.name && policy.name == p.name)
            });
            if text && !touched {
                more.push(Change::DropPolicy {
                    table: t.name.clone(),
                    policy: p.clone(),
                });
                more.push(Change::CreatePolicy {
                    table: t.name.clone(),
                    policy: np.clone(),
                });
            }
        }
        for c in &t.columns {
            let Some(d) = c.default.as_deref().filter(|d| uses(d)) else {
                continue;
            };
            let Some(nd) = nt.column(c.name.as_str()).and_then(|n| n.default.clone()) else {
                continue;
            };
            let touched = out.iter().any(|x| {
                matches!(x, Change::SetDefault { table, column, .. } | Change::DropDefault { table, column, .. }
                    if *table == t.name && *column == c.name)
                    || matches!(x, Change::DropColumn { table, column } if *table == t.name && column.name == c.name)
            });
            if !touched {
                more.push(Change::DropDefault {
                    table: t.name.clone(),
                    column: c.name.clone(),
                    old: d.to_string(),
                });
                more.push(Change::SetDefault {
                    table: t.name.clone(),
                    column: c.name.clone(),
                    default: nd,
                    old: None,
                });
            }
        }
        for tr in &t.triggers {
            if !recreated.contains(&tr.function) {
                continue;
            }
            let Some(ntr) = nt.triggers.iter().find(|x| x.name == tr.name) else {
                continue;
            };
            let touched = out.iter().any(|x| {
                matches!(x, Change::DropTrigger { table, trigger } | Change::CreateTrigger { table, trigger }
                    if *table == t.name && trigger.name == tr.name)
            });
            if !touched {
                more.push(Change::DropTrigger {
                    table: t.name.clone(),
                    trigger: tr.clone(),
                });
                more.push(Change::CreateTrigger {
                    table: t.name.clone(),
                    trigger: ntr.clone(),
                });
            }
        }
    }
    for v in &old.views {
        if !uses(&v.sql) {
            continue;
        }
        let Some(nv) = new.view(v.name.as_str()) else {
            continue;
        };
        let touched = out.iter().any(|x| {
            matches!(x, Change::DropView { view } | Change::CreateView { view } if view.name == v.name)
        });
        if !touched {
            more.push(Change::DropView { view: v.clone() });
            more.push(Change::CreateView { view: nv.clone() });
        }
    }
    out.extend(more);
}

#[cfg(test)]
mod tests {
    use crate::check::testing::loaded;
    use crate::diff::Change;
    use crate::model::Schema;

    const PROJECT: &str = "project: t\ntiers:\n  app:\n    database: app\n    schema: app_public\n    schemas: { app_private: {} }\n";

    fn schema(tier: &str) -> Schema {
        let l = loaded(&[("schemac.yaml", PROJECT), ("app/t.yaml", tier)]);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        l.project.tier("app").expect("app").schema.clone()
    }

    fn key_of(schema_prefix: &str) -> String {
        format!(
            "functions:\n  {schema_prefix}key_of:\n    args: [p bigint]\n    returns: text\n    comment: The key\n    body: select p::text\n"
        )
    }

    #[test]
    fn a_function_moved_between_the_tiers_schemas_is_set_schema_both_ways() {
        let (old, new) = (schema(&key_of("")), schema(&key_of("app_private.")));
        let changes = crate::diff::between(&old, &new);
        let renderer = crate::render::Renderer::new(None);
        renderer.place(&old, &new);
        let sql: Vec<String> = changes
            .iter()
            .map(|c| renderer.change(c, "app_public").expect("render"))
            .collect();
        assert_eq!(
            sql,
            [r#"ALTER FUNCTION "app_public"."key_of"(bigint) SET SCHEMA "app_private";"#]
        );
        let back: Vec<String> = crate::diff::between(&new, &old)
            .iter()
            .map(|c| renderer.change(c, "app_public").expect("render"))
            .collect();
        assert_eq!(
            back,
            [r#"ALTER FUNCTION "app_private"."key_of"(bigint) SET SCHEMA "app_public";"#]
        );
        assert!(
            changes
                .iter()
                .all(|c| !matches!(c, Change::DropFunction { .. })),
            "{changes:?}"
        );
    }
}
