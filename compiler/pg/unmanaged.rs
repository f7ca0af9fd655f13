//! Objects of a tier's schema that the project does not manage
//! ([`catalog::UNMANAGED`]): `inspect` lists them, `plan --db` counts them
//! and leaves them as they are. Until the language models a kind, nothing of
//! it is ever dropped or changed.

use postgres::GenericClient;

use super::{PgError, catalog};

/// One object, as `kind schema.name…` (`function app.touch(integer)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmanaged(pub String);

impl Unmanaged {
    /// The kind, for counting: `function`, `trigger`, `grant`, …
    pub fn kind(&self) -> &str {
        let s = self.0.as_str();
        match s.split(' ').next().unwrap_or(s) {
            "revoke" => "grant",
            k => k,
        }
    }
}

/// Every unmanaged object of `schema`. Names are read with only pg_catalog
/// on the search path, so every other name comes qualified.
pub fn read(client: &mut impl GenericClient, schema: &str) -> Result<Vec<Unmanaged>, PgError> {
    let mut tx = client.transaction().map_err(PgError::query("begin"))?;
    tx.batch_execute("SET LOCAL search_path TO pg_catalog")
        .map_err(PgError::query("search_path"))?;
    let rows = tx
        .query(catalog::UNMANAGED, &[&schema])
        .map_err(PgError::query("unmanaged objects"))?;
    tx.rollback().map_err(PgError::query("rollback"))?;
    Ok(rows.iter().map(|r| Unmanaged(r.get(0))).collect())
}

/// `3 functions, 4 triggers, 12 grants`.
pub fn summary(objects: &[Unmanaged]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for o in objects {
        match counts.iter_mut().find(|(k, _)| *k == o.kind()) {
            Some((_, n)) => *n += 1,
            None => counts.push((o.kind(), 1)),
        }
    }
    counts
        .iter()
        .map(|(k, n)| {
            let plural = match (*k, *n) {
                (_, 1) => k.to_string(),
                ("statistics", _) => k.to_string(),
                _ => format!("{k}s"),
            };
            format!("{n} {plural}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_a_sentence() {
        let objs: Vec<Unmanaged> = [
            "function app.f()",
            "function app.g(integer)",
            "trigger app.t.touch",
            "revoke EXECUTE on function app.f() from PUBLIC",
            "grant SELECT on table app.t to r",
            "statistics app.t_a_b",
            "statistics app.t_c_d",
        ]
        .iter()
        .map(|s| Unmanaged(s.to_string()))
        .collect();
        assert_eq!(
            summary(&objs),
            "2 functions, 1 trigger, 2 grants, 2 statistics"
        );
    }
}
