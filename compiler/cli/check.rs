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
    // Emitted migrations must be as they were written: no edits, no two
    // migrations with one version (two branches that both emitted).
    for tier in &loaded.project.tiers {
        let dir = crate::emit::tier_dir(&loaded.project, tier);
        let folder = crate::emit::folder::read(&dir).map_err(crate::emit::EmitError::from)?;
        let problems = folder.verify().map_err(crate::emit::EmitError::from)?;
        let shown = args
            .dir
            .join(&loaded.project.migrations.dir)
            .join(tier.name.as_str());
        let found = check::migrations::diagnose(
            tier.name.as_str(),
            &folder,
            &shown,
            &problems,
            &mut loaded.sources,
        );
        loaded.diags.extend(found);
    }
    let diags = loaded.diags.as_slice();
    match args.format {
        Format::Text => out.write(&render::text(diags, &loaded.sources, true))?,
        Format::Json => out.write(&pretty(&render::json(diags, &loaded.sources)))?,
        Format::Sarif => out.write(&pretty(&render::sarif(
            diags,
            &loaded.sources,
            check::rules::ALL,
        )))?,
    }
    let code = if loaded.diags.has_errors() {
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
