//! Names a live database gave partitions' clones of their parent's indexes.
//!
//! The loader predicts the name PostgreSQL chooses for the clone of a
//! parent's index on each partition ([`crate::model::clones`]). A database
//! whose partitions' indexes were built one by one and attached (as tools
//! that build them concurrently do) holds other names, which the YAML does
//! not record. Against such a database the desired side keeps the live
//! names of the clones that exist on both sides, so that a plan does not
//! rename every clone to the predicted name, and a clone built again under
//! a rebuilt index takes the name it had.

use std::collections::HashMap;

use crate::model::{Ident, Partition, Schema};

/// Give the clones in `desired` the names they have in `live`, partition by
/// partition (matched by name), clone by clone (matched by what it clones).
pub fn keep_live(live: &Schema, desired: &mut Schema) {
    let tables = live.table_index();
    for t in &mut desired.tables {
        let Some(l) = tables.get(t.name.as_str()) else {
            continue;
        };
        walk(&l.partitions, &mut t.partitions, &HashMap::new());
    }
}

/// `parent` maps the names the desired side gives the parent partition's
/// clones to the names they have live: a sub-partition's clone is a clone
/// of those.
fn walk(live: &[Partition], desired: &mut [Partition], parent: &HashMap<Ident, Ident>) {
    for p in desired {
        let Some(l) = live.iter().find(|l| l.name == p.name) else {
            continue;
        };
        let mut mine = HashMap::new();
        for c in &mut p.clones {
            let of = parent.get(&c.of).unwrap_or(&c.of).clone();
            let Some(lc) = l
                .clones
                .iter()
                .find(|lc| lc.constraint == c.constraint && lc.of == of)
            else {
                continue;
            };
            if !c.constraint {
                mine.insert(c.name.clone(), lc.name.clone());
            }
            c.of = of;
            c.name = lc.name.clone();
        }
        walk(&l.partitions, &mut p.partitions, &mine);
    }
}
