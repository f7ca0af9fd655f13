//! Names for constraints and indexes the user did not name, in PostgreSQL's
//! own style (`<table>_pkey`, `<table>_<cols>_key`, `<table>_<cols>_fkey`,
//! `<table>_<col>_check`, `<table>_<cols>_idx`), fitted to 63 bytes and made
//! unique. Indexes and index-backed constraints share one namespace per
//! schema with tables and views; other constraints are unique per table.

use std::collections::HashSet;

use crate::check::rules::generated_name_shortened;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::sql;
use crate::model::*;

pub fn assign(schema: &mut Schema, diags: &mut Diagnostics) {
    let mut relations: HashSet<String> = HashSet::new();
    for t in &schema.tables {
        relations.insert(t.name.to_string());
        for p in t.all_partitions() {
            relations.insert(p.name.to_string());
        }
        for c in &t.constraints {
            if !c.name.as_str().is_empty() && c.kind.builds_index() {
                relations.insert(c.name.to_string());
            }
        }
        for i in &t.indexes {
            if !i.name.as_str().is_empty() {
                relations.insert(i.name.to_string());
            }
        }
    }
    for v in &schema.views {
        relations.insert(v.name.to_string());
        for i in &v.indexes {
            if !i.name.as_str().is_empty() {
                relations.insert(i.name.to_string());
            }
        }
    }
    for t in &mut schema.tables {
        let columns: Vec<String> = t.columns.iter().map(|c| c.name.to_string()).collect();
        name_relation(
            t.name.as_str(),
            &columns,
            &mut t.constraints,
            &mut t.indexes,
            &mut relations,
            diags,
        );
        fn partitions(
            ps: &mut [Partition],
            columns: &[String],
            relations: &mut HashSet<String>,
            diags: &mut Diagnostics,
        ) {
            for p in ps {
                let name = p.name.to_string();
                name_relation(
                    &name,
                    columns,
                    &mut p.constraints,
                    &mut p.indexes,
                    relations,
                    diags,
                );
                partitions(&mut p.partitions, columns, relations, diags);
            }
        }
        partitions(&mut t.partitions, &columns, &mut relations, diags);
    }
    for v in &mut schema.views {
        let view = v.name.to_string();
        for i in &mut v.indexes {
            if i.name.as_str().is_empty() {
                let words: Vec<String> = i.keys.iter().map(|k| key_word(&k.expr)).collect();
                i.name = unique_name(
                    &format!("{view}_{}_idx", words.join("_")),
                    &mut relations,
                    &i.origin,
                    diags,
                );
            }
        }
    }
}

/// Name the unnamed constraints and indexes of one relation (a table or a
/// partition) whose columns are `columns`.
fn name_relation(
    table: &str,
    columns: &[String],
    constraints: &mut [Constraint],
    indexes: &mut [Index],
    relations: &mut HashSet<String>,
    diags: &mut Diagnostics,
) {
    let mut local: HashSet<String> = constraints
        .iter()
        .filter(|c| !c.name.as_str().is_empty())
        .map(|c| c.name.to_string())
        .collect();
    for c in constraints.iter_mut() {
        if !c.name.as_str().is_empty() {
            continue;
        }
        let base = match &c.kind {
            ConstraintKind::PrimaryKey { .. } => format!("{table}_pkey"),
            ConstraintKind::Unique { columns, .. } => format!("{table}_{}_key", join(columns)),
            ConstraintKind::ForeignKey { columns, .. } => {
                format!("{table}_{}_fkey", join(columns))
            }
            ConstraintKind::Check { expr, .. } => {
                let first = sql::column_words(expr)
                    .ok()
                    .and_then(|ws| ws.into_iter().find(|w| columns.contains(&w.text)))
                    .map(|w| w.text);
                match first {
                    Some(col) => format!("{table}_{col}_check"),
                    None => format!("{table}_check"),
                }
            }
            ConstraintKind::Exclude { elements, .. } => {
                let cols: Vec<String> = elements.iter().map(|e| key_word(&e.key.expr)).collect();
                format!("{table}_{}_excl", cols.join("_"))
            }
        };
        let taken = if c.kind.builds_index() {
            &mut *relations
        } else {
            &mut local
        };
        c.name = unique_name(&base, taken, &c.origin, diags);
        if c.kind.builds_index() {
            local.insert(c.name.to_string());
        }
    }
    for i in indexes.iter_mut() {
        if i.name.as_str().is_empty() {
            let words: Vec<String> = i.keys.iter().map(|k| key_word(&k.expr)).collect();
            i.name = unique_name(
                &format!("{table}_{}_idx", words.join("_")),
                relations,
                &i.origin,
                diags,
            );
        }
    }
}

fn join(cols: &[Ident]) -> String {
    cols.iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join("_")
}

/// A column name, or the identifiers of an expression (`lower(email)` → `lower_email`).
fn key_word(k: &KeyExpr) -> String {
    match k {
        KeyExpr::Column(c) => c.to_string(),
        KeyExpr::Expr(e) => {
            let words: Vec<String> = sql::words(e)
                .map(|ws| ws.into_iter().map(|w| w.text).collect())
                .unwrap_or_default();
            if words.is_empty() {
                "expr".into()
            } else {
                words.join("_")
            }
        }
    }
}

fn unique_name(
    base: &str,
    taken: &mut HashSet<String>,
    origin: &Origin,
    diags: &mut Diagnostics,
) -> Ident {
    let mut n = 0u32;
    loop {
        let candidate = if n == 0 {
            base.to_string()
        } else {
            format!("{base}{n}")
        };
        let fitted = fit_name(&candidate);
        if taken.insert(fitted.to_string()) {
            if fitted.as_str() != candidate {
                diags.push(
                    Diagnostic::new(
                        &generated_name_shortened::META,
                        format!("generated name `{candidate}` is over 63 bytes; using `{fitted}`"),
                    )
                    .at_origin(origin)
                    .help("give it a `name:` to choose a shorter one"),
                );
            }
            return fitted;
        }
        n += 1;
    }
}
