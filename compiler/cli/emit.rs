//! `schemac emit [DIR]`: write the next numbered migration of every tier.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Out, loaded_or_report};
use crate::emit;

/// Write migrations/<tier>/NNNN_<name>.up.sql and .down.sql, the updated
/// schema.lock.json and schemac.sum. Writes nothing when the YAML has not
/// changed since the last emit. Refuses data-loss hazards unless allowed in
/// schemac.yaml (migrations.allow_hazards) or with --allow-hazard.
///
/// Examples:
///   schemac emit
///   schemac emit --name add_lead_scores
///   schemac emit --allow-hazard H102
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Project directory (holds schemac.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Only this tier (repeatable).
    #[arg(long)]
    tier: Vec<String>,
    /// Name of the migration (default: derived from the changes).
    #[arg(long)]
    name: Option<String>,
    /// Allow a data-loss hazard code (repeatable), e.g. H102.
    #[arg(long = "allow-hazard", value_name = "CODE")]
    allow_hazard: Vec<String>,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let Some(loaded) = loaded_or_report(&args.dir, out)? else {
        return Ok(ExitCode::FAILURE);
    };
    let project = &loaded.project;
    let renderer = crate::render::Renderer::for_project(project);
    let plans = super::plan::plan_all(project, &args.tier, args.name.as_deref(), &renderer)?;
    let allowed: Vec<&str> = project
        .migrations
        .allow_hazards
        .iter()
        .chain(args.allow_hazard.iter())
        .map(String::as_str)
        .collect();
    let refused: Vec<String> = plans
        .iter()
        .flat_map(|p| p.hazards().map(move |h| (p, h)))
        .filter(|(_, h)| h.data_loss && !allowed.contains(&h.code))
        .map(|(p, h)| format!("  tier {}: {} {}: {}", p.tier, h.code, h.name, h.message))
        .collect();
    if !refused.is_empty() {
        return Err(CliError::Message(format!(
            "the plan loses data:\n{}\nallow it with --allow-hazard CODE or `migrations: {{ allow_hazards: [CODE] }}` in schemac.yaml",
            refused.join("\n")
        )));
    }
    let written = emit::write(&plans, &renderer)?;
    if written.is_empty() {
        out.write("nothing to emit: every tier is up to date\n")?;
    }
    for path in written {
        out.write(&format!("wrote {}\n", path.display()))?;
    }
    // The process ends next: freeing the models and plans piece by piece only costs time.
    std::mem::forget(plans);
    std::mem::forget(loaded);
    Ok(ExitCode::SUCCESS)
}
