//! Emitting: for each tier, diff the lock (the model after the last emitted
//! migration) against the YAML, plan, render, and write the next numbered
//! up/down files, the new lock and the checksum file. Emitting twice with no
//! YAML change writes nothing. Existing migration files are never rewritten.

pub mod folder;
pub mod plan_file;
pub mod rebase;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diff;
use crate::model::{Project, Schema, Tier};
use crate::plan::{self, CycleError, Hazard, Plan};
use crate::render::{Header, RenderError, Renderer};
pub use folder::{Folder, FolderError, MigrationFile, Problem};

/// One migration file pair about to be written (rendered on demand).
#[derive(Debug, Clone, Serialize)]
pub struct PlannedFile {
    pub version: u32,
    pub name: String,
    pub transactional: bool,
    /// The plan's steps this file holds.
    #[serde(skip)]
    pub steps: std::ops::Range<usize>,
}

impl PlannedFile {
    pub fn stem(&self) -> String {
        format!("{:04}_{}", self.version, self.name)
    }
}

/// What `emit` would do for one tier.
#[derive(Debug)]
pub struct TierPlan<'a> {
    pub tier: String,
    pub database: String,
    pub dir: PathBuf,
    pub old: Schema,
    pub new: Cow<'a, Schema>,
    pub lock_timeout: String,
    pub statement_timeout: String,
    pub plan: Plan,
    pub files: Vec<PlannedFile>,
    /// The orphan-check queries for this tier's soft references.
    pub orphans: Option<String>,
    /// Per step, what it costs on the live tables (planned against a database).
    pub costs: Vec<Option<crate::plan::cost::Cost>>,
    /// Objects of the live database the project does not manage (plan --db).
    pub unmanaged: Vec<String>,
}

impl TierPlan<'_> {
    pub fn hazards(&self) -> impl Iterator<Item = &Hazard> {
        self.plan.hazards()
    }

    /// The up and down SQL of one planned file.
    pub fn render(
        &self,
        f: &PlannedFile,
        renderer: &Renderer,
    ) -> Result<(String, String), EmitError> {
        let schema = self.new.name.as_str();
        renderer.place(&self.old, &self.new);
        let header = |down: bool, steps: &[plan::Step]| Header {
            title: format!(
                "schemac migration {}{} — tier {} (database {})",
                f.stem(),
                if down { " (down)" } else { "" },
                self.tier,
                self.database
            ),
            transactional: f.transactional,
            lock_timeout: self.lock_timeout.clone(),
            statement_timeout: self.statement_timeout.clone(),
            // The old side's further schemas too: a split migration's down
            // file runs while objects are still in them.
            search_path: self.new.search_path(&self.old.schemas),
            citus: self.old.citus || self.new.citus,
            sequential: !steps.iter().any(|s| plan::copies_rows(&s.change)),
        };
        let steps = &self.plan.steps[f.steps.clone()];
        // A relation or function this file moves to another schema is still in its old
        // one when the down file's other steps on it run (after the move back).
        let moved: Vec<(String, String)> = steps
            .iter()
            .filter_map(|s| match &s.change {
                diff::Change::SetRelationSchema { name, from, .. } => {
                    Some((name.to_string(), from.to_string()))
                }
                diff::Change::SetFunctionSchema { function, from, .. } => {
                    Some((function.name.to_string(), from.to_string()))
                }
                diff::Change::SetTypeSchema { name, from, .. } => {
                    Some((name.to_string(), from.to_string()))
                }
                _ => None,
            })
            .collect();
        if !moved.is_empty() {
            let up = renderer.migration(&header(false, steps), steps, schema)?;
            let reverse = plan::reverse(&self.new, steps).map_err(|source| EmitError::Cycle {
                tier: self.tier.clone(),
                source,
            })?;
            renderer.place_moved(schema, &moved);
            let down = renderer.migration(&header(true, &reverse.steps), &reverse.steps, schema);
            renderer.place(&self.old, &self.new);
            return Ok((up, down?));
        }
        // The down file is planned and rendered beside the up file.
        let (up, down) = std::thread::scope(|scope| {
            let down = scope.spawn(|| -> Result<String, EmitError> {
                let reverse =
                    plan::reverse(&self.new, steps).map_err(|source| EmitError::Cycle {
                        tier: self.tier.clone(),
                        source,
                    })?;
                Ok(renderer.migration(&header(true, &reverse.steps), &reverse.steps, schema)?)
            });
            let up = renderer.migration(&header(false, steps), steps, schema);
            (up, down.join().unwrap_or(Err(EmitError::Panicked)))
        });
        Ok((up?, down?))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error("{}", .0.iter().map(|(t, p)| format!("migrations of tier `{t}`: {}\n  hint: {}", p.describe(), p.hint())).collect::<Vec<_>>().join("\n"))]
    Problems(Vec<(String, Problem)>),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("tier `{tier}`: {source}")]
    Cycle {
        tier: String,
        #[source]
        source: CycleError,
    },
    #[error("planning a tier failed unexpectedly (a bug: please report it)")]
    Panicked,
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The folder holding a tier's migrations.
pub fn tier_dir(project: &Project, tier: &Tier) -> PathBuf {
    project
        .dir
        .join(&project.migrations.dir)
        .join(tier.name.as_str())
}

