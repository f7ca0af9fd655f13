//! `--prove` on `plan --db`, `apply` and `apply --plan`: the inputs of a
//! proof for each kind of plan, and its report.

use super::CliError;
use crate::emit::plan_file::TierFile;
use crate::emit::{self, TierPlan, folder};
use crate::model::{Project, Tier};
use crate::pg::{self, Target, apply, fingerprint, prove};
use crate::plan::cost;
use crate::render::Renderer;

/// Prove every live plan with changes (`plan --db --prove`).
pub fn live_plans(
    project: &Project,
    plans: &mut [TierPlan],
    db: &[String],
    only: &[String],
    renderer: &Renderer,
) -> Result<Vec<(String, prove::Proof)>, CliError> {
    let targets = super::db::targets(project, db, only)?;
    let mut out = Vec::new();
    for p in plans.iter_mut().filter(|p| !p.files.is_empty()) {
        let Some((tier, target)) = targets.iter().find(|(t, _)| t.name == p.tier.as_str()) else {
            continue;
        };
        out.push((
            p.tier.clone(),
            live_plan(p, project, tier, target, renderer)?,
        ));
    }
    Ok(out)
}

/// Prove a live plan; with measured rates, its costs are estimated again
/// with them.
pub fn live_plan(
    p: &mut TierPlan,
    project: &Project,
    tier: &Tier,
    target: &Target,
    renderer: &Renderer,
) -> Result<prove::Proof, CliError> {
    let mut files = Vec::new();
    for f in &p.files {
        files.push((format!("{}.up.sql", f.stem()), p.render(f, renderer)?.0));
    }
    let input = prove::Input {
        live: &p.old,
        files,
        desired: &p.new,
        history: fingerprint::history_of(project, tier),
        hazards: p.hazards().map(|h| h.code.to_string()).collect(),
        calibrate: p.costs.iter().any(Option::is_some),
        unmanaged: p.unmanaged.clone(),
    };
    let proof = prove::prove(target, &input, renderer).map_err(fail(tier))?;
    if let Some(rates) = &proof.rates {
        for c in p.costs.iter_mut().flatten() {
            c.recalibrate(rates);
        }
    }
    Ok(proof)
}

/// Prove a reviewed plan (`apply --plan --prove`) on a copy of the database
/// it was made for; refused at once when the database changed since.
pub fn plan_file(
    plan: &TierFile,
    project: &Project,
    tier: &Tier,
    target: &Target,
    renderer: &Renderer,
) -> Result<prove::Proof, CliError> {
    let history = fingerprint::history_of(project, tier);
    let mut client = pg::connect(target)?;
    let live = fingerprint::live(&mut client, &plan.desired, history, renderer)?;
    let unmanaged = fingerprint::unmanaged(&mut client, plan.desired.name.as_str())?;
    let now = fingerprint::of(&live, &unmanaged);
    if now != plan.fingerprint {
        return Err(CliError::Message(format!(
            "tier `{}`: {}",
            tier.name,
            pg::repair::RepairError::Changed {
                planned: plan.fingerprint.clone(),
                now,
            }
        )));
    }
    let input = prove::Input {
        live: &live,
        files: plan
            .files
            .iter()
            .map(|f| (format!("{}.up.sql", f.name), f.up.clone()))
            .collect(),
        desired: &plan.desired,
        history,
        hazards: plan.hazard_codes().into_iter().map(|(c, _)| c).collect(),
        calibrate: false,
        unmanaged,
    };
    prove::prove(target, &input, renderer).map_err(fail(tier))
}

