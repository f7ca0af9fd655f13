//! Rolling back: the down files of the newest applied migrations of one tier,
//! newest first, under the advisory lock `apply` takes. A transactional down
//! runs in one transaction with the deletion of its history row; a `transaction
//! off` down runs statement by statement and its row goes once all succeeded.
//! So the history table always lists exactly the migrations the schema holds,
//! and a later `apply` runs the rolled-back files again.

use std::time::Instant;

use postgres::Client;

use super::apply::{self, ApplyError, Options};
use super::{PgError, script};
use crate::emit::folder::{Folder, MigrationFile, hash};

/// How far back to go.
#[derive(Clone, Copy, Debug)]
pub enum Until {
    /// Keep migrations up to and including this version (0: roll back all).
    Version(u32),
    /// Roll back this many of the newest applied migrations.
    Steps(u32),
}

/// What happened to one migration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RolledBack {
    pub version: u32,
    /// The down file that ran (or would run).
    pub file: String,
    pub transactional: bool,
    pub duration_ms: u128,
    /// False in a dry run.
    pub ran: bool,
    /// Hazards the down file declares: `H102 dropping `t.c` deletes its values`.
    pub hazards: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RollbackError {
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error(
        "version {version:04} (`{name}`) is applied but the folder has no such migration\n  hint: check out the commit that has its files, then roll back"
    )]
    NotInFolder { version: u32, name: String },
    #[error(
        "{file} is missing: version {version:04} cannot be rolled back without it\n  hint: restore it from version control"
    )]
    MissingDown { version: u32, file: String },
    #[error(
        "rolling back loses data:\n{list}\nallow it with --allow-hazard CODE or `migrations: {{ allow_hazards: [CODE] }}` in schemac.yaml"
    )]
    Hazards { list: String },
}

impl From<PgError> for RollbackError {
    fn from(e: PgError) -> Self {
        RollbackError::Apply(ApplyError::Pg(e))
    }
}

/// One down to run: its file, text and the history row it removes.
struct Down<'f> {
    up: &'f MigrationFile,
    down: &'f MigrationFile,
    sql: String,
    transactional: bool,
    hazards: Vec<(String, String)>,
}

/// Roll back the migrations of `folder` newer than `until`, newest first.
/// `allowed` lists the data-loss hazard codes the user accepts.
pub fn rollback(
    client: &mut Client,
    folder: &Folder,
    opts: &Options,
    until: Until,
    allowed: &[&str],
    mut on_file: impl FnMut(&MigrationFile),
) -> Result<Vec<RolledBack>, RollbackError> {
    apply::under_lock(client, folder, opts, |client| {
        let downs = select(client, folder, opts, until)?;
        let refused: Vec<String> = downs
            .iter()
            .flat_map(|d| {
                d.hazards
                    .iter()
                    .filter(|(code, _)| {
                        crate::plan::hazards::loses_data(code) && !allowed.contains(&code.as_str())
                    })
                    .map(|(code, message)| format!("  {}: {code} {message}", d.down.file))
            })
            .collect();
        if !refused.is_empty() && !opts.dry_run {
            return Err(RollbackError::Hazards {
                list: refused.join("\n"),
            });
        }
        let mut out = Vec::new();
        for d in &downs {
            on_file(d.down);
            let hazards = d
                .hazards
                .iter()
                .map(|(c, m)| {
                    if crate::plan::hazards::loses_data(c) && !allowed.contains(&c.as_str()) {
                        format!("{c} {m} (needs --allow-hazard {c})")
                    } else {
                        format!("{c} {m}")
                    }
                })
                .collect();
            if opts.dry_run {
                out.push(RolledBack {
                    version: d.up.version,
                    file: d.down.file.clone(),
                    transactional: d.transactional,
                    duration_ms: 0,
                    ran: false,
                    hazards,
                });
                continue;
            }
            let started = Instant::now();
            run(client, opts, d)?;
            out.push(RolledBack {
                version: d.up.version,
                file: d.down.file.clone(),
                transactional: d.transactional,
                duration_ms: started.elapsed().as_millis(),
                ran: true,
                hazards,
            });
        }
        Ok(out)
    })
}

