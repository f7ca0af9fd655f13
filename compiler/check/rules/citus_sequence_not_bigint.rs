//! C109: a sequence-backed column of a Citus table narrower than bigint.

use crate::check::citus_tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Project, TypeKind};

pub const META: RuleMeta = RuleMeta {
    code: "C109",
    name: "citus-sequence-not-bigint",
    severity: Severity::Error,
    summary: "An identity column, or a column defaulting to `nextval(…)`, of a distributed or reference table is `smallint` or `integer`, or draws from a sequence of such a type.",
    why: "Citus gives every node its own range of a sequence, carved out of 64 bits; a smallint or integer sequence cannot be split, so `nextval` fails on the workers (\"nextval(sequence) calls in worker nodes are not supported for column defaults of type int or smallint\") and only inserts through the coordinator work.",
    bad: "tables:\n  countries:\n    tenancy: global\n    columns:\n      id: { type: integer, identity: by_default, primary_key: true }\n      name: text\n",
    good: "tables:\n  countries:\n    tenancy: global\n    columns:\n      id: { type: bigint, identity: by_default, primary_key: true }\n      name: text\n",
};

/// The sequence a `nextval('name')` default draws from.
fn nextval_of(default: &str) -> Option<String> {
    let lower = default.to_ascii_lowercase();
    let at = lower.find("nextval(")?;
    let rest = &default[at + "nextval(".len()..];
    let start = rest.find('\'')? + 1;
    let end = start + rest[start..].find('\'')?;
    let name = rest[start..end].trim_matches('"');
    Some(name.rsplit('.').next().unwrap_or(name).trim_matches('"').to_string())
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (tier, t, d) in citus_tables(project) {
        if !d.is_citus() {
            continue;
        }
        for c in &t.columns {
            let narrow = c.ty.kind == TypeKind::Builtin
                && c.ty.array_dims == 0
                && matches!(c.ty.base.as_str(), "smallint" | "integer");
            let sequence = c.identity.is_some()
                || c.default
                    .as_deref()
                    .is_some_and(|e| e.to_ascii_lowercase().contains("nextval("));
            let narrow_sequence = c.default.as_deref().and_then(nextval_of).and_then(|name| {
                tier.schema
                    .sequences
                    .iter()
                    .find(|q| q.name == name.as_str())
                    .and_then(|q| q.options.ty.clone())
                    .filter(|ty| matches!(ty.as_str(), "smallint" | "integer" | "int2" | "int4"))
                    .map(|ty| (name, ty))
            });
            if let Some((name, ty)) = narrow_sequence {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!(
                            "`{}.{}` takes values from sequence `{name}`, which is `{ty}`",
                            t.name, c.name
                        ),
                    )
                    .at_origin(&c.origin)
                    .help(format!("make sequence `{name}` `bigint`")),
                );
                continue;
            }
            if narrow && sequence {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!(
                            "`{}.{}` takes values from a sequence but is `{}`",
                            t.name, c.name, c.ty.base
                        ),
                    )
                    .at_origin(&c.origin)
                    .help("make it `bigint`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn examples() {
        citus_examples(&super::META);
    }

    #[test]
    fn a_narrow_sequence_is_refused() {
        let files = citus(
            "sequences:\n  ticket_numbers: { type: integer }\ntables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, default: \"nextval('ticket_numbers')\" }\n    primary_key: [tenant_id, id]\n",
        );
        assert_eq!(found(&refs(&files), "C109"), [(7, 7)]);
        let wide = citus(
            "sequences:\n  ticket_numbers: { type: bigint }\ntables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, default: \"nextval('ticket_numbers')\" }\n    primary_key: [tenant_id, id]\n",
        );
        assert!(found(&refs(&wide), "C109").is_empty());
    }
}
