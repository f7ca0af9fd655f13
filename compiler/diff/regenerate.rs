//! A stored generated column whose expression changes (or appears). PostgreSQL before 17
//! cannot change the expression in place, so the column is dropped and
//! added again: its values are computed anew from the other columns, so
//! nothing is lost. The drop takes the indexes and constraints that read
//! the column with it, so those are dropped and built again explicitly
//! (which also lets the down file bring back the old ones).

use super::{Change, NameChanges, create_index};
use crate::model::{Column, Constraint, ConstraintKind, Ident, KeyExpr, Table, sql};

/// Whether `o` becomes `c` by a changed generation expression, or by one
/// it did not have (its plain values give way to computed ones). A column
/// that stops being generated keeps its values (`DROP EXPRESSION`).
pub(super) fn regenerated(o: &Column, c: &Column) -> bool {
    c.generated.is_some() && o.generated != c.generated
}

/// The drop and the add that give column `o` (now `c`, after any rename)
/// its new expression.
pub(super) fn replace_column(table: &Ident, o: &Column, c: &Column, out: &mut Vec<Change>) {
    let mut gone = o.clone();
    gone.name = c.name.clone();
    out.push(Change::DropColumn {
        table: table.clone(),
        column: gone,
    });
    out.push(Change::AddColumn {
        table: table.clone(),
        column: c.clone(),
    });
}

fn expr_reads(expr: &str, column: &str) -> bool {
    sql::column_words(expr)
        .map(|ws| ws.iter().any(|w| w.text == column))
        .unwrap_or(true)
}

fn constraint_reads(c: &Constraint, column: &str) -> bool {
    match &c.kind {
        ConstraintKind::Check { expr, .. } => expr_reads(expr, column),
        ConstraintKind::Exclude {
            elements,
            predicate,
            ..
        } => {
            elements.iter().any(|e| match &e.key.expr {
                KeyExpr::Column(k) => k == column,
                KeyExpr::Expr(x) => expr_reads(x, column),
            }) || predicate.as_deref().is_some_and(|p| expr_reads(p, column))
        }
        k => k.columns().iter().any(|k| k == column),
    }
}

/// Indexes and constraints of `new` that read one of `columns` and that the
/// differ kept as they were: dropped (with the column) and built again.
pub(super) fn rebuild_readers(
    old: &Table,
    new: &Table,
    columns: &[Ident],
    names: &mut NameChanges,
    out: &mut Vec<Change>,
) {
    if columns.is_empty() {
        return;
    }
    let table = &new.name;
    let reads = |f: &dyn Fn(&str) -> bool| columns.iter().any(|c| f(c.as_str()));
    let touched_index = |out: &[Change], name: &Ident| {
        out.iter().any(|c| match c {
            Change::CreateIndex {
                table: t, index, ..
            }
            | Change::DropIndex {
                table: t, index, ..
            } => t == table && index.name == *name,
            Change::RenameIndex { from, to } => from == name || to == name,
            _ => false,
        })
    };
    for i in &new.indexes {
        let Some(o) = old.indexes.iter().find(|o| o.name == i.name) else {
            continue;
        };
        if touched_index(out, &i.name) || !reads(&|c| i.uses_column(c)) {
            continue;
        }
        out.push(Change::DropIndex {
            table: table.clone(),
            index: o.clone(),
            concurrently: false,
        });
        names.rebuilt.insert((false, i.name.clone()));
        create_index(table, i, out);
    }
    let touched_constraint = |out: &[Change], name: &Ident| {
        out.iter().any(|c| match c {
            Change::AddConstraint {
                table: t,
                constraint,
                ..
            }
            | Change::DropConstraint {
                table: t,
                constraint,
            } => t == table && constraint.name == *name,
            Change::RenameConstraint { table: t, from, to } => {
                t == table && (from == name || to == name)
            }
            _ => false,
        })
    };
    for k in &new.constraints {
        let Some(o) = old.constraints.iter().find(|o| o.name == k.name) else {
            continue;
        };
        if touched_constraint(out, &k.name) || !reads(&|c| constraint_reads(k, c)) {
            continue;
        }
        out.push(Change::DropConstraint {
            table: table.clone(),
            constraint: o.clone(),
        });
        names.rebuilt.insert((
            matches!(k.kind, ConstraintKind::ForeignKey { .. }),
            k.name.clone(),
        ));
        out.push(Change::AddConstraint {
            table: table.clone(),
            constraint: k.clone(),
            not_valid: false,
        });
    }
}
