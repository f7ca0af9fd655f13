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
    match args.format {
        Format::Text => out.write(&render::text(diags, &loaded.sources, true))?,
        Format::Json => out.write(&pretty(&render::json(diags, &loaded.sources)))?,
        Format::Sarif => out.write(&pretty(&render::sarif(
            diags,
            &loaded.sources,
            check::rules::ALL,
        )))?,
    }
    Ok(if loaded.diags.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
