//! `schemac rebase [DIR]`: after a merge in which two branches emitted the
//! same version, re-emit the second branch's migrations after the first's.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Out, loaded_or_report};
use crate::emit::rebase::{self, Onto};

/// Re-emit the migrations of the branch merged second on top of those of the
/// branch merged first, in one step: the second branch's files are removed,
/// the first branch's schemac.sum and schema.lock.json put back, and the
/// merged YAML emitted after the first branch's last version — renumbered,
/// with down files, lock and checksums computed as emit computes them.
///
/// The branch merged first is read from the migration folder when its
/// checksum file is intact (you took that side of schemac.sum and the lock);
/// otherwise from git: HEAD, which during `git merge` is the branch merged
/// into and during `git rebase` the branch rebased onto; --onto names another
/// revision (e.g. after `git merge main` on a feature branch: --onto main).
/// Data-loss hazards the removed migrations carried stay allowed.
///
/// Examples:
///   git merge feature && schemac rebase && git add -A db/migrations
///   schemac rebase --onto main
///   schemac rebase --dry-run
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Project directory (holds schemac.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Only this tier (repeatable).
    #[arg(long)]
    tier: Vec<String>,
    /// The git revision of the branch merged first (default: the folder when
    /// intact, else HEAD).
    #[arg(long, value_name = "REF")]
    onto: Option<String>,
    /// Name of the re-emitted migration (default: the name the branch gave it).
    #[arg(long)]
    name: Option<String>,
    /// Allow a data-loss hazard code (repeatable), e.g. H102.
    #[arg(long = "allow-hazard", value_name = "CODE")]
    allow_hazard: Vec<String>,
    /// Show what would change; write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let Some(loaded) = loaded_or_report(&args.dir, out)? else {
        return Ok(ExitCode::FAILURE);
    };
    let project = &loaded.project;
    if let Some(unknown) = args.tier.iter().find(|t| project.tier(t).is_none()) {
        return Err(CliError::Message(format!("no tier named `{unknown}`")));
    }
    let renderer = crate::render::Renderer::for_project(project);
    let onto = args.onto.clone().map_or(Onto::Auto, Onto::Rev);
    let mut rebases = Vec::new();
    for tier in project
        .tiers
        .iter()
        .filter(|t| args.tier.is_empty() || args.tier.iter().any(|o| t.name == o.as_str()))
    {
        rebases.push(
            rebase::prepare(project, tier, &renderer, &onto, args.name.as_deref())
                .map_err(|e| CliError::Message(e.to_string()))?,
        );
    }
    let refused: Vec<String> = rebases
        .iter()
        .filter(|r| r.needed)
        .flat_map(|r| r.plan.hazards().map(move |h| (r, h)))
        .filter(|(r, h)| {
            h.data_loss
                && !project.migrations.allow_hazards.iter().any(|a| a == h.code)
                && !args.allow_hazard.iter().any(|a| a == h.code)
                && !r.allowed.iter().any(|a| a == h.code)
        })
        .map(|(r, h)| format!("  tier {}: {} {}: {}", r.tier, h.code, h.name, h.message))
        .collect();
    if !refused.is_empty() {
        return Err(CliError::Message(format!(
            "the re-emitted migration loses data:\n{}\nallow it with --allow-hazard CODE or `migrations: {{ allow_hazards: [CODE] }}` in schemac.yaml",
            refused.join("\n")
        )));
    }
    for r in &rebases {
        if !r.needed {
            out.write(&format!("tier {}: nothing to rebase\n", r.tier))?;
            continue;
        }
        let verb = if args.dry_run {
            "would remove"
        } else {
            "removes"
        };
        out.write(&format!(
            "tier {}: onto {} ({} migration file(s) kept)\n",
            r.tier,
            r.from,
            r.kept.len()
        ))?;
        for f in &r.removed {
            out.write(&format!("  {verb} {}\n", f.file))?;
        }
        for f in &r.plan.files {
            out.write(&format!(
                "  {} {}.up.sql / .down.sql\n",
                if args.dry_run { "would emit" } else { "emits" },
                f.stem()
            ))?;
        }
    }
    if args.dry_run {
        return Ok(ExitCode::SUCCESS);
    }
    let (written, _) = rebase::write(&rebases, &renderer)?;
    for path in written {
        out.write(&format!("wrote {}\n", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
