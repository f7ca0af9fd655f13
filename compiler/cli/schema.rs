//! `schemac schema`: print the JSON Schema of the YAML files.

use std::process::ExitCode;

use super::{CliError, Out};

/// Print the JSON Schema (draft-07) of schemac.yaml and tier files, for editor
/// completion. Point the YAML language server at it with a first line:
///   # yaml-language-server: $schema=<path>/schemac.schema.json
///
/// Examples:
///   schemac schema > schemac.schema.json
///   schemac schema | jq '.definitions.TableSyntax.properties | keys'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub fn run(_: Args, out: &mut Out) -> Result<ExitCode, CliError> {
    out.write(&text())?;
    Ok(ExitCode::SUCCESS)
}

/// The schema as committed in `schemas/schemac.schema.json`.
pub fn text() -> String {
    let mut s =
        serde_json::to_string_pretty(&crate::load::syntax::json_schema()).unwrap_or_default();
    s.push('\n');
    s
}
