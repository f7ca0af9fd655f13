//! Proving a plan before it touches its target: on the target's server, a
//! scratch database is built from the live schema as introspected (with
//! the unmanaged functions and types its tables may use), seeded
//! with a few rows per table, and the plan's files run there as `apply`
//! would run them — statement by statement, each timed and, inside a
//! transaction, with the locks it took read from `pg_locks`. The copy is then
//! read again and compared with the plan's target, and its rows counted. The
//! scratch database is dropped whatever happened. Creating it needs CREATEDB.

use std::collections::BTreeMap;
use std::time::Instant;

use postgres::Client;

use super::{PgError, Target, fingerprint, script, seed, support};
use crate::model::{Schema, quote_ident};
use crate::plan::cost::Rates;
use crate::render::{Header, Renderer};

/// What to prove.
pub struct Input<'a> {
    /// The target's schema as read from its catalog.
    pub live: &'a Schema,
    /// The files to run, in order: (name, SQL).
    pub files: Vec<(String, String)>,
    /// What the schema must be once they ran, in the server's words.
    pub desired: &'a Schema,
    /// The history table introspection leaves out.
    pub history: &'a str,
    /// Hazard codes the plan declares (a partition drop may lose rows).
    pub hazards: Vec<String>,
    /// Measure the server's rates for the cost estimates.
    pub calibrate: bool,
    /// The target's objects the project does not manage. Its functions and
    /// types are made in the copy ([`support`]); the rest is not.
    pub unmanaged: Vec<String>,
}

/// One statement as it ran on the copy.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Statement {
    pub file: String,
    /// 1-based position in its file.
    pub index: usize,
    pub sql: String,
    pub duration_ms: f64,
    /// `ACCESS EXCLUSIVE on leads`, for each relation it locked; None when
    /// it ran outside a transaction, where locks end with the statement.
    pub locks: Option<Vec<String>>,
}

/// Rows of one table before and after.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rows {
    pub table: String,
    pub before: i64,
    /// None: the plan dropped or renamed the table.
    pub after: Option<i64>,
}

/// The proof of one tier's plan.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Proof {
    pub ok: bool,
    /// Why it failed, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
    /// The scratch database (dropped afterwards).
    pub database: String,
    /// How the copy differs from the live schema (empty: faithful).
    pub copy_residual: Vec<String>,
    /// The target's unmanaged objects the copy does not have.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_copied: Vec<String>,
    pub seeded: u64,
    /// Tables left with fewer rows than asked, and why.
    pub seed_short: Vec<(String, String)>,
    pub statements: Vec<Statement>,
    /// The statement that failed, and the server's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub converged: bool,
    /// What differs from the target after the plan ran.
    pub residual: Vec<String>,
    pub rows: Vec<Rows>,
    pub rows_kept: i64,
    pub rows_lost: i64,
    /// Milliseconds: building the copy, seeding, measuring, running the plan,
    /// reading it back, in all.
    pub timings: BTreeMap<String, u128>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rates: Option<Rates>,
}

#[derive(Debug, thiserror::Error)]
pub enum ProveError {
    #[error(transparent)]
    Pg(#[from] PgError),
    #[error(
        "--prove builds a scratch copy in a new database on the same server, and role `{role}` may not create databases\n  hint: ALTER ROLE {role} CREATEDB (or prove with a role that has it), or leave out --prove"
    )]
    NoCreatedb { role: String },
}

const PER_TABLE: usize = 3;

/// Prove `input` on a scratch database next to `target`'s.
pub fn prove(target: &Target, input: &Input, renderer: &Renderer) -> Result<Proof, ProveError> {
    let started = Instant::now();
    let mut admin = super::connect(target)?;
    let (role, may): (String, bool) = admin
        .query_one(
            "SELECT current_user::text, rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .map(|r| (r.get(0), r.get(1)))
        .map_err(PgError::query("role privileges"))?;
    if !may {
        return Err(ProveError::NoCreatedb { role });
    }
    let support = if input.unmanaged.is_empty() {
        Vec::new()
    } else {
        let mut objects = support::read(&mut admin, input.live.name.as_str())?;
        objects.retain(|o| !built_from_model(&o.line, input.live));
        objects
    };
    let name = scratch_name();
    create(&mut admin, &name)?;
    let created = ms(started);
    let result = super::connect(&target.with_database(&name))
        .map_err(ProveError::from)
        .and_then(|mut copy| {
            let proof = run(&mut copy, &name, input, support, renderer);
            drop(copy);
            proof
        });
    let t = Instant::now();
    let dropped = admin
        .batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            quote_ident(&name)
        ))
        .map_err(PgError::query("dropping the scratch database"));
    let mut proof = result?;
    dropped?;
    proof.timings.insert("create".into(), created);
    proof.timings.insert("drop".into(), ms(t));
    proof
        .timings
        .insert("total".into(), started.elapsed().as_millis());
    Ok(proof)
}

