//! Applying: pending migration files of one tier, in version order, under a
//! session advisory lock, each recorded in a history table with its checksum.
//! A transactional file runs in one transaction together with its history
//! row, so a failure leaves schema and history exactly as they were. A
//! non-transactional file (concurrent index builds) runs statement by
//! statement and is recorded once all succeeded; its statements are written
//! to be safe to run again.

use std::time::{Duration, Instant};

use postgres::Client;
use sha2::{Digest, Sha256};

use super::{PgError, script};
use crate::emit::folder::{Folder, MigrationFile, hash};
use crate::model::quote_ident;

/// Options of one apply run.
pub struct Options<'a> {
    pub tier: &'a str,
    /// Schema and name of the history table.
    pub history_schema: &'a str,
    pub history_table: &'a str,
    pub dry_run: bool,
    /// Wait this long for another apply's lock instead of failing at once.
    pub wait: Option<Duration>,
}

/// What happened to one file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Applied {
    pub version: u32,
    pub file: String,
    pub transactional: bool,
    pub duration_ms: u128,
    /// False in a dry run.
    pub ran: bool,
}

impl Applied {
    /// A file listed but not run: a dry run, or a baseline.
    fn not_run(f: &MigrationFile, transactional: bool) -> Self {
        Applied {
            version: f.version,
            file: f.file.clone(),
            transactional,
            duration_ms: 0,
            ran: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    Pg(#[from] PgError),
    #[error(
        "another apply or rollback of tier `{tier}` holds the lock: {holder}\n  hint: wait for it to finish, or pass --wait SECONDS"
    )]
    Locked { tier: String, holder: String },
    #[error(
        "{file} was applied with checksum {recorded} but the file now has {current}: it was edited after it was applied\n  hint: restore it from version control; put the change in a new migration (change the YAML and `schemac emit`)"
    )]
    Edited {
        file: String,
        recorded: String,
        current: String,
    },
    #[error(
        "version {version:04} was applied as `{applied}` but the folder has `{file}`\n  hint: two branches emitted the same version; `schemac rebase` renumbers the migrations of the branch merged second after the one applied here"
    )]
    Conflict {
        version: u32,
        applied: String,
        file: String,
    },
    #[error(
        "{file} is older than the newest applied migration ({newest:04}) but was never applied\n  hint: a branch added it after a later version was deployed; `schemac rebase --onto REF` (REF: the branch that was deployed) re-emits it after the newest version"
    )]
    OutOfOrder { file: String, newest: u32 },
    #[error(
        "{file} failed{at}: {message}\n  the database and the history table are as they were before this file{nontx}"
    )]
    Failed {
        file: String,
        at: String,
        message: String,
        nontx: String,
    },
    #[error("{0}")]
    Folder(String),
    /// The database is not what a baseline may record as migrated.
    #[error("{0}")]
    NotBaseline(String),
    #[error(
        "{count} migration(s) already applied to tier `{tier}`: a baseline is only recorded on a database schemac has not migrated yet"
    )]
    HasHistory { tier: String, count: usize },
}

