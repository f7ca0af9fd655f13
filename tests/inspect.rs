//! Adopting a database: `inspect` writes a project that checks, emits into
//! an empty database with the same catalog, and inspects back to the same
//! YAML — for every tier of every example.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{Cluster, apply_ups, catalog, emit, examples, schemac, tier_dirs};

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
        let tmp = common::emitted_copy(&example);
        for tier_dir in tier_dirs(tmp.path()) {
            let tier = tier_dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            let label = format!("{}/{tier}", example.display());
            let a = cluster.database(&format!("a{tier}"));
            apply_ups(&mut cluster.connect(&a), &tier_dir);
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
            emit(first.path(), &[]);
            let b = cluster.database(&format!("b{tier}"));
            apply_ups(
                &mut cluster.connect(&b),
                &first.path().join("migrations").join(&tier),
            );
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
