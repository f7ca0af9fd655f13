//! Sequences and identity sequences from `pg_sequence`, options normalised
//! against PostgreSQL's defaults as the loader normalises the YAML's.

use postgres::GenericClient;

use super::super::{PgError, catalog};
use crate::model::*;

/// `AS type START … CACHE … CYCLE` from the eight columns at `at`
/// (`format_type(seqtypid)`, start, increment, min, max, cache, cycle).
pub fn options_of(r: &postgres::Row, at: usize) -> SequenceOptions {
    SequenceOptions {
        ty: Some(SequenceOptions::type_name(r.get::<_, Option<String>>(at).as_deref()).to_string()),
        start: r.get(at + 1),
        increment: r.get(at + 2),
        min: r.get(at + 3),
        max: r.get(at + 4),
        cache: r.get(at + 5),
        cycle: r.get::<_, Option<bool>>(at + 6).unwrap_or(false),
        name: None,
    }
}

pub fn read(client: &mut impl GenericClient, schema: &str) -> Result<Vec<Sequence>, PgError> {
    Ok(client
        .query(catalog::SEQUENCES, &[&schema])
        .map_err(PgError::query("sequences"))?
        .iter()
        .map(|r| Sequence {
            name: Ident::new(r.get::<_, String>(0)),
            options: options_of(r, 1).normalized("bigint"),
            owned_by: match (r.get::<_, Option<String>>(8), r.get::<_, Option<String>>(9)) {
                (Some(t), Some(c)) => Some((Ident::new(t), Ident::new(c))),
                _ => None,
            },
            comment: r.get(10),
            owner: None,
            grants: Vec::new(),
            origin: Origin::Catalog,
        })
        .collect())
}
