//! `schemac plan [DIR]`: what `emit` would write, with hazards and locks.

use std::path::PathBuf;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use serde_json::json;

use super::{CliError, Out, PlanFormat, loaded_or_report};
use crate::emit::{self, TierPlan};
use crate::render::Renderer;

/// Show the changes since the last emitted migration, per tier: a summary
/// (+ create, ~ alter, - drop), hazards and lock levels, then the SQL.
/// With --db, show what would make the live database match the YAML
/// instead (drift).
///
/// Exit status: 0 nothing to do, 2 changes pending (or drift), 1 error.
///
/// Examples:
///   schemac plan
///   schemac plan schemas/penguinmails --tier queue
///   schemac plan --format json | jq '.tiers[].files[].changes[].hazards'
///   schemac plan --db postgres://app@db/pm_oltp --tier oltp --check
///   schemac plan --db postgres://deploy@db/shop --out plan.json
///   schemac plan --db postgres://deploy@db/shop --prove
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Project directory (holds schemac.yaml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Only this tier (repeatable).
    #[arg(long)]
    pub tier: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    /// Plan against a live database: `URL` for every tier (each on its own
    /// database of that server) or `TIER=URL`; repeatable. Without a value,
    /// the tier's url_env or DATABASE_URL.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Vec<String>,
    /// Only report whether the database drifted (a summary, no SQL); exit 2 on drift.
    #[arg(long, requires = "db")]
    pub check: bool,
    /// Also write the plan to this file, with the fingerprint of the live
    /// schema, for `schemac apply --plan FILE` after review.
    #[arg(long, value_name = "FILE", requires = "db")]
    pub out: Option<PathBuf>,
    /// Before reporting, run the plan on a scratch copy of each database
    /// (same server, a few seeded rows per table; needs CREATEDB) and report
    /// whether it converges, rows kept, time taken and locks per statement;
    /// exit 1 when a proof fails.
    #[arg(long, requires = "db")]
    pub prove: bool,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let mut prefetched = if args.db.is_empty() {
        Default::default()
    } else {
        super::db::prefetch(&args.dir, &args.db, &args.tier)
    };
    let span = crate::timing::span("load and check the YAML");
    let Some(loaded) = loaded_or_report(&args.dir, out)? else {
        return Ok(ExitCode::FAILURE);
    };
    drop(span);
    let renderer = Renderer::for_project(&loaded.project);
    let mut plans = if args.db.is_empty() {
        plan_all(&loaded.project, &args.tier, None, &renderer)?
    } else {
        plan_live(
            &loaded.project,
            &loaded.sources,
            &args.db,
            &args.tier,
            &renderer,
            &mut prefetched,
            out,
        )?
    };
    let proofs = if args.prove {
        super::prove::live_plans(&loaded.project, &mut plans, &args.db, &args.tier, &renderer)?
    } else {
        Vec::new()
    };
    let proved = proofs.iter().all(|(_, p)| p.ok);
    if let Some(path) = args.out.as_ref().filter(|_| proved) {
        super::reviewed::write_plan(
            &loaded.project,
            &plans,
            &args.db,
            &args.tier,
            &renderer,
            path,
            out,
        )?;
    }
    match args.format {
        PlanFormat::Text if args.check => out.write(&summary(&plans))?,
        PlanFormat::Text => out.write(&text(&plans, &renderer)?)?,
        PlanFormat::Json => {
            let mut value = json(&plans, &renderer)?;
            for (tier, proof) in &proofs {
                if let Some(t) = value["tiers"]
                    .as_array_mut()
                    .and_then(|ts| ts.iter_mut().find(|t| t["tier"] == tier.as_str()))
                {
                    t["proof"] = json!(proof);
                }
            }
            out.write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            ))?
        }
    }
    if args.format == PlanFormat::Text {
        for (tier, proof) in &proofs {
            out.write(&format!("\n{}", super::prove::text(tier, proof)))?;
        }
    }
    if !proved {
        if let Some(path) = &args.out {
            out.note(&format!(
                "{} not written: the proof failed\n",
                path.display()
            ))?;
        }
        return Ok(ExitCode::FAILURE);
    }
    let changes = plans.iter().any(|p| !p.files.is_empty());
    Ok(ExitCode::from(if changes { 2 } else { 0 }))
}