/// Prove the pending migrations of a tier (`apply --prove`): the target
/// they must reach is the lock, the model the last of them builds. None
/// when nothing is pending.
pub fn migrations(
    project: &Project,
    tier: &Tier,
    target: &Target,
    renderer: &Renderer,
) -> Result<Option<prove::Proof>, CliError> {
    let dir = emit::tier_dir(project, tier);
    let folder = folder::read(&dir).map_err(emit::EmitError::from)?;
    let mut client = pg::connect(target)?;
    let opts = apply::Options {
        tier: tier.name.as_str(),
        history_schema: &project.migrations.history_schema,
        history_table: &project.migrations.history_table,
        dry_run: true,
        wait: None,
    };
    let done = apply::history(&mut client, &opts).map_err(|e| fail(tier)(e.into()))?;
    let mut files = Vec::new();
    let mut hazards = Vec::new();
    for f in folder.files.iter().filter(|f| f.up) {
        if done.iter().any(|(v, _, _)| *v == f.version) {
            continue;
        }
        let sql = std::fs::read_to_string(&f.path)?;
        hazards.extend(pg::script::hazards(&sql).into_iter().map(|(c, _)| c));
        files.push((f.file.clone(), sql));
    }
    if files.is_empty() {
        return Ok(None);
    }
    let lock = folder::lock(&dir)
        .map_err(emit::EmitError::from)?
        .ok_or_else(|| {
            CliError::Message(format!(
                "tier `{}`: migrations without {}",
                tier.name,
                folder::LOCK_FILE
            ))
        })?;
    let mut desired = pg::canonical::desired(&mut client, &lock, renderer)?;
    let history = fingerprint::history_of(project, tier);
    let live = fingerprint::live_reconciling(&mut client, &mut desired, history, renderer)?;
    let unmanaged = fingerprint::unmanaged(&mut client, desired.name.as_str())?;
    let input = prove::Input {
        live: &live,
        files,
        desired: &desired,
        history,
        hazards,
        calibrate: false,
        unmanaged,
    };
    prove::prove(target, &input, renderer)
        .map(Some)
        .map_err(fail(tier))
}

fn fail(tier: &Tier) -> impl Fn(prove::ProveError) -> CliError + '_ {
    move |e| CliError::Message(format!("tier `{}`: {e}", tier.name))
}

/// The report of one proof, for people.
pub fn text(tier: &str, proof: &prove::Proof) -> String {
    let mut out = format!(
        "proof of tier {tier} on a copy (scratch database {}, dropped):\n",
        proof.database
    );
    let secs = |k: &str| {
        proof
            .timings
            .get(k)
            .map(|ms| cost::human_ms(*ms as u64))
            .unwrap_or_else(|| "-".into())
    };
    out.push_str(&format!(
        "  copy of the live schema built in {}, {} row(s) seeded in {}\n",
        secs("copy"),
        proof.seeded,
        secs("seed")
    ));
    for r in &proof.copy_residual {
        out.push_str(&format!("    copy differs: {r}\n"));
    }
    if !proof.not_copied.is_empty() {
        let objects: Vec<pg::unmanaged::Unmanaged> = proof
            .not_copied
            .iter()
            .map(|u| pg::unmanaged::Unmanaged(u.clone()))
            .collect();
        out.push_str(&format!(
            "    not in the copy: {} (not in the project, so the proof does not cover them)\n",
            pg::unmanaged::summary(&objects)
        ));
    }
    for (table, why) in &proof.seed_short {
        out.push_str(&format!("    fewer rows in {table}: {why}\n"));
    }
    let mut file = "";
    for s in &proof.statements {
        if s.file != file {
            file = &s.file;
            out.push_str(&format!("  {file}\n"));
        }
        if s.sql.starts_with("SET ") {
            continue;
        }
        let locks = match &s.locks {
            Some(l) if l.is_empty() => "no table locks".to_string(),
            Some(l) => format!("locks {}", l.join(", ")),
            None => "outside a transaction: locks end with the statement".to_string(),
        };
        out.push_str(&format!(
            "    {:>3}  {:>8.1} ms  {}  — {locks}\n",
            s.index, s.duration_ms, s.sql
        ));
    }
    if let Some(e) = &proof.error {
        out.push_str(&format!("  error: {e}\n"));
    }
    if proof.copy_residual.is_empty()
        && proof
            .failure
            .as_deref()
            .is_none_or(|f| !f.starts_with("cannot build"))
    {
        out.push_str(&format!(
            "  converged: {}\n",
            if proof.converged { "yes" } else { "no" }
        ));
        for r in &proof.residual {
            out.push_str(&format!("    still differs: {r}\n"));
        }
        out.push_str(&format!(
            "  rows kept: {} of {}\n",
            proof.rows_kept,
            proof.rows_kept + proof.rows_lost
        ));
    }
    if let Some(r) = &proof.rates {
        out.push_str(&format!(
            "  measured in {}: scan {:.0} MB/s, rewrite {:.0} MB/s, index build {:.0} MB/s, {:.1} µs per foreign key lookup\n",
            secs("calibrate"),
            r.scan_mb_s,
            r.rewrite_mb_s,
            r.build_mb_s,
            r.lookup_us
        ));
    }
    out.push_str(&format!(
        "  took {} (creating the database {}, plan {}, reading back {}, dropping {})\n",
        secs("total"),
        secs("create"),
        secs("apply"),
        secs("verify"),
        secs("drop")
    ));
    match &proof.failure {
        None => out.push_str("  proof passed\n"),
        Some(f) => out.push_str(&format!("  proof FAILED: {f}\n")),
    }
    out
}