/// The advisory lock key of a tier: 64 bits of SHA-256 of its name.
pub fn lock_key(tier: &str) -> i64 {
    let d = Sha256::digest(format!("schemac apply {tier}").as_bytes());
    i64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

// Advisory locks are per database: without the `database` filter an apply of
// the same tier in another database on the server would be named as holder.
const HOLDER: &str = r#"
SELECT format('pid %s (application %L, user %s%s, since %s)', a.pid, a.application_name, a.usename,
              coalesce(' from ' || host(a.client_addr), ''), to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'))
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND l.classid = (($1::int8 >> 32) & 4294967295)::oid AND l.objid = ($1::int8 & 4294967295)::oid
 ORDER BY a.backend_start, a.pid
 LIMIT 1"#;

/// The history table's qualified, quoted name.
pub(crate) fn history_name(opts: &Options) -> String {
    format!(
        "{}.{}",
        quote_ident(opts.history_schema),
        quote_ident(opts.history_table)
    )
}

/// Create the history table (and its schema) unless it exists. Existence is
/// checked first: `CREATE … IF NOT EXISTS` still demands the privilege to
/// create, which a deploy role writing to a history table made for it lacks.
pub(crate) fn ensure_history(
    client: &mut impl postgres::GenericClient,
    opts: &Options,
) -> Result<(), PgError> {
    let exists: bool = client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&history_name(opts)])
        .map_err(PgError::query("history table"))?
        .get(0);
    if exists {
        return Ok(());
    }
    let schema_exists: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)",
            &[&opts.history_schema],
        )
        .map_err(PgError::query("history schema"))?
        .get(0);
    let mut sql = String::new();
    if !schema_exists {
        sql.push_str(&format!(
            "CREATE SCHEMA IF NOT EXISTS {};\n",
            quote_ident(opts.history_schema)
        ));
    }
    sql.push_str(&history_ddl(opts));
    client.batch_execute(&sql).map_err(history_error(opts))
}

fn history_ddl(opts: &Options) -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {t} (
    tier text NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    transactional boolean NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    duration_ms bigint NOT NULL,
    applied_by text NOT NULL DEFAULT current_user,
    schemac_version text NOT NULL,
    PRIMARY KEY (tier, version)
);
COMMENT ON TABLE {t} IS 'Migrations applied by schemac apply, one row per file.';",
        t = history_name(opts)
    )
}

/// A failure creating the history table, with what to do when the role may
/// not create it (PostgreSQL 15 no longer lets every role create in `public`).
fn history_error<'o>(opts: &'o Options<'o>) -> impl Fn(postgres::Error) -> PgError + 'o {
    move |e| {
        let mut message = super::describe(&e);
        if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
            message.push_str(&format!(
                "\n  hint: the role needs CREATE on schema {s} (GRANT CREATE ON SCHEMA {s} TO …), or \
                 point `migrations.history_table` at a schema it may create in, e.g. `schemac.history`",
                s = quote_ident(opts.history_schema)
            ));
        }
        PgError::Query {
            what: format!("creating the history table {}", history_name(opts)),
            message,
        }
    }
}

/// The history row of one file.
pub(crate) struct Record<'a> {
    pub file: &'a MigrationFile,
    pub checksum: &'a str,
    pub transactional: bool,
    pub duration_ms: i64,
    /// The schemac version, and how the file got there.
    pub by: &'a str,
}

pub(crate) fn record(
    client: &mut impl postgres::GenericClient,
    opts: &Options,
    r: &Record,
) -> Result<(), PgError> {
    record_as(
        client,
        opts,
        r,
        i32::try_from(r.file.version).unwrap_or(i32::MAX),
    )
}

/// Write a history row under `version` (a repair's is below 1).
pub(crate) fn record_as(
    client: &mut impl postgres::GenericClient,
    opts: &Options,
    r: &Record,
    version: i32,
) -> Result<(), PgError> {
    client
        .execute(
            &format!(
                "INSERT INTO {} (tier, version, name, checksum, transactional, duration_ms, schemac_version) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                history_name(opts)
            ),
            &[
                &opts.tier,
                &version,
                &r.file.name,
                &r.checksum,
                &r.transactional,
                &r.duration_ms,
                &r.by,
            ],
        )
        .map(drop)
        .map_err(PgError::query("recording the migration"))
}

/// The migrations already recorded for `tier`: (version, name, checksum).
/// Repairs (recorded under versions below 1) are not migrations.
pub fn history(client: &mut Client, opts: &Options) -> Result<Vec<(u32, String, String)>, PgError> {
    let table = history_name(opts);
    let exists: bool = client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])
        .map_err(PgError::query("history table"))?
        .get(0);
    if !exists {
        return Ok(Vec::new());
    }
    Ok(client
        .query(
            &format!(
                "SELECT version, name, checksum FROM {table} WHERE tier = $1 AND version > 0 ORDER BY version"
            ),
            &[&opts.tier],
        )
        .map_err(PgError::query("history"))?
        .iter()
        .map(|r| (r.get::<_, i32>(0).max(0) as u32, r.get(1), r.get(2)))
        .collect())
}

