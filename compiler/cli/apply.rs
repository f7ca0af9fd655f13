//! `schemac apply [DIR] --db URL`: run pending migrations, in order, once.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::{CliError, Out, PlanFormat, db};
use crate::emit::{self, folder};
use crate::pg::{self, apply};

/// Apply the pending migrations of each tier: in version order, each file in
/// one transaction with its history row (unless it is marked to run outside
/// one), under an advisory lock so two deploys never apply the same file.
/// Refuses to run when an applied file was edited.
///
/// Examples:
///   schemac apply --db postgres://deploy@db/pm_oltp --tier oltp
///   schemac apply --db postgres://deploy@db --dry-run
///   DATABASE_URL=postgres://deploy@db/shop schemac apply --db
///   schemac apply --db postgres://deploy@db/legacy --baseline
///   schemac apply --db postgres://deploy@db/shop --plan plan.json
///   schemac apply --db postgres://deploy@db/shop --prove
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
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
    /// Show what would run; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Wait up to this many seconds for another apply to finish.
    #[arg(long, value_name = "SECONDS")]
    wait: Option<u64>,
    /// Record every emitted migration as applied without running it, for a
    /// database that already has the schema (adopted with `inspect`). Only
    /// when the tier has no history, the YAML has nothing left to emit, and
    /// the live database matches the YAML exactly.
    #[arg(long, conflicts_with = "plan")]
    baseline: bool,
    /// Run a reviewed plan written by `schemac plan --db … --out FILE`
    /// instead of the migrations: refused if the database changed since.
    #[arg(long, value_name = "FILE")]
    plan: Option<PathBuf>,
    /// With --plan: allow a data-loss hazard code (repeatable), e.g. H102.
    #[arg(long = "allow-hazard", value_name = "CODE", requires = "plan")]
    allow_hazard: Vec<String>,
    /// First run what would be applied on a scratch copy of each database
    /// (same server, a few seeded rows per table; needs CREATEDB); apply
    /// nothing unless every proof passes.
    #[arg(long, conflicts_with = "baseline")]
    prove: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    format: PlanFormat,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    if let Some(plan) = &args.plan {
        return super::reviewed::apply_plan(
            super::reviewed::ApplyPlan {
                dir: &args.dir,
                plan,
                db: &args.db,
                tiers: &args.tier,
                dry_run: args.dry_run,
                wait: args.wait,
                allow_hazard: &args.allow_hazard,
                format: args.format,
                prove: args.prove,
            },
            out,
        );
    }
    let loaded = if args.baseline {
        match super::loaded_or_report(&args.dir, out)? {
            Some(l) => l,
            None => return Ok(ExitCode::FAILURE),
        }
    } else {
        crate::load::project(&args.dir)?
    };
    let project = &loaded.project;
    let renderer = crate::render::Renderer::for_project(project);
    if project.tiers.is_empty() {
        return Err(CliError::Message(format!(
            "no schemac.yaml with tiers in {}",
            args.dir.display()
        )));
    }
    if args.prove && !args.dry_run {
        let mut failed = false;
        for (tier, target) in db::targets(project, &args.db, &args.tier)? {
            if let Some(proof) = super::prove::migrations(project, tier, &target, &renderer)? {
                let report = super::prove::text(tier.name.as_str(), &proof);
                match args.format {
                    PlanFormat::Text => out.write(&report)?,
                    PlanFormat::Json => out.note(&report)?,
                }
                failed |= !proof.ok;
            }
        }
        if failed {
            return Err(CliError::Message(
                "the proof failed: nothing was applied".into(),
            ));
        }
    }
    let mut report = Vec::new();
    for (tier, mut target) in db::targets(project, &args.db, &args.tier)? {
        target
            .config
            .application_name(&format!("schemac apply ({})", tier.name));
        if target.looks_like_pooler() {
            out.note(&format!(
                "warning: {} looks like a connection pooler; in transaction mode a session advisory lock does not hold — apply through a direct connection\n",
                target.shown
            ))?;
        }
        let dir = emit::tier_dir(project, tier);
        let folder = folder::read(&dir).map_err(emit::EmitError::from)?;
        let pending = folder.files.iter().filter(|f| f.up).count();
        let mut client = pg::connect(&target)?;
        super::db::require_roles(&mut client, project, tier, &loaded.sources)?;
        super::db::refuse_bypassing_grants(&mut client, project, tier)?;
        if project.tenancy.is_some() {
            super::db::warn_about_role(&mut client, tier, out)?;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(pending as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_prefix(format!("tier {}", tier.name));
        let opts = apply::Options {
            tier: tier.name.as_str(),
            history_schema: &project.migrations.history_schema,
            history_table: &project.migrations.history_table,
            dry_run: args.dry_run,
            wait: args.wait.map(Duration::from_secs),
        };
        let result = if args.baseline {
            bar.finish_and_clear();
            apply::baseline(&mut client, &folder, &opts, |client| {
                baseline_matches(project, tier, &renderer, client)
            })
        } else {
            apply::apply(&mut client, &folder, &opts, |f| {
                bar.set_message(f.file.clone());
                bar.inc(1);
            })
        };
        bar.finish_and_clear();
        let applied =
            result.map_err(|e| CliError::Message(format!("tier `{}`: {e}", tier.name)))?;
        report.push((tier.name.to_string(), target.shown.clone(), applied));
    }
    match args.format {
        PlanFormat::Json => {
            let json: Vec<serde_json::Value> = report
                .iter()
                .map(|(t, db, a)| serde_json::json!({ "tier": t, "database": db, "dry_run": args.dry_run, "files": a }))
                .collect();
            out.write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            ))?;
        }
        PlanFormat::Text => {
            for (tier, db, applied) in &report {
                if applied.is_empty() {
                    out.write(&format!("tier {tier} ({db}): up to date\n"))?;
                    if let Some(n) = unemitted(project, tier, &renderer) {
                        out.write(&format!(
                            "tier {tier}: the YAML has {n} change(s) not emitted yet, so not applied: run `schemac emit`, commit the migration, then apply\n"
                        ))?;
                    }
                }
                for a in applied {
                    let mode = if a.transactional {
                        ""
                    } else {
                        ", outside a transaction"
                    };
                    if args.baseline {
                        let verb = if args.dry_run {
                            "would record"
                        } else {
                            "recorded"
                        };
                        out.write(&format!(
                            "tier {tier}: {verb} {} as applied (baseline, not run)\n",
                            a.file
                        ))?;
                    } else if a.ran {
                        out.write(&format!(
                            "tier {tier}: applied {} ({} ms{mode})\n",
                            a.file, a.duration_ms
                        ))?;
                    } else {
                        out.write(&format!("tier {tier}: would apply {}{mode}\n", a.file))?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Changes in the YAML that no emitted migration holds yet.
fn unemitted(
    project: &crate::model::Project,
    tier: &str,
    renderer: &crate::render::Renderer,
) -> Option<usize> {
    let tier = project.tier(tier)?;
    let plan = emit::plan_tier(project, tier, renderer, None).ok()?;
    let n = plan.plan.steps.len();
    (n > 0).then_some(n)
}

/// A baseline records migrations without running them, so it must be true
/// that the database already is what they build: nothing left to emit, and
/// no difference between the live schema and the YAML. Run under the tier's
/// lock, so no apply changes the database between this proof and the record.
fn baseline_matches(
    project: &crate::model::Project,
    tier: &crate::model::Tier,
    renderer: &crate::render::Renderer,
    client: &mut postgres::Client,
) -> Result<(), String> {
    let pending = emit::plan_tier(project, tier, renderer, None).map_err(|e| e.to_string())?;
    if !pending.plan.steps.is_empty() {
        return Err(
            "the YAML has changes not emitted yet; run `schemac emit` first, so the baseline covers them"
                .into(),
        );
    }
    let pg::Live { live, desired, .. } =
        pg::live_and_desired(client, None, None, tier, project, renderer)
            .map_err(|e| e.to_string())?;
    let drift = crate::diff::between(&live, &desired);
    if !drift.is_empty() {
        let shown: Vec<String> = drift
            .iter()
            .take(10)
            .map(|c| format!("  {} {}", c.sign(), c.subject()))
            .collect();
        return Err(format!(
            "the database differs from the YAML in {} way(s), so the migrations cannot be recorded as applied:\n{}{}\n  hint: `schemac plan --db` shows the statements; fix the YAML (or the database) until it reports no changes",
            drift.len(),
            shown.join("\n"),
            if drift.len() > 10 { "\n  …" } else { "" }
        ));
    }
    Ok(())
}
