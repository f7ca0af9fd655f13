//! Composite types: syntax → model. Attribute types resolve like a column's
//! (built-in, extension, enum, domain, or a composite of the tier); a
//! composite over another comes after it, so the model lists them in the
//! order they can be created.

use super::syntax::{CompositeSyntax, Sp};
use crate::check::rules::{composite_cycle, duplicate_name};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Attribute, Composite, Ident, Origin, Schema};

/// The composite types of a tier, in dependency order, added to `schema`.
/// `dup` reports names taken.
pub fn lower(
    composites: &[(&Sp<String>, &CompositeSyntax)],
    schema: &mut Schema,
    dup: &mut dyn FnMut(&Sp<String>, &str, &mut Diagnostics) -> bool,
    diags: &mut Diagnostics,
) {
    let mut todo: Vec<&(&Sp<String>, &CompositeSyntax)> = Vec::new();
    for c in composites {
        if !dup(&bare(c.0), "type", diags) {
            todo.push(c);
        }
    }
    // Resolve in rounds so a composite may use one declared later.
    loop {
        let before = todo.len();
        let pending: Vec<String> = todo.iter().map(|(n, _)| bare(n).value).collect();
        todo.retain(|(name, c)| {
            let own = bare(name).value;
            let base_of = |t: &Sp<String>| {
                let base = t.value.trim().trim_end_matches("[]").trim();
                super::lower::name_parts(base).pop().unwrap_or_default()
            };
            let waits = c.attributes.0.iter().any(|(_, a)| {
                a.ty.as_ref().is_some_and(|t| {
                    let base = base_of(t);
                    pending.iter().any(|p| *p == base && *p != own)
                        && schema.composite(&base).is_none()
                })
            });
            if waits {
                return true;
            }
            let refers_to_itself = c
                .attributes
                .0
                .iter()
                .any(|(_, a)| a.ty.as_ref().is_some_and(|t| base_of(t) == own));
            if refers_to_itself {
                return true;
            }
            push(name, c, schema, diags);
            false
        });
        if todo.is_empty() || todo.len() == before {
            break;
        }
    }
    for (name, _) in todo {
        diags.push(
            Diagnostic::new(
                &composite_cycle::META,
                format!(
                    "composite type `{}` contains itself, directly or through other composites",
                    name.value
                ),
            )
            .at(Some(name.span))
            .help("a composite cannot hold itself; use an array of ids or a jsonb attribute"),
        );
    }
}

/// The type's name without the schema it is written in.
fn bare(name: &Sp<String>) -> Sp<String> {
    Sp {
        value: super::lower::name_parts(&name.value)
            .pop()
            .unwrap_or_default(),
        span: name.span,
    }
}

fn push(name: &Sp<String>, c: &CompositeSyntax, schema: &mut Schema, diags: &mut Diagnostics) {
    let Some((name, ns)) = super::namespaces::place(name, schema, diags) else {
        return;
    };
    let name = &name;
    let mut attributes: Vec<Attribute> = Vec::new();
    for (aname, a) in &c.attributes.0 {
        if attributes.iter().any(|x| x.name == aname.value.as_str()) {
            diags.push(
                Diagnostic::new(
                    &duplicate_name::META,
                    format!(
                        "attribute `{}` appears twice in type `{}`",
                        aname.value, name.value
                    ),
                )
                .at(Some(aname.span)),
            );
            continue;
        }
        let Some(written) = &a.ty else { continue };
        let Some(ty) = super::lower::resolve_type(written, schema, diags) else {
            continue;
        };
        attributes.push(Attribute {
            name: Ident::new(aname.value.clone()),
            ty,
            collation: a.collation.as_ref().map(|c| c.value.clone()),
            was: a.was.as_ref().map(|w| Ident::new(w.value.clone())),
            origin: Origin::Yaml(aname.span),
        });
    }
    schema.composites.push(Composite {
        name: Ident::new(name.value.clone()),
        schema: ns,
        attributes,
        comment: c.comment.as_ref().map(|c| c.value.clone()),
        origin: Origin::Yaml(name.span),
    });
}
