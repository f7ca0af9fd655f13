//! A reviewed plan: what `plan --db --out` writes and `apply --plan` runs.
//! Per tier it holds every file's SQL exactly as `plan --format json` shows
//! it, the fingerprint of the live schema it was computed against, the model
//! the database must match once it ran, and where the tier's migrations
//! stood — so the plan is applied as it was reviewed, or refused.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::TierPlan;
use crate::model::Schema;
use crate::render::Renderer;

/// What identifies the file.
pub const KIND: &str = "schemac plan";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanFile {
    pub kind: String,
    /// The schemac version that wrote it.
    pub schemac: String,
    /// Statements over all tiers.
    pub changes: usize,
    pub tiers: Vec<TierFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TierFile {
    pub tier: String,
    pub database: String,
    /// The fingerprint of the live schema the plan was computed against.
    pub fingerprint: String,
    /// The newest migration applied to the database when it was planned (0: none).
    pub applied: u32,
    /// Record the folder's migrations as applied once the repair converged:
    /// the database had no history, and now is what they build.
    #[serde(default)]
    pub baseline: bool,
    /// The hash of the tier's `schemac.sum` when it was planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    pub hazards: Vec<HazardEntry>,
    /// Objects of the live schema the project does not manage: the repair
    /// leaves every one of them in place, or does not run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmanaged: Vec<String>,
    pub files: Vec<FileEntry>,
    /// What the tier must be afterwards, in the server's words.
    pub desired: Schema,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileEntry {
    pub version: u32,
    pub name: String,
    pub transactional: bool,
    pub changes: Vec<ChangeEntry>,
    pub up: String,
    pub down: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeEntry {
    pub sign: String,
    pub kind: String,
    pub subject: String,
    pub lock: Option<String>,
    pub transactional: bool,
    pub hazards: Vec<HazardEntry>,
    pub sql: String,
    /// What the statement costs on the live table, when it scans or rewrites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<crate::plan::cost::Cost>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HazardEntry {
    pub code: String,
    pub name: String,
    pub message: String,
    pub data_loss: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub squawk: Option<String>,
}

impl From<&crate::plan::Hazard> for HazardEntry {
    fn from(h: &crate::plan::Hazard) -> Self {
        HazardEntry {
            code: h.code.to_string(),
            name: h.name.to_string(),
            message: h.message.clone(),
            data_loss: h.data_loss,
            squawk: h.squawk.map(str::to_string),
        }
    }
}

/// Where a tier's migrations stood when its plan was made.
#[derive(Debug, Clone, Default)]
pub struct Standing {
    pub applied: u32,
    pub baseline: bool,
    pub folder: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PlanFileError {
    #[error(transparent)]
    Emit(#[from] super::EmitError),
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("cannot write {path}: {message}")]
    Write { path: String, message: String },
}

/// One tier's entry: `p` planned against the live schema `p.old`.
pub fn tier(
    p: &TierPlan,
    renderer: &Renderer,
    standing: Standing,
    costs: Option<&[Option<crate::plan::cost::Cost>]>,
) -> Result<TierFile, super::EmitError> {
    let mut files = Vec::new();
    for f in &p.files {
        let (up, down) = p.render(f, renderer)?;
        let mut changes = Vec::new();
        for (i, s) in p.plan.steps[f.steps.clone()].iter().enumerate() {
            changes.push(ChangeEntry {
                sign: s.change.sign().to_string(),
                kind: s.change.template().to_string(),
                subject: s.change.subject(),
                lock: s.lock.map(str::to_string),
                transactional: s.transactional,
                hazards: s.hazards.iter().map(HazardEntry::from).collect(),
                sql: renderer.change(&s.change, p.new.name.as_str())?,
                cost: costs
                    .and_then(|c| c.get(f.steps.start + i).cloned())
                    .flatten(),
            });
        }
        files.push(FileEntry {
            version: f.version,
            name: f.stem(),
            transactional: f.transactional,
            changes,
            up,
            down,
        });
    }
    Ok(TierFile {
        tier: p.tier.clone(),
        database: p.database.clone(),
        fingerprint: crate::pg::fingerprint::of(&p.old, &p.unmanaged),
        applied: standing.applied,
        baseline: standing.baseline,
        folder: standing.folder,
        hazards: p.hazards().map(HazardEntry::from).collect(),
        unmanaged: p.unmanaged.clone(),
        files,
        desired: p.new.clone().into_owned(),
    })
}

impl PlanFile {
    pub fn new(tiers: Vec<TierFile>) -> Self {
        PlanFile {
            kind: KIND.into(),
            schemac: env!("CARGO_PKG_VERSION").into(),
            changes: tiers
                .iter()
                .flat_map(|t| t.files.iter())
                .map(|f| f.changes.len())
                .sum(),
            tiers,
        }
    }

    /// Write as pretty JSON.
    pub fn write(&self, path: &Path) -> Result<(), PlanFileError> {
        let err = |message: String| PlanFileError::Write {
            path: path.display().to_string(),
            message,
        };
        let text = serde_json::to_string_pretty(self).map_err(|e| err(e.to_string()))?;
        std::fs::write(path, format!("{text}\n")).map_err(|e| err(e.to_string()))
    }

    /// Read a plan file, refusing anything `plan --db --out` did not write.
    pub fn read(path: &Path) -> Result<PlanFile, PlanFileError> {
        let err = |message: String| PlanFileError::Read {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let plan: PlanFile = serde_json::from_str(&text).map_err(|e| {
            err(format!(
                "not a plan written by `schemac plan --db --out` ({e})"
            ))
        })?;
        if plan.kind != KIND {
            return Err(err(format!(
                "`kind` is `{}`, not `{KIND}`: not a plan written by `schemac plan --db --out`",
                plan.kind
            )));
        }
        Ok(plan)
    }
}

impl TierFile {
    /// Every hazard the tier's plan declares: those it was written with and
    /// any `-- hazard` line of its SQL (a plan edited by hand keeps them).
    pub fn hazard_codes(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .hazards
            .iter()
            .map(|h| (h.code.clone(), h.message.clone()))
            .collect();
        for f in &self.files {
            for (code, message) in crate::pg::script::hazards(&f.up) {
                if !out.iter().any(|(c, m)| *c == code && *m == message) {
                    out.push((code, message));
                }
            }
        }
        out
    }
}
