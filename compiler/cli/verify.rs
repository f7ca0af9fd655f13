//! `schemac verify [DIR] --db URL --role APP`: prove tenant isolation live.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Out, PlanFormat, db, loaded_or_report};
use crate::pg::{self, verify};

/// Prove tenant isolation on a live database, as the application role:
/// for every tenant table, partition, view and materialized view of each
/// tier (and the tenant root), try cross-tenant reads, updates, deletes and
/// inserts, tenant-key moves, and reads with an unset, empty or malformed
/// tenant setting or after RESET. Everything runs in one transaction that
/// is rolled back. The role must not be a superuser or have BYPASSRLS; the
/// connecting user must be able to SET ROLE to it.
///
/// Exit status: 0 no leak, 2 leaks found, 1 error.
///
/// Examples:
///   schemac verify --db postgres://deploy@db/pm_oltp --role app
///   schemac verify schemas/penguinmails --db postgres://deploy@db --role app --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Project directory (holds schemac.yaml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// `URL` for every tier (each on its own database of that server) or
    /// `TIER=URL`; repeatable. Without a value, url_env or DATABASE_URL.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "", required = true)]
    db: Vec<String>,
    /// The role the application connects as.
    #[arg(long, value_name = "ROLE")]
    role: String,
    /// Only this tier (repeatable).
    #[arg(long)]
    tier: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    format: PlanFormat,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let Some(loaded) = loaded_or_report(&args.dir, out)? else {
        return Ok(ExitCode::FAILURE);
    };
    let project = &loaded.project;
    if project.tenancy.is_none() {
        return Err(CliError::Message(
            "the project declares no `tenancy:`: there is no tenant isolation to verify".into(),
        ));
    }
    let mut reports = Vec::new();
    for (tier, mut target) in db::targets(project, &args.db, &args.tier)? {
        target
            .config
            .application_name(&format!("schemac verify ({})", tier.name));
        let mut client = pg::connect(&target)?;
        super::db::require_roles(&mut client, project, tier, &loaded.sources)?;
        super::db::refuse_bypassing_grants(&mut client, project, tier)?;
        let report = verify::tier(&mut client, project, tier, &args.role)
            .map_err(|e| CliError::Message(format!("tier `{}`: {e}", tier.name)))?;
        reports.push((tier.name.to_string(), target.shown.clone(), report));
    }
    let leaks: usize = reports.iter().map(|(_, _, r)| r.leaks.len()).sum();
    match args.format {
        PlanFormat::Json => {
            let json: Vec<serde_json::Value> = reports
                .iter()
                .map(|(t, db, r)| serde_json::json!({ "tier": t, "database": db, "role": args.role, "relations": r.relations, "attempts": r.attempts, "inconclusive": r.inconclusive, "leaks": r.leaks }))
                .collect();
            out.write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&serde_json::json!({ "leaks": leaks, "tiers": json }))
                    .unwrap_or_default()
            ))?;
        }
        PlanFormat::Text => {
            for (tier, db, r) in &reports {
                out.write(&format!(
                    "tier {tier} ({db}) as {}: {} relation(s), {} attempt(s), {} leak(s){}\n",
                    args.role,
                    r.relations,
                    r.attempts,
                    r.leaks.len(),
                    if r.inconclusive > 0 {
                        format!(
                            ", {} inconclusive (failed on a constraint, not on isolation)",
                            r.inconclusive
                        )
                    } else {
                        String::new()
                    }
                ))?;
                for l in &r.leaks {
                    out.write(&format!(
                        "  leak: {}: {}: {}\n",
                        l.relation, l.attempt, l.detail
                    ))?;
                }
            }
            out.write(&format!(
                "{}\n",
                if leaks == 0 {
                    "no leaks: every attempt was refused or saw nothing".to_string()
                } else {
                    format!("{leaks} leak(s): tenants are not isolated")
                }
            ))?;
        }
    }
    Ok(ExitCode::from(if leaks > 0 { 2 } else { 0 }))
}
