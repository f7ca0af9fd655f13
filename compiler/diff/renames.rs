//! Declared renames seen through: which old table and column each new one
//! is (`was:` naming an old object wins over a same-named one, so a twin
//! built beside a table can take its name), and the old definitions of
//! constraints, indexes, policies and partition keys in the new names.
//! PostgreSQL rewrites those itself on `RENAME`, so an object that differs
//! only by a renamed table or column is unchanged (or renamed, when its
//! generated name follows), never dropped and created again.

use std::collections::{HashMap, HashSet};

use crate::model::*;

#[derive(Default)]
pub struct Renames {
    /// Old table name → new table name, for every matched table.
    tables: HashMap<Ident, Ident>,
    /// New table name → (old column, new column) of its renamed columns.
    columns: HashMap<Ident, Vec<(Ident, Ident)>>,
    /// Tables rebuilt with another partitioning (new names): foreign keys
    /// pointing at them are dropped and added again around the rebuild.
    pub rebuilt: HashSet<Ident>,
    schema: Option<Ident>,
}

/// Both sides' tables by name, to find the old table a new one continues:
/// the one its `was:` names, if that one is not kept under its own name,
/// else the same-named one.
pub struct Tables<'a, 'b> {
    old: std::collections::HashMap<&'a str, &'a Table>,
    new: std::collections::HashMap<&'b str, &'b Table>,
}

impl<'a, 'b> Tables<'a, 'b> {
    pub fn of(old: &'a Schema, new: &'b Schema) -> Self {
        Tables {
            old: old.table_index(),
            new: new.table_index(),
        }
    }

    /// The old table `t` continues.
    pub fn prior(&self, t: &Table) -> Option<&'a Table> {
        t.was
            .as_ref()
            .filter(|w| !self.new.contains_key(w.as_str()))
            .and_then(|w| self.old.get(w.as_str()).copied())
            .or_else(|| self.old.get(t.name.as_str()).copied())
    }
}

/// The old column a new one continues, by the same rule.
pub fn prior_column<'a>(old: &'a Table, new: &Table, c: &Column) -> Option<&'a Column> {
    c.was
        .as_ref()
        .filter(|w| new.column(w.as_str()).is_none())
        .and_then(|w| old.column(w.as_str()))
        .or_else(|| old.column(c.name.as_str()))
}

impl Renames {
    pub fn between(old: &Schema, new: &Schema) -> Renames {
        let mut r = Renames {
            schema: Some(new.name.clone()),
            ..Renames::default()
        };
        let tables = Tables::of(old, new);
        for t in &new.tables {
            let Some(o) = tables.prior(t) else {
                continue;
            };
            r.tables.insert(o.name.clone(), t.name.clone());
            let cols: Vec<(Ident, Ident)> = t
                .columns
                .iter()
                .filter_map(|c| {
                    let oc = prior_column(o, t, c)?;
                    (oc.name != c.name).then(|| (oc.name.clone(), c.name.clone()))
                })
                .collect();
            if !cols.is_empty() {
                r.columns.insert(t.name.clone(), cols);
            }
        }
        r
    }

    /// The renamed columns of new table `table`.
    pub fn columns_of(&self, table: &Ident) -> &[(Ident, Ident)] {
        self.columns.get(table).map_or(&[], Vec::as_slice)
    }

    fn column(&self, table: &Ident, c: &Ident) -> Ident {
        self.columns_of(table)
            .iter()
            .find(|(from, _)| from == c)
            .map_or_else(|| c.clone(), |(_, to)| to.clone())
    }

    fn columns(&self, table: &Ident, cs: &[Ident]) -> Vec<Ident> {
        cs.iter().map(|c| self.column(table, c)).collect()
    }

    fn expr(&self, table: &Ident, e: &str) -> String {
        let pairs: Vec<(&str, &str)> = self
            .columns_of(table)
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        sql::rename_columns(e, &pairs)
    }

    fn key(&self, table: &Ident, k: &KeyExpr) -> KeyExpr {
        match k {
            KeyExpr::Column(c) => KeyExpr::Column(self.column(table, c)),
            KeyExpr::Expr(e) => KeyExpr::Expr(self.expr(table, e)),
        }
    }

    /// An old constraint of (new) table `table` in the new names.
    pub fn constraint(&self, table: &Ident, kind: &ConstraintKind) -> ConstraintKind {
        let mut k = kind.clone();
        match &mut k {
            ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. } => {
                *columns = self.columns(table, columns);
            }
            ConstraintKind::Check { expr, .. } => *expr = self.expr(table, expr),
            ConstraintKind::ForeignKey {
                columns,
                references,
                ref_columns,
                delete_columns,
                ..
            } => {
                *columns = self.columns(table, columns);
                *delete_columns = self.columns(table, delete_columns);
                if Some(&references.schema) == self.schema.as_ref()
                    && let Some(to) = self.tables.get(&references.name)
                {
                    references.name = to.clone();
                    *ref_columns = self.columns(to, ref_columns);
                }
            }
            ConstraintKind::Exclude {
                elements,
                predicate,
                ..
            } => {
                for e in elements {
                    e.key.expr = self.key(table, &e.key.expr);
                }
                if let Some(p) = predicate {
                    *p = self.expr(table, p);
                }
            }
        }
        k
    }

    /// An old index of `table` in the new names.
    pub fn index(&self, table: &Ident, i: &Index) -> Index {
        let mut i = i.clone();
        for k in &mut i.keys {
            k.expr = self.key(table, &k.expr);
        }
        i.include = self.columns(table, &i.include);
        i.predicate = i.predicate.map(|p| self.expr(table, &p));
        i
    }

    /// An old policy of `table` (or of one of its partitions) in the new names.
    pub fn policy(&self, table: &Ident, p: &Policy) -> Policy {
        let mut p = p.clone();
        p.using = p.using.map(|e| self.expr(table, &e));
        p.with_check = p.with_check.map(|e| self.expr(table, &e));
        p
    }

    /// An old partitioning of `table` in the new names.
    pub fn partitioning(&self, table: &Ident, p: &Partitioning) -> Partitioning {
        let mut p = p.clone();
        p.key = p.key.iter().map(|k| self.key(table, k)).collect();
        p.sub = p.sub.map(|s| Box::new(self.partitioning(table, &s)));
        p
    }

    /// Whether an old foreign key of `table` points at a table rebuilt in
    /// this plan (so it must be dropped and added again).
    pub fn points_at_rebuilt(&self, kind: &ConstraintKind) -> bool {
        matches!(kind, ConstraintKind::ForeignKey { references, .. }
            if Some(&references.schema) == self.schema.as_ref()
                && self.rebuilt.contains(self.tables.get(&references.name).unwrap_or(&references.name)))
    }
}
