//! Adoption fidelity, measured on the corpus under `tests/corpus/`:
//!
//! - every schema in `schemas/` is loaded, inspected, checked clean, planned
//!   against itself with no changes, emitted into an empty database whose
//!   normalised `pg_dump --schema-only` is identical to the source's, and
//!   rolled back by its down migrations to an empty database;
//! - every schema in `unmanaged/` (objects of kinds the project does not
//!   manage) is inspected with a note per such object, and `plan --db`
//!   drops none of them;
//! - every pair in `pairs/` migrates its old database to its new one with
//!   the plan `plan --db` computes from the new side's YAML: the dumps end
//!   identical, a re-plan is empty, and the downs restore the old dump.
//!
//! Each test takes every fourth case so the cases run on every core; a
//! failing test lists every failing case of its share, not just the first.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stderr)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Cluster, dump, dump_diff, migration_files, run_file, schemac};

const SHARDS: usize = 4;

fn corpus(kind: &str, ext: Option<&str>) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(kind);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| match ext {
            Some(ext) => p.extension().is_some_and(|x| x == ext),
            None => p.is_dir(),
        })
        .collect();
    out.sort();
    out
}

fn shard<T>(items: Vec<T>, n: usize) -> Vec<T> {
    items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % SHARDS == n)
        .map(|(_, x)| x)
        .collect()
}

fn psql_bin() -> PathBuf {
    let beside = Cluster::get().bin.join("psql");
    if beside.exists() {
        beside
    } else {
        PathBuf::from("psql")
    }
}