/// Whether the copy gets `line` (`domain s.d`, `function s.f(…)`) from the
/// model: made twice, the second would fail.
fn built_from_model(line: &str, live: &Schema) -> bool {
    let Some((kind, rest)) = line.split_once(' ') else {
        return false;
    };
    let name = rest.split('(').next().unwrap_or(rest);
    let name = name.rsplit_once('.').map_or(name, |(_, n)| n);
    let name = name.trim_matches('"').replace("\"\"", "\"");
    match kind {
        "domain" => live.domains.iter().any(|d| d.name.as_str() == name),
        "function" | "procedure" => live.functions.iter().any(|f| f.name.as_str() == name),
        _ => false,
    }
}

fn scratch_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("schemac_prove_{}_{nanos:x}", std::process::id())
}

/// A database with the target's encoding and collation, from template0 (no
/// objects of its own).
fn create(admin: &mut Client, name: &str) -> Result<(), PgError> {
    let like: Option<(String, String, String)> = admin
        .query_opt(
            "SELECT pg_encoding_to_char(encoding)::text, datcollate::text, datctype::text FROM pg_database WHERE datname = current_database()",
            &[],
        )
        .ok()
        .flatten()
        .map(|r| (r.get(0), r.get(1), r.get(2)));
    let plain = format!("CREATE DATABASE {}", quote_ident(name));
    if let Some((encoding, collate, ctype)) = like {
        let exact = format!(
            "{plain} TEMPLATE template0 ENCODING {} LC_COLLATE {} LC_CTYPE {}",
            crate::model::quote_literal(&encoding),
            crate::model::quote_literal(&collate),
            crate::model::quote_literal(&ctype)
        );
        if admin.batch_execute(&exact).is_ok() {
            return Ok(());
        }
    }
    admin
        .batch_execute(&format!("{plain} TEMPLATE template0"))
        .map_err(PgError::query("creating the scratch database"))
}

fn ms(since: Instant) -> u128 {
    since.elapsed().as_millis()
}

