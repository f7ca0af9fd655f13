//! A tier's migration folder as it is on disk: numbered up/down files, the
//! lock (the model the last migration produced) and the checksum file that
//! detects edited, missing, duplicated or conflicting migrations.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::Schema;

pub const LOCK_FILE: &str = "schema.lock.json";
pub const SUM_FILE: &str = "schemac.sum";
pub const ORPHANS_FILE: &str = "orphans.sql";

/// `0002_add_email.up.sql` → version 2, name `add_email`, up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationFile {
    pub version: u32,
    pub name: String,
    pub up: bool,
    pub file: String,
    pub path: PathBuf,
}

impl MigrationFile {
    pub fn parse(path: &Path) -> Option<MigrationFile> {
        let file = path.file_name()?.to_str()?.to_string();
        let (stem, up) = if let Some(s) = file.strip_suffix(".up.sql") {
            (s, true)
        } else {
            (file.strip_suffix(".down.sql")?, false)
        };
        let (num, name) = stem.split_once('_')?;
        if num.len() < 4 || !num.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(MigrationFile {
            version: num.parse().ok()?,
            name: name.to_string(),
            up,
            file,
            path: path.to_path_buf(),
        })
    }
}

/// What is wrong with a migration folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A file's content no longer matches its recorded checksum.
    Edited(String),
    /// A recorded file is gone.
    Missing(String),
    /// A migration file the checksum file does not know.
    Unrecorded(String),
    /// Two different migrations share a version number.
    DuplicateVersion(u32, Vec<String>),
    /// Versions are not 1, 2, 3… without gaps.
    Gap(u32),
    /// An up file without its down, or the reverse.
    Unpaired(String),
    /// The checksum file itself was edited or merged by hand.
    SumTampered,
    /// Migration files exist but the checksum file is missing.
    NoSum,
}

impl Problem {
    pub fn describe(&self) -> String {
        match self {
            Problem::Edited(f) => {
                format!("{f} was edited after it was emitted (checksum mismatch)")
            }
            Problem::Missing(f) => format!("{f} is recorded in {SUM_FILE} but missing"),
            Problem::Unrecorded(f) => format!("{f} is not recorded in {SUM_FILE}"),
            Problem::DuplicateVersion(v, files) => {
                format!(
                    "version {v:04} is used by more than one migration: {}",
                    files.join(", ")
                )
            }
            Problem::Gap(v) => {
                format!("version {v:04} is missing: versions must follow each other")
            }
            Problem::Unpaired(f) => {
                let other = match f.strip_suffix(".up.sql") {
                    Some(stem) => format!("{stem}.down.sql"),
                    None => format!("{}.up.sql", f.trim_end_matches(".down.sql")),
                };
                format!("{f} has no matching {other}")
            }
            Problem::SumTampered => {
                format!("{SUM_FILE} does not match its own header hash (edited or merged by hand)")
            }
            Problem::NoSum => format!("migration files exist but {SUM_FILE} is missing"),
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            Problem::Edited(_) => {
                "never edit an emitted migration: restore it (git checkout) and change the YAML instead, then `schemac emit`"
            }
            Problem::DuplicateVersion(..) | Problem::SumTampered | Problem::Unrecorded(_) => {
                "two branches emitted migrations concurrently: `schemac rebase` re-emits the migrations of the branch merged second after those of the branch merged first (`--onto REF` names that branch)"
            }
            _ => "restore the migration folder from version control, then `schemac emit`",
        }
    }
}

/// The migration folder of one tier.
#[derive(Debug, Default)]
pub struct Folder {
    pub dir: PathBuf,
    pub files: Vec<MigrationFile>,
    /// File name → recorded checksum.
    pub sums: BTreeMap<String, String>,
    pub sum_present: bool,
    pub sum_valid: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a valid lock file: {message}")]
    Lock { path: PathBuf, message: String },
}

/// `sha256:` + the hex digest.
pub fn hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Read `dir` (missing is fine: an empty folder).
pub fn read(dir: &Path) -> Result<Folder, FolderError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FolderError::Io { path, source }
    };
    let mut folder = Folder {
        dir: dir.to_path_buf(),
        ..Default::default()
    };
    if !dir.exists() {
        return Ok(folder);
    }
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        if let Some(m) = MigrationFile::parse(&entry.path()) {
            folder.files.push(m);
        }
    }
    folder
        .files
        .sort_by(|a, b| (a.version, &a.name, !a.up).cmp(&(b.version, &b.name, !b.up)));
    let sum_path = dir.join(SUM_FILE);
    if sum_path.exists() {
        folder.sum_present = true;
        let text = std::fs::read_to_string(&sum_path).map_err(io(&sum_path))?;
        (folder.sums, folder.sum_valid) = parse_sum(&text);
    }
    Ok(folder)
}