/// Take the tier's advisory lock, waiting up to `wait`.
pub(crate) fn lock(
    client: &mut Client,
    tier: &str,
    wait: Option<Duration>,
) -> Result<(), ApplyError> {
    let key = lock_key(tier);
    let start = Instant::now();
    loop {
        let got: bool = client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&key])
            .map_err(PgError::query("advisory lock"))?
            .get(0);
        if got {
            return Ok(());
        }
        match wait {
            Some(w) if start.elapsed() < w => std::thread::sleep(Duration::from_millis(250)),
            _ => {
                let holder: Option<String> = client
                    .query_opt(HOLDER, &[&key])
                    .map_err(PgError::query("lock holder"))?
                    .map(|r| r.get(0));
                return Err(ApplyError::Locked {
                    tier: tier.to_string(),
                    holder: holder.unwrap_or_else(|| "a session that just finished".into()),
                });
            }
        }
    }
}

/// Apply the pending up files of `folder`. `on_file` is told of each file
/// before it runs (for progress).
pub fn apply(
    client: &mut Client,
    folder: &Folder,
    opts: &Options,
    mut on_file: impl FnMut(&MigrationFile),
) -> Result<Vec<Applied>, ApplyError> {
    under_lock(client, folder, opts, |client| {
        run(client, folder, opts, &mut on_file)
    })
}

/// Verify the folder, then run `work` holding the tier's advisory lock.
pub(crate) fn under_lock<T, E: From<ApplyError>>(
    client: &mut Client,
    folder: &Folder,
    opts: &Options,
    work: impl FnOnce(&mut Client) -> Result<T, E>,
) -> Result<T, E> {
    let problems = folder
        .verify()
        .map_err(|e| ApplyError::Folder(e.to_string()))?;
    if let Some(p) = problems.first() {
        return Err(ApplyError::Folder(format!("{}\n  hint: {}", p.describe(), p.hint())).into());
    }
    lock(client, opts.tier, opts.wait)?;
    let result = work(client);
    let _ = client.query_one("SELECT pg_advisory_unlock($1)", &[&lock_key(opts.tier)]);
    result
}

/// Record every up file of `folder` as applied without running it: for a
/// database that already has the schema they build (one adopted with
/// `inspect`). Under the tier's lock, `matches` proves the database is what
/// the files build (an error explains how it is not); a tier with history is
/// refused, and all files are recorded in one transaction.
pub fn baseline(
    client: &mut Client,
    folder: &Folder,
    opts: &Options,
    matches: impl FnOnce(&mut Client) -> Result<(), String>,
) -> Result<Vec<Applied>, ApplyError> {
    under_lock(client, folder, opts, |client| {
        matches(client).map_err(ApplyError::NotBaseline)?;
        record_baseline(client, folder, opts)
    })
}

pub(crate) fn record_baseline(
    client: &mut Client,
    folder: &Folder,
    opts: &Options,
) -> Result<Vec<Applied>, ApplyError> {
    let done = history(client, opts)?;
    if !done.is_empty() {
        return Err(ApplyError::HasHistory {
            tier: opts.tier.to_string(),
            count: done.len(),
        });
    }
    let mut out = Vec::new();
    let mut rows = Vec::new();
    for f in folder.files.iter().filter(|f| f.up) {
        let bytes = std::fs::read(&f.path)
            .map_err(|e| ApplyError::Folder(format!("cannot read {}: {e}", f.path.display())))?;
        let transactional = script::transactional(&String::from_utf8_lossy(&bytes));
        rows.push((f, hash(&bytes), transactional));
        out.push(Applied::not_run(f, transactional));
    }
    if opts.dry_run {
        return Ok(out);
    }
    let mut tx = client.transaction().map_err(PgError::query("begin"))?;
    ensure_history(&mut tx, opts)?;
    let by = format!("{} (baseline)", env!("CARGO_PKG_VERSION"));
    for (file, checksum, transactional) in &rows {
        let r = Record {
            file,
            checksum,
            transactional: *transactional,
            duration_ms: 0,
            by: &by,
        };
        record(&mut tx, opts, &r)?;
    }
    tx.commit().map_err(PgError::query("commit"))?;
    Ok(out)
}

