//! `schemac rebase`: two git branches each emit the next version; after the
//! merge one command re-emits the second branch's migration after the first
//! one's. The result checks clean, has nothing left to emit, and applies on a
//! database that already ran the first branch's migration.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;

use common::Cluster;

const PROJECT: &str = "project: rb\ntenancy:\n  root: app.tenants\n  setting: app.current_tenant_id\ntiers:\n  app: { database: rb }\n";
const TENANTS: &str = "tables:\n  tenants:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n";
const ITEMS: &str = "tables:\n  items:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      name: text\n      legacy_code: text?\n    primary_key: [tenant_id, id]\n";
/// Branch `a`: a new column and an index on it.
const ITEMS_A: &str = "tables:\n  items:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      name: text\n      legacy_code: text?\n      price: numeric?\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, price]\n";
const TAGS: &str = "tables:\n  tags:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      label: text\n    primary_key: [tenant_id, id]\n";

fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn git_ok(dir: &Path, args: &[&str]) {
    let (ok, out) = git(dir, args);
    assert!(ok, "git {args:?}: {out}");
}

fn commit(dir: &Path, message: &str) {
    git_ok(dir, &["add", "-A"]);
    git_ok(dir, &["commit", "-q", "-m", message]);
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("migrations/app"))
        .expect("migrations")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    names
}

/// A repository on `main` with 0001 emitted, and two branches from it: `a`
/// emits 0002 (a column and an index on `items`), `b` emits 0002 (a new
/// table `tags`; with `drop_legacy`, also dropping `items.legacy_code`).
fn two_branches(drop_legacy: bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    git_ok(dir, &["init", "-q"]);
    common::write_project(
        dir,
        PROJECT,
        &[("app/tenants.yaml", TENANTS), ("app/items.yaml", ITEMS)],
    );
    common::emit(dir, &[]);
    commit(dir, "init");
    git_ok(dir, &["checkout", "-q", "-b", "a"]);
    std::fs::write(dir.join("app/items.yaml"), ITEMS_A).expect("write");
    common::emit(dir, &[]);
    commit(dir, "a: price");
    git_ok(dir, &["checkout", "-q", "main"]);
    git_ok(dir, &["checkout", "-q", "-b", "b"]);
    std::fs::write(dir.join("app/tags.yaml"), TAGS).expect("write");
    if drop_legacy {
        std::fs::write(
            dir.join("app/items.yaml"),
            ITEMS.replace("      legacy_code: text?\n", ""),
        )
        .expect("write");
        common::emit(dir, &["--allow-hazard", "H102"]);
    } else {
        common::emit(dir, &[]);
    }
    commit(dir, "b: tags");
    git_ok(dir, &["checkout", "-q", "main"]);
    tmp
}

/// A database with the project as of `main` applied through `schemac apply`.
fn deployed(dir: &Path, hint: &str) -> String {
    let cluster = Cluster::get();
    let db = cluster.database(hint);
    let url = cluster.url(&db);
    let (code, out) = common::outcome("apply", dir, &["--db", &url]);
    assert_eq!(code, Some(0), "{out}");
    url
}

