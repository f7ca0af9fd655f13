//! Adopting a database: `inspect` writes a project that checks, emits into
//! an empty database with the same catalog, and inspects back to the same
//! YAML — for every tier of every example.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{Cluster, catalog, copy_dir, examples, run_file, schemac};

fn apply_dir(db: &str, dir: &Path) {
    let mut c = Cluster::get().connect(db);
    let mut ups: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".up.sql"))
        .collect();
    ups.sort();
    for up in ups {
        run_file(&mut c, &std::fs::read_to_string(&up).expect("read"))
            .unwrap_or_else(|e| panic!("{}: {e}", up.display()));
    }
}

fn inspect(db: &str, tier: &str, out: &Path) {
    let res = schemac()
        .args([
            "inspect",
            "--db",
            &Cluster::get().url(db),
            "--tier",
            tier,
            "--out",
        ])
        .arg(out)
        .output()
        .expect("inspect");
    assert!(
        res.status.success(),
        "inspect {db}: {}",
        String::from_utf8_lossy(&res.stderr)
    );
}

fn tier_files(dir: &Path, tier: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir.join(tier))
        .expect("tier dir")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read_to_string(e.path()).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn inspect_emit_inspect_round_trips_every_example() {
    let cluster = Cluster::get();
    for example in examples() {
        let tmp = tempfile::tempdir().expect("tempdir");
        copy_dir(&example, tmp.path());
        assert!(
            schemac()
                .arg("emit")
                .arg(tmp.path())
                .status()
                .expect("emit")
                .success()
        );
        let mut tiers: Vec<PathBuf> = std::fs::read_dir(tmp.path().join("migrations"))
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .collect();
        tiers.sort();
        for tier_dir in tiers {
            let tier = tier_dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            let label = format!("{}/{tier}", example.display());
            let a = cluster.database(&format!("a{tier}"));
            apply_dir(&a, &tier_dir);
            let first = tempfile::tempdir().expect("tempdir");
            inspect(&a, &tier, first.path());
            let check = schemac()
                .args(["check", "--color", "never"])
                .arg(first.path())
                .output()
                .expect("check");
            assert_eq!(
                check.status.code(),
                Some(0),
                "{label}: the inspected project does not check:\n{}",
                String::from_utf8_lossy(&check.stdout)
            );
            assert!(
                schemac()
                    .arg("emit")
                    .arg(first.path())
                    .status()
                    .expect("emit")
                    .success(),
                "{label}: emit"
            );
            let b = cluster.database(&format!("b{tier}"));
            apply_dir(&b, &first.path().join("migrations").join(&tier));
            let (cat_a, cat_b) = (
                catalog(&mut cluster.connect(&a)),
                catalog(&mut cluster.connect(&b)),
            );
            let only_a: Vec<&String> = cat_a.iter().filter(|l| !cat_b.contains(l)).collect();
            let only_b: Vec<&String> = cat_b.iter().filter(|l| !cat_a.contains(l)).collect();
            assert!(
                only_a.is_empty() && only_b.is_empty(),
                "{label}: catalogs differ\noriginal only: {only_a:#?}\nfrom inspected YAML only: {only_b:#?}"
            );
            let second = tempfile::tempdir().expect("tempdir");
            inspect(&b, &tier, second.path());
            assert_eq!(
                tier_files(first.path(), &tier),
                tier_files(second.path(), &tier),
                "{label}: inspecting again gives other YAML"
            );
        }
    }
}