/// Plan the next migration(s) of one tier. `name` overrides the slug.
pub fn plan_tier<'a>(
    project: &Project,
    tier: &'a Tier,
    renderer: &Renderer,
    name: Option<&str>,
) -> Result<TierPlan<'a>, EmitError> {
    let dir = tier_dir(project, tier);
    let folder = folder::read(&dir)?;
    let problems = folder.verify()?;
    if !problems.is_empty() {
        return Err(EmitError::Problems(
            problems
                .into_iter()
                .map(|p| (tier.name.to_string(), p))
                .collect(),
        ));
    }
    let old = folder::lock(&dir)?.unwrap_or_else(|| Schema::empty(tier.schema.name.clone()));
    plan_between(
        project,
        tier,
        renderer,
        name,
        old,
        Cow::Borrowed(&tier.schema),
        folder.last_version(),
        dir,
    )
}

/// Plan migrations from `old` to the tier's model, numbered after `last`.
#[allow(clippy::too_many_arguments)]
pub fn plan_between<'a>(
    project: &Project,
    tier: &Tier,
    renderer: &Renderer,
    name: Option<&str>,
    old: Schema,
    new: Cow<'a, Schema>,
    last: u32,
    dir: PathBuf,
) -> Result<TierPlan<'a>, EmitError> {
    let changes = diff::between(&old, &new);
    let cycle = |source| EmitError::Cycle {
        tier: tier.name.to_string(),
        source,
    };
    let plan = plan::build(&old, &new, changes).map_err(cycle)?;
    let slug = name.map(slugify).unwrap_or_else(|| {
        if last == 0 {
            "init".into()
        } else {
            slug_of(&plan)
        }
    });
    let mut files = Vec::new();
    let chunks = plan.files();
    for (i, range) in chunks.iter().enumerate() {
        let steps = &plan.steps[range.clone()];
        let version = last + 1 + i as u32;
        let transactional = steps.iter().all(|s| s.transactional);
        let file_name = if chunks.len() == 1 {
            slug.clone()
        } else {
            format!("{slug}_{}", i + 1)
        };
        files.push(PlannedFile {
            version,
            name: file_name,
            transactional,
            steps: range.clone(),
        });
    }
    let orphans = orphan_checks(project, tier, renderer)?;
    Ok(TierPlan {
        unmanaged: Vec::new(),
        tier: tier.name.to_string(),
        database: tier.database.clone(),
        dir,
        old,
        new,
        lock_timeout: project.migrations.lock_timeout.clone(),
        statement_timeout: project.migrations.statement_timeout.clone(),
        plan,
        files,
        orphans,
        costs: Vec::new(),
    })
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        "change".into()
    } else {
        out.chars().take(48).collect()
    }
}

