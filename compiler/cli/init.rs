//! `schemac init [DIR]`: scaffold a project that checks clean.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, Out};

/// Create schemac.yaml, one tier folder and an example tenant-scoped table.
///
/// Examples:
///   schemac init shop && schemac check shop
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Directory to create the project in (created if missing).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

const SCHEMA_LINE: &str =
    "# yaml-language-server: $schema=https://schemac.dev/schemac.schema.json\n";

pub fn run(args: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    let project_file = args.dir.join(crate::load::PROJECT_FILE);
    if project_file.exists() {
        return Err(CliError::Message(format!(
            "{} already exists",
            project_file.display()
        )));
    }
    let name = project_name(&args.dir);
    let files = scaffold(&name);
    for (rel, text) in &files {
        let path = args.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        out.write(&format!("created {}\n", path.display()))?;
    }
    out.write(&format!("\nnext: schemac check {}\n", args.dir.display()))?;
    Ok(ExitCode::SUCCESS)
}

fn project_name(dir: &Path) -> String {
    let raw = std::fs::canonicalize(dir)
        .ok()
        .or_else(|| Some(dir.to_path_buf()))
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
        .unwrap_or_else(|| "app".into());
    let snake = crate::check::rules::naming_not_snake_case::to_snake_case(&raw);
    if snake.is_empty() {
        "app".into()
    } else {
        snake
    }
}

/// The files of a new project, relative to its directory.
pub fn scaffold(name: &str) -> Vec<(&'static str, String)> {
    let project = format!(
        "{SCHEMA_LINE}project: {name}
postgres: 15

# Every tenant-scoped table gets tenant_id (NOT NULL, FK to tenants, indexed),
# RLS enabled and forced, and a policy comparing it with this setting.
tenancy:
  root: app.tenants
  key: tenant_id
  setting: app.current_tenant_id

conventions:
  timestamps: bare        # created, updated
  tables: plural
  touch_updated: true     # trigger keeps `updated` current

tiers:
  app:
    database: {name}
"
    );
    let tenants = format!(
        "{SCHEMA_LINE}tables:
  tenants:
    tenancy: global
    comment: One row per customer organisation.
    columns:
      id: {{ type: uuid, primary_key: true, default: gen_random_uuid() }}
      name: text
      created: {{ type: timestamptz, default: now() }}
"
    );
    let projects = format!(
        "{SCHEMA_LINE}tables:
  projects:
    comment: Work a tenant tracks.
    columns:
      id: {{ type: uuid, default: gen_random_uuid() }}
      name: text
      status: {{ type: text, default: \"'active'\", check: \"status in ('active', 'archived')\" }}
      created: {{ type: timestamptz, default: now() }}
      updated: {{ type: timestamptz, default: now() }}
    primary_key: [tenant_id, id]
    unique:
      - [tenant_id, name]
    indexes:
      - [tenant_id, created desc]
"
    );
    vec![
        ("schemac.yaml", project),
        ("app/tenants.yaml", tenants),
        ("app/projects.yaml", projects),
    ]
}

#[cfg(test)]
mod tests {
    use crate::check::testing::check_ok;

    #[test]
    fn scaffold_checks_clean() {
        let files = super::scaffold("shop");
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        check_ok(&refs);
    }
}
