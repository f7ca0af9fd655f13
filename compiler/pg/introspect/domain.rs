//! Domains from `pg_type` (`typtype = 'd'`) and their checks from
//! `pg_constraint.contypid`, as the server prints them.

use std::collections::HashMap;

use postgres::GenericClient;

use super::super::{PgError, catalog};
use crate::model::*;

pub fn read(client: &mut impl GenericClient, schema: &str) -> Result<Vec<Domain>, PgError> {
    let mut checks: HashMap<u32, Vec<DomainCheck>> = HashMap::new();
    for r in client
        .query(catalog::DOMAIN_CHECKS, &[&schema])
        .map_err(PgError::query("domain checks"))?
    {
        let def: String = r.get(2);
        checks.entry(r.get(0)).or_default().push(DomainCheck {
            name: Ident::new(r.get::<_, String>(1)),
            expr: super::check_expr(&def),
            not_valid: !r.get::<_, bool>(3),
            origin: Origin::Catalog,
        });
    }
    let mut out = Vec::new();
    for r in client
        .query(catalog::DOMAINS, &[&schema])
        .map_err(PgError::query("domains"))?
    {
        let oid: u32 = r.get(0);
        out.push(Domain {
            name: Ident::new(r.get::<_, String>(1)),
            schema: None,
            ty: super::type_of(&r, 2, 7, schema),
            default: r.get(3),
            not_null: r.get(4),
            collation: r.get(5),
            checks: checks.remove(&oid).unwrap_or_default(),
            comment: r.get(6),
            owner: r.get(11),
            grants: super::grant::acl(&r, 12, PrivilegedKind::Domain),
            was: None,
            origin: Origin::Catalog,
        });
    }
    Ok(out)
}