/// A migration name from what it does to tables and columns, grouped by
/// verb and table (`add_projects_region_budget`); from its first steps when
/// it touches none (`create_index_…`).
fn slug_of(plan: &Plan) -> String {
    use crate::diff::Change;
    // A view both dropped and created is rebuilt, not named.
    let views = |dropped: bool| -> Vec<&crate::model::Ident> {
        plan.steps
            .iter()
            .filter_map(|s| match &s.change {
                Change::DropView { view } if dropped => Some(&view.name),
                Change::CreateView { view } if !dropped => Some(&view.name),
                _ => None,
            })
            .collect()
    };
    let (dropped, created) = (views(true), views(false));
    let rebuilt = |name: &crate::model::Ident| dropped.contains(&name) && created.contains(&name);
    let mut groups: Vec<(&str, String, Vec<String>)> = Vec::new();
    for s in &plan.steps {
        let (verb, object, item) = match &s.change {
            Change::CreateTable { table } => ("create", table.name.to_string(), None),
            Change::DropTable { table } => ("drop", table.name.to_string(), None),
            Change::RenameTable { from, .. } => ("rename", from.to_string(), None),
            Change::AddColumn { table, column } => {
                ("add", table.to_string(), Some(column.name.to_string()))
            }
            Change::DropColumn { table, column } => {
                ("drop", table.to_string(), Some(column.name.to_string()))
            }
            Change::RenameColumn { table, from, .. } => {
                ("rename", table.to_string(), Some(from.to_string()))
            }
            Change::AlterColumnType { table, column, .. } => {
                ("alter", table.to_string(), Some(column.to_string()))
            }
            Change::CreateView { view } if !rebuilt(&view.name) => {
                ("create", view.name.to_string(), None)
            }
            Change::DropView { view } if !rebuilt(&view.name) => {
                ("drop", view.name.to_string(), None)
            }
            Change::SplitPartition { partition, .. } => {
                ("create", partition.name.to_string(), None)
            }
            Change::MergePartition { partition, .. } => ("drop", partition.name.to_string(), None),
            Change::SwapTable { table, .. } => ("repartition", table.name.to_string(), None),
            Change::CreateEnum { r#enum } => ("create", r#enum.name.to_string(), None),
            Change::CreateDomain { domain } => ("create", domain.name.to_string(), None),
            Change::CreateComposite { composite } => ("create", composite.name.to_string(), None),
            Change::CreateRange { range } => ("create", range.name.to_string(), None),
            Change::AddEnumValue { name, .. } => ("extend", name.to_string(), None),
            _ => continue,
        };
        match groups
            .iter_mut()
            .find(|(v, o, _)| *v == verb && *o == object)
        {
            Some((_, _, items)) => items.extend(item.filter(|i| !items.contains(i))),
            None => groups.push((verb, object, item.into_iter().collect())),
        }
    }
    let words: Vec<String> = if groups.is_empty() {
        let mut words: Vec<String> = Vec::new();
        for s in plan.steps.iter().take(2) {
            let verb = s.change.template();
            let object = s.change.subject();
            let w = format!(
                "{verb}_{}",
                object.split_whitespace().nth(1).unwrap_or_default()
            );
            if !words.contains(&w) {
                words.push(w);
            }
        }
        words
    } else {
        groups
            .iter()
            .take(3)
            .map(|(verb, object, items)| {
                let mut w = format!("{verb}_{object}");
                for i in items {
                    w.push('_');
                    w.push_str(i);
                }
                w
            })
            .collect()
    };
    let mut slug = slugify(&words.join("_"));
    if slug.len() > 60 {
        let cut = slug[..60].rfind('_').unwrap_or(60);
        slug.truncate(cut);
    }
    slug
}

#[derive(Serialize)]
struct OrphanCheck {
    table: String,
    columns: Vec<String>,
    column_types: Vec<String>,
    target_tier: String,
    target_database: String,
    target_schema: String,
    target_table: String,
    target_columns: Vec<String>,
    same_database: bool,
}

/// The orphan-check queries of a tier's soft references, if it has any.
pub fn orphan_checks(
    project: &Project,
    tier: &Tier,
    renderer: &Renderer,
) -> Result<Option<String>, EmitError> {
    let mut checks = Vec::new();
    for t in &tier.schema.tables {
        for s in &t.soft_references {
            let Some(target) = project.tier(s.tier.as_str()) else {
                continue;
            };
            let column_types = s
                .columns
                .iter()
                .map(|c| {
                    t.column(c.as_str())
                        .map(|c| c.ty.to_string())
                        .unwrap_or_else(|| "text".into())
                })
                .collect();
            checks.push(OrphanCheck {
                table: t.name.to_string(),
                columns: s.columns.iter().map(|c| c.to_string()).collect(),
                column_types,
                target_tier: target.name.to_string(),
                target_database: target.database.clone(),
                target_schema: target.schema.name.to_string(),
                target_table: s.table.to_string(),
                target_columns: s.ref_columns.iter().map(|c| c.to_string()).collect(),
                same_database: target.database == tier.database,
            });
        }
    }
    if checks.is_empty() {
        return Ok(None);
    }
    let text = renderer.orphans(
        &tier.name.to_string(),
        &tier.database,
        tier.schema.name.as_str(),
        &checks,
    )?;
    Ok(Some(text))
}

/// Write every planned file, then the lock and the checksum file, per tier.
/// Returns the paths written.
pub fn write(plans: &[TierPlan], renderer: &Renderer) -> Result<Vec<PathBuf>, EmitError> {
    // Two tiers at a time (each file rendered just before it is written, its
    // down file and the lock alongside): more would hold more SQL in memory
    // without more cores to render it.
    let next = std::sync::atomic::AtomicUsize::new(0);
    type Written = Result<Vec<PathBuf>, EmitError>;
    let done: Vec<Vec<(usize, Written)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(p) = plans.get(i) else { break };
                        done.push((i, write_tier(p, renderer)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut done: Vec<_> = done.into_iter().flatten().collect();
    if done.len() != plans.len() {
        return Err(EmitError::Panicked);
    }
    // Report in tier order: the first tier's error, the files tier by tier.
    done.sort_by_key(|(i, _)| *i);
    let mut written = Vec::new();
    for (_, r) in done {
        written.extend(r?);
    }
    Ok(written)
}

fn write_tier(p: &TierPlan, renderer: &Renderer) -> Result<Vec<PathBuf>, EmitError> {
    let mut written = Vec::new();
    let put = |path: PathBuf, text: &str, written: &mut Vec<PathBuf>| -> Result<(), EmitError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| EmitError::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, text).map_err(|source| EmitError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
        Ok(())
    };
    if let Some(orphans) = &p.orphans {
        let path = p.dir.join(folder::ORPHANS_FILE);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(orphans.as_str()) {
            put(path, orphans, &mut written)?;
        }
    }
    if p.files.is_empty() {
        return Ok(written);
    }
    std::fs::create_dir_all(&p.dir).map_err(|source| EmitError::Write {
        path: p.dir.clone(),
        source,
    })?;
    let lock_path = p.dir.join(folder::LOCK_FILE);
    std::thread::scope(|scope| -> Result<(), EmitError> {
        let lock = scope.spawn(|| folder::write_lock(&lock_path, &p.new));
        for f in &p.files {
            let (up, down) = p.render(f, renderer)?;
            put(
                p.dir.join(format!("{}.up.sql", f.stem())),
                &up,
                &mut written,
            )?;
            put(
                p.dir.join(format!("{}.down.sql", f.stem())),
                &down,
                &mut written,
            )?;
        }
        lock.join()
            .map_err(|_| EmitError::Panicked)?
            .map_err(|source| EmitError::Write {
                path: lock_path.clone(),
                source,
            })
    })?;
    written.push(lock_path);
    let sum = recompute_sum(&p.dir)?;
    put(p.dir.join(folder::SUM_FILE), &sum, &mut written)?;
    Ok(written)
}

/// The checksum file for everything currently in `dir`.
pub fn recompute_sum(dir: &Path) -> Result<String, EmitError> {
    let f = folder::read(dir)?;
    let mut entries = Vec::new();
    for m in &f.files {
        let bytes = std::fs::read(&m.path).map_err(|source| {
            EmitError::Folder(FolderError::Io {
                path: m.path.clone(),
                source,
            })
        })?;
        entries.push((m.file.clone(), folder::hash(&bytes)));
    }
    let lock = dir.join(folder::LOCK_FILE);
    if let Ok(bytes) = std::fs::read(&lock) {
        entries.push((folder::LOCK_FILE.to_string(), folder::hash(&bytes)));
    }
    Ok(folder::sum_file(&entries))
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{PROJECT, loaded};
    use crate::model::Schema;

    fn schema(tier: &str) -> Schema {
        let l = loaded(&[("schemac.yaml", PROJECT), ("app/t.yaml", tier)]);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        l.project.tier("app").expect("app").schema.clone()
    }

    fn slug(old: &str, new: &str) -> String {
        let (old, new) = (schema(old), schema(new));
        let plan = crate::plan::build(&old, &new, crate::diff::between(&old, &new)).expect("plan");
        super::slug_of(&plan)
    }

    const V1: &str = "tables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\n      name: text\nviews:\n  names: select id, name from projects\n";

    #[test]
    fn names_group_columns_by_table_and_leave_rebuilt_views_out() {
        // Retyping `name` rebuilds the view that reads it: not part of the name.
        let v2 = "tables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\n      name: varchar(200)\n      region: text?\n      budget: numeric?\nviews:\n  names: select id, name from projects\n";
        assert_eq!(
            slug(V1, v2),
            "add_projects_region_budget_alter_projects_name"
        );
    }

    #[test]
    fn a_dropped_view_is_named() {
        let v2 = "tables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\n      name: text\n";
        assert_eq!(slug(V1, v2), "drop_names");
    }
}
