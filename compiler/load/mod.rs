//! Loading: a project directory (or files in memory) → the model, the source
//! text of every file, and every diagnostic found on the way. Reading a file
//! can fail (I/O: a typed error); what a file says is never an error, only
//! diagnostics, so one run reports everything.

pub mod lower;
mod names;
mod partitions;
mod sequences;
pub mod syntax;
pub mod tenancy;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::check::rules::{duplicate_key, yaml_syntax};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{FileId, Project, SourceMap, Span};

/// The project file every project has at its root.
pub const PROJECT_FILE: &str = "schemac.yaml";

/// A loaded project: the model, its sources, and what was found wrong.
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    pub sources: SourceMap,
    pub diags: Diagnostics,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} is not a directory")]
    NotADirectory(PathBuf),
}

/// Load the project in `dir`: `schemac.yaml` and every `*.yaml`/`*.yml` below
/// it, except the migrations folder and hidden folders.
pub fn project(dir: &Path) -> Result<Loaded, LoadError> {
    if !dir.is_dir() {
        return Err(LoadError::NotADirectory(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    let mut sources = Vec::new();
    for rel in files {
        let path = dir.join(&rel);
        let text =
            std::fs::read_to_string(&path).map_err(|source| LoadError::Io { path, source })?;
        sources.push((rel, text));
    }
    Ok(from_files(dir, sources))
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        if path.is_dir() {
            if rel == Path::new("migrations") || name == "target" || name == "node_modules" {
                continue;
            }
            collect(root, &path, out)?;
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(rel);
        }
    }
    Ok(())
}

/// Load a project from file texts: `(path relative to the project, text)`.
/// Paths are shown to the user joined onto `dir`.
pub fn from_files(dir: &Path, files: Vec<(PathBuf, String)>) -> Loaded {
    let mut sources = SourceMap::default();
    let mut rels = Vec::with_capacity(files.len());
    for (rel, text) in files {
        let shown = if dir == Path::new(".") || dir.as_os_str().is_empty() {
            rel.clone()
        } else {
            dir.join(&rel)
        };
        rels.push((sources.add(shown, text), rel));
    }
    // Files are independent until lowering: read them on every core.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = rels.len().div_ceil(threads).max(1);
    let read: Vec<(Read, Diagnostics)> = std::thread::scope(|scope| {
        let handles: Vec<_> = rels
            .chunks(chunk)
            .map(|part| {
                let sources = &sources;
                scope.spawn(move || {
                    part.iter()
                        .map(|(id, rel)| read_file(*id, rel, sources))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut diags = Diagnostics::default();
    let mut project = None;
    let mut tiers = Vec::new();
    for (r, d) in read {
        diags.extend(d.into_vec());
        match r {
            Read::Project(pf, span) => project = Some((*pf, span)),
            Read::Tier(t) => tiers.push(*t),
            Read::Nothing => {}
        }
    }
    let project = lower::lower(dir, lower::Input { project, tiers }, &mut diags);
    Loaded {
        project,
        sources,
        diags,
    }
}

/// What one file holds once read.
enum Read {
    Project(Box<syntax::ProjectFile>, Span),
    Tier(Box<lower::TierInput>),
    Nothing,
}

fn read_file(id: FileId, rel: &Path, sources: &SourceMap) -> (Read, Diagnostics) {
    let mut diags = Diagnostics::default();
    let text = sources.get(id).map(|f| f.text.as_str()).unwrap_or_default();
    let node = match yaml::parse(id, text) {
        Ok(n) => n,
        Err(e) => {
            let (rule, help) = if e.duplicate_key {
                (
                    &duplicate_key::META,
                    "YAML mappings cannot repeat a key; merge the two entries",
                )
            } else {
                (&yaml_syntax::META, "fix the YAML syntax at this position")
            };
            diags.push(Diagnostic::new(rule, e.message).at(Some(e.span)).help(help));
            return (Read::Nothing, diags);
        }
    };
    let mut cx = syntax::Cx { diags: &mut diags };
    let whole = whole_file(id, text);
    let read = if rel == Path::new(PROJECT_FILE) {
        match syntax::ProjectFile::read(&node, &mut cx) {
            Some(pf) => Read::Project(Box::new(pf), whole),
            None => Read::Nothing,
        }
    } else {
        match syntax::TierFile::read(&node, &mut cx) {
            Some(file) => {
                let folder = rel
                    .components()
                    .next()
                    .filter(|_| rel.components().count() > 1)
                    .map(|c| c.as_os_str().to_string_lossy().to_string());
                Read::Tier(Box::new(lower::TierInput {
                    folder,
                    file_span: whole,
                    file,
                }))
            }
            None => Read::Nothing,
        }
    };
    (read, diags)
}

fn whole_file(file: FileId, text: &str) -> Span {
    Span {
        file,
        line: 1,
        col: 1,
        offset: 0,
        len: text.lines().next().map(str::len).unwrap_or(0),
    }
}
