//! Domains: syntax → model. The base type resolves like a column's (built-in,
//! extension, enum, or a domain declared before it); a name written
//! `schema.name` keeps its schema unless it is the tier's own.

use super::syntax::{DomainSyntax, Sp};
use crate::check::rules::{domain_cycle, duplicate_name};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Domain, DomainCheck, Ident, Origin, Schema};

/// The domains of a tier, in dependency order (a domain over another
/// domain comes after it), added to `schema`. `dup` reports names taken.
pub fn lower(
    domains: &[(Sp<String>, DomainSyntax)],
    schema: &mut Schema,
    dup: &mut dyn FnMut(&Sp<String>, &str, &mut Diagnostics) -> bool,
    diags: &mut Diagnostics,
) {
    let mut todo: Vec<&(Sp<String>, DomainSyntax)> = Vec::new();
    for d in domains {
        let named = Sp {
            value: bare(&d.0.value),
            span: d.0.span,
        };
        if !dup(&named, "domain", diags) {
            todo.push(d);
        }
    }
    // Resolve in rounds so a domain may use one declared later in the file.
    loop {
        let before = todo.len();
        let pending: Vec<String> = todo.iter().map(|(n, _)| bare(&n.value)).collect();
        todo.retain(|(name, d)| {
            let Some(ty) = &d.ty else { return false };
            let base = bare(ty.value.trim().trim_end_matches("[]").trim());
            let waits = pending.contains(&base) && schema.domain(&base).is_none();
            if waits {
                return true;
            }
            push(name, d, schema, diags);
            false
        });
        if todo.is_empty() || todo.len() == before {
            break;
        }
    }
    // What is left refers to itself, directly or in a circle.
    for (name, d) in todo {
        let base = d.ty.as_ref().map(|t| t.value.as_str()).unwrap_or_default();
        diags.push(
            Diagnostic::new(
                &domain_cycle::META,
                format!(
                    "domain `{}` is over `{base}`, which depends on `{}` in turn",
                    name.value, name.value
                ),
            )
            .at(Some(name.span))
            .help("give one of these domains a base type that is not a domain of this circle"),
        );
    }
}

/// The name of `schema.name`, unquoted.
fn bare(name: &str) -> String {
    super::lower::name_parts(name).pop().unwrap_or_default()
}

fn push(name: &Sp<String>, d: &DomainSyntax, schema: &mut Schema, diags: &mut Diagnostics) {
    let Some(written) = &d.ty else { return };
    let Some((bare_name, ns)) = super::namespaces::place(name, schema, diags) else {
        return;
    };
    let bare_name = bare_name.value.as_str();
    let Some(ty) = super::lower::resolve_type(written, schema, diags) else {
        return;
    };
    let mut checks: Vec<DomainCheck> = Vec::new();
    for (cname, expr) in &d.checks.0 {
        if checks.iter().any(|c| c.name == cname.value.as_str()) {
            diags.push(
                Diagnostic::new(
                    &duplicate_name::META,
                    format!("check `{}` appears twice", cname.value),
                )
                .at(Some(cname.span)),
            );
            continue;
        }
        checks.push(DomainCheck {
            name: Ident::new(cname.value.clone()),
            expr: expr.value.clone(),
            not_valid: false,
            origin: Origin::Yaml(cname.span),
        });
    }
    schema.domains.push(Domain {
        name: Ident::new(bare_name),
        schema: ns,
        ty,
        default: d.default.as_ref().map(|t| t.value.0.clone()),
        not_null: d.not_null.as_ref().is_some_and(|b| b.value),
        collation: d.collation.as_ref().map(|c| c.value.clone()),
        checks,
        comment: d.comment.as_ref().map(|c| c.value.clone()),
        was: d.was.as_ref().map(|w| Ident::new(w.value.clone())),
        owner: None,
        grants: None,
        origin: Origin::Yaml(name.span),
    });
}
