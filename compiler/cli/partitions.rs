//! `schemac partitions [DIR] --db URL`: time-window upkeep, safe from cron.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Out, PlanFormat, db};
use crate::model::calendar::Date;
use crate::pg;
use crate::plan::Step;
use crate::plan::upkeep;
use crate::render::{Header, Renderer};

/// Keep time-window partitions current: create the windows from the oldest
/// one retention keeps up to `premake` windows ahead of today (with their
/// RLS and policies), detach windows past retention, and with --drop drop
/// windows detached before. Running it twice changes nothing.
///
/// Examples:
///   schemac partitions --db postgres://ops@db --dry-run
///   schemac partitions --db queue=postgres://ops@db/pm_queue --drop
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Project directory (holds schemac.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// `URL` for every tier or `TIER=URL`; repeatable. Without a value, url_env or DATABASE_URL.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "", required = true)]
    db: Vec<String>,
    /// Only this tier (repeatable).
    #[arg(long)]
    tier: Vec<String>,
    /// Drop windows past retention after detaching them (data is deleted).
    #[arg(long)]
    drop: bool,
    /// Show the statements; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// The day to plan for (YYYY-MM-DD; default today in UTC, or SCHEMAC_TODAY).
    #[arg(long)]
    today: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    format: PlanFormat,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let Some(loaded) = super::loaded_or_report(&args.dir, out)? else {
        return Ok(ExitCode::FAILURE);
    };
    let project = &loaded.project;
    let today = match &args.today {
        Some(t) => Date::parse(t)
            .ok_or_else(|| CliError::Message(format!("--today {t}: expected YYYY-MM-DD")))?,
        None => pg::today(),
    };
    let renderer = Renderer::for_project(project);
    let mut report = Vec::new();
    for (tier, mut target) in db::targets(project, &args.db, &args.tier)? {
        if !tier
            .schema
            .tables
            .iter()
            .any(|t| t.partitioning.as_ref().is_some_and(|p| p.window.is_some()))
        {
            continue;
        }
        target
            .config
            .application_name(&format!("schemac partitions ({})", tier.name));
        let mut client = pg::connect(&target)?;
        let schema = tier.schema.name.as_str();
        let live =
            pg::introspect::schema(&mut client, schema, project.migrations.history_in(schema))?;
        let work = upkeep::plan(&tier.schema, &live, today, args.drop);
        for u in &work {
            let steps: Vec<Step> = u
                .changes
                .iter()
                .map(|c| Step {
                    change: c.clone(),
                    transactional: true,
                    boundary_before: false,
                    lock: None,
                    hazards: Vec::new(),
                    notes: Vec::new(),
                })
                .collect();
            renderer.place(&tier.schema, &tier.schema);
            let header = Header {
                title: format!(
                    "schemac partitions {today} — tier {} table {}",
                    tier.name, u.table
                ),
                transactional: true,
                lock_timeout: project.migrations.lock_timeout.clone(),
                statement_timeout: project.migrations.statement_timeout.clone(),
                search_path: tier.schema.search_path(&[]),
                citus: tier.schema.citus,
                sequential: true,
            };
            let sql = renderer
                .migration(&header, &steps, schema)
                .map_err(|e| CliError::Message(e.to_string()))?;
            if args.dry_run {
                if args.format == PlanFormat::Text {
                    out.write(&format!("-- tier {} table {}\n{sql}\n", tier.name, u.table))?;
                }
                continue;
            }
            let mut tx = client.transaction().map_err(pg::PgError::query("begin"))?;
            pg::script::execute(&mut tx, &sql).map_err(|e| {
                CliError::Message(format!(
                    "tier `{}`, table `{}`: {}",
                    tier.name,
                    u.table,
                    pg::describe(&e)
                ))
            })?;
            tx.commit().map_err(pg::PgError::query("commit"))?;
        }
        report.push((tier.name.to_string(), work));
    }
    match args.format {
        PlanFormat::Json => {
            let json: Vec<serde_json::Value> = report
                .iter()
                .map(|(t, w)| serde_json::json!({ "tier": t, "today": today.to_string(), "dry_run": args.dry_run, "tables": w }))
                .collect();
            out.write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            ))?;
        }
        PlanFormat::Text => {
            let verb = |done: &str, would: &str| {
                if args.dry_run {
                    would.to_string()
                } else {
                    done.to_string()
                }
            };
            let mut any = false;
            for (tier, work) in &report {
                for u in work {
                    any = true;
                    for (list, done, would) in [
                        (&u.created, "created", "would create"),
                        (&u.detached, "detached", "would detach"),
                        (&u.dropped, "dropped", "would drop"),
                    ] {
                        for name in list {
                            out.write(&format!("tier {tier}: {} {name}\n", verb(done, would)))?;
                        }
                    }
                }
            }
            if !any {
                out.write(&format!("partitions are current for {today}\n"))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