fn run(
    client: &mut Client,
    folder: &Folder,
    opts: &Options,
    on_file: &mut impl FnMut(&MigrationFile),
) -> Result<Vec<Applied>, ApplyError> {
    if !opts.dry_run {
        ensure_history(client, opts)?;
    }
    let done = history(client, opts)?;
    let newest = done.iter().map(|(v, _, _)| *v).max().unwrap_or(0);
    let mut out = Vec::new();
    for f in folder.files.iter().filter(|f| f.up) {
        let bytes = std::fs::read(&f.path)
            .map_err(|e| ApplyError::Folder(format!("cannot read {}: {e}", f.path.display())))?;
        let checksum = hash(&bytes);
        if let Some((_, name, recorded)) = done.iter().find(|(v, _, _)| *v == f.version) {
            if *name != f.name {
                return Err(ApplyError::Conflict {
                    version: f.version,
                    applied: name.clone(),
                    file: f.file.clone(),
                });
            }
            if *recorded != checksum {
                return Err(ApplyError::Edited {
                    file: f.file.clone(),
                    recorded: recorded.clone(),
                    current: checksum,
                });
            }
            continue;
        }
        if f.version < newest {
            return Err(ApplyError::OutOfOrder {
                file: f.file.clone(),
                newest,
            });
        }
        let sql = String::from_utf8_lossy(&bytes).to_string();
        let transactional = script::transactional(&sql);
        on_file(f);
        if opts.dry_run {
            out.push(Applied::not_run(f, transactional));
            continue;
        }
        let started = Instant::now();
        let row = |ms: u128| Record {
            file: f,
            checksum: &checksum,
            transactional,
            duration_ms: i64::try_from(ms).unwrap_or(i64::MAX),
            by: env!("CARGO_PKG_VERSION"),
        };
        let fail = |at: String, e: &postgres::Error, nontx: bool| ApplyError::Failed {
            file: f.file.clone(),
            at,
            message: super::describe(e),
            nontx: if nontx {
                "\n  (it runs outside a transaction: statements before the failing one stay done; each is safe to run again, so fix the cause and apply again)".into()
            } else {
                String::new()
            },
        };
        if transactional {
            let mut tx = client.transaction().map_err(PgError::query("begin"))?;
            if let Err(e) = script::execute(&mut tx, &sql) {
                let _ = tx.rollback();
                return Err(fail(String::new(), &e, false));
            }
            record(&mut tx, opts, &row(started.elapsed().as_millis()))?;
            tx.commit()
                .map_err(|e| fail(" at commit".into(), &e, false))?;
        } else {
            for (i, statement) in script::statements(&sql).iter().enumerate() {
                client.batch_execute(statement).map_err(|e| {
                    fail(
                        format!(" at statement {} (`{}`)", i + 1, first_line(statement)),
                        &e,
                        true,
                    )
                })?;
            }
            record(client, opts, &row(started.elapsed().as_millis()))?;
        }
        out.push(Applied {
            version: f.version,
            file: f.file.clone(),
            transactional,
            duration_ms: started.elapsed().as_millis(),
            ran: true,
        });
    }
    Ok(out)
}

pub(crate) fn first_line(statement: &str) -> String {
    let line = statement
        .lines()
        .find(|l| !l.trim().starts_with("--"))
        .unwrap_or_default()
        .trim();
    line.chars().take(80).collect()
}
