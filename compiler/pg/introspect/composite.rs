//! Composite types from `pg_type` (`typtype = 'c'` over a `pg_class` of
//! relkind `c`) and their attributes from `pg_attribute`, listed so that
//! each comes after the composites it uses.

use std::collections::HashMap;

use postgres::GenericClient;

use super::super::{PgError, catalog};
use crate::model::*;

pub fn read(client: &mut impl GenericClient, schema: &str) -> Result<Vec<Composite>, PgError> {
    let mut attributes: HashMap<u32, Vec<Attribute>> = HashMap::new();
    for r in client
        .query(catalog::COMPOSITE_ATTRIBUTES, &[&schema])
        .map_err(PgError::query("composite attributes"))?
    {
        attributes.entry(r.get(0)).or_default().push(Attribute {
            name: Ident::new(r.get::<_, String>(1)),
            ty: super::type_of(&r, 2, 3, schema),
            collation: r.get(7),
            was: None,
            origin: Origin::Catalog,
        });
    }
    let mut todo = Vec::new();
    for r in client
        .query(catalog::COMPOSITES, &[&schema])
        .map_err(PgError::query("composite types"))?
    {
        let oid: u32 = r.get(0);
        todo.push(Composite {
            name: Ident::new(r.get::<_, String>(1)),
            schema: None,
            attributes: attributes.remove(&oid).unwrap_or_default(),
            comment: r.get(2),
            origin: Origin::Catalog,
        });
    }
    Ok(in_dependency_order(todo))
}

/// `composites` (sorted by name) reordered so each follows the composites
/// its attributes use.
fn in_dependency_order(mut todo: Vec<Composite>) -> Vec<Composite> {
    let mut out: Vec<Composite> = Vec::new();
    while !todo.is_empty() {
        let ready = todo
            .iter()
            .position(|c| {
                c.attributes.iter().all(|a| {
                    a.ty.kind != TypeKind::Composite
                        || out.iter().any(|o| o.name == a.ty.base.as_str())
                        || !todo.iter().any(|t| t.name == a.ty.base.as_str())
                })
            })
            .unwrap_or(0);
        out.push(todo.remove(ready));
    }
    out
}

/// Range types of `schema`; the multirange name only when it is not the
/// one PostgreSQL derives.
pub fn ranges(client: &mut impl GenericClient, schema: &str) -> Result<Vec<RangeType>, PgError> {
    let mut out = Vec::new();
    for r in client
        .query(catalog::RANGES, &[&schema])
        .map_err(PgError::query("range types"))?
    {
        let name: String = r.get(0);
        let multirange: Option<String> = r.get(9);
        out.push(RangeType {
            subtype: super::type_of(&r, 1, 2, schema),
            subtype_opclass: r.get(6),
            collation: r.get(7),
            subtype_diff: r.get(8),
            multirange: multirange
                .filter(|m| *m != RangeType::default_multirange(&name))
                .map(Ident::new),
            comment: r.get(10),
            origin: Origin::Catalog,
            name: Ident::new(name),
            schema: None,
        });
    }
    Ok(out)
}
