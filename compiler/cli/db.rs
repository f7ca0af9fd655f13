//! Which database each tier talks to: `--db tier=URL` for one tier, `--db
//! URL` for all (each tier then uses its own `database:` on that server when
//! the project has several tiers), else the tier's `url_env` variable, else
//! `DATABASE_URL`.

use super::CliError;
use crate::model::{Project, Tier};
use crate::pg::{self, Target};

/// Resolve the target of every selected tier.
pub fn targets<'p>(
    project: &'p Project,
    db: &[String],
    only: &[String],
) -> Result<Vec<(&'p Tier, Target)>, CliError> {
    if let Some(unknown) = only.iter().find(|t| project.tier(t).is_none()) {
        return Err(CliError::Message(format!("no tier named `{unknown}`")));
    }
    let mut per_tier: Vec<(String, String)> = Vec::new();
    let mut shared: Option<String> = None;
    for d in db.iter().filter(|d| !d.is_empty()) {
        match d.split_once('=') {
            Some((tier, url)) if project.tier(tier).is_some() && !tier.contains("://") => {
                per_tier.push((tier.into(), url.into()))
            }
            _ => shared = Some(d.clone()),
        }
    }
    let several = project.tiers.len() > 1;
    let mut out = Vec::new();
    for tier in &project.tiers {
        if !only.is_empty() && !only.iter().any(|t| tier.name == t.as_str()) {
            continue;
        }
        let explicit = per_tier
            .iter()
            .find(|(t, _)| tier.name == t.as_str())
            .map(|(_, u)| u.clone());
        let env = || {
            tier.url_env
                .as_ref()
                .and_then(|v| std::env::var(v).ok())
                .or_else(|| std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()))
        };
        let (url, from_shared) = match (explicit, &shared) {
            (Some(u), _) => (u, false),
            (None, Some(u)) => (u.clone(), true),
            (None, None) => match env() {
                Some(u) => (u, tier.url_env.is_none()),
                None => {
                    return Err(CliError::Message(format!(
                        "no database for tier `{}`: pass --db URL (or --db {}=URL), set {}, or DATABASE_URL",
                        tier.name,
                        tier.name,
                        tier.url_env.as_deref().unwrap_or("url_env in schemac.yaml")
                    )));
                }
            },
        };
        let mut target = pg::parse(&url)?;
        if from_shared && (several || target.database().is_none()) {
            target = target.with_database(&tier.database);
        }
        out.push((tier, target));
    }
    Ok(out)
}

/// Warn on standard error when the connected role is not held by row-level
/// security (a superuser, BYPASSRLS, or the owner of the tier's tables):
/// fine for migrations, never for the application.
pub fn warn_about_role(
    client: &mut postgres::Client,
    tier: &Tier,
    out: &mut super::Out,
) -> Result<(), CliError> {
    let facts = pg::verify::role_facts(client, None, tier.schema.name.as_str())?;
    if let Some(w) = facts.and_then(|f| f.warning()) {
        out.note(&format!(
            "warning: tier {}: {w}. Run the application as a role without SUPERUSER or BYPASSRLS that owns no table (see the book, Tenancy: the application role), and prove it with `schemac verify --role <app>`\n",
            tier.name
        ))?;
    }
    Ok(())
}