/// After the rebase: check is clean, nothing is left to emit, the pending
/// migration applies on the database that ran the first branch's, and the
/// database then matches the YAML.
fn assert_rebased(dir: &Path, url: &str, expected_new: &str) {
    let (code, out) = common::outcome("check", dir, &[]);
    assert_eq!(code, Some(0), "check after rebase:\n{out}");
    let (code, out) = common::outcome("plan", dir, &[]);
    assert_eq!(code, Some(0), "nothing left to emit:\n{out}");
    let (code, out) = common::outcome("apply", dir, &["--db", url]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains(&format!("applied {expected_new}")), "{out}");
    assert!(
        !out.contains("applied 0001") && !out.contains("applied 0002"),
        "{out}"
    );
    let (code, out) = common::outcome("plan", dir, &["--db", url, "--check"]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn merging_the_second_branch_into_main_and_rebasing_renumbers_it() {
    let tmp = two_branches(false);
    let dir = tmp.path();
    git_ok(dir, &["merge", "-q", "a"]);
    let url = deployed(dir, "rebase_merge");
    let (merged, out) = git(dir, &["merge", "-q", "b", "-m", "merge b"]);
    assert!(
        !merged,
        "both branches changed schemac.sum, so the merge conflicts: {out}"
    );
    assert!(
        files(dir).contains(&"0002_add_items_price_1.up.sql".to_string()),
        "{:?}",
        files(dir)
    );
    assert!(
        files(dir).contains(&"0002_create_tags.up.sql".to_string()),
        "{:?}",
        files(dir)
    );

    // `check` sees the collision and names the command.
    let (code, out) = common::outcome("check", dir, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("version 0002") && out.contains("schemac rebase"),
        "{out}"
    );

    let before = files(dir);
    let out = common::succeed("rebase", dir, &["--dry-run"]);
    assert!(
        out.contains("would remove 0002_create_tags.up.sql"),
        "{out}"
    );
    assert!(out.contains("would emit 0004_create_tags"), "{out}");
    assert_eq!(files(dir), before, "a dry run writes nothing");

    let out = common::succeed("rebase", dir, &[]);
    assert!(out.contains("onto git HEAD"), "{out}");
    let after = files(dir);
    assert!(
        !after.iter().any(|f| f.starts_with("0002_create_tags")),
        "{after:?}"
    );
    assert!(
        after.contains(&"0004_create_tags.up.sql".to_string()),
        "{after:?}"
    );
    assert!(
        after.contains(&"0004_create_tags.down.sql".to_string()),
        "{after:?}"
    );
    let up =
        std::fs::read_to_string(dir.join("migrations/app/0004_create_tags.up.sql")).expect("up");
    assert!(up.contains("CREATE TABLE \"public\".\"tags\""), "{up}");
    assert!(
        !up.contains("price"),
        "only the second branch's change: {up}"
    );
    assert_rebased(dir, &url, "0004_create_tags.up.sql");
    commit(dir, "merge b");
    let (code, out) = common::outcome("check", dir, &[]);
    assert_eq!(code, Some(0), "{out}");
}

/// A feature branch that merges `main` in is the one merged second; HEAD is
/// then its own side, so `--onto main` names the first.
#[test]
fn merging_main_into_the_feature_branch_rebases_onto_main() {
    let tmp = two_branches(true);
    let dir = tmp.path();
    git_ok(dir, &["merge", "-q", "a"]);
    let url = deployed(dir, "rebase_onto");
    git_ok(dir, &["checkout", "-q", "b"]);
    let (merged, _) = git(dir, &["merge", "-q", "main", "-m", "merge main"]);
    assert!(!merged);
    // Both branches edited items.yaml: the developer resolves the YAML.
    std::fs::write(
        dir.join("app/items.yaml"),
        ITEMS_A.replace("      legacy_code: text?\n", ""),
    )
    .expect("resolve");
    let out = common::succeed("rebase", dir, &["--onto", "main"]);
    assert!(out.contains("onto git main"), "{out}");
    let after = files(dir);
    assert!(
        after.contains(&"0002_add_items_price_1.up.sql".to_string()),
        "{after:?}"
    );
    let new: Vec<&String> = after.iter().filter(|f| f.starts_with("0004_")).collect();
    assert_eq!(new.len(), 2, "{after:?}");
    let up = std::fs::read_to_string(
        dir.join("migrations/app")
            .join(new.iter().find(|f| f.ends_with(".up.sql")).unwrap()),
    )
    .expect("up");
    // The drop was allowed when the branch emitted it, so it stays allowed.
    assert!(
        up.contains("H102") && up.contains("DROP COLUMN \"legacy_code\""),
        "{up}"
    );
    let name = new[0]
        .trim_end_matches(".down.sql")
        .trim_end_matches(".up.sql")
        .to_string();
    assert_rebased(dir, &url, &format!("{name}.up.sql"));
}

/// Without git: the folder holds the first branch's schemac.sum and lock
/// (that side was taken) and the second branch's files beside them.
#[test]
fn an_intact_folder_with_the_second_branch_s_files_is_rebased_without_git() {
    let first = tempfile::tempdir().expect("tempdir");
    let second = tempfile::tempdir().expect("tempdir");
    for dir in [first.path(), second.path()] {
        common::write_project(
            dir,
            PROJECT,
            &[("app/tenants.yaml", TENANTS), ("app/items.yaml", ITEMS)],
        );
        common::emit(dir, &[]);
    }
    std::fs::write(first.path().join("app/items.yaml"), ITEMS_A).expect("write");
    common::emit(first.path(), &[]);
    std::fs::write(second.path().join("app/tags.yaml"), TAGS).expect("write");
    common::emit(second.path(), &[]);
    let url = deployed(first.path(), "rebase_nogit");
    // The merge: the second branch's YAML and migration files, the first's sum and lock.
    let dir = first.path();
    std::fs::copy(
        second.path().join("app/tags.yaml"),
        dir.join("app/tags.yaml"),
    )
    .expect("yaml");
    for name in ["0002_create_tags.up.sql", "0002_create_tags.down.sql"] {
        std::fs::copy(
            second.path().join("migrations/app").join(name),
            dir.join("migrations/app").join(name),
        )
        .expect("copy");
    }
    let (code, _) = common::outcome("check", dir, &[]);
    assert_eq!(code, Some(1), "the collision is an error before the rebase");
    let out = common::succeed("rebase", dir, &[]);
    assert!(out.contains("onto folder"), "{out}");
    assert_rebased(dir, &url, "0004_create_tags.up.sql");
    let out = common::succeed("rebase", dir, &[]);
    assert!(out.contains("nothing to rebase"), "{out}");
}

#[test]
fn a_conflicted_folder_outside_git_is_refused_with_the_way_out() {
    let tmp = two_branches(false);
    let dir = tmp.path();
    git_ok(dir, &["merge", "-q", "a"]);
    let (merged, _) = git(dir, &["merge", "-q", "b", "-m", "merge b"]);
    assert!(!merged);
    let copy = tempfile::tempdir().expect("tempdir");
    for entry in ["schemac.yaml", "app", "migrations"] {
        let from = dir.join(entry);
        if from.is_dir() {
            common::copy_dir(&from, &copy.path().join(entry));
        } else {
            std::fs::copy(&from, copy.path().join(entry)).expect("copy");
        }
    }
    let before = files(copy.path());
    let (code, out) = common::outcome("rebase", copy.path(), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("--onto"), "{out}");
    assert_eq!(files(copy.path()), before, "nothing written");
}
