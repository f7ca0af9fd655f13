//! Sequences: standalone ones from `sequences:`, the owned sequence a serial
//! column (`type: serial`, or `sequence:` on a column) stands for, and the
//! options of identity columns. A serial column becomes what PostgreSQL makes
//! of one — an integer column, NOT NULL, defaulting to `nextval` of a sequence
//! it owns — written out explicitly, so a migration recreates it exactly.

use super::syntax::{
    ColumnSequenceSyntax, IdentitySyntax, SequenceOptionsSyntax, SequenceSyntax, Sp,
};
use crate::check::rules::invalid_value;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;

/// `serial` and friends: the integer type they stand for.
pub fn serial_type(written: &str) -> Option<&'static str> {
    match written.trim().to_ascii_lowercase().as_str() {
        "serial" | "serial4" => Some("integer"),
        "bigserial" | "serial8" => Some("bigint"),
        "smallserial" | "serial2" => Some("smallint"),
        _ => None,
    }
}

/// Options as written, checked as PostgreSQL would. `ty` is the type when
/// none is written; the result keeps only what differs from `implied`'s
/// defaults (bigint for a sequence, the column's type for an identity).
fn options(
    o: &SequenceOptionsSyntax,
    ty: &str,
    implied: &str,
    diags: &mut Diagnostics,
) -> SequenceOptions {
    let written = o.ty.as_ref().map(|t| t.value.as_str()).unwrap_or(ty);
    let out = SequenceOptions {
        ty: Some(SequenceOptions::type_name(Some(written)).to_string()),
        start: o.start.as_ref().map(|v| v.value),
        increment: o.increment.as_ref().map(|v| v.value),
        min: o.min.as_ref().map(|v| v.value),
        max: o.max.as_ref().map(|v| v.value),
        cache: o.cache.as_ref().map(|v| v.value),
        cycle: o.cycle.as_ref().is_some_and(|c| c.value),
        name: None,
    };
    let e = out.explicit(implied);
    let bad = |span: Option<Span>, msg: String, diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::new(&invalid_value::META, msg)
                .at(span)
                .help("PostgreSQL refuses such a sequence"),
        );
    };
    if e.increment == 0 {
        bad(
            o.increment.as_ref().map(|v| v.span),
            "a sequence cannot increment by 0".into(),
            diags,
        );
    } else if e.min >= e.max {
        bad(
            o.min.as_ref().or(o.max.as_ref()).map(|v| v.span),
            format!("minimum {} is not below maximum {}", e.min, e.max),
            diags,
        );
    } else if e.start < e.min || e.start > e.max {
        bad(
            o.start.as_ref().map(|v| v.span),
            format!("start {} is outside [{}, {}]", e.start, e.min, e.max),
            diags,
        );
    } else if e.cache < 1 {
        bad(
            o.cache.as_ref().map(|v| v.span),
            "the cache must be at least 1".into(),
            diags,
        );
    }
    let (lo, hi) = match e.ty {
        "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
        "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => (i64::MIN, i64::MAX),
    };
    if e.min < lo || e.max > hi {
        bad(
            o.min.as_ref().or(o.max.as_ref()).map(|v| v.span),
            format!("the bounds do not fit in {}", e.ty),
            diags,
        );
    }
    out.normalized(implied)
}

/// A standalone sequence. `owned_by` is checked once every table exists.
pub fn standalone(name: &Sp<String>, s: &SequenceSyntax, diags: &mut Diagnostics) -> Sequence {
    let owned_by = s
        .owned_by
        .as_ref()
        .and_then(|o| match o.value.split_once('.') {
            Some((t, c)) if !t.is_empty() && !c.is_empty() => Some((Ident::new(t), Ident::new(c))),
            _ => {
                diags.push(
                    Diagnostic::new(
                        &invalid_value::META,
                        format!("`owned_by: {}` is not `table.column`", o.value),
                    )
                    .at(Some(o.span))
                    .help("write the owning column as `table.column`"),
                );
                None
            }
        });
    Sequence {
        name: Ident::new(name.value.clone()),
        options: options(&s.options, "bigint", "bigint", diags),
        owned_by,
        comment: s.comment.as_ref().map(|c| c.value.clone()),
        owner: None,
        grants: Vec::new(),
        origin: Origin::Yaml(name.span),
    }
}

/// The sequence a serial column owns, and the default that reads it.
pub fn owned(
    table: &Ident,
    column: &mut Column,
    s: Option<&ColumnSequenceSyntax>,
    diags: &mut Diagnostics,
) -> Sequence {
    let name = s
        .and_then(|s| s.name.as_ref())
        .map(|n| Ident::new(n.value.clone()))
        .unwrap_or_else(|| pg_name(table.as_str(), Some(column.name.as_str()), Some("seq")));
    let default = SequenceOptionsSyntax::default();
    let written = s.map(|s| &s.options).unwrap_or(&default);
    let opts = options(written, &column.ty.base, "bigint", diags);
    column.default = Some(nextval(&name));
    Sequence {
        name,
        options: opts,
        owned_by: Some((table.clone(), column.name.clone())),
        comment: None,
        owner: None,
        grants: Vec::new(),
        origin: column.origin.implied(),
    }
}

/// `nextval('seq'::regclass)`, the default of a serial column.
pub fn nextval(sequence: &Ident) -> String {
    format!(
        "nextval({}::regclass)",
        quote_literal(&quote_ident(sequence.as_str()))
    )
}

/// An identity column's kind and sequence options.
pub fn identity(
    i: &IdentitySyntax,
    column: &Column,
    diags: &mut Diagnostics,
) -> (Identity, SequenceOptions) {
    let kind = match i.kind.as_ref().map(|k| k.value.as_str()) {
        Some("always") => Identity::Always,
        Some(_) => Identity::ByDefault,
        None => {
            diags.push(
                Diagnostic::new(&invalid_value::META, "an identity needs its `kind`")
                    .at(i.span)
                    .help("add `kind: always` or `kind: by_default`"),
            );
            Identity::ByDefault
        }
    };
    let mut opts = options(&i.options, &column.ty.base, &column.ty.base, diags);
    opts.name = i.sequence.as_ref().map(|s| Ident::new(s.value.clone()));
    (kind, opts)
}

/// A column's value comes from one place: PostgreSQL refuses a default
/// beside an identity or a generation expression, an identity beside a
/// generation expression, and an identity on a type other than smallint,
/// integer or bigint.
pub fn value_sources(column: &Column, diags: &mut Diagnostics) {
    let problem = match (&column.identity, &column.default, &column.generated) {
        (Some(_), Some(_), _) => Some("an identity and a default"),
        (Some(_), _, Some(_)) => Some("an identity and a generated expression"),
        (None, Some(_), Some(_)) => Some("a default and a generated expression"),
        (Some(_), None, None)
            if column.ty.array_dims > 0
                || !matches!(column.ty.base.as_str(), "smallint" | "integer" | "bigint") =>
        {
            diags.push(
                Diagnostic::new(
                    &invalid_value::META,
                    format!("identity column `{}` is of type {}", column.name, column.ty),
                )
                .at_origin(&column.origin)
                .help("an identity column is `smallint`, `integer` or `bigint`"),
            );
            None
        }
        _ => None,
    };
    if let Some(p) = problem {
        diags.push(
            Diagnostic::new(
                &invalid_value::META,
                format!(
                    "column `{}` has {p}: its value can come from one of them only",
                    column.name
                ),
            )
            .at_origin(&column.origin)
            .help("keep one of them"),
        );
    }
}
