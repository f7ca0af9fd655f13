//! `schemac check [DIR]`: load, validate, print diagnostics.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Format, Out};
use crate::check;
use crate::diag::render;

/// Validate a project: YAML shape, references, naming, tenancy, partitions.
///
/// Exit status: 0 when there is no error (warnings allowed), 1 otherwise.
///
/// Examples:
///   schemac check
///   schemac check schemas/penguinmails --format sarif > schemac.sarif
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Project directory (holds schemac.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let mut loaded = crate::load::project(&args.dir)?;
    check::run(&mut loaded);
    let diags = loaded.diags.as_slice();
    // Emitted migrations must be as they were written: no edits, no two
    // migrations with one version (two branches that both emitted).
    let mut problems: Vec<(String, crate::emit::Problem)> = Vec::new();
    for tier in &loaded.project.tiers {
        let folder = crate::emit::folder::read(&crate::emit::tier_dir(&loaded.project, tier))
            .map_err(crate::emit::EmitError::from)?;
        problems.extend(
            folder
                .verify()
                .map_err(crate::emit::EmitError::from)?
                .into_iter()
                .map(|p| (tier.name.to_string(), p)),
        );
    }
    match args.format {
        Format::Text => {
            out.write(&render::text(diags, &loaded.sources, true))?;
            for (tier, p) in &problems {
                out.write(&format!(
                    "error: migrations of tier `{tier}`: {}\n  hint: {}\n",
                    p.describe(),
                    p.hint()
                ))?;
            }
        }
        Format::Json => {
            let mut json = render::json(diags, &loaded.sources);
            json["migrations"] = problems
                .iter()
                .map(|(tier, p)| serde_json::json!({ "tier": tier, "problem": p.describe(), "hint": p.hint() }))
                .collect();
            out.write(&pretty(&json))?
        }
        Format::Sarif => out.write(&pretty(&render::sarif(
            diags,
            &loaded.sources,
            check::rules::ALL,
        )))?,
    }
    let code = if loaded.diags.has_errors() || !problems.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    // The process ends next: freeing a large model piece by piece only costs time.
    std::mem::forget(loaded);
    Ok(code)
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
