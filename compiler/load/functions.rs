//! Lowering functions and procedures: keys (`name`, `name(argtypes)`,
//! `schema.name` in any schema the tier owns), arguments, result and options
//! into [`Function`], with PostgreSQL's defaults left out so YAML and catalog
//! compare equal.

use crate::check::rules::{ambiguous_name, duplicate_name, invalid_value, missing_key};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::syntax::{FunctionSyntax, Sp};
use crate::model::*;

/// The delimiter bodies are emitted between.
const QUOTE: &str = "$schemac$";

/// Lower `functions:` (or `procedures:`) of one tier into `schema`.
pub fn lower_all(
    items: &[(Sp<String>, FunctionSyntax)],
    procedure: bool,
    schema: &mut Schema,
    diags: &mut Diagnostics,
) {
    for (key, f) in items {
        let Some(function) = lower(key, f, procedure, schema, diags) else {
            continue;
        };
        if elsewhere(&function, key, schema, diags) {
            continue;
        }
        let sig = function.signature();
        if let Some(first) = schema.functions.iter().find(|o| o.signature() == sig) {
            diags.push(
                Diagnostic::new(
                    &duplicate_name::META,
                    format!("the function `{sig}` is declared twice"),
                )
                .at(Some(key.span))
                .label(first.origin.span(), "first declared here")
                .help("overloads need different argument types; rename or remove one"),
            );
            continue;
        }
        schema.functions.push(function);
    }
}

/// A name that lives in another schema of the tier too (a relation, an
/// index, a function). Schema-less references in SQL (`qualify`) find an
/// object of the tier by its name alone, so the name must say which schema.
fn elsewhere(f: &Function, key: &Sp<String>, schema: &Schema, diags: &mut Diagnostics) -> bool {
    let name = f.name.as_str();
    let home = |s: &Option<Ident>| s.as_ref().unwrap_or(&schema.name).clone();
    let mine = home(&f.schema);
    let placed = schema.placements();
    let other = schema
        .functions
        .iter()
        .filter(|o| o.name == name)
        .map(|o| home(&o.schema))
        .chain(placed.get(name).map(|s| Ident::new(s.clone())))
        .chain(
            schema
                .tables
                .iter()
                .filter(|t| t.name == name && t.schema.is_none())
                .map(|_| schema.name.clone()),
        )
        .chain(
            schema
                .views
                .iter()
                .filter(|v| v.name == name && v.schema.is_none())
                .map(|_| schema.name.clone()),
        )
        .find(|s| *s != mine);
    let Some(other) = other else { return false };
    diags.push(
        Diagnostic::new(
            &ambiguous_name::META,
            format!("`{name}` names an object in schema `{other}` and a function in `{mine}`"),
        )
        .at(Some(key.span))
        .help(
            "a name is unique across a tier's schemas (functions and relations alike); rename one",
        ),
    );
    true
}

fn bad(diags: &mut Diagnostics, span: crate::model::Span, msg: String, help: &str) {
    diags.push(
        Diagnostic::new(&invalid_value::META, msg)
            .at(Some(span))
            .help(help.to_string()),
    );
}

