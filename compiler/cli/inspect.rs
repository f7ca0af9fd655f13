//! `schemac inspect --db URL`: adopt an existing database as a project.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Out};
use crate::pg;

/// Read a live database schema and write it as a schemac project
/// (schemac.yaml and one YAML file per table). Everything is written
/// explicitly (RLS, policies, tenant keys), so emitting the project into an
/// empty database recreates the same catalog. Whatever the language cannot
/// express is listed on standard error.
///
/// Examples:
///   schemac inspect --db postgres://ro@db/legacy --out legacy
///   schemac inspect --db postgres://ro@db/app --schema billing --tier billing --out app
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The database to read (or DATABASE_URL).
    #[arg(long, env = "DATABASE_URL", value_name = "URL")]
    db: String,
    /// The PostgreSQL schema to read.
    #[arg(long, default_value = "public")]
    schema: String,
    /// Name of the tier in the project (default: the database name).
    #[arg(long)]
    tier: Option<String>,
    /// Directory to write the project to (default: the database name).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Overwrite an existing project in that directory.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let mut target = pg::parse(&args.db)?;
    target.config.application_name("schemac inspect");
    let database = target.database().unwrap_or("postgres").to_string();
    let snake = crate::check::rules::naming_not_snake_case::to_snake_case(&database);
    let tier = args.tier.clone().unwrap_or_else(|| {
        if snake.is_empty() {
            "app".into()
        } else {
            snake.clone()
        }
    });
    let dir = args.out.clone().unwrap_or_else(|| PathBuf::from(&database));
    if dir.join(crate::load::PROJECT_FILE).exists() && !args.force {
        return Err(CliError::Message(format!(
            "{} already holds a project; pass --force to overwrite",
            dir.display()
        )));
    }
    let mut client = pg::connect(&target)?;
    let version: i32 = client
        .query_one(
            "SELECT current_setting('server_version_num')::int4 / 10000",
            &[],
        )
        .map_err(pg::PgError::query("server version"))?
        .get(0);
    let others = pg::introspect::other_schemas(&mut client, &args.schema)?;
    let schema = pg::introspect::tier(&mut client, &args.schema, &others, "schemac_history")?;
    let unmanaged = pg::unmanaged::read(&mut client, &args.schema)?;
    let project = if snake.is_empty() {
        "app".to_string()
    } else {
        snake
    };
    let (mut files, notes) = crate::render::project::inspected(
        &schema,
        &project,
        &tier,
        &database,
        u32::try_from(version).unwrap_or(15),
    );
    if !unmanaged.is_empty() {
        let lines: Vec<&str> = unmanaged.iter().map(|u| u.0.as_str()).collect();
        files.push(crate::render::project::unmanaged(&tier, &lines));
    }
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        out.write(&format!("wrote {}\n", path.display()))?;
    }
    for n in &notes {
        out.note(&format!("note: {n}\n"))?;
    }
    for u in &unmanaged {
        out.note(&format!(
            "note: unmanaged: {} (left as it is: the project does not manage objects of this kind)\n",
            u.0
        ))?;
    }
    out.write(&format!(
        "\n{} tables, {} views from {} ({}){}; next: schemac check {}\n",
        schema.tables.len(),
        schema.views.len(),
        target.shown,
        args.schema,
        if unmanaged.is_empty() {
            String::new()
        } else {
            format!(
                "; not managed: {} (listed in {}/_unmanaged.yaml)",
                pg::unmanaged::summary(&unmanaged),
                tier
            )
        },
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
