//! Rebasing a tier's migrations after two branches each emitted the next
//! version. The branch merged first is the base: its checksum file says which
//! migrations are its own and its lock what they build. Every other migration
//! file of the folder belongs to the branch merged second; they are removed
//! and the merged YAML is emitted again on top of the base — renumbered, with
//! its down files, lock and checksums computed as `emit` computes them.
//! Nothing is written unless every selected tier could be planned.

use std::path::{Path, PathBuf};

use super::folder::{self, Folder, LOCK_FILE, MigrationFile, SUM_FILE};
use super::{EmitError, TierPlan};
use crate::model::{Project, Schema, Tier};
use crate::render::Renderer;

/// Where the base of a tier comes from.
#[derive(Debug, Clone)]
pub enum Onto {
    /// The folder's own checksum file and lock, when they are intact; else
    /// git's `HEAD` (during a merge or rebase: the side merged first).
    Auto,
    /// A git revision: the branch merged first, e.g. `main`.
    Rev(String),
}

#[derive(Debug, thiserror::Error)]
pub enum RebaseError {
    #[error(transparent)]
    Emit(#[from] EmitError),
    #[error(transparent)]
    Folder(#[from] folder::FolderError),
    #[error("tier `{tier}`: {message}\n  hint: {hint}")]
    Base {
        tier: String,
        message: String,
        hint: String,
    },
}

/// The base of one tier: the checksum file and lock of the branch merged first.
struct Base {
    /// Where it was read: "the folder", "git HEAD", "git main".
    from: String,
    sum: String,
    lock: Option<String>,
}

/// What rebasing one tier does.
#[derive(Debug)]
pub struct Rebase<'a> {
    pub tier: String,
    /// Where the base came from.
    pub from: String,
    /// The base's migration files, kept as they are.
    pub kept: Vec<String>,
    /// The files of the branch merged second, removed.
    pub removed: Vec<MigrationFile>,
    /// The base's checksum file and lock, written back before emitting.
    sum: String,
    lock: Option<String>,
    /// The migrations emitted on top of the base.
    pub plan: TierPlan<'a>,
    /// False when the folder is intact and holds nothing but the base's files.
    pub needed: bool,
    /// Data-loss hazard codes the removed files carried: allowed when that
    /// branch emitted them, so allowed again.
    pub allowed: Vec<String>,
}

/// Plan the rebase of one tier. `name` names the re-emitted migration
/// (default: the name the branch gave its own).
pub fn prepare<'a>(
    project: &Project,
    tier: &'a Tier,
    renderer: &Renderer,
    onto: &Onto,
    name: Option<&str>,
) -> Result<Rebase<'a>, RebaseError> {
    let dir = super::tier_dir(project, tier);
    let folder = folder::read(&dir)?;
    let base = base(&dir, &folder, onto).map_err(|(message, hint)| RebaseError::Base {
        tier: tier.name.to_string(),
        message,
        hint,
    })?;
    let fail = |message: String, hint: &str| RebaseError::Base {
        tier: tier.name.to_string(),
        message,
        hint: hint.to_string(),
    };
    let (sums, _) = folder::parse_sum(&base.sum);
    let kept: Vec<String> = sums
        .keys()
        .filter(|f| MigrationFile::parse(Path::new(f.as_str())).is_some())
        .cloned()
        .collect();
    // The base's migrations must be in the folder exactly as that branch has them.
    for f in &kept {
        let recorded = &sums[f];
        match std::fs::read(dir.join(f)) {
            Ok(bytes) if folder::hash(&bytes) == *recorded => {}
            Ok(_) => {
                return Err(fail(
                    format!("{f} differs from the {} version", base.from),
                    "restore it from the branch merged first (git checkout REF -- FILE)",
                ));
            }
            Err(_) => {
                return Err(fail(
                    format!("{f} of the {} is missing from the folder", base.from),
                    "restore it from the branch merged first (git checkout REF -- FILE)",
                ));
            }
        }
    }
    let removed: Vec<MigrationFile> = folder
        .files
        .iter()
        .filter(|f| !kept.contains(&f.file))
        .cloned()
        .collect();
    let mut allowed: Vec<String> = Vec::new();
    for f in removed.iter().filter(|f| f.up) {
        let text = std::fs::read_to_string(&f.path).map_err(|source| folder::FolderError::Io {
            path: f.path.clone(),
            source,
        })?;
        for (code, _) in crate::pg::script::hazards(&text) {
            if crate::plan::hazards::loses_data(&code) && !allowed.contains(&code) {
                allowed.push(code);
            }
        }
    }
    let old = match &base.lock {
        Some(text) => folder::parse_lock(text, &dir.join(LOCK_FILE))?,
        None => Schema::empty(tier.schema.name.clone()),
    };
    let last = kept
        .iter()
        .filter_map(|f| MigrationFile::parse(Path::new(f.as_str())))
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
    let derived = own_name(&removed);
    let name = name.or(derived.as_deref());
    let plan = super::plan_between(
        project,
        tier,
        renderer,
        name,
        old,
        std::borrow::Cow::Borrowed(&tier.schema),
        last,
        dir,
    )?;
    Ok(Rebase {
        tier: tier.name.to_string(),
        needed: !removed.is_empty() || base.from != "folder",
        from: base.from,
        kept,
        removed,
        sum: base.sum,
        lock: base.lock,
        plan,
        allowed,
    })
}

