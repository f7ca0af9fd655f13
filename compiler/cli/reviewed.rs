//! The reviewed-plan workflow: `plan --db --out plan.json` writes what would
//! make each tier's database match the YAML, with the fingerprint of the
//! schema it was computed against; `apply --plan plan.json` runs exactly that
//! plan, or refuses. Also the cost of a live plan's statements.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use super::{CliError, Out, PlanFormat, db};
use crate::emit::plan_file::{PlanFile, Standing};
use crate::emit::{self, TierPlan, folder};
use crate::model::{Project, Tier};
use crate::pg::{self, apply, repair};
use crate::plan::cost::{self, Rates};
use crate::render::Renderer;

/// Attach to every step of a live plan what it costs on the live tables.
pub fn attach_costs(client: &mut postgres::Client, plan: &mut TierPlan) -> Result<(), CliError> {
    let tables: Vec<String> = cost::tables_of(&plan.old, &plan.plan.steps)
        .iter()
        .map(|t| t.to_string())
        .collect();
    if tables.is_empty() {
        return Ok(());
    }
    let stats = pg::stats::read(client, plan.new.name.as_str(), &tables)?;
    plan.costs = cost::of(
        &plan.old,
        &plan.plan.steps,
        &|t| stats.get(t).copied(),
        &Rates::default(),
    );
    Ok(())
}

