//! I106: a default or check whose types cannot work.

use crate::check::expr::{self, Const};
use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Column, ColumnType, ConstraintKind, Project, Schema, Table, TypeKind};

pub const META: RuleMeta = RuleMeta {
    code: "I106",
    name: "expression-type-mismatch",
    severity: Severity::Error,
    summary: "A default or check compares or assigns values of types PostgreSQL will not mix: `smallint` with `default: now()`, `char(3) >= 1`, a malformed array or JSON literal, an enum value that does not exist.",
    why: "PostgreSQL types every constant and function when the migration runs, and rejects the whole statement on a mismatch. schemac checks the common cases (a constant or a well-known function against the column's type, a column compared with a constant) at check time; the server confirms the rest when `plan --db` runs.",
    bad: "columns:\n  attempts: { type: smallint, default: now() }\n  code: { type: char(3), check: \"code >= 100\" }\n  tags: { type: \"text[]\", default: \"'a,b'\" }\n",
    good: "columns:\n  attempts: { type: smallint, default: 0 }\n  code: { type: char(3), check: \"code >= '100'\" }\n  tags: { type: \"text[]\", default: \"'{a,b}'\" }\n",
};

/// How PostgreSQL treats values of a type, for the cases checked here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Number,
    Text,
    Bool,
    Uuid,
    Time,
    Json,
    Enum,
    Array,
    Other,
}

fn family(ty: &ColumnType) -> Family {
    if ty.array_dims > 0 {
        return Family::Array;
    }
    if ty.kind == TypeKind::Enum {
        return Family::Enum;
    }
    let b = ty.base.as_str();
    match b {
        "smallint" | "integer" | "bigint" | "real" | "double precision" | "money" => Family::Number,
        "text" | "citext" | "name" => Family::Text,
        "boolean" => Family::Bool,
        "uuid" => Family::Uuid,
        "date" | "interval" => Family::Time,
        "json" | "jsonb" => Family::Json,
        _ if b.starts_with("numeric") => Family::Number,
        _ if b.starts_with("character") => Family::Text,
        _ if b.starts_with("timestamp") || b.starts_with("time") => Family::Time,
        _ => Family::Other,
    }
}

fn integer_type(ty: &ColumnType) -> bool {
    matches!(ty.base.as_str(), "smallint" | "integer" | "bigint") && ty.array_dims == 0
}

fn is_number(s: &str, integer: bool) -> bool {
    let t = s.trim();
    if integer {
        t.parse::<i64>().is_ok()
    } else {
        t.parse::<f64>().is_ok() || ["nan", "infinity", "-infinity", "+infinity", "inf", "-inf"].contains(&t.to_ascii_lowercase().as_str())
    }
}

fn is_bool(s: &str) -> bool {
    let t = s.trim().to_ascii_lowercase();
    !t.is_empty() && ["true", "false", "yes", "no", "on", "off", "1", "0"].iter().any(|w| w.starts_with(t.as_str()))
}

