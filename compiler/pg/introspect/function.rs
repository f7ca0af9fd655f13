//! Functions and procedures from `pg_proc`, options normalised as the
//! loader normalises the YAML's (defaults left out).

use postgres::GenericClient;

use super::super::{PgError, catalog};
use crate::model::*;

pub fn read(client: &mut impl GenericClient, schema: &str) -> Result<Vec<Function>, PgError> {
    let mut out = Vec::new();
    for r in client
        .query(catalog::FUNCTIONS, &[&schema])
        .map_err(PgError::query("functions"))?
    {
        let names: Vec<String> = r.get(4);
        let modes: Vec<String> = r.get(5);
        let types: Vec<String> = r.get(6);
        let defaults: Vec<String> = r.get(7);
        let mut args = Vec::new();
        for (i, ty) in types.into_iter().enumerate() {
            let mode = match modes.get(i).map(String::as_str) {
                Some("o") => ArgMode::Out,
                Some("b") => ArgMode::Inout,
                Some("v") => ArgMode::Variadic,
                // Columns of `RETURNS TABLE (…)`: part of the result.
                Some("t") => continue,
                _ => ArgMode::In,
            };
            args.push(FunctionArg {
                name: names
                    .get(i)
                    .filter(|n| !n.is_empty())
                    .map(|n| Ident::new(n.clone())),
                ty,
                mode,
                default: defaults.get(i).filter(|d| !d.is_empty()).cloned(),
            });
        }
        let language: String = r.get(3);
        let cost: f64 = r.get(15);
        let rows: f64 = r.get(16);
        let retset: bool = r.get(17);
        out.push(Function {
            name: Ident::new(r.get::<_, String>(1)),
            schema: None,
            kind: if r.get::<_, String>(2) == "p" {
                FunctionKind::Procedure
            } else {
                FunctionKind::Function
            },
            args,
            returns: r.get(8),
            volatility: match r.get::<_, String>(9).as_str() {
                "i" => Volatility::Immutable,
                "s" => Volatility::Stable,
                _ => Volatility::Volatile,
            },
            strict: r.get(10),
            security_definer: r.get(11),
            leakproof: r.get(12),
            parallel: match r.get::<_, String>(13).as_str() {
                "s" => Parallel::Safe,
                "r" => Parallel::Restricted,
                _ => Parallel::Unsafe,
            },
            config: r
                .get::<_, Vec<String>>(14)
                .into_iter()
                .map(|c| match c.split_once('=') {
                    Some((k, v)) => (k.to_string(), v.to_string()),
                    None => (c, String::new()),
                })
                .collect(),
            cost: (cost != crate::model::function_default_cost(&language))
                .then(|| crate::model::function_estimate(cost)),
            rows: (retset && rows != 1000.0).then(|| crate::model::function_estimate(rows)),
            body: r.get(18),
            comment: r.get(19),
            owner: r.get(20),
            grants: super::grant::acl(
                &r,
                21,
                if r.get::<_, String>(2) == "p" {
                    PrivilegedKind::Procedure
                } else {
                    PrivilegedKind::Function
                },
            ),
            language,
            origin: Origin::Catalog,
        });
    }
    Ok(out)
}