fn lower(
    key: &Sp<String>,
    f: &FunctionSyntax,
    procedure: bool,
    schema: &Schema,
    diags: &mut Diagnostics,
) -> Option<Function> {
    let what = if procedure { "procedure" } else { "function" };
    // `name`, `schema.name`, `name(argtypes)`: the types only tell overloads apart.
    let (head, listed) = match key.value.split_once('(') {
        Some((h, rest)) => (h.trim(), Some(rest.trim_end().trim_end_matches(')'))),
        None => (key.value.trim(), None),
    };
    let written = Sp {
        value: head.to_string(),
        span: key.span,
    };
    let (name, ns) = crate::load::namespaces::place(&written, schema, diags)?;
    let name = name.value.as_str();
    if name.is_empty() {
        bad(
            diags,
            key.span,
            format!("`{}` is not a {what} name", key.value),
            "write `name` or `name(argtypes)`",
        );
        return None;
    }
    let mut args = Vec::new();
    for a in &f.args {
        let Some(ty) = &a.ty else { continue };
        let mode = match a.mode.as_ref().map(|m| m.value.as_str()) {
            Some("out") => ArgMode::Out,
            Some("inout") => ArgMode::Inout,
            Some("variadic") => ArgMode::Variadic,
            _ => ArgMode::In,
        };
        args.push(FunctionArg {
            name: a.name.as_ref().map(|n| Ident::new(n.value.clone())),
            ty: ty.value.trim().to_string(),
            mode,
            default: a.default.as_ref().map(|d| d.value.trim().to_string()),
        });
    }
    let function = Function {
        name: Ident::new(name.to_string()),
        schema: ns,
        kind: if procedure {
            FunctionKind::Procedure
        } else {
            FunctionKind::Function
        },
        args: Vec::new(),
        returns: match (&f.returns, procedure) {
            (Some(r), false) => r.value.trim().to_string(),
            (None, false) => {
                if f.args.iter().any(|a| {
                    a.mode
                        .as_ref()
                        .is_some_and(|m| m.value == "out" || m.value == "inout")
                }) || args
                    .iter()
                    .any(|a| matches!(a.mode, ArgMode::Out | ArgMode::Inout))
                {
                    String::new()
                } else {
                    diags.push(
                        Diagnostic::new(
                            &missing_key::META,
                            format!("the function `{}` needs a `returns` key", key.value),
                        )
                        .at(Some(key.span))
                        .help("add `returns: void` (or the type it returns)"),
                    );
                    return None;
                }
            }
            (_, true) => String::new(),
        },
        language: f
            .language
            .as_ref()
            .map(|l| l.value.trim().to_ascii_lowercase())
            .unwrap_or_else(|| "sql".into()),
        volatility: match f.volatility.as_ref().map(|v| v.value.as_str()) {
            Some("immutable") => Volatility::Immutable,
            Some("stable") => Volatility::Stable,
            _ => Volatility::Volatile,
        },
        strict: f.strict.as_ref().is_some_and(|b| b.value),
        security_definer: f.security.as_ref().is_some_and(|s| s.value == "definer"),
        leakproof: f.leakproof.as_ref().is_some_and(|b| b.value),
        parallel: match f.parallel.as_ref().map(|v| v.value.as_str()) {
            Some("safe") => Parallel::Safe,
            Some("restricted") => Parallel::Restricted,
            _ => Parallel::Unsafe,
        },
        config: f
            .set
            .0
            .iter()
            .map(|(k, v)| (k.value.to_ascii_lowercase(), v.value.0.trim().to_string()))
            .collect(),
        cost: None,
        rows: None,
        body: String::new(),
        comment: f.comment.as_ref().map(|c| c.value.clone()),
        owner: None,
        grants: None,
        origin: Origin::Yaml(key.span),
    };
    let mut function = function;
    function.args = args;
    let estimate = |s: &Sp<String>, diags: &mut Diagnostics| -> Option<f64> {
        match s.value.trim().parse::<f64>() {
            Ok(v) if v > 0.0 && v.is_finite() => Some(v),
            _ => {
                bad(
                    diags,
                    s.span,
                    format!("`{}` is not a positive estimate", s.value),
                    "write a number above 0",
                );
                None
            }
        }
    };
    if let Some(c) = &f.cost
        && let Some(v) = estimate(c, diags)
        && v != function_default_cost(&function.language)
    {
        function.cost = Some(function_estimate(v));
    }
    if let Some(r) = &f.rows
        && let Some(v) = estimate(r, diags)
    {
        let set = function.returns.to_ascii_lowercase();
        if !(set.starts_with("setof ") || set.starts_with("table")) {
            bad(
                diags,
                r.span,
                format!(
                    "`rows` is only for set-returning functions, and `{}` returns one value",
                    key.value
                ),
                "return `setof …` or `{ table: … }`, or remove `rows`",
            );
        } else if v != 1000.0 {
            function.rows = Some(function_estimate(v));
        }
    }
    match &f.body {
        Some(b) if b.value.contains(QUOTE) => {
            bad(
                diags,
                b.span,
                format!(
                    "the body of `{}` contains `{QUOTE}`, which schemac quotes bodies with",
                    key.value
                ),
                "use another dollar-quote tag inside the body",
            );
            return None;
        }
        Some(b) => function.body = b.value.clone(),
        None if f.body_file.is_some() => return None,
        None => {
            diags.push(
                Diagnostic::new(
                    &missing_key::META,
                    format!("the {what} `{}` needs a `body` or `body_file`", key.value),
                )
                .at(Some(key.span))
                .help("add `body: |` with its SQL, or `body_file: name.sql` beside the YAML"),
            );
            return None;
        }
    }
    if let Some(types) = listed {
        let given: Vec<String> = split_types(types);
        let have: Vec<String> = function
            .input_types()
            .iter()
            .map(|t| t.to_ascii_lowercase())
            .collect();
        if given != have {
            bad(
                diags,
                key.span,
                format!(
                    "the key `{}` lists argument types ({}) that `args` does not have ({})",
                    key.value,
                    given.join(", "),
                    have.join(", ")
                ),
                "make the types in the key match `args` (out arguments are not part of the key)",
            );
            return None;
        }
    }
    Some(function)
}

fn split_types(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut cur) = (0, String::new());
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_ascii_lowercase());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_ascii_lowercase());
    }
    out
}
