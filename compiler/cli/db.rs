//! Which database each tier talks to: `--db tier=URL` for one tier, `--db
//! URL` for all (each tier then uses its own `database:` on that server when
//! the project has several tiers), else the tier's `url_env` variable, else
//! `DATABASE_URL`.

use super::CliError;
use crate::check::rules::undeclared_role::implicit;
use crate::model::{Project, SourceMap, Span, Tier};
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

/// Every role the project names for `tier` (declared, owning, granted,
/// policies' roles), with where each is written, in the order first named.
pub fn named_roles(project: &Project, tier: &Tier) -> Vec<(String, Vec<Span>)> {
    let mut out: Vec<(String, Vec<Span>)> = Vec::new();
    let mut add = |role: &str, span: Option<Span>| {
        if implicit(role) {
            return;
        }
        let i = match out.iter().position(|(r, _)| r == role) {
            Some(i) => i,
            None => {
                out.push((role.to_string(), Vec::new()));
                out.len() - 1
            }
        };
        if let Some(s) = span
            && !out[i].1.contains(&s)
        {
            out[i].1.push(s);
        }
    };
    for r in &project.roles {
        add(&r.name, r.origin.span());
    }
    for (role, span) in &tier.role_uses {
        add(role, Some(*span));
    }
    for t in &tier.schema.tables {
        for p in &t.policies {
            for role in &p.roles {
                add(role, p.origin.span());
            }
        }
    }
    out
}

/// Refuse a server that lacks a role the project names for `tier`: one
/// message listing each missing role and where it is written.
pub fn require_roles(
    client: &mut postgres::Client,
    project: &Project,
    tier: &Tier,
    sources: &SourceMap,
) -> Result<(), CliError> {
    let named = named_roles(project, tier);
    let names: Vec<String> = named.iter().map(|(r, _)| r.clone()).collect();
    let missing = pg::roles::missing(client, &names)?;
    if missing.is_empty() {
        return Ok(());
    }
    let mut msg = format!(
        "tier `{}`: the server has no role {}; nothing was changed. schemac never creates roles: create them first (`CREATE ROLE …`), or correct the names",
        tier.name,
        missing
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for role in &missing {
        let at: Vec<String> = named
            .iter()
            .find(|(r, _)| r == role)
            .map(|(_, spans)| {
                spans
                    .iter()
                    .map(|s| format!("{}:{}:{}", sources.path(s.file).display(), s.line, s.col))
                    .collect()
            })
            .unwrap_or_default();
        msg.push_str(&format!("\n  {role}: named at {}", at.join(", ")));
    }
    Err(CliError::Message(msg))
}

/// Refuse grants on tenant-scoped tables to roles row-level security does
/// not hold (S110): a superuser, a BYPASSRLS role, or the table's owner on
/// the server, unless it is one of `tenancy.bypass_roles`.
pub fn refuse_bypassing_grants(
    client: &mut postgres::Client,
    project: &Project,
    tier: &Tier,
) -> Result<(), CliError> {
    let Some(tenancy) = &project.tenancy else {
        return Ok(());
    };
    let granted: Vec<(&str, &str)> = tier
        .schema
        .tables
        .iter()
        .filter(|t| t.is_scoped())
        .flat_map(|t| {
            t.grants
                .iter()
                .map(move |g| (t.name.as_str(), g.role.as_str()))
        })
        .filter(|(_, r)| !implicit(r) && !tenancy.bypass_roles.iter().any(|b| b == r))
        .collect();
    if granted.is_empty() {
        return Ok(());
    }
    let mut roles: Vec<String> = granted.iter().map(|(_, r)| r.to_string()).collect();
    roles.sort();
    roles.dedup();
    let bypassing = pg::roles::bypassing(client, &roles)?;
    let owners = pg::roles::table_owners(client, tier.schema.name.as_str())?;
    let mut found: Vec<String> = Vec::new();
    for (table, role) in &granted {
        let why = match bypassing.iter().find(|(r, _)| r == role) {
            Some((_, why)) => why.to_string(),
            None if owners.get(*table).map(String::as_str) == Some(*role) => {
                "owns the table".to_string()
            }
            None => continue,
        };
        let line = format!("\n  {role} on {table}: {why}");
        if !found.contains(&line) {
            found.push(line);
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    Err(CliError::Message(format!(
        "tier `{}`: roles granted on tenant tables are not held by row-level security (S110 grant-to-bypass-role); nothing was changed. Grant a role without SUPERUSER or BYPASSRLS that owns no table, or list the role in `tenancy.bypass_roles`:{}",
        tier.name,
        found.concat()
    )))
}

/// Start reading each selected tier's live schema before the project is
/// loaded (see [`pg::Prefetch`]), from `schemac.yaml` alone. Whatever cannot
/// be resolved this way starts nothing: the plan then reads as usual, and
/// reports the problem itself.
pub fn prefetch(
    dir: &std::path::Path,
    db: &[String],
    only: &[String],
) -> std::collections::HashMap<String, pg::Prefetch> {
    let mut out = std::collections::HashMap::new();
    let Ok(text) = std::fs::read_to_string(dir.join("schemac.yaml")) else {
        return out;
    };
    let config = crate::load::from_files(dir, vec![("schemac.yaml".into(), text)]);
    let project = &config.project;
    let Ok(targets) = targets(project, db, only) else {
        return out;
    };
    for (tier, target) in targets {
        let schema = tier.schema.name.to_string();
        let history = project.migrations.history_in(&schema).to_string();
        let extra = tier.schema.schemas.iter().map(|s| s.name.clone()).collect();
        out.insert(
            tier.name.to_string(),
            pg::Prefetch::start(target, schema, extra, history),
        );
    }
    out
}
