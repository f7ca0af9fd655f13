//! Roles the project names, looked up on the server. Roles belong to the
//! cluster and schemac never creates them, so a command that would grant to,
//! hand an object to or write a policy for a missing role stops before it
//! changes anything.

use postgres::GenericClient;

use super::{PgError, catalog};

/// The roles of `names` the server does not have, in the order given.
pub fn missing(client: &mut impl GenericClient, names: &[String]) -> Result<Vec<String>, PgError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    Ok(client
        .query(catalog::MISSING_ROLES, &[&names])
        .map_err(PgError::query("roles"))?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

/// Of `names`, those the server exempts from row-level security, each with
/// why (`superuser`, `BYPASSRLS`).
pub fn bypassing(
    client: &mut impl GenericClient,
    names: &[String],
) -> Result<Vec<(String, &'static str)>, PgError> {
    let mut out = Vec::new();
    for r in client
        .query(catalog::ROLE_BYPASS, &[&names])
        .map_err(PgError::query("role attributes"))?
    {
        let why = match (r.get::<_, bool>(1), r.get::<_, bool>(2)) {
            (true, _) => "superuser",
            (_, true) => "BYPASSRLS",
            _ => continue,
        };
        out.push((r.get(0), why));
    }
    Ok(out)
}

/// The owner of each table of `schema`, by table name.
pub fn table_owners(
    client: &mut impl GenericClient,
    schema: &str,
) -> Result<std::collections::HashMap<String, String>, PgError> {
    Ok(client
        .query(catalog::TABLE_OWNERS, &[&schema])
        .map_err(PgError::query("table owners"))?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}
