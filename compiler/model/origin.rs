//! Where a model element came from: written in YAML at file:line:col, read from
//! a live catalog, or implied by the compiler (tenancy, partition windows).
//! Origins never take part in equality: two models that say the same thing are
//! equal no matter where each was written.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FileId(pub u32);

/// A range of one source file: 1-based line and column (in characters) for
/// people, byte offset and length for snippet rendering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub file: FileId,
    pub line: u32,
    pub col: u32,
    pub offset: usize,
    pub len: usize,
}

/// The text of every file a project was loaded from.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the project directory when possible).
    pub path: PathBuf,
    pub text: String,
}

impl SourceMap {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile { path, text });
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn path(&self, id: FileId) -> &Path {
        self.get(id)
            .map(|f| f.path.as_path())
            .unwrap_or(Path::new("<unknown>"))
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
}

/// Where a model element came from.
#[derive(Clone, Copy, Debug, Default)]
pub enum Origin {
    /// Written by the user at this span.
    Yaml(Span),
    /// Added by the compiler because of what the user wrote at this span
    /// (tenant key, its index and policy, partition windows, generated names).
    Implied(Span),
    /// Read from a live database.
    Catalog,
    /// Not known (e.g. read back from a lock file).
    #[default]
    Unknown,
}

impl Origin {
    /// The span a diagnostic about this element should point at.
    pub fn span(&self) -> Option<Span> {
        match self {
            Origin::Yaml(s) | Origin::Implied(s) => Some(*s),
            Origin::Catalog | Origin::Unknown => None,
        }
    }

    pub fn implied(&self) -> Origin {
        match self {
            Origin::Yaml(s) | Origin::Implied(s) => Origin::Implied(*s),
            other => *other,
        }
    }

    pub fn is_implied(&self) -> bool {
        matches!(self, Origin::Implied(_))
    }
}

impl PartialEq for Origin {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for Origin {}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Yaml(s) => write!(f, "{}:{}", s.line, s.col),
            Origin::Implied(s) => write!(f, "implied by {}:{}", s.line, s.col),
            Origin::Catalog => f.write_str("catalog"),
            Origin::Unknown => f.write_str("unknown"),
        }
    }
}
