//! `schemac docs [DIR] --out OUT`: Markdown documentation of the project.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Out, loaded_or_report};
use crate::render::{Renderer, docs};

/// Write Markdown documentation generated from the YAML: an index (tiers,
/// tenancy, open findings), one page per tier with Mermaid ER diagrams and
/// every table, a tenancy matrix and the cross-tier reference map with
/// orphan checks. Renders on GitHub and in mdBook.
///
/// Examples:
///   schemac docs --out docs/schema
///   schemac docs schemas/penguinmails --out /tmp/pm-docs
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Project directory (holds schemac.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Directory to write the pages to.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let Some(loaded) = loaded_or_report(&args.dir, out)? else {
        return Ok(ExitCode::FAILURE);
    };
    let project = &loaded.project;
    let renderer = Renderer::for_project(project);
    let mut orphans = BTreeMap::new();
    for tier in &project.tiers {
        if let Some(sql) = crate::emit::orphan_checks(project, tier, &renderer)? {
            orphans.insert(tier.name.to_string(), sql);
        }
    }
    std::fs::create_dir_all(&args.out)?;
    for (rel, text) in docs::site(project, loaded.diags.as_slice(), &loaded.sources, &orphans) {
        let path = args.out.join(rel);
        std::fs::write(&path, text)?;
        out.write(&format!("wrote {}\n", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
