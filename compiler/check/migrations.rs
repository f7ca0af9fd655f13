//! The migration folders as diagnostics: every [`Problem`] `verify` finds
//! becomes a Diagnostic located at the migration file it is about (added to
//! the source map), so text, JSON and SARIF output report it like any other
//! finding and a code-scanning upload shows it.

use std::path::Path;

use crate::check::rules::{
    duplicate_migration_version, migration_edited, migration_missing, migration_unrecorded,
};
use crate::diag::{Diagnostic, RuleMeta};
use crate::emit::Problem;
use crate::emit::folder::{Folder, LOCK_FILE, SUM_FILE};
use crate::model::{SourceMap, Span};

/// A span covering the first line of `file` in `folder`, adding the file to
/// `sources` (empty text when it cannot be read, e.g. because it is missing).
fn file_span(sources: &mut SourceMap, shown: &Path, dir: &Path, file: &str) -> Span {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let len = text.lines().next().map(str::len).unwrap_or(0);
    let known = sources
        .files()
        .find(|(_, f)| f.path == shown.join(file))
        .map(|(id, _)| id);
    let id = known.unwrap_or_else(|| sources.add(shown.join(file), text));
    Span {
        file: id,
        line: 1,
        col: 1,
        offset: 0,
        len,
    }
}

fn rule(p: &Problem) -> &'static RuleMeta {
    match p {
        Problem::Edited(_) => &migration_edited::META,
        Problem::DuplicateVersion(..) => &duplicate_migration_version::META,
        Problem::Unrecorded(_) | Problem::SumTampered => &migration_unrecorded::META,
        Problem::Missing(_) | Problem::Gap(_) | Problem::Unpaired(_) | Problem::NoSum => {
            &migration_missing::META
        }
    }
}

/// The hint for a problem, true of the commands that exist.
fn hint(p: &Problem, tier: &str) -> String {
    match p {
        Problem::DuplicateVersion(..) => format!(
            "renumber: keep the migrations of the branch merged first, delete the other branch's files of that version and take `migrations/{tier}/{LOCK_FILE}` and `{SUM_FILE}` from the branch kept (git checkout), rebase, then `schemac emit` writes the other change again as the next version"
        ),
        _ => p.hint().to_string(),
    }
}

/// Diagnostics for the problems of one tier's folder. `shown` is the folder
/// as the user sees its path.
pub fn diagnose(
    tier: &str,
    folder: &Folder,
    shown: &Path,
    problems: &[Problem],
    sources: &mut SourceMap,
) -> Vec<Diagnostic> {
    let dir = folder.dir.as_path();
    problems
        .iter()
        .map(|p| {
            let message = format!("migrations of tier `{tier}`: {}", p.describe());
            let d = Diagnostic::new(rule(p), message).help(hint(p, tier));
            match p {
                Problem::Edited(f) | Problem::Unrecorded(f) | Problem::Unpaired(f) => {
                    d.at(Some(file_span(sources, shown, dir, f)))
                }
                Problem::DuplicateVersion(_, files) => {
                    let mut spans = files.iter().map(|f| file_span(sources, shown, dir, f));
                    let first = spans.next();
                    let mut d = d.at(spans.next().or(first));
                    for s in spans {
                        d = d.label(Some(s), "also this version");
                    }
                    d.label(first, "the same version, from the other branch")
                }
                Problem::Missing(_) | Problem::SumTampered | Problem::Gap(_) => {
                    d.at(Some(file_span(sources, shown, dir, SUM_FILE)))
                }
                Problem::NoSum => {
                    let first = folder.files.first().map(|f| f.file.clone());
                    d.at(first.map(|f| file_span(sources, shown, dir, &f)))
                }
            }
        })
        .collect()
}