fn run(
    copy: &mut Client,
    name: &str,
    input: &Input,
    support: Vec<support::Object>,
    renderer: &Renderer,
) -> Result<Proof, ProveError> {
    let mut proof = Proof {
        ok: false,
        failure: None,
        database: name.to_string(),
        copy_residual: Vec::new(),
        not_copied: input.unmanaged.clone(),
        seeded: 0,
        seed_short: Vec::new(),
        statements: Vec::new(),
        error: None,
        converged: false,
        residual: Vec::new(),
        rows: Vec::new(),
        rows_kept: 0,
        rows_lost: 0,
        timings: BTreeMap::new(),
        rates: None,
    };
    let t = Instant::now();
    let schema = input.live.name.as_str();
    let wanted: Vec<String> = support.iter().map(|o| o.line.clone()).collect();
    let missing = support::create(copy, schema, support);
    if let Err(e) = build(copy, input.live, renderer) {
        let lacking: Vec<&str> = missing.iter().map(|o| o.line.as_str()).collect();
        proof.failure = Some(if lacking.is_empty() {
            format!("cannot build a copy of the live schema: {e}")
        } else {
            format!(
                "cannot build a copy of the live schema: {e} (not made in the copy: {})",
                lacking.join(", ")
            )
        });
        return Ok(proof);
    }
    let missing = support::create(copy, schema, missing);
    proof
        .not_copied
        .retain(|u| !wanted.contains(u) || missing.iter().any(|o| o.line == *u));
    let built = fingerprint::live(copy, input.live, input.history, renderer)?;
    proof.copy_residual = crate::diff::between(&built, input.live)
        .iter()
        .map(|c| format!("{} {}", c.sign(), c.subject()))
        .collect();
    proof.timings.insert("copy".into(), ms(t));
    if !proof.copy_residual.is_empty() {
        proof.failure = Some(format!(
            "the copy built from the live schema differs from it in {} way(s), so it proves nothing",
            proof.copy_residual.len()
        ));
        return Ok(proof);
    }
    let t = Instant::now();
    let seeded = seed::seed(copy, &seeding(input.live, input.desired), PER_TABLE);
    proof.seeded = seeded.rows.iter().map(|(_, n)| n).sum();
    proof.seed_short = seeded.short;
    let before = counts(copy, input.live)?;
    proof.timings.insert("seed".into(), ms(t));
    if input.calibrate {
        let t = Instant::now();
        proof.rates = calibrate(copy).ok();
        proof.timings.insert("calibrate".into(), ms(t));
    }
    let t = Instant::now();
    for (file, sql) in &input.files {
        if let Err(e) = run_file(copy, file, sql, &mut proof.statements) {
            proof.error = Some(e);
            break;
        }
    }
    proof.timings.insert("apply".into(), ms(t));
    let t = Instant::now();
    let after_schema = fingerprint::live(copy, input.desired, input.history, renderer)?;
    proof.residual = crate::diff::between(&after_schema, input.desired)
        .iter()
        .map(|c| format!("{} {}", c.sign(), c.subject()))
        .collect();
    proof.converged = proof.error.is_none() && proof.residual.is_empty();
    let after = counts(copy, &after_schema)?;
    for (table, n) in &before {
        let now = after.get(table).copied();
        match now {
            Some(a) => {
                proof.rows_kept += a.min(*n);
                proof.rows_lost += (*n - a).max(0);
            }
            None => proof.rows_lost += *n,
        }
        proof.rows.push(Rows {
            table: table.clone(),
            before: *n,
            after: now,
        });
    }
    proof.timings.insert("verify".into(), ms(t));
    // Rows go with a dropped table or partition only when the plan says so.
    let may_lose = input
        .hazards
        .iter()
        .any(|h| matches!(h.as_str(), "H101" | "H106" | "H108"));
    let lost_in_kept_tables = proof
        .rows
        .iter()
        .any(|r| r.after.is_some_and(|a| a < r.before));
    proof.failure = if let Some(e) = &proof.error {
        Some(format!("a statement failed: {e}"))
    } else if !proof.residual.is_empty() {
        Some(format!(
            "the plan does not converge: {} difference(s) remain",
            proof.residual.len()
        ))
    } else if lost_in_kept_tables && !may_lose {
        Some(format!("{} row(s) were lost", proof.rows_lost))
    } else {
        None
    };
    proof.ok = proof.failure.is_none();
    Ok(proof)
}

/// The schema the copy is seeded by: the live one, with the foreign keys of
/// the target that it lacks wherever their tables and columns are there
/// already. The seeded rows then satisfy a key the plan adds back (one
/// dropped by hand), so a failure is the plan's and not the seed's.
fn seeding(live: &Schema, desired: &Schema) -> Schema {
    let mut out = live.clone();
    let has = |t: &crate::model::Table, cols: &[crate::model::Ident]| {
        cols.iter().all(|c| t.columns.iter().any(|x| x.name == *c))
    };
    for t in &mut out.tables {
        let Some(d) = desired.table(t.name.as_str()) else {
            continue;
        };
        for c in &d.constraints {
            let crate::model::ConstraintKind::ForeignKey {
                columns,
                references,
                ref_columns,
                ..
            } = &c.kind
            else {
                continue;
            };
            let target_there = live
                .table(references.name.as_str())
                .is_some_and(|r| has(r, ref_columns));
            if target_there && has(t, columns) && !t.constraints.iter().any(|x| x.name == c.name) {
                t.constraints.push(c.clone());
            }
        }
    }
    out
}