/// Load an SQL file the way a team would: psql, stopping at the first error.
/// Loads run one at a time: a corpus file may create a role if it is
/// missing, and roles are the cluster's, shared by the shares running at once.
static LOADING: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn load(db: &str, file: &Path) -> Result<(), String> {
    let cluster = Cluster::get();
    let _one = LOADING.lock().unwrap_or_else(|e| e.into_inner());
    let out = Command::new(psql_bin())
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1"])
        .args(["-U", "postgres", "-p", &cluster.port.to_string(), "-d", db])
        .arg("-f")
        .arg(file)
        .output()
        .map_err(|e| format!("psql: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "loading {}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The schema a corpus file lives in: its `-- schema: name` first line, else public.
fn schema_of(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix("-- schema:"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "public".into())
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], dir: Option<&Path>) -> Run {
    let mut cmd = schemac();
    cmd.args(args).arg("--color").arg("never");
    if let Some(d) = dir {
        cmd.arg(d);
    }
    let out = cmd.output().expect("run schemac");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

fn inspect(db: &str, schema: &str, out: &Path) -> Result<Run, String> {
    let url = Cluster::get().url(db);
    let mut cmd = schemac();
    cmd.args(["inspect", "--db", &url, "--schema", schema, "--tier", "app"])
        .args(["--force", "--out"])
        .arg(out);
    let res = cmd.output().expect("inspect");
    let r = Run {
        code: res.status.code(),
        stdout: String::from_utf8_lossy(&res.stdout).into(),
        stderr: String::from_utf8_lossy(&res.stderr).into(),
    };
    if r.code == Some(0) {
        Ok(r)
    } else {
        Err(format!("inspect failed: {}{}", r.stdout, r.stderr))
    }
}

fn check_clean(dir: &Path) -> Result<(), String> {
    let r = run(&["check"], Some(dir));
    if r.code == Some(0) {
        Ok(())
    } else {
        Err(format!("check is not clean:\n{}{}", r.stdout, r.stderr))
    }
}

/// `plan --db` against `db` must find nothing to do.
fn in_sync(dir: &Path, db: &str, what: &str) -> Result<(), String> {
    let target = format!("app={}", Cluster::get().url(db));
    let r = run(&["plan", "--db", &target, "--check"], Some(dir));
    if r.code == Some(0) {
        Ok(())
    } else {
        Err(format!(
            "{what}: plan --db is not empty (exit {:?}):\n{}{}",
            r.code, r.stdout, r.stderr
        ))
    }
}

/// A pair's dumps are compared without column order: PostgreSQL adds a column
/// after the existing ones, so a column added (or re-added by a down) cannot
/// take its place in the listing without rebuilding the table. The lines of
/// each `CREATE TABLE` body are therefore sorted, trailing commas aside.
fn columns_unordered(dump: &str) -> String {
    let mut out = String::new();
    let mut body: Option<Vec<String>> = None;
    for line in dump.lines() {
        match &mut body {
            None => {
                out.push_str(line);
                out.push('\n');
                if line.starts_with("CREATE ") && line.contains(" TABLE ") && line.ends_with(" (") {
                    body = Some(Vec::new());
                }
            }
            Some(lines) if line.starts_with(')') => {
                lines.sort();
                for l in lines.iter() {
                    out.push_str(l);
                    out.push('\n');
                }
                body = None;
                out.push_str(line);
                out.push('\n');
            }
            Some(lines) => lines.push(line.trim_end_matches(',').to_string()),
        }
    }
    out
}

fn same_dump(expected: &str, actual: &str, what: &str) -> Result<(), String> {
    if expected == actual {
        Ok(())
    } else {
        Err(format!("{what}:\n{}", dump_diff(expected, actual)))
    }
}

/// Run the down files of a tier newest first.
fn roll_back(db: &str, tier_dir: &Path) -> Result<(), String> {
    let mut client = Cluster::get().connect(db);
    let mut downs = migration_files(tier_dir, ".down.sql");
    downs.reverse();
    for f in downs {
        let sql = std::fs::read_to_string(&f).expect("read down");
        run_file(&mut client, &sql).map_err(|e| {
            format!(
                "{} failed: {}",
                f.display(),
                e.as_db_error().map(|d| d.message()).unwrap_or_default()
            )
        })?;
    }
    Ok(())
}

/// The whole adoption proof for one schema file.
fn adopt(file: &Path) -> Result<(), String> {
    let cluster = Cluster::get();
    let name = file.file_stem().unwrap().to_string_lossy().to_string();
    let schema = schema_of(file);
    let source = cluster.database(&format!("s{name}"));
    load(&source, file)?;
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("p");
    let inspected = inspect(&source, &schema, &dir)?;
    if inspected.stderr.contains("note:") {
        return Err(format!("inspect left something out:\n{}", inspected.stderr));
    }
    check_clean(&dir)?;
    in_sync(&dir, &source, "against its source")?;
    let r = run(&["emit"], Some(&dir));
    if r.code != Some(0) {
        return Err(format!("emit failed:\n{}{}", r.stdout, r.stderr));
    }
    let built = cluster.database(&format!("b{name}"));
    let target = format!("app={}", cluster.url(&built));
    let r = run(&["apply", "--db", &target], Some(&dir));
    if r.code != Some(0) {
        return Err(format!(
            "apply into an empty database failed:\n{}{}",
            r.stdout, r.stderr
        ));
    }
    same_dump(
        &dump(&source),
        &dump(&built),
        "the rebuilt database differs from its source (- source, + rebuilt)",
    )?;
    in_sync(&dir, &built, "against the rebuilt database")?;
    roll_back(&built, &dir.join("migrations/app"))?;
    let empty = cluster.database("empty");
    same_dump(
        &dump(&empty),
        &dump(&built),
        "the downs do not return to an empty database (- empty, + rolled back)",
    )
}

/// The objects of `unmanaged/` schemas are reported, and kept.
fn unmanaged(file: &Path) -> Result<(), String> {
    let cluster = Cluster::get();
    let name = file.file_stem().unwrap().to_string_lossy().to_string();
    let schema = schema_of(file);
    let source = cluster.database(&format!("u{name}"));
    load(&source, file)?;
    let before = dump(&source);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("p");
    let inspected = inspect(&source, &schema, &dir)?;
    let expect = std::fs::read_to_string(file.with_extension("expect")).unwrap_or_default();
    let mut missing = Vec::new();
    for object in expect
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if !inspected.stderr.contains(object) {
            missing.push(object);
        }
    }
    if !missing.is_empty() {
        return Err(format!(
            "inspect does not report {missing:?}; it said:\n{}",
            inspected.stderr
        ));
    }
    check_clean(&dir)?;
    let target = format!("app={}", cluster.url(&source));
    let r = run(&["plan", "--db", &target, "--format", "json"], Some(&dir));
    if r.code != Some(0) {
        return Err(format!(
            "plan --db against the source is not empty (exit {:?}):\n{}{}",
            r.code, r.stdout, r.stderr
        ));
    }
    let r = run(&["plan", "--db", &target], Some(&dir));
    if !r.stdout.contains("unmanaged") && !r.stderr.contains("unmanaged") {
        return Err(format!(
            "plan --db does not say what it leaves alone:\n{}{}",
            r.stdout, r.stderr
        ));
    }
    same_dump(&before, &dump(&source), "planning changed the source")
}

/// Migrate a pair's old database to its new one with `plan --db`.
fn migrate(pair: &Path) -> Result<(), String> {
    let cluster = Cluster::get();
    let name = pair.file_name().unwrap().to_string_lossy().to_string();
    let (old_sql, new_sql) = (pair.join("old.sql"), pair.join("new.sql"));
    let schema = schema_of(&new_sql);
    let old = cluster.database(&format!("o{name}"));
    let new = cluster.database(&format!("n{name}"));
    load(&old, &old_sql)?;
    load(&new, &new_sql)?;
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("p");
    inspect(&new, &schema, &dir)?;
    check_clean(&dir)?;
    let before = columns_unordered(&dump(&old));
    let target = format!("app={}", cluster.url(&old));
    let r = run(&["plan", "--db", &target, "--format", "json"], Some(&dir));
    if r.code != Some(2) && r.code != Some(0) {
        return Err(format!("plan --db failed:\n{}{}", r.stdout, r.stderr));
    }
    let plan: serde_json::Value =
        serde_json::from_str(&r.stdout).map_err(|e| format!("plan json: {e}\n{}", r.stdout))?;
    let files: Vec<(String, String, String)> = plan["tiers"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|t| t["files"].as_array().cloned().unwrap_or_default())
        .map(|f| {
            (
                f["name"].as_str().unwrap_or_default().to_string(),
                f["up"].as_str().unwrap_or_default().to_string(),
                f["down"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut client = cluster.connect(&old);
    for (file, up, _) in &files {
        run_file(&mut client, up).map_err(|e| {
            format!(
                "{file}.up.sql failed: {}\n{up}",
                e.as_db_error().map(|d| d.message()).unwrap_or_default()
            )
        })?;
    }
    same_dump(
        &columns_unordered(&dump(&new)),
        &columns_unordered(&dump(&old)),
        "the migrated database differs from the new side (- new, + migrated)",
    )?;
    in_sync(&dir, &old, "after migrating")?;
    for (file, _, down) in files.iter().rev() {
        run_file(&mut client, down).map_err(|e| {
            format!(
                "{file}.down.sql failed: {}\n{down}",
                e.as_db_error().map(|d| d.message()).unwrap_or_default()
            )
        })?;
    }
    same_dump(
        &before,
        &columns_unordered(&dump(&old)),
        "the downs do not restore the old database (- old, + rolled back)",
    )
}

/// The cases `tests/corpus/pending.txt` names are known not to pass yet:
/// each must still fail (so the list shrinks as they are fixed).
fn pending() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/pending.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// `SCHEMAC_CORPUS=name` runs only the cases whose name contains `name`.
fn run_share(cases: Vec<PathBuf>, what: &str, prove: fn(&Path) -> Result<(), String>) {
    assert!(!cases.is_empty(), "no {what} cases in this share");
    let only = std::env::var("SCHEMAC_CORPUS").unwrap_or_default();
    let cases: Vec<PathBuf> = cases
        .into_iter()
        .filter(|c| c.to_string_lossy().contains(&only))
        .collect();
    let total = cases.len();
    let pending = pending();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let name = c.file_name().unwrap().to_string_lossy().into_owned();
            match (prove(c), pending.contains(&name)) {
                (Ok(()), false) => None,
                (Err(e), false) => Some(format!("── {name}\n{e}")),
                (Err(_), true) => None,
                (Ok(()), true) => Some(format!(
                    "── {name}\nnow passes: take it out of tests/corpus/pending.txt"
                )),
            }
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {total} {what} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

macro_rules! shares {
    ($($name:ident: $kind:literal, $ext:expr, $n:literal, $prove:ident;)+) => {
        $(
            #[test]
            fn $name() {
                run_share(shard(corpus($kind, $ext), $n), $kind, $prove);
            }
        )+
    };
}

shares! {
    schemas_round_trip_0: "schemas", Some("sql"), 0, adopt;
    schemas_round_trip_1: "schemas", Some("sql"), 1, adopt;
    schemas_round_trip_2: "schemas", Some("sql"), 2, adopt;
    schemas_round_trip_3: "schemas", Some("sql"), 3, adopt;
    unmanaged_objects_are_reported_and_kept_0: "unmanaged", Some("sql"), 0, unmanaged;
    unmanaged_objects_are_reported_and_kept_1: "unmanaged", Some("sql"), 1, unmanaged;
    unmanaged_objects_are_reported_and_kept_2: "unmanaged", Some("sql"), 2, unmanaged;
    unmanaged_objects_are_reported_and_kept_3: "unmanaged", Some("sql"), 3, unmanaged;
    pairs_converge_0: "pairs", None, 0, migrate;
    pairs_converge_1: "pairs", None, 1, migrate;
    pairs_converge_2: "pairs", None, 2, migrate;
    pairs_converge_3: "pairs", None, 3, migrate;
}