/// The name the branch merged second gave its migration: one emit splits
/// into `name_1`, `name_2`…; several emits keep no single name.
fn own_name(removed: &[MigrationFile]) -> Option<String> {
    let mut names: Vec<&str> = removed
        .iter()
        .filter(|f| f.up)
        .map(|f| match f.name.rsplit_once('_') {
            Some((stem, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => stem,
            _ => f.name.as_str(),
        })
        .collect();
    names.dedup();
    match names.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// The base of a tier: the folder's own checksum file when it is intact and
/// agrees with the lock, else the one of a git revision. An error is a
/// (message, hint).
fn base(dir: &Path, folder: &Folder, onto: &Onto) -> Result<Base, (String, String)> {
    let rev = match onto {
        Onto::Rev(rev) => rev.clone(),
        Onto::Auto => {
            let sum = std::fs::read_to_string(dir.join(SUM_FILE)).ok();
            let lock = std::fs::read_to_string(dir.join(LOCK_FILE)).ok();
            let intact = folder.sum_valid
                && match (&lock, folder.sums.get(LOCK_FILE)) {
                    (Some(l), Some(recorded)) => folder::hash(l.as_bytes()) == *recorded,
                    (None, None) => true,
                    _ => false,
                };
            match sum {
                Some(sum) if intact => {
                    return Ok(Base {
                        from: "folder".into(),
                        sum,
                        lock,
                    });
                }
                None if folder.files.is_empty() => {
                    return Ok(Base {
                        from: "folder".into(),
                        sum: folder::sum_file(&[]),
                        lock: None,
                    });
                }
                _ => "HEAD".to_string(),
            }
        }
    };
    let shown = format!("git {rev}");
    let sum = git_show(dir, &rev, SUM_FILE).map_err(|e| {
        (
            format!("{SUM_FILE} is conflicted or edited, and the {shown} version cannot be read: {e}"),
            format!(
                "pass --onto REF, the branch merged first (e.g. --onto main); or take that branch's {SUM_FILE} and {LOCK_FILE} (git checkout REF -- …) and run rebase again"
            ),
        )
    })?;
    let (sums, valid) = folder::parse_sum(&sum);
    if !valid {
        return Err((
            format!("the {shown} {SUM_FILE} does not match its own header hash"),
            "pass --onto REF naming a commit whose migration folder is intact".into(),
        ));
    }
    let lock = match sums.get(LOCK_FILE) {
        None => None,
        Some(recorded) => {
            let lock = git_show(dir, &rev, LOCK_FILE).map_err(|e| {
                (
                    format!("cannot read the {shown} {LOCK_FILE}: {e}"),
                    String::new(),
                )
            })?;
            if folder::hash(lock.as_bytes()) != *recorded {
                return Err((
                    format!("the {shown} {LOCK_FILE} does not match its {SUM_FILE}"),
                    "pass --onto REF naming a commit whose migration folder is intact".into(),
                ));
            }
            Some(lock)
        }
    };
    Ok(Base {
        from: shown,
        sum,
        lock,
    })
}

/// `git show REV:./FILE` run in `dir`.
fn git_show(dir: &Path, rev: &str, file: &str) -> Result<String, String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{file}"))
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// Remove the files of the branch merged second, put the base's checksum
/// file and lock back, and write the re-emitted migrations. Returns the paths
/// written and removed.
pub fn write(
    rebases: &[Rebase],
    renderer: &Renderer,
) -> Result<(Vec<PathBuf>, Vec<PathBuf>), EmitError> {
    let mut removed = Vec::new();
    let rebases: Vec<&Rebase> = rebases.iter().filter(|r| r.needed).collect();
    for r in &rebases {
        let dir = &r.plan.dir;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| EmitError::Write { path, source }
        };
        for f in &r.removed {
            std::fs::remove_file(&f.path).map_err(io(&f.path))?;
            removed.push(f.path.clone());
        }
        let lock_path = dir.join(LOCK_FILE);
        match &r.lock {
            Some(lock) => std::fs::write(&lock_path, lock).map_err(io(&lock_path))?,
            None if lock_path.exists() => {
                std::fs::remove_file(&lock_path).map_err(io(&lock_path))?
            }
            None => {}
        }
        let sum_path = dir.join(SUM_FILE);
        if r.kept.is_empty() && r.lock.is_none() {
            if sum_path.exists() {
                std::fs::remove_file(&sum_path).map_err(io(&sum_path))?;
            }
        } else {
            std::fs::write(&sum_path, &r.sum).map_err(io(&sum_path))?;
        }
    }
    let plans: Vec<&TierPlan> = rebases.iter().map(|r| &r.plan).collect();
    let mut written = Vec::new();
    for p in plans {
        written.extend(super::write(std::slice::from_ref(p), renderer)?);
    }
    Ok((written, removed))
}