/// Build `live` in the empty database `copy` is connected to.
fn build(copy: &mut Client, live: &Schema, renderer: &Renderer) -> Result<(), String> {
    let empty = Schema::empty(live.name.clone());
    let plan = crate::plan::build(&empty, live, crate::diff::between(&empty, live))
        .map_err(|e| e.to_string())?;
    let schema = live.name.as_str();
    renderer.place(&empty, live);
    for range in plan.files() {
        let steps = &plan.steps[range];
        let header = Header {
            title: "schemac proof: copy of the live schema".into(),
            transactional: steps.iter().all(|s| s.transactional),
            lock_timeout: "0".into(),
            statement_timeout: "0".into(),
            search_path: live.search_path(&[]),
            // The copy is a plain database, even for a tier on Citus.
            citus: false,
            sequential: true,
        };
        let sql = renderer
            .migration(&header, steps, schema)
            .map_err(|e| e.to_string())?;
        if header.transactional {
            let mut tx = copy.transaction().map_err(|e| super::describe(&e))?;
            tx.batch_execute(&sql).map_err(|e| super::describe(&e))?;
            tx.commit().map_err(|e| super::describe(&e))?;
        } else {
            for s in script::statements(&sql) {
                copy.batch_execute(&s).map_err(|e| super::describe(&e))?;
            }
        }
    }
    Ok(())
}

/// Rows per table of `schema` (a partitioned table counts its partitions').
fn counts(copy: &mut Client, schema: &Schema) -> Result<BTreeMap<String, i64>, PgError> {
    let mut out = BTreeMap::new();
    for chunk in schema.tables.chunks(200) {
        let sql = chunk
            .iter()
            .map(|t| {
                format!(
                    "SELECT {}::text, count(*) FROM {}.{}",
                    crate::model::quote_literal(t.name.as_str()),
                    quote_ident(schema.name.as_str()),
                    quote_ident(t.name.as_str())
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        for r in copy
            .query(&sql, &[])
            .map_err(PgError::query("counting rows"))?
        {
            out.insert(r.get(0), r.get(1));
        }
    }
    Ok(out)
}

const LOCKS: &str = r#"
SELECT l.mode, coalesce(c.relname::text, 'relation ' || l.relation::text)
  FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation
 WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
   AND l.relation IS NOT NULL
   AND coalesce(c.relnamespace, 0) NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
   AND coalesce(c.relname::text, '') <> 'pg_locks'"#;

fn held(tx: &mut postgres::Transaction) -> Result<Vec<(String, String)>, String> {
    tx.query(LOCKS, &[])
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1))).collect())
        .map_err(|e| super::describe(&e))
}

/// Run one file as `apply` does, recording each statement; an error names
/// the statement.
fn run_file(
    copy: &mut Client,
    file: &str,
    sql: &str,
    out: &mut Vec<Statement>,
) -> Result<(), String> {
    let statements = script::statements(sql);
    let first = |s: &str| super::apply::first_line(s);
    if script::transactional(sql) {
        let mut tx = copy.transaction().map_err(|e| super::describe(&e))?;
        let mut seen = held(&mut tx)?;
        for (i, s) in statements.iter().enumerate() {
            let t = Instant::now();
            if let Err(e) = tx.batch_execute(s) {
                let _ = tx.rollback();
                return Err(format!(
                    "{file} statement {} (`{}`): {}",
                    i + 1,
                    first(s),
                    super::describe(&e)
                ));
            }
            let duration_ms = t.elapsed().as_secs_f64() * 1000.0;
            let now = held(&mut tx)?;
            let mut locks: Vec<String> = now
                .iter()
                .filter(|l| !seen.contains(l))
                .map(|(mode, rel)| format!("{} on {rel}", lock_name(mode)))
                .collect();
            locks.sort();
            locks.dedup();
            seen = now;
            out.push(Statement {
                file: file.to_string(),
                index: i + 1,
                sql: first(s),
                duration_ms,
                locks: Some(locks),
            });
        }
        tx.commit()
            .map_err(|e| format!("{file} at commit: {}", super::describe(&e)))?;
    } else {
        for (i, s) in statements.iter().enumerate() {
            let t = Instant::now();
            copy.batch_execute(s).map_err(|e| {
                format!(
                    "{file} statement {} (`{}`): {}",
                    i + 1,
                    first(s),
                    super::describe(&e)
                )
            })?;
            out.push(Statement {
                file: file.to_string(),
                index: i + 1,
                sql: first(s),
                duration_ms: t.elapsed().as_secs_f64() * 1000.0,
                locks: None,
            });
        }
    }
    Ok(())
}