/// The entries of a checksum file (file name → checksum), and whether its
/// first line is the hash of the rest.
pub fn parse_sum(text: &str) -> (BTreeMap<String, String>, bool) {
    let mut sums = BTreeMap::new();
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().to_string();
    let body: Vec<&str> = lines.collect();
    for line in &body {
        if let Some((file, sum)) = line.rsplit_once(' ') {
            sums.insert(file.to_string(), sum.to_string());
        }
    }
    let valid = header == hash(body.join("\n").as_bytes());
    (sums, valid)
}

impl Folder {
    /// Highest version present (0 when empty).
    pub fn last_version(&self) -> u32 {
        self.files.iter().map(|f| f.version).max().unwrap_or(0)
    }

    /// Check files against the checksum file and each other.
    pub fn verify(&self) -> Result<Vec<Problem>, FolderError> {
        let mut problems = Vec::new();
        if self.files.is_empty() && !self.sum_present {
            return Ok(problems);
        }
        if !self.sum_present {
            problems.push(Problem::NoSum);
        } else if !self.sum_valid {
            problems.push(Problem::SumTampered);
        }
        let mut by_version: BTreeMap<u32, Vec<&MigrationFile>> = BTreeMap::new();
        for f in &self.files {
            by_version.entry(f.version).or_default().push(f);
        }
        for (v, files) in &by_version {
            let names: std::collections::BTreeSet<&str> =
                files.iter().map(|f| f.name.as_str()).collect();
            if names.len() > 1 {
                problems.push(Problem::DuplicateVersion(
                    *v,
                    files.iter().map(|f| f.file.clone()).collect(),
                ));
            }
            for f in files {
                if !files.iter().any(|g| g.up != f.up && g.name == f.name) {
                    problems.push(Problem::Unpaired(f.file.clone()));
                }
            }
        }
        for (i, v) in by_version.keys().enumerate() {
            if *v != i as u32 + 1 {
                problems.push(Problem::Gap(i as u32 + 1));
                break;
            }
        }
        if self.sum_present {
            for f in &self.files {
                let bytes = std::fs::read(&f.path).map_err(|source| FolderError::Io {
                    path: f.path.clone(),
                    source,
                })?;
                match self.sums.get(&f.file) {
                    Some(s) if *s == hash(&bytes) => {}
                    Some(_) => problems.push(Problem::Edited(f.file.clone())),
                    None => problems.push(Problem::Unrecorded(f.file.clone())),
                }
            }
            for name in self.sums.keys() {
                if name.ends_with(".sql") && !self.files.iter().any(|f| f.file == *name) {
                    problems.push(Problem::Missing(name.clone()));
                }
            }
            let lock_path = self.dir.join(LOCK_FILE);
            if let Some(recorded) = self.sums.get(LOCK_FILE) {
                match std::fs::read(&lock_path) {
                    Ok(bytes) if hash(&bytes) == *recorded => {}
                    Ok(_) => problems.push(Problem::Edited(LOCK_FILE.into())),
                    Err(_) => problems.push(Problem::Missing(LOCK_FILE.into())),
                }
            }
        }
        Ok(problems)
    }
}

/// The checksum file for a set of (file name, checksum), sorted by name.
pub fn sum_file(entries: &[(String, String)]) -> String {
    let mut lines: Vec<String> = entries.iter().map(|(f, h)| format!("{f} {h}")).collect();
    lines.sort();
    let body = lines.join("\n");
    format!("{}\n{body}\n", hash(body.as_bytes()))
}

#[derive(serde::Serialize)]
struct LockOut<'a> {
    schemac: &'a str,
    schema: &'a Schema,
}

#[derive(serde::Deserialize)]
struct LockIn {
    schema: Schema,
}

/// Write the lock file for a schema: stable, pretty JSON, streamed to disk
/// (it is the largest file of a migration folder).
pub fn write_lock(path: &Path, schema: &Schema) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    serde_json::to_writer_pretty(
        &mut out,
        &LockOut {
            schemac: env!("CARGO_PKG_VERSION"),
            schema,
        },
    )?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The model after the last emitted migration of `dir`; `None` before the first emit.
pub fn lock(dir: &Path) -> Result<Option<Schema>, FolderError> {
    let path = dir.join(LOCK_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|source| FolderError::Io {
        path: path.clone(),
        source,
    })?;
    parse_lock(&text, &path).map(Some)
}

/// A lock file's model from its text (`path` names it in errors).
pub fn parse_lock(text: &str, path: &Path) -> Result<Schema, FolderError> {
    let lock: LockIn = serde_json::from_str(text).map_err(|e| FolderError::Lock {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(lock.schema)
}
