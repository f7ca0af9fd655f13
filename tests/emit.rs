//! Emitted migrations run on a real PostgreSQL: every example (and a fresh
//! `schemac init`) emits, applies, rolls back to an empty database, and
//! applies again; a second emit writes nothing.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{Cluster, copy_dir, examples, run_file, schemac, user_objects};

fn emit(dir: &Path) -> String {
    let out = schemac()
        .arg("emit")
        .arg(dir)
        .output()
        .expect("run schemac");
    assert!(
        out.status.success(),
        "schemac emit {} failed:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn migrations(tier_dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(tier_dir)
        .expect("tier dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

fn apply_all(client: &mut postgres::Client, files: &[PathBuf]) {
    for f in files {
        let sql = std::fs::read_to_string(f).expect("read migration");
        if let Err(e) = run_file(client, &sql) {
            let detail = e
                .as_db_error()
                .map(|d| format!("{} ({})", d.message(), d.code().code()))
                .unwrap_or_else(|| e.to_string());
            panic!("{} failed: {detail}\n{sql}", f.display());
        }
    }
}

/// Emit, then per tier: up → objects exist; down → nothing left; up again.
fn roundtrip(project: &Path) {
    let cluster = Cluster::get();
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(project, tmp.path());
    emit(tmp.path());
    let root = tmp.path().join("migrations");
    let mut tiers: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("migrations/")
        .flatten()
        .map(|e| e.path())
        .collect();
    tiers.sort();
    assert!(
        !tiers.is_empty(),
        "no tier migrations for {}",
        project.display()
    );
    for tier in tiers {
        let label = format!(
            "{}/{}",
            project.display(),
            tier.file_name().unwrap_or_default().to_string_lossy()
        );
        let db = cluster.database(&tier.file_name().unwrap_or_default().to_string_lossy());
        let mut client = cluster.connect(&db);
        let ups = migrations(&tier, ".up.sql");
        let mut downs = migrations(&tier, ".down.sql");
        downs.reverse();
        assert!(!ups.is_empty(), "{label}: no up migration");
        assert_eq!(ups.len(), downs.len(), "{label}: up/down files pair up");
        apply_all(&mut client, &ups);
        assert!(
            !user_objects(&mut client).is_empty(),
            "{label}: up created nothing"
        );
        apply_all(&mut client, &downs);
        let left = user_objects(&mut client);
        assert!(
            left.is_empty(),
            "{label}: down left objects behind: {left:?}"
        );
        apply_all(&mut client, &ups);
    }
    let again = emit(tmp.path());
    assert!(
        again.contains("nothing to emit"),
        "second emit of {} wrote files:\n{again}",
        project.display()
    );
    let plan = schemac()
        .arg("plan")
        .arg(tmp.path())
        .output()
        .expect("plan");
    assert_eq!(
        plan.status.code(),
        Some(0),
        "plan after emit: {}",
        String::from_utf8_lossy(&plan.stdout)
    );
}

#[test]
fn init_scaffold_roundtrips() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("shop");
    let out = schemac().arg("init").arg(&dir).output().expect("init");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    roundtrip(&dir);
}

#[test]
fn every_example_roundtrips() {
    let all = examples();
    assert!(
        all.len() >= 3,
        "expected at least three example projects in schemas/, found {all:?}"
    );
    for example in all {
        roundtrip(&example);
    }
}