/// `AccessExclusiveLock` → `ACCESS EXCLUSIVE`.
fn lock_name(mode: &str) -> String {
    let mode = mode.strip_suffix("Lock").unwrap_or(mode);
    let mut out = String::new();
    for (i, c) in mode.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

const CALIBRATION_ROWS: u32 = 50_000;

/// The server's rates, measured on a table of 50,000 rows (about 4 MB) in
/// the scratch database: the speed of data in memory, which a table larger
/// than memory does not reach.
fn calibrate(copy: &mut Client) -> Result<Rates, PgError> {
    let q = PgError::query;
    copy.batch_execute(&format!(
        "CREATE TABLE schemac_calibration (id bigint, n integer, t text, at timestamptz);
         INSERT INTO schemac_calibration SELECT g, g, md5(g::text), now() FROM generate_series(1, {CALIBRATION_ROWS}) g;
         CREATE TABLE schemac_calibration_ref (id bigint PRIMARY KEY);
         INSERT INTO schemac_calibration_ref SELECT g FROM generate_series(1, {CALIBRATION_ROWS}) g;"
    ))
    .map_err(q("calibration table"))?;
    // The first read of new rows sets their hint bits (a write); time the second.
    copy.batch_execute(
        "SELECT count(*) FROM schemac_calibration; SELECT count(*) FROM schemac_calibration_ref",
    )
    .map_err(q("calibration table"))?;
    let size = |c: &mut Client, what: &str| -> Result<f64, PgError> {
        let bytes: i64 = c
            .query_one(what, &[])
            .map_err(PgError::query("calibration size"))?
            .get(0);
        Ok(bytes as f64 / 1_048_576.0)
    };
    let timed = |c: &mut Client, sql: &str| -> Result<f64, PgError> {
        let t = Instant::now();
        c.batch_execute(sql)
            .map_err(PgError::query("calibration"))?;
        Ok(t.elapsed().as_secs_f64().max(1e-4))
    };
    let heap = size(copy, "SELECT pg_table_size('schemac_calibration')")?;
    let scan = timed(
        copy,
        "SELECT count(*) FROM schemac_calibration WHERE n >= 0",
    )?;
    let fixed = timed(
        copy,
        "ALTER TABLE schemac_calibration_ref SET (fillfactor = 100)",
    )?;
    let build = timed(
        copy,
        "CREATE INDEX schemac_calibration_t ON schemac_calibration (t)",
    )?;
    let with_index = heap + size(copy, "SELECT pg_indexes_size('schemac_calibration')")?;
    let rewrite = timed(
        copy,
        "ALTER TABLE schemac_calibration ALTER COLUMN n TYPE bigint",
    )?;
    let fk = timed(
        copy,
        "ALTER TABLE schemac_calibration ADD CONSTRAINT schemac_calibration_fk FOREIGN KEY (id) REFERENCES schemac_calibration_ref NOT VALID;
         ALTER TABLE schemac_calibration VALIDATE CONSTRAINT schemac_calibration_fk",
    )?;
    copy.batch_execute("DROP TABLE schemac_calibration, schemac_calibration_ref")
        .map_err(q("calibration cleanup"))?;
    let rows = CALIBRATION_ROWS as f64;
    Ok(Rates {
        scan_mb_s: heap / scan,
        rewrite_mb_s: with_index / rewrite,
        build_mb_s: heap / build,
        lookup_us: ((fk - scan).max(0.0) / rows * 1e6).max(0.01),
        fixed_ms: fixed * 1000.0,
        source: "measured".into(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn lock_modes_read_as_in_the_documentation() {
        assert_eq!(super::lock_name("AccessExclusiveLock"), "ACCESS EXCLUSIVE");
        assert_eq!(
            super::lock_name("ShareUpdateExclusiveLock"),
            "SHARE UPDATE EXCLUSIVE"
        );
    }
}
