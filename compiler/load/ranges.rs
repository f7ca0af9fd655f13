//! Range types: syntax → model. The subtype resolves like a column's type;
//! the multirange type PostgreSQL makes beside each takes a name of the
//! tier's namespace too.

use super::syntax::{RangeTypeSyntax, Sp};
use crate::check::rules::invalid_value;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Ident, Origin, RangeType, Schema};

/// The range types of a tier, added to `schema`. `dup` reports names taken.
pub fn lower(
    ranges: &[(&Sp<String>, &RangeTypeSyntax)],
    schema: &mut Schema,
    dup: &mut dyn FnMut(&Sp<String>, &str, &mut Diagnostics) -> bool,
    diags: &mut Diagnostics,
) {
    for (key, r) in ranges {
        let Some((name, ns)) = super::namespaces::place(key, schema, diags) else {
            continue;
        };
        let name = &name;
        if dup(name, "type", diags) {
            continue;
        }
        let multirange = r.range.multirange.as_ref().map(|m| m.value.clone());
        let derived = Sp::new(
            multirange
                .clone()
                .unwrap_or_else(|| RangeType::default_multirange(&name.value)),
            r.range.multirange.as_ref().map_or(name.span, |m| m.span),
        );
        if dup(&derived, "multirange type", diags) {
            continue;
        }
        let Some(written) = &r.range.subtype else {
            continue;
        };
        let Some(subtype) = super::lower::resolve_type(written, schema, diags) else {
            continue;
        };
        if let Some(f) = &r.range.subtype_diff
            && !is_function_name(&f.value)
        {
            diags.push(
                Diagnostic::new(
                    &invalid_value::META,
                    format!("`{}` is not a function name", f.value),
                )
                .at(Some(f.span))
                .help("name a function `(subtype, subtype) → double precision`: `float8mi`, or `schema.name`"),
            );
            continue;
        }
        schema.ranges.push(RangeType {
            name: Ident::new(name.value.clone()),
            schema: ns,
            subtype,
            subtype_opclass: r.range.subtype_opclass.as_ref().map(|o| o.value.clone()),
            collation: r.range.collation.as_ref().map(|c| c.value.clone()),
            subtype_diff: r.range.subtype_diff.as_ref().map(|f| f.value.clone()),
            multirange: multirange.map(Ident::new),
            comment: r.comment.as_ref().map(|c| c.value.clone()),
            origin: Origin::Yaml(name.span),
        });
    }
}

/// `name` or `schema.name`, each an unquoted lower-case identifier.
fn is_function_name(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() <= 2
        && parts.iter().all(|p| {
            p.chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}