/// Plan every selected tier.
pub fn plan_all<'p>(
    project: &'p crate::model::Project,
    only: &[String],
    name: Option<&str>,
    renderer: &Renderer,
) -> Result<Vec<TierPlan<'p>>, CliError> {
    if let Some(unknown) = only.iter().find(|t| project.tier(t).is_none()) {
        return Err(CliError::Message(format!("no tier named `{unknown}`")));
    }
    let tiers: Vec<&crate::model::Tier> = project
        .tiers
        .iter()
        .filter(|t| only.is_empty() || only.iter().any(|o| t.name == o.as_str()))
        .collect();
    // Tiers are independent: plan and render them on every core.
    let results: Vec<Result<TierPlan<'p>, emit::EmitError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = tiers
            .iter()
            .map(|tier| scope.spawn(move || emit::plan_tier(project, tier, renderer, name)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(emit::EmitError::Panicked)))
            .collect()
    });
    let mut plans = Vec::new();
    for r in results {
        plans.push(r?);
    }
    Ok(plans)
}

/// Plan every selected tier against its live database, with the live reads
/// started in `prefetched` (by tier name) where there is one.
pub fn plan_live<'p>(
    project: &'p crate::model::Project,
    sources: &crate::model::SourceMap,
    db: &[String],
    only: &[String],
    renderer: &Renderer,
    prefetched: &mut std::collections::HashMap<String, crate::pg::Prefetch>,
    out: &mut Out,
) -> Result<Vec<TierPlan<'p>>, CliError> {
    let mut plans = Vec::new();
    for (tier, target) in super::db::targets(project, db, only)? {
        out.note(&format!(
            "reading {} for tier {}\n",
            target.shown, tier.name
        ))?;
        let mut early = prefetched.remove(tier.name.as_str());
        let mut client = match (crate::pg::connect(&target), early.as_mut()) {
            (Ok(c), _) => c,
            // The early read may hold the role's only connection.
            (Err(_), Some(p)) => {
                p.finish();
                crate::pg::connect(&target)?
            }
            (Err(e), None) => return Err(e.into()),
        };
        super::db::require_roles(&mut client, project, tier, sources)?;
        super::db::refuse_bypassing_grants(&mut client, project, tier)?;
        if project.tenancy.is_some() {
            super::db::warn_about_role(&mut client, tier, out)?;
        }
        let crate::pg::Live {
            live,
            desired,
            unmanaged,
        } = crate::pg::live_and_desired(
            &mut client,
            Some(&target),
            early,
            tier,
            project,
            renderer,
        )?;
        let span = crate::timing::span("plan: diff, order, render");
        let mut plan = emit::plan_between(
            project,
            tier,
            renderer,
            Some("drift"),
            live,
            std::borrow::Cow::Owned(desired),
            0,
            emit::tier_dir(project, tier),
        )?;
        drop(span);
        let _span = crate::timing::span("plan: costs (table sizes)");
        super::reviewed::attach_costs(&mut client, &mut plan)?;
        // The database connected to, which may not be the configured one.
        if let Some(db) = target.database() {
            plan.database = db.to_string();
        }
        plan.unmanaged = unmanaged.into_iter().map(|u| u.0).collect();
        plans.push(plan);
    }
    Ok(plans)
}

/// `  unmanaged: 3 functions, 4 triggers (left as they are)`, or nothing.
fn unmanaged_line(p: &TierPlan) -> String {
    if p.unmanaged.is_empty() {
        return String::new();
    }
    let objects: Vec<crate::pg::unmanaged::Unmanaged> = p
        .unmanaged
        .iter()
        .map(|u| crate::pg::unmanaged::Unmanaged(u.clone()))
        .collect();
    format!(
        "  unmanaged: {} (not in the project; left as they are)\n",
        crate::pg::unmanaged::summary(&objects)
    )
}

/// One line per tier: in sync, or how many changes.
pub fn summary(plans: &[TierPlan]) -> String {
    let mut out = String::new();
    for p in plans {
        out.push_str(&unmanaged_line(p));
        if p.plan.steps.is_empty() {
            out.push_str(&format!(
                "tier {} (database {}): in sync\n",
                p.tier, p.database
            ));
        } else {
            out.push_str(&format!(
                "tier {} (database {}): drifted, {} change(s)\n",
                p.tier,
                p.database,
                p.plan.steps.len()
            ));
            for s in &p.plan.steps {
                out.push_str(&format!("  {} {}\n", s.change.sign(), s.change.subject()));
            }
        }
    }
    out
}

fn paint(style: Style, s: &str) -> String {
    format!("{style}{s}{style:#}")
}

