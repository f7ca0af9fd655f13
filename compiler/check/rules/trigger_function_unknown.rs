//! S105: a trigger calls a function the tier does not declare, or one that
//! does not return `trigger`.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity, did_you_mean};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "S105",
    name: "trigger-function-unknown",
    severity: Severity::Error,
    summary: "A trigger's `function` is not a function of the tier returning `trigger` (nor listed under `external: functions`, nor qualified with another schema).",
    why: "`CREATE TRIGGER` fails when the function does not exist, and PostgreSQL only runs a trigger function that takes no declared arguments and returns `trigger` (its arguments arrive in `TG_ARGV`). A typo found at deploy time leaves the migration half done.",
    bad: "functions:\n  touch_row:\n    returns: trigger\n    language: plpgsql\n    body: \"begin new.updated_at := now(); return new; end\"\ntables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\n      updated_at: timestamptz\n    triggers:\n      leads_touch: { timing: before, events: [update], function: touch }\n",
    good: "functions:\n  touch_row:\n    returns: trigger\n    language: plpgsql\n    body: \"begin new.updated_at := now(); return new; end\"\ntables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\n      updated_at: timestamptz\n    triggers:\n      leads_touch: { timing: before, events: [update], function: touch_row }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let views = project.tiers.iter().flat_map(|tier| {
        tier.schema
            .views
            .iter()
            .map(move |v| (tier, &v.name, &v.triggers))
    });
    let relations = tables(project)
        .map(|(tier, t)| (tier, &t.name, &t.triggers))
        .chain(views);
    for (tier, relation, triggers) in relations {
        let schema = &tier.schema;
        for tr in triggers {
            if tr.function_schema.is_some() {
                continue;
            }
            let name = tr.function.as_str();
            let external = schema.external.functions.iter().any(|f| {
                let f = f.strip_prefix(&format!("{}.", schema.name)).unwrap_or(f);
                f.split('(').next().map(str::trim) == Some(name)
            });
            if external {
                continue;
            }
            let declared: Vec<_> = schema
                .functions
                .iter()
                .filter(|f| f.name.as_str() == name && f.kind.is_function())
                .collect();
            let problem = if declared.is_empty() {
                let near = schema
                    .functions
                    .iter()
                    .filter(|f| f.returns.eq_ignore_ascii_case("trigger"))
                    .map(|f| f.name.as_str());
                Some((
                    format!("the tier declares no function `{name}`"),
                    match did_you_mean(name, near) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "declare it under `functions:` with `returns: trigger`, list it under `external: functions`, or qualify it with its schema".into(),
                    },
                ))
            } else if !declared
                .iter()
                .any(|f| f.returns.eq_ignore_ascii_case("trigger") && f.args.is_empty())
            {
                Some((
                    format!("`{name}` does not return `trigger` (or declares arguments)"),
                    "a trigger function has `returns: trigger` and no `args`; pass values with the trigger's `args:`".into(),
                ))
            } else {
                None
            };
            if let Some((msg, help)) = problem {
                diags.push(
                    Diagnostic::new(&META, format!("trigger `{}` on `{relation}`: {msg}", tr.name))
                        .at_origin(&tr.origin)
                        .help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    const FUNCTIONS: &str = "functions:\n  touch_row:\n    returns: trigger\n    language: plpgsql\n    body: \"begin return new; end\"\n  score:\n    returns: integer\n    body: select 1\n";

    #[test]
    fn unknown_and_not_a_trigger_function() {
        let t = format!(
            "{FUNCTIONS}external:\n  functions: [\"audit_row()\"]\ntables:\n  leads:\n    columns:\n      id: {{ type: uuid, primary_key: true }}\n    triggers:\n      a: {{ timing: before, events: [update], function: touch }}\n      b: {{ timing: before, events: [update], function: score }}\n      c: {{ timing: before, events: [update], function: touch_row }}\n      d: {{ timing: after, events: [insert], function: audit_row }}\n      e: {{ timing: after, events: [insert], function: audit.log_row }}\n"
        );
        assert_eq!(found(&refs(&app(&t)), "S105"), [(16, 7), (17, 7)]);
    }

    #[test]
    fn examples() {
        assert!(!found(&refs(&app(super::META.bad)), "S105").is_empty());
        check_ok(&refs(&app(super::META.good)));
    }
}
