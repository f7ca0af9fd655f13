//! `schemac rollback [DIR] --db URL (--to VERSION | --steps N)`: run the down
//! files of the newest applied migrations, newest first.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::{CliError, Out, PlanFormat, db};
use crate::emit::{self, folder};
use crate::pg::{self, apply, rollback};

/// Roll back applied migrations of each tier: run their down files newest
/// first, each in one transaction with the removal of its history row
/// (statement by statement when it is marked to run outside one), under the
/// advisory lock apply takes. Refuses when a down file is missing or was
/// edited, when an applied up file changed since it ran, and when a down
/// loses data (dropping a column or table the up created) unless that hazard
/// is allowed. The migration files stay: a later apply runs them again.
///
/// Examples:
///   schemac rollback --db postgres://deploy@db/shop --steps 1
///   schemac rollback --db postgres://deploy@db/shop --to 3 --dry-run
///   schemac rollback --db app=postgres://deploy@db/shop --to 0 --allow-hazard H101
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[command(group(clap::ArgGroup::new("until").required(true).args(["to", "steps"])))]
pub struct Args {
    /// Project directory (holds schemac.yaml and migrations/).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// `URL` for every tier (each on its own database of that server) or
    /// `TIER=URL`; repeatable. Without a value, url_env or DATABASE_URL.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "", required = true)]
    db: Vec<String>,
    /// Only this tier (repeatable).
    #[arg(long)]
    tier: Vec<String>,
    /// Keep the migrations up to this version and roll back every later one
    /// (0 rolls back all).
    #[arg(long, value_name = "VERSION")]
    to: Option<u32>,
    /// Roll back this many of the newest applied migrations.
    #[arg(long, value_name = "N")]
    steps: Option<u32>,
    /// Show what would run; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Wait up to this many seconds for an apply or rollback to finish.
    #[arg(long, value_name = "SECONDS")]
    wait: Option<u64>,
    /// Allow a data-loss hazard of a down file (repeatable), e.g. H102.
    #[arg(long = "allow-hazard", value_name = "CODE")]
    allow_hazard: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    format: PlanFormat,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let loaded = crate::load::project(&args.dir)?;
    let project = &loaded.project;
    if project.tiers.is_empty() {
        return Err(CliError::Message(format!(
            "no schemac.yaml with tiers in {}",
            args.dir.display()
        )));
    }
    let until = match (args.to, args.steps) {
        (Some(v), _) => rollback::Until::Version(v),
        (None, Some(n)) => rollback::Until::Steps(n),
        (None, None) => return Err(CliError::Message("pass --to VERSION or --steps N".into())),
    };
    let allowed: Vec<&str> = project
        .migrations
        .allow_hazards
        .iter()
        .chain(args.allow_hazard.iter())
        .map(String::as_str)
        .collect();
    let mut report = Vec::new();
    for (tier, mut target) in db::targets(project, &args.db, &args.tier)? {
        target
            .config
            .application_name(&format!("schemac rollback ({})", tier.name));
        let dir = emit::tier_dir(project, tier);
        let folder = folder::read(&dir).map_err(emit::EmitError::from)?;
        let mut client = pg::connect(&target)?;
        let opts = apply::Options {
            tier: tier.name.as_str(),
            history_schema: &project.migrations.history_schema,
            history_table: &project.migrations.history_table,
            dry_run: args.dry_run,
            wait: args.wait.map(Duration::from_secs),
        };
        let done = rollback::rollback(&mut client, &folder, &opts, until, &allowed, |f| {
            if !args.dry_run && matches!(args.format, PlanFormat::Text) {
                let _ = out.note(&format!("tier {}: rolling back {}\n", tier.name, f.file));
            }
        })
        .map_err(|e| CliError::Message(format!("tier `{}`: {e}", tier.name)))?;
        report.push((tier.name.to_string(), target.shown.clone(), done));
    }
    match args.format {
        PlanFormat::Json => {
            let json: Vec<serde_json::Value> = report
                .iter()
                .map(|(t, db, r)| serde_json::json!({ "tier": t, "database": db, "dry_run": args.dry_run, "files": r }))
                .collect();
            out.write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            ))?;
        }
        PlanFormat::Text => {
            for (tier, db, done) in &report {
                if done.is_empty() {
                    out.write(&format!("tier {tier} ({db}): nothing to roll back\n"))?;
                }
                for r in done {
                    let mode = if r.transactional {
                        ""
                    } else {
                        ", outside a transaction"
                    };
                    if r.ran {
                        out.write(&format!(
                            "tier {tier}: rolled back {} ({} ms{mode})\n",
                            r.file, r.duration_ms
                        ))?;
                    } else {
                        out.write(&format!("tier {tier}: would roll back {}{mode}\n", r.file))?;
                    }
                    for h in &r.hazards {
                        out.write(&format!("  ! {h}\n"))?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