fn is_uuid(s: &str) -> bool {
    let hex: String = s.trim().trim_start_matches('{').trim_end_matches('}').chars().filter(|c| *c != '-').collect();
    hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// A PostgreSQL array literal: `{…}` with balanced braces and quotes.
fn is_array_literal(s: &str) -> bool {
    let t = s.trim();
    let t = match t.find('=') {
        // `[1:2]={a,b}`: explicit bounds.
        Some(i) if t.starts_with('[') => &t[i + 1..],
        _ => t,
    };
    if !t.starts_with('{') || !t.ends_with('}') {
        return false;
    }
    let (mut depth, mut quoted, mut escaped) = (0i32, false, false);
    for c in t.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0 && !quoted
}

/// Why `value` cannot be a value of `column`'s type, if it cannot. Stored
/// (`compare` false), any value converts to text; compared, an operator
/// must exist for the two types, and none compares text with a number.
fn refuses(schema: &Schema, column: &Column, value: &Const, compare: bool) -> Option<String> {
    let ty = &column.ty;
    let f = family(ty);
    let kind = match value {
        Const::Int => "an integer",
        Const::Float => "a decimal number",
        Const::Bool => "a boolean",
        Const::Null => return None,
        Const::Str(_) => "",
    };
    match (value, f) {
        (Const::Int | Const::Float | Const::Bool, Family::Text) if compare => Some(format!(
            "`{}` is of type {ty}, and PostgreSQL has no operator comparing it with {kind}",
            column.name
        )),
        (_, Family::Other | Family::Text) => None,
        (Const::Int | Const::Float, Family::Number) => None,
        (Const::Bool, Family::Bool) => None,
        (Const::Int | Const::Float | Const::Bool, _) => Some(format!("`{}` is of type {ty}, and {kind} is not", column.name)),
        (Const::Str(s), Family::Number) if !is_number(s, integer_type(ty)) => Some(format!("'{s}' is not a valid {ty}")),
        (Const::Str(s), Family::Bool) if !is_bool(s) => Some(format!("'{s}' is not a valid boolean")),
        (Const::Str(s), Family::Uuid) if !is_uuid(s) => Some(format!("'{s}' is not a valid uuid")),
        (Const::Str(s), Family::Json) if serde_json::from_str::<serde_json::Value>(s).is_err() => {
            Some(format!("'{s}' is not valid JSON"))
        }
        (Const::Str(s), Family::Array) if !is_array_literal(s) => {
            Some(format!("'{s}' is not an array literal; PostgreSQL writes arrays as '{{a,b}}'"))
        }
        (Const::Str(s), Family::Enum) => match schema.enums.iter().find(|e| e.name == ty.base.as_str()) {
            Some(e) if !e.values.contains(s) => Some(format!(
                "'{s}' is not a value of enum `{}` ({})",
                e.name,
                e.values.join(", ")
            )),
            _ => None,
        },
        _ => None,
    }
}

/// Functions whose result type is known, with the families that take it.
fn function_fits(name: &str, f: Family) -> Option<bool> {
    let time = ["now", "current_timestamp", "localtimestamp", "clock_timestamp", "statement_timestamp", "transaction_timestamp", "current_date", "current_time", "localtime"];
    let uuid = ["gen_random_uuid", "uuid_generate_v4", "uuid_generate_v1", "uuidv4", "uuidv7"];
    if time.contains(&name) {
        Some(matches!(f, Family::Time | Family::Text | Family::Other))
    } else if uuid.contains(&name) {
        Some(matches!(f, Family::Uuid | Family::Text | Family::Other))
    } else {
        None
    }
}

fn check_table(schema: &Schema, t: &Table, pg: u32, diags: &mut Diagnostics) {
    for c in &t.columns {
        let Some(d) = &c.default else { continue };
        let Ok(e) = expr::expression(d, pg) else { continue };
        let problem = if let Some(v) = e.top_constant() {
            refuses(schema, c, &v, false)
        } else if let Some(name) = e.top_function() {
            (function_fits(&name, family(&c.ty)) == Some(false))
                .then(|| format!("`{}` is of type {}, and {name}() is not", c.name, c.ty))
        } else {
            None
        };
        if let Some(p) = problem {
            diags.push(
                Diagnostic::new(&META, format!("default `{}` cannot work: {p}", d.trim()))
                    .at_origin(&c.origin)
                    .help("write a default of the column's type, e.g. `0` for numbers, `now()` for timestamps, `\"'{}'\"` for arrays"),
            );
        }
    }
    // A policy clause is a condition too: `using: "$$x$$"` reads as the
    // string 'x', which PostgreSQL refuses as a boolean.
    for p in &t.policies {
        for text in p.using.iter().chain(p.with_check.iter()) {
            let Ok(e) = expr::expression(text, pg) else { continue };
            if is_constant_value(&e) {
                diags.push(
                    Diagnostic::new(&META, format!("policy `{}`: `{}` is not a condition: a policy clause must be a boolean expression", p.name, text.trim()))
                        .at_origin(&p.origin)
                        .help("compare a column with a value, e.g. `owner_id = current_setting('app.user_id', true)::uuid`"),
                );
            }
        }
    }
    for k in &t.constraints {
        let ConstraintKind::Check { expr: text, .. } = &k.kind else { continue };
        let Ok(e) = expr::expression(text, pg) else { continue };
        if is_constant_value(&e) {
            diags.push(
                Diagnostic::new(&META, format!("check `{}` is not a condition: a CHECK must be a boolean expression", text.trim()))
                    .at_origin(&k.origin)
                    .help("compare a column with a value, e.g. `amount >= 0`"),
            );
            continue;
        }
        if let Some(op) = e.top_arithmetic() {
            diags.push(
                Diagnostic::new(&META, format!("check `{}` is not a condition: its `{op}` yields a value, and a CHECK must be a boolean expression", text.trim()))
                    .at_origin(&k.origin)
                    .help("compare the value with something, e.g. `a + b > 0`; a date is written quoted: `'2025-01-13'`"),
            );
            continue;
        }
        for (col, value) in e.comparisons() {
            if col.long || col.qualifier.as_deref().is_some_and(|q| q != t.name.as_str()) {
                continue;
            }
            let Some(c) = schema.column_of(t, &col.name) else { continue };
            if let Some(p) = refuses(schema, c, &value, true) {
                diags.push(
                    Diagnostic::new(&META, format!("check `{}` cannot work: {p}", text.trim()))
                        .at_origin(&k.origin)
                        .help(format!("compare `{}` with a value of its type ({})", c.name, c.ty)),
                );
            }
        }
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (tier, t) in tables(project) {
        check_table(&tier.schema, t, project.postgres, diags);
    }
}

/// A constant that is not a boolean (`1`, `'x'`): PostgreSQL refuses it
/// where a condition is wanted (a CHECK, a policy clause).
fn is_constant_value(e: &expr::Sql) -> bool {
    matches!(e.top_constant(), Some(Const::Int | Const::Float))
        || matches!(e.top_constant(), Some(Const::Str(s)) if !is_bool(&s))
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn defaults_of_the_wrong_type() {
        let files = app("enums:\n  mood: [happy, sad]\ntables:\n  t:\n    columns:\n      a: { type: smallint, default: now() }\n      b: { type: boolean, default: 0 }\n      c: { type: \"text[]\", default: \"'a,b'\" }\n      d: { type: jsonb, default: \"'{a'\" }\n      e: { type: uuid, default: \"'x'\" }\n      f: { type: mood, default: \"'angry'\" }\n      g: { type: integer, default: \"'1.5'\" }\n      ok1: { type: \"text[]\", default: \"'{}'\" }\n      ok2: { type: jsonb, default: \"'{}'\" }\n      ok3: { type: timestamptz, default: now() }\n      ok4: { type: mood, default: \"'sad'\" }\n      ok5: { type: numeric(5,2), default: 0 }\n      ok6: { type: text, default: 0 }\n");
        assert_eq!(found(&refs(&files), "I106").len(), 7);
    }

    #[test]
    fn checks_of_the_wrong_type() {
        let files = app("tables:\n  t:\n    columns:\n      code: { type: char(3), check: \"code >= 100\" }\n      n: { type: integer, check: \"n in (1, 'x')\" }\n      flag: { type: boolean, check: \"flag = 2\" }\n      m: { type: integer, check: \"1000000\" }\n      ok: { type: integer, check: \"ok between 0 and 10\" }\n      ok2: { type: text, check: \"ok2 in ('a', 'b')\" }\n");
        assert_eq!(found(&refs(&files), "I106").len(), 4);
    }

    #[test]
    fn arithmetic_is_not_a_condition() {
        let files = app("tables:\n  t:\n    columns:\n      a: { type: integer, check: 2025-13 }\n      b: { type: text, check: \"b || 'x'\" }\n      c: { type: integer, check: \"c + 1 > 0\" }\n      d: { type: integer, check: \"-d < 0\" }\n");
        assert_eq!(found(&refs(&files), "I106"), [(4, 34), (5, 31)]);
    }
}
