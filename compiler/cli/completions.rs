//! `schemac completions` and `schemac man`: generated from the clap
//! definitions, so they cannot fall behind the commands.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, CliError, Out};

/// Print a shell completion script.
///
/// Examples:
///   schemac completions bash > ~/.local/share/bash-completion/completions/schemac
///   schemac completions zsh > "${fpath[1]}/_schemac"
///   schemac completions fish > ~/.config/fish/completions/schemac.fish
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn completions(args: CompletionArgs, out: &mut Out) -> Result<ExitCode, CliError> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "schemac", &mut buf);
    out.write(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}

/// Write man pages: `schemac.1` and one `schemac-<command>.1` per command.
/// Without --out, print `schemac.1` to standard output.
///
/// Examples:
///   schemac man | man -l -
///   sudo schemac man --out /usr/local/share/man/man1
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// Folder to write the pages to (created if missing).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn man(args: ManArgs, out: &mut Out) -> Result<ExitCode, CliError> {
    let command = Cli::command();
    let Some(dir) = args.out else {
        let mut buf = Vec::new();
        clap_mangen::Man::new(command).render(&mut buf)?;
        out.write(&String::from_utf8_lossy(&buf))?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(&dir)?;
    let mut written = vec![page(&dir, "schemac", command.clone())?];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("schemac-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("schemac {}", sub.get_name()));
        written.push(page(&dir, &name, sub)?);
    }
    out.note(&format!(
        "wrote {} man pages to {}\n",
        written.len(),
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn page(dir: &std::path::Path, name: &str, command: clap::Command) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("{name}.1"));
    let mut buf = Vec::new();
    clap_mangen::Man::new(command).render(&mut buf)?;
    std::fs::write(&path, buf)?;
    Ok(path)
}

/// The command-line reference of the book (`book/src/cli.md`): every
/// command's full help, as `--help` prints it, so the two cannot differ.
pub fn reference() -> String {
    let mut cmd = Cli::command().term_width(100);
    cmd.build();
    let mut s = String::from(
        "# Command line\n\n\
         Generated from `schemac --help`; `schemac <command> --help` prints the same.\n\
         `schemac man --out DIR` writes these pages as man pages, and\n\
         `schemac completions <shell>` prints a completion script for bash, zsh, fish,\n\
         elvish or PowerShell.\n\n\
         Every command takes `--color auto|always|never`; `auto` colors only a terminal\n\
         and honours `NO_COLOR`. Results go to standard output, progress and notes to\n\
         standard error.\n\n",
    );
    s.push_str(&format!(
        "```text\n{}\n```\n",
        cmd.render_long_help().to_string().trim_end()
    ));
    for sub in cmd.get_subcommands_mut().filter(|c| c.get_name() != "help") {
        let name = sub.get_name().to_string();
        let help = sub.render_long_help().to_string();
        s.push_str(&format!(
            "\n## schemac {name}\n\n```text\n{}\n```\n",
            help.trim_end()
        ));
    }
    s
}