pub fn text(plans: &[TierPlan], renderer: &Renderer) -> Result<String, CliError> {
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();
    let mut total = 0;
    for p in plans {
        let steps = &p.plan.steps;
        total += steps.len();
        let count = |c: char| steps.iter().filter(|s| s.change.sign() == c).count();
        out.push_str(&paint(
            bold,
            &format!("tier {} (database {})", p.tier, p.database),
        ));
        if steps.is_empty() {
            out.push_str(": up to date\n");
            out.push_str(&unmanaged_line(p));
            continue;
        }
        out.push_str(&format!(
            ": {} to create, {} to alter, {} to drop → {} migration file{}\n",
            count('+'),
            count('~'),
            count('-'),
            p.files.len(),
            if p.files.len() == 1 { "" } else { "s" }
        ));
        out.push_str(&unmanaged_line(p));
        for f in &p.files {
            out.push_str(&format!(
                "  {}{}\n",
                paint(dim, &format!("{}.up.sql", f.stem())),
                if f.transactional {
                    ""
                } else {
                    "  (outside a transaction)"
                }
            ));
            for (i, s) in p
                .plan
                .steps
                .iter()
                .enumerate()
                .take(f.steps.end)
                .skip(f.steps.start)
            {
                let (style, sign) = match s.change.sign() {
                    '+' => (green, "+"),
                    '-' => (red, "-"),
                    _ => (yellow, "~"),
                };
                let lock = s
                    .lock
                    .map(|l| paint(dim, &format!("  [{l}]")))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "    {} {}{lock}\n",
                    paint(style, sign),
                    s.change.subject()
                ));
                for h in &s.hazards {
                    out.push_str(&format!(
                        "      {} {}\n",
                        paint(red, &format!("! {} {}", h.code, h.name)),
                        h.message
                    ));
                }
                for n in &s.notes {
                    out.push_str(&format!("      {} {n}\n", paint(dim, "note:")));
                }
                if let Some(Some(c)) = p.costs.get(i) {
                    out.push_str(&format!("      {} {}\n", paint(yellow, "cost"), c.line()));
                }
            }
        }
    }
    for p in plans {
        for f in &p.files {
            out.push_str(&format!(
                "\n{}\n",
                paint(bold, &format!("-- {}/{}.up.sql", p.tier, f.stem()))
            ));
            out.push_str(&p.render(f, renderer)?.0);
        }
    }
    if total == 0 {
        out.push_str("no changes\n");
    } else {
        // The SQL above is long: end with what it amounts to and what to do.
        out.push_str(&format!("\n{}\n", paint(bold, "summary")));
        for p in plans.iter().filter(|p| !p.files.is_empty()) {
            out.push_str(&format!(
                "  tier {} (database {}): {} change(s) in {} file(s), {} hazard(s)\n",
                p.tier,
                p.database,
                p.plan.steps.len(),
                p.files.len(),
                p.hazards().count()
            ));
        }
        if !plans
            .iter()
            .flat_map(|p| &p.files)
            .any(|f| f.name == "drift")
        {
            out.push_str("next: `schemac emit` writes these migrations (up and down) under migrations/; `schemac apply --db URL` runs them\n");
        }
    }
    Ok(out)
}

pub fn json(plans: &[TierPlan], renderer: &Renderer) -> Result<serde_json::Value, CliError> {
    let mut tiers = Vec::new();
    for p in plans {
        let mut files = Vec::new();
        for f in &p.files {
            let (up, down) = p.render(f, renderer)?;
            let mut changes = Vec::new();
            for (i, s) in p
                .plan
                .steps
                .iter()
                .enumerate()
                .take(f.steps.end)
                .skip(f.steps.start)
            {
                let sql = renderer
                    .change(&s.change, p.new.name.as_str())
                    .map_err(|e| CliError::Message(e.to_string()))?;
                let mut change = json!({
                    "sign": s.change.sign().to_string(),
                    "kind": s.change.template(),
                    "subject": s.change.subject(),
                    "lock": s.lock,
                    "transactional": s.transactional,
                    "hazards": s.hazards,
                    "notes": s.notes,
                    "sql": sql,
                });
                if let Some(Some(c)) = p.costs.get(i) {
                    change["cost"] = json!(c);
                }
                changes.push(change);
            }
            files.push(json!({
                "version": f.version,
                "name": f.stem(),
                "transactional": f.transactional,
                "changes": changes,
                "up": up,
                "down": down,
            }));
        }
        tiers.push(json!({
            "tier": p.tier,
            "database": p.database,
            "unmanaged": p.unmanaged,
            "hazards": p.hazards().collect::<Vec<_>>(),
            "files": files,
        }));
    }
    Ok(json!({
        "changes": plans.iter().map(|p| p.plan.steps.len()).sum::<usize>(),
        "tiers": tiers,
    }))
}
