//! Loading: a project directory (or files in memory) → the model, the source
//! text of every file, and every diagnostic found on the way. Reading a file
//! can fail (I/O: a typed error); what a file says is never an error, only
//! diagnostics, so one run reports everything.

mod citus;
mod composites;
mod domains;
mod functions;
mod grants;
pub mod lower;
mod names;
mod namespaces;
mod partitions;
mod ranges;
pub mod recover;
mod sequences;
mod storage;
pub mod syntax;
pub mod tenancy;
mod triggers;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::check::rules::{
    duplicate_key, input_limit, invalid_encoding, multiple_documents, yaml_syntax,
};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{FileId, Project, SourceMap, Span};

/// The project file every project has at its root.
pub const PROJECT_FILE: &str = "schemac.yaml";

/// Files larger than this are not read (Y009): a schema is text people write.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// Why a file's bytes could not be taken as they are.
enum Unreadable {
    TooLarge(u64),
    /// Byte offset of the first byte that is not UTF-8.
    NotUtf8(usize),
}

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
    let mut unreadable = Vec::new();
    for rel in files {
        let path = dir.join(&rel);
        let io = |source| LoadError::Io {
            path: path.clone(),
            source,
        };
        let size = std::fs::metadata(&path).map_err(io)?.len();
        if size > MAX_FILE_BYTES {
            unreadable.push((sources.len(), Unreadable::TooLarge(size)));
            sources.push((rel, String::new()));
            continue;
        }
        let text = match String::from_utf8(std::fs::read(&path).map_err(io)?) {
            Ok(t) => t,
            Err(e) => {
                unreadable.push((
                    sources.len(),
                    Unreadable::NotUtf8(e.utf8_error().valid_up_to()),
                ));
                // Read on with U+FFFD in place of bad bytes; the prefix keeps its offsets.
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        sources.push((rel, text));
    }
    let mut loaded = from_files(dir, sources);
    for (i, why) in unreadable {
        let file = FileId(i as u32);
        let text = loaded
            .sources
            .get(file)
            .map(|f| f.text.as_str())
            .unwrap_or_default();
        loaded.diags.push(match why {
            Unreadable::TooLarge(size) => Diagnostic::new(
                &input_limit::META,
                format!("file is {size} bytes, more than the {MAX_FILE_BYTES} schemac reads"),
            )
            .at(Some(whole_file(file, text)))
            .help("split the tier's tables over several files"),
            Unreadable::NotUtf8(at) => Diagnostic::new(
                &invalid_encoding::META,
                "this byte is not UTF-8: the file must be UTF-8 text",
            )
            .at(Some(point(file, text, at, 3)))
            .help("save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"),
        });
    }
    Ok(loaded)
}

/// A span at byte `at` of `text`, `len` bytes long.
fn point(file: FileId, text: &str, at: usize, len: usize) -> Span {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    Span {
        file,
        line: text[..at].matches('\n').count() as u32 + 1,
        col: text[line_start..at].chars().count() as u32 + 1,
        offset: at,
        len: len.min(text.len() - at),
    }
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
    let read: Vec<(Read, Diagnostics, Vec<recover::Dropped>)> = std::thread::scope(|scope| {
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
    let mut dropped = Vec::new();
    for (r, d, gone) in read {
        diags.extend(d.into_vec());
        dropped.extend(gone);
        match r {
            Read::Project(pf, span) => project = Some((*pf, span)),
            Read::Tier(t) => tiers.push(*t),
            Read::Nothing => {}
        }
    }
    let project = lower::lower(dir, lower::Input { project, tiers }, &mut diags);
    recover::mark_follow_ons(&mut diags, &dropped);
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

/// A YAML error as a diagnostic, with the hint for its kind.
fn yaml_diagnostic(e: yaml::ParseError, text: &str) -> Diagnostic {
    match e.kind {
        yaml::ErrorKind::DuplicateKey => Diagnostic::new(&duplicate_key::META, e.message)
            .at(Some(e.span))
            .label(e.first, "first written here")
            .help("YAML mappings cannot repeat a key; merge the two entries or rename one"),
        yaml::ErrorKind::Limit => Diagnostic::new(&input_limit::META, e.message)
            .at(Some(e.span))
            .help("write the values out instead of nesting aliases, and keep nesting shallow"),
        yaml::ErrorKind::ExtraDocument => Diagnostic::new(&multiple_documents::META, e.message)
            .at(Some(e.span))
            .help("remove the `---` line, or move the second document into a file of its own"),
        yaml::ErrorKind::Syntax => {
            if let Some((line, offset, col)) = recover::indenting_tab(text, e.span.line) {
                let span = Span {
                    file: e.span.file,
                    line,
                    col: col as u32 + 1,
                    offset,
                    len: 1,
                };
                return Diagnostic::new(&yaml_syntax::META, "a tab is used to indent this line")
                    .at(Some(span))
                    .help("YAML indents with spaces only: replace the tab with spaces");
            }
            let help = recover::hint(&e.message);
            Diagnostic::new(&yaml_syntax::META, e.message)
                .at(Some(e.span))
                .help(help)
        }
    }
}

/// Parse a file, reading on past a broken entry (see [`recover`]): the tree
/// of what could be read, and what was dropped.
fn parse_recovering(
    id: FileId,
    text: &str,
    diags: &mut Diagnostics,
) -> (Option<yaml::Node>, Vec<recover::Dropped>) {
    let mut dropped = Vec::new();
    let mut current = std::borrow::Cow::Borrowed(text);
    for _attempt in 0..64 {
        let parsed = yaml::parse(id, &current);
        if let Some(node) = parsed.node {
            diags.extend(parsed.errors.into_iter().map(|e| yaml_diagnostic(e, text)));
            return (Some(node), dropped);
        }
        let mut errors = parsed.errors;
        let Some(fatal) = errors.pop() else {
            return (None, dropped);
        };
        let retry = (fatal.kind == yaml::ErrorKind::Syntax)
            .then(|| recover::blank_entry(&current, fatal.span.line))
            .flatten();
        let span = fatal.span;
        diags.push(yaml_diagnostic(fatal, text));
        match retry {
            Some((blanked, name)) => {
                dropped.push(recover::Dropped { name, error: span });
                current = std::borrow::Cow::Owned(blanked);
            }
            None => {
                diags.extend(errors.into_iter().map(|e| yaml_diagnostic(e, text)));
                return (None, dropped);
            }
        }
    }
    (None, dropped)
}

fn read_file(
    id: FileId,
    rel: &Path,
    sources: &SourceMap,
) -> (Read, Diagnostics, Vec<recover::Dropped>) {
    let mut diags = Diagnostics::default();
    let text = sources.get(id).map(|f| f.text.as_str()).unwrap_or_default();
    let (node, dropped) = parse_recovering(id, text, &mut diags);
    let Some(node) = node else {
        return (Read::Nothing, diags, dropped);
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
            Some(mut file) => {
                let dir = sources
                    .get(id)
                    .and_then(|f| f.path.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                for (_, f) in file
                    .functions
                    .0
                    .iter_mut()
                    .chain(file.procedures.0.iter_mut())
                {
                    f.load_body(&dir, &mut cx);
                }
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
    (read, diags, dropped)
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
