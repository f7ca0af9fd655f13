//! Repairing drift from a reviewed plan: the files of one tier of a plan
//! file, run on the database it was computed against and on no other. Under
//! the advisory lock `apply` takes, the newest applied migration and the
//! fingerprint of the live schema must be those the plan recorded; then each
//! file runs as `apply` runs a migration, recorded in the history table as a
//! repair (under a version below 1, which no migration file has). A file
//! that would take an object the project does not manage with it (a trigger
//! or a grant on a table it recreates) is rolled back. Afterwards the
//! database is read again and compared with the plan's target.

use std::time::Instant;

use postgres::Client;

use super::apply::{self, ApplyError, Options, Record};
use super::{PgError, fingerprint, script};
use crate::emit::folder::{Folder, MigrationFile, hash};
use crate::emit::plan_file::TierFile;
use crate::render::Renderer;

/// What happened to one file of the plan.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Repaired {
    pub file: String,
    pub transactional: bool,
    pub duration_ms: u128,
    /// False in a dry run.
    pub ran: bool,
}

/// The outcome of a repair.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    pub files: Vec<Repaired>,
    /// What still differs from the plan's target afterwards (empty: converged).
    pub residual: Vec<String>,
    /// Migrations recorded as applied once the database matched (a tier
    /// that had no history).
    pub baselined: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RepairError {
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error(
        "the database changed since the plan was made: its schema has fingerprint {now}, the plan was computed against {planned}\n  hint: run `schemac plan --db … --out` again and review the new plan"
    )]
    Changed { planned: String, now: String },
    #[error(
        "migrations ran since the plan was made (newest applied: {now:04}, when planned: {planned:04})\n  hint: run `schemac plan --db … --out` again and review the new plan"
    )]
    Migrated { planned: u32, now: u32 },
    #[error(
        "{file} would drop {} object(s) the project does not manage, so it was {}:\n{}\n  hint: keep them out of the way of the plan (or declare them in the YAML), then run `schemac plan --db … --out` again",
        lost.len(),
        if *transactional { "rolled back" } else { "stopped (it ran outside a transaction: its statements stay done)" },
        lost.iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
    )]
    DropsUnmanaged {
        file: String,
        transactional: bool,
        lost: Vec<String>,
    },
    #[error(
        "the migration folder changed since the plan was made, so its migrations cannot be recorded as applied\n  hint: run `schemac plan --db … --out` again"
    )]
    FolderChanged,
}

impl From<PgError> for RepairError {
    fn from(e: PgError) -> Self {
        RepairError::Apply(ApplyError::Pg(e))
    }
}

/// Run the plan of one tier. `folder` is the tier's migration folder (for
/// the lock's checks and a baseline), `history` the history table
/// introspection leaves out.
pub fn repair(
    client: &mut Client,
    plan: &TierFile,
    folder: &Folder,
    opts: &Options,
    history: &str,
    renderer: &Renderer,
) -> Result<Outcome, RepairError> {
    apply::under_lock(client, folder, opts, |client| {
        let applied = apply::history(client, opts)?
            .iter()
            .map(|(v, _, _)| *v)
            .max()
            .unwrap_or(0);
        if applied != plan.applied {
            return Err(RepairError::Migrated {
                planned: plan.applied,
                now: applied,
            });
        }
        let live = fingerprint::live(client, &plan.desired, history, renderer)?;
        let unmanaged = fingerprint::unmanaged(client, plan.desired.name.as_str())?;
        let now = fingerprint::of(&live, &unmanaged);
        if now != plan.fingerprint {
            return Err(RepairError::Changed {
                planned: plan.fingerprint.clone(),
                now,
            });
        }
        if plan.baseline && folder_hash(folder) != plan.folder {
            return Err(RepairError::FolderChanged);
        }
        let keep = Keep {
            schema: plan.desired.name.as_str(),
            objects: fingerprint::kept(client, &unmanaged, &[&live, &plan.desired])?,
        };
        let mut files = Vec::new();
        for f in &plan.files {
            let transactional = script::transactional(&f.up);
            if opts.dry_run {
                files.push(Repaired {
                    file: f.name.clone(),
                    transactional,
                    duration_ms: 0,
                    ran: false,
                });
                continue;
            }
            let started = Instant::now();
            run(client, opts, &f.name, &f.up, transactional, &keep)?;
            files.push(Repaired {
                file: f.name.clone(),
                transactional,
                duration_ms: started.elapsed().as_millis(),
                ran: true,
            });
        }
        if opts.dry_run {
            return Ok(Outcome {
                files,
                residual: Vec::new(),
                baselined: Vec::new(),
            });
        }
        let after = fingerprint::live(client, &plan.desired, history, renderer)?;
        let residual: Vec<String> = crate::diff::between(&after, &plan.desired)
            .iter()
            .map(|c| format!("{} {}", c.sign(), c.subject()))
            .collect();
        let mut baselined = Vec::new();
        if plan.baseline && residual.is_empty() {
            baselined = apply::record_baseline(client, folder, opts)?
                .into_iter()
                .map(|a| a.file)
                .collect();
        }
        Ok(Outcome {
            files,
            residual,
            baselined,
        })
    })
}

