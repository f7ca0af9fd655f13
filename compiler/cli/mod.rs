//! The command line: one file per command, each only wiring stages together.
//! This module owns standard output and error — nothing else in the crate
//! prints — and turns a closed pipe (`schemac plan | head`) into a clean exit.

mod apply;
mod check;
pub mod completions;
mod db;
mod docs;
mod emit;
mod init;
mod inspect;
mod partitions;
mod plan;
mod prove;
mod rebase;
mod reviewed;
mod rollback;
mod schema;
mod verify;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Declarative schema-as-code compiler for multi-tenant PostgreSQL.
#[derive(Debug, Parser)]
#[command(name = "schemac", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// When to use colors (NO_COLOR is honoured by `auto`).
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Init(init::Args),
    Check(check::Args),
    Plan(plan::Args),
    Emit(emit::Args),
    Rebase(rebase::Args),
    Apply(apply::Args),
    Rollback(rollback::Args),
    Partitions(partitions::Args),
    Inspect(inspect::Args),
    Docs(docs::Args),
    Schema(schema::Args),
    Verify(verify::Args),
    Completions(completions::CompletionArgs),
    Man(completions::ManArgs),
}

/// Output format of commands that report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

/// Output format of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
}

/// Load and check a project. With errors, print the diagnostics to standard
/// error and return `None`: no stage past `check` runs on a broken model.
pub fn loaded_or_report(
    dir: &std::path::Path,
    out: &mut Out,
) -> Result<Option<crate::load::Loaded>, CliError> {
    let mut loaded = crate::load::project(dir)?;
    crate::check::run(&mut loaded);
    if loaded.diags.has_errors() {
        let errors: Vec<crate::diag::Diagnostic> = loaded
            .diags
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .cloned()
            .collect();
        out.note(&crate::diag::render::text(&errors, &loaded.sources, true))?;
        return Ok(None);
    }
    Ok(Some(loaded))
}

/// A failure that is not the user's schema: I/O, connection, SQL.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Emit(#[from] crate::emit::EmitError),
    #[error(transparent)]
    Pg(#[from] crate::pg::PgError),
    #[error("{0}")]
    Message(String),
}

/// Where commands write: standard output, with colors stripped when it is
/// not a terminal (or NO_COLOR is set, or `--color never`).
pub struct Out {
    stdout: anstream::AutoStream<std::io::Stdout>,
    err: anstream::AutoStream<std::io::Stderr>,
}

impl Out {
    fn new(color: ColorChoice) -> Self {
        let choice = match color {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        };
        Out {
            stdout: anstream::AutoStream::new(std::io::stdout(), choice),
            err: anstream::AutoStream::new(std::io::stderr(), choice),
        }
    }

    /// Write to standard output.
    pub fn write(&mut self, s: &str) -> std::io::Result<()> {
        self.stdout.write_all(s.as_bytes())
    }

    /// Write to standard error (progress, notes that are not the result).
    pub fn note(&mut self, s: &str) -> std::io::Result<()> {
        self.err.write_all(s.as_bytes())
    }

    /// Whether colors reach the terminal.
    pub fn colored(&self) -> bool {
        !matches!(self.stdout.current_choice(), anstream::ColorChoice::Never)
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Out::new(cli.color);
    let result = match cli.command {
        Command::Init(a) => init::run(a, &mut out),
        Command::Check(a) => check::run(a, &mut out),
        Command::Plan(a) => plan::run(a, &mut out),
        Command::Emit(a) => emit::run(a, &mut out),
        Command::Rebase(a) => rebase::run(a, &mut out),
        Command::Apply(a) => apply::run(a, &mut out),
        Command::Rollback(a) => rollback::run(a, &mut out),
        Command::Partitions(a) => partitions::run(a, &mut out),
        Command::Inspect(a) => inspect::run(a, &mut out),
        Command::Docs(a) => docs::run(a, &mut out),
        Command::Schema(a) => schema::run(a, &mut out),
        Command::Verify(a) => verify::run(a, &mut out),
        Command::Completions(a) => completions::completions(a, &mut out),
        Command::Man(a) => completions::man(a, &mut out),
    };
    let flushed = out.stdout.flush();
    if let Some(report) = crate::timing::report() {
        let _ = out.note(&report);
    }
    match (result, flushed) {
        (Ok(code), Ok(())) => code,
        (Err(CliError::Io(e)), _) | (Ok(_), Err(e))
            if e.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        (Ok(_), Err(e)) => fail(&mut out, &e.to_string()),
        (Err(e), _) => fail(&mut out, &e.to_string()),
    }
}

fn fail(out: &mut Out, message: &str) -> ExitCode {
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let _ = out.note(&format!("{style}error{style:#}: {message}\n"));
    ExitCode::FAILURE
}