/// The downs to run, newest first, each checked against the history: the up
/// file that was applied is still the one in the folder, and its down exists.
fn select<'f>(
    client: &mut Client,
    folder: &'f Folder,
    opts: &Options,
    until: Until,
) -> Result<Vec<Down<'f>>, RollbackError> {
    let done = apply::history(client, opts)?;
    let chosen: Vec<&(u32, String, String)> = match until {
        Until::Version(v) => done.iter().rev().filter(|(x, _, _)| *x > v).collect(),
        Until::Steps(n) => done.iter().rev().take(n as usize).collect(),
    };
    let mut downs = Vec::new();
    for (version, name, recorded) in chosen {
        let Some(up) = folder
            .files
            .iter()
            .find(|f| f.up && f.version == *version && f.name == *name)
        else {
            return Err(match folder.files.iter().find(|f| f.version == *version) {
                Some(other) => ApplyError::Conflict {
                    version: *version,
                    applied: name.clone(),
                    file: other.file.clone(),
                }
                .into(),
                None => RollbackError::NotInFolder {
                    version: *version,
                    name: name.clone(),
                },
            });
        };
        let current = hash(&read(up)?);
        if current != *recorded {
            return Err(ApplyError::Edited {
                file: up.file.clone(),
                recorded: recorded.clone(),
                current,
            }
            .into());
        }
        let Some(down) = folder
            .files
            .iter()
            .find(|f| !f.up && f.version == *version && f.name == *name)
        else {
            return Err(RollbackError::MissingDown {
                version: *version,
                file: format!("{:04}_{name}.down.sql", version),
            });
        };
        let sql = String::from_utf8_lossy(&read(down)?).to_string();
        downs.push(Down {
            up,
            down,
            transactional: script::transactional(&sql),
            hazards: script::hazards(&sql),
            sql,
        });
    }
    Ok(downs)
}

fn read(f: &MigrationFile) -> Result<Vec<u8>, ApplyError> {
    std::fs::read(&f.path)
        .map_err(|e| ApplyError::Folder(format!("cannot read {}: {e}", f.path.display())))
}

const FORGET: &str = "DELETE FROM {table} WHERE tier = $1 AND version = $2";

/// Run one down and remove its history row: together in one transaction, or
/// statement by statement and then the row.
fn run(client: &mut Client, opts: &Options, d: &Down) -> Result<(), RollbackError> {
    let forget = FORGET.replace("{table}", &apply::history_name(opts));
    let version = i32::try_from(d.up.version).unwrap_or(i32::MAX);
    let fail = |at: String, e: &postgres::Error, nontx: bool| ApplyError::Failed {
        file: d.down.file.clone(),
        at,
        message: super::describe(e),
        nontx: if nontx {
            "\n  (it runs outside a transaction: statements before the failing one stay done; each is safe to run again, so fix the cause and roll back again)".into()
        } else {
            String::new()
        },
    };
    if d.transactional {
        let mut tx = client.transaction().map_err(PgError::query("begin"))?;
        if let Err(e) = tx.batch_execute(&d.sql) {
            let _ = tx.rollback();
            return Err(fail(String::new(), &e, false).into());
        }
        tx.execute(&forget, &[&opts.tier, &version])
            .map_err(PgError::query("removing the history row"))?;
        tx.commit()
            .map_err(|e| fail(" at commit".into(), &e, false))?;
    } else {
        for (i, statement) in script::statements(&d.sql).iter().enumerate() {
            client.batch_execute(statement).map_err(|e| {
                fail(
                    format!(
                        " at statement {} (`{}`)",
                        i + 1,
                        apply::first_line(statement)
                    ),
                    &e,
                    true,
                )
            })?;
        }
        client
            .execute(&forget, &[&opts.tier, &version])
            .map_err(PgError::query("removing the history row"))?;
    }
    Ok(())
}