/// Write the plan file of live plans (`plan --db --out`).
pub fn write_plan(
    project: &Project,
    plans: &[TierPlan],
    db: &[String],
    only: &[String],
    renderer: &Renderer,
    path: &Path,
    out: &mut Out,
) -> Result<(), CliError> {
    let targets = db::targets(project, db, only)?;
    let mut tiers = Vec::new();
    for p in plans {
        let Some((tier, target)) = targets.iter().find(|(t, _)| t.name == p.tier.as_str()) else {
            continue;
        };
        // A tier with nothing to repair is only recorded as in sync.
        let standing = if p.files.is_empty() {
            Standing::default()
        } else {
            standing(project, tier, renderer, target)?
        };
        let taken = taken_along(p);
        if !taken.is_empty() {
            out.note(&format!(
                "tier {}: the plan drops relations that {} object(s) the project does not manage are on, so `apply --plan` will refuse it (move them out of the way first):\n{}\n",
                p.tier,
                taken.len(),
                taken
                    .iter()
                    .map(|t| format!("  {t}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ))?;
        }
        tiers.push(
            emit::plan_file::tier(p, renderer, standing, Some(&p.costs)).map_err(CliError::Emit)?,
        );
    }
    PlanFile::new(tiers)
        .write(path)
        .map_err(|e| CliError::Message(e.to_string()))?;
    out.note(&format!(
        "wrote {} (apply it with `schemac apply --plan {}`)\n",
        path.display(),
        path.display()
    ))?;
    Ok(())
}

/// The unmanaged objects of a live plan that sit on a relation it drops (a
/// hand-made table's trigger or grant): the repair would take them along.
/// Names as the server's `quote_ident` writes them; a name it would quote
/// for being a keyword is missed here, and still caught when the plan runs.
fn taken_along(p: &TierPlan) -> Vec<String> {
    use crate::diff::Change;
    fn ident(s: &str) -> String {
        let plain = s
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
        if plain {
            s.to_string()
        } else {
            crate::model::quote_ident(s)
        }
    }
    let schema = ident(p.new.name.as_str());
    let dropped: Vec<String> = p
        .plan
        .steps
        .iter()
        .filter_map(|s| match &s.change {
            Change::DropTable { table } => Some(table.name.to_string()),
            Change::DropPartition { partition, .. } => Some(partition.name.to_string()),
            Change::DropView { view } => Some(view.name.to_string()),
            _ => None,
        })
        .map(|r| format!("{schema}.{}", ident(&r)))
        .collect();
    p.unmanaged
        .iter()
        .filter(|u| {
            dropped.iter().any(|r| {
                u.starts_with(&format!("trigger {r}."))
                    || u.starts_with(&format!("rule {r}."))
                    || u.contains(&format!(" on table {r} "))
            })
        })
        .cloned()
        .collect()
}

/// Where a tier's migrations stand, refusing a repair that would fight them.
/// A repair brings the database to what the YAML says; where the tier has
/// migrations, that must be what they build (nothing left to emit), and the
/// database must have run them all — or none, and then the repair records
/// them as applied once the database matches.
fn standing(
    project: &Project,
    tier: &Tier,
    renderer: &Renderer,
    target: &pg::Target,
) -> Result<Standing, CliError> {
    let dir = emit::tier_dir(project, tier);
    let folder = folder::read(&dir).map_err(emit::EmitError::from)?;
    let refuse = |message: String| CliError::Message(format!("tier `{}`: {message}", tier.name));
    if folder.files.is_empty() {
        return Ok(Standing::default());
    }
    let pending = emit::plan_tier(project, tier, renderer, None)?;
    if !pending.plan.steps.is_empty() {
        return Err(refuse(
            "the YAML has changes not emitted yet, so a repair would run ahead of the migrations and the next `emit` would make them again\n  hint: `schemac emit` and `schemac apply` them as a migration; plan the repair once the YAML and the migrations agree".into(),
        ));
    }
    let mut client = pg::connect(target)?;
    let opts = options(project, tier, false, None);
    let done = apply::history(&mut client, &opts).map_err(|e| refuse(e.to_string()))?;
    let standing = Standing {
        applied: done.iter().map(|(v, _, _)| *v).max().unwrap_or(0),
        baseline: done.is_empty(),
        folder: repair::folder_hash(&folder),
    };
    let unapplied: Vec<&str> = folder
        .files
        .iter()
        .filter(|f| f.up && !done.iter().any(|(v, _, _)| *v == f.version))
        .map(|f| f.file.as_str())
        .collect();
    if !done.is_empty() && !unapplied.is_empty() {
        return Err(refuse(format!(
            "migrations not applied yet: {}\n  hint: `schemac apply` them first; a repair restores what the applied migrations built",
            unapplied.join(", ")
        )));
    }
    Ok(standing)
}

fn options<'a>(
    project: &'a Project,
    tier: &'a Tier,
    dry_run: bool,
    wait: Option<u64>,
) -> apply::Options<'a> {
    apply::Options {
        tier: tier.name.as_str(),
        history_schema: &project.migrations.history_schema,
        history_table: &project.migrations.history_table,
        dry_run,
        wait: wait.map(Duration::from_secs),
    }
}

/// What `apply --plan` was asked.
pub struct ApplyPlan<'a> {
    pub dir: &'a Path,
    pub plan: &'a Path,
    pub db: &'a [String],
    pub tiers: &'a [String],
    pub dry_run: bool,
    pub wait: Option<u64>,
    pub allow_hazard: &'a [String],
    pub format: PlanFormat,
    pub prove: bool,
}

/// `apply --plan FILE`: run a reviewed plan, tier by tier.
pub fn apply_plan(a: ApplyPlan, out: &mut Out) -> Result<ExitCode, CliError> {
    let file = PlanFile::read(a.plan).map_err(|e| CliError::Message(e.to_string()))?;
    let loaded = crate::load::project(a.dir)?;
    let project = &loaded.project;
    let mut only: Vec<String> = file
        .tiers
        .iter()
        .filter(|t| a.tiers.is_empty() || a.tiers.contains(&t.tier))
        .map(|t| t.tier.clone())
        .collect();
    if let Some(unknown) = a
        .tiers
        .iter()
        .find(|t| !file.tiers.iter().any(|f| f.tier == **t))
    {
        return Err(CliError::Message(format!(
            "the plan has no tier named `{unknown}`"
        )));
    }
    if let Some(unknown) = only.iter().find(|t| project.tier(t).is_none()) {
        return Err(CliError::Message(format!(
            "the plan names tier `{unknown}`, which {} does not have",
            a.dir.join("schemac.yaml").display()
        )));
    }
    only.sort();
    let allowed: Vec<&str> = project
        .migrations
        .allow_hazards
        .iter()
        .chain(a.allow_hazard.iter())
        .map(String::as_str)
        .collect();
    let refused: Vec<String> = file
        .tiers
        .iter()
        .filter(|t| only.contains(&t.tier))
        .flat_map(|t| {
            t.hazard_codes()
                .into_iter()
                .map(move |(code, message)| (t.tier.clone(), code, message))
        })
        .filter(|(_, code, _)| {
            crate::plan::hazards::loses_data(code) && !allowed.contains(&code.as_str())
        })
        .map(|(tier, code, message)| format!("  tier {tier}: {code} {message}"))
        .collect();
    if !refused.is_empty() && !a.dry_run {
        return Err(CliError::Message(format!(
            "the plan loses data:\n{}\nallow it with --allow-hazard CODE or `migrations: {{ allow_hazards: [CODE] }}` in schemac.yaml",
            refused.join("\n")
        )));
    }
    if a.prove && !a.dry_run {
        let renderer = Renderer::for_project(project);
        let mut failed = false;
        for (tier, target) in db::targets(project, a.db, &only)? {
            let Some(plan) = file
                .tiers
                .iter()
                .find(|t| t.tier == tier.name.as_str() && !t.files.is_empty())
            else {
                continue;
            };
            let proof = super::prove::plan_file(plan, project, tier, &target, &renderer)?;
            let report = super::prove::text(tier.name.as_str(), &proof);
            match a.format {
                PlanFormat::Text => out.write(&report)?,
                PlanFormat::Json => out.note(&report)?,
            }
            failed |= !proof.ok;
        }
        if failed {
            return Err(CliError::Message(
                "the proof failed: nothing was applied".into(),
            ));
        }
    }
    let mut report = Vec::new();
    let mut diverged = false;
    let renderer = Renderer::for_project(project);
    for (tier, mut target) in db::targets(project, a.db, &only)? {
        let Some(plan) = file.tiers.iter().find(|t| t.tier == tier.name.as_str()) else {
            continue;
        };
        if plan.files.is_empty() {
            report.push((tier.name.to_string(), target.shown.clone(), None));
            continue;
        }
        target
            .config
            .application_name(&format!("schemac apply ({})", tier.name));
        let folder = folder::read(&emit::tier_dir(project, tier)).map_err(emit::EmitError::from)?;
        let mut client = pg::connect(&target)?;
        db::require_roles(&mut client, project, tier, &loaded.sources)?;
        db::refuse_bypassing_grants(&mut client, project, tier)?;
        let opts = options(project, tier, a.dry_run, a.wait);
        let history = pg::fingerprint::history_of(project, tier);
        let outcome = repair::repair(&mut client, plan, &folder, &opts, history, &renderer)
            .map_err(|e| CliError::Message(format!("tier `{}`: {e}", tier.name)))?;
        diverged |= !outcome.residual.is_empty();
        report.push((tier.name.to_string(), target.shown.clone(), Some(outcome)));
    }
    match a.format {
        PlanFormat::Json => {
            let json: Vec<serde_json::Value> = report
                .iter()
                .map(|(t, db, o)| serde_json::json!({ "tier": t, "database": db, "dry_run": a.dry_run, "repair": o }))
                .collect();
            out.write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            ))?;
        }
        PlanFormat::Text => {
            for (tier, db, outcome) in &report {
                let Some(o) = outcome else {
                    out.write(&format!("tier {tier} ({db}): nothing to repair\n"))?;
                    continue;
                };
                for f in &o.files {
                    let mode = if f.transactional {
                        ""
                    } else {
                        ", outside a transaction"
                    };
                    if f.ran {
                        out.write(&format!(
                            "tier {tier}: repaired with {}.up.sql ({} ms{mode})\n",
                            f.file, f.duration_ms
                        ))?;
                    } else {
                        out.write(&format!("tier {tier}: would run {}.up.sql{mode}\n", f.file))?;
                    }
                }
                if !a.dry_run && o.residual.is_empty() {
                    out.write(&format!(
                        "tier {tier}: the database matches the plan's target\n"
                    ))?;
                }
                for f in &o.baselined {
                    out.write(&format!(
                        "tier {tier}: recorded {f} as applied (the database now is what it builds)\n"
                    ))?;
                }
                if !o.residual.is_empty() {
                    out.write(&format!(
                        "tier {tier}: after the plan the database still differs from its target:\n"
                    ))?;
                    for r in &o.residual {
                        out.write(&format!("  {r}\n"))?;
                    }
                }
            }
        }
    }
    Ok(if diverged {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