/// The unmanaged objects a repair must leave in place.
struct Keep<'a> {
    schema: &'a str,
    objects: Vec<String>,
}

impl Keep<'_> {
    /// Refuse when an object to keep is gone.
    fn check(
        &self,
        client: &mut impl postgres::GenericClient,
        file: &str,
        transactional: bool,
    ) -> Result<(), RepairError> {
        if self.objects.is_empty() {
            return Ok(());
        }
        let now = fingerprint::unmanaged(client, self.schema)?;
        let lost: Vec<String> = self
            .objects
            .iter()
            .filter(|o| !now.contains(o))
            .cloned()
            .collect();
        if lost.is_empty() {
            return Ok(());
        }
        Err(RepairError::DropsUnmanaged {
            file: file.to_string(),
            transactional,
            lost,
        })
    }
}

/// The hash of a folder's checksum file, as a plan records it.
pub fn folder_hash(folder: &Folder) -> Option<String> {
    std::fs::read(folder.dir.join(crate::emit::folder::SUM_FILE))
        .ok()
        .map(|b| hash(&b))
}

/// The next version a repair is recorded under: below every earlier one.
fn next_version(client: &mut impl postgres::GenericClient, opts: &Options) -> Result<i32, PgError> {
    let lowest: Option<i32> = client
        .query_one(
            &format!(
                "SELECT min(version) FROM {} WHERE tier = $1 AND version < 1",
                apply::history_name(opts)
            ),
            &[&opts.tier],
        )
        .map_err(PgError::query("history"))?
        .get(0);
    Ok(lowest.unwrap_or(0) - 1)
}

/// Run one file of the plan as `apply` runs a migration, with its history row.
fn run(
    client: &mut Client,
    opts: &Options,
    name: &str,
    sql: &str,
    transactional: bool,
    keep: &Keep,
) -> Result<(), RepairError> {
    let file = format!("{name}.up.sql");
    let fail = |at: String, e: &postgres::Error, nontx: bool| ApplyError::Failed {
        file: file.clone(),
        at,
        message: super::describe(e),
        nontx: if nontx {
            "\n  (it runs outside a transaction: statements before the failing one stay done)"
                .into()
        } else {
            String::new()
        },
    };
    let checksum = hash(sql.as_bytes());
    let by = format!("{} (repair)", env!("CARGO_PKG_VERSION"));
    let entry = MigrationFile {
        version: 0,
        name: format!("repair_{name}"),
        up: true,
        file: file.clone(),
        path: std::path::PathBuf::new(),
    };
    let started = Instant::now();
    let row = || Record {
        file: &entry,
        checksum: &checksum,
        transactional,
        duration_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
        by: &by,
    };
    if transactional {
        let mut tx = client.transaction().map_err(PgError::query("begin"))?;
        apply::ensure_history(&mut tx, opts)?;
        if let Err(e) = tx.batch_execute(sql) {
            let _ = tx.rollback();
            return Err(fail(String::new(), &e, false).into());
        }
        if let Err(e) = keep.check(&mut tx, &file, true) {
            let _ = tx.rollback();
            return Err(e);
        }
        let version = next_version(&mut tx, opts)?;
        apply::record_as(&mut tx, opts, &row(), version)?;
        tx.commit()
            .map_err(|e| fail(" at commit".into(), &e, false))?;
    } else {
        apply::ensure_history(client, opts)?;
        for (i, statement) in script::statements(sql).iter().enumerate() {
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
        keep.check(client, &file, false)?;
        let version = next_version(client, opts)?;
        apply::record_as(client, opts, &row(), version)?;
    }
    Ok(())
}
