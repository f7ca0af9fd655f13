//! The migration folder is append-only and verified: an edited migration, a
//! missing one, or two branches that both emitted the same version are
//! refused by `emit` and reported by `check`, with how to resolve it. A plan
//! that loses data is refused unless the hazard is allowed. `plan --format
//! json` is a stable document for bots.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{emit, schemac};

const PROJECT: &str = "project: m\ntiers:\n  app: { database: m }\n";

fn project(tier_file: &str) -> tempfile::TempDir {
    common::one_tier(PROJECT, tier_file)
}

fn set(dir: &Path, tier_file: &str) {
    std::fs::write(dir.join("app/t.yaml"), tier_file).expect("write");
}

fn run(args: &[&str], dir: &Path) -> (Option<i32>, String) {
    let out = schemac().args(args).arg(dir).output().expect("run");
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

const V1: &str = "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true }\n";
const V2: &str = "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true }\n      name: text?\n";

#[test]
fn an_edited_migration_is_refused_by_emit_and_reported_by_check() {
    let tmp = project(V1);
    assert_eq!(run(&["emit"], tmp.path()).0, Some(0));
    let up = tmp.path().join("migrations/app/0001_init.up.sql");
    let mut text = std::fs::read_to_string(&up).expect("read");
    text.push_str("\n-- a hotfix applied by hand\n");
    std::fs::write(&up, text).expect("write");
    set(tmp.path(), V2);
    let (code, out) = run(&["emit"], tmp.path());
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("0001_init.up.sql was edited"), "{out}");
    assert!(out.contains("never edit an emitted migration"), "{out}");
    let (code, out) = run(&["check"], tmp.path());
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("0001_init.up.sql was edited"), "{out}");
}

#[test]
fn two_branches_emitting_the_same_version_are_detected() {
    let main = project(V1);
    assert_eq!(run(&["emit"], main.path()).0, Some(0));
    // Branch b starts from main and adds a column; branch a adds a table.
    let branch = tempfile::tempdir().expect("tempdir");
    common::copy_dir(main.path(), branch.path());
    set(branch.path(), V2);
    assert_eq!(run(&["emit"], branch.path()).0, Some(0));
    set(
        main.path(),
        &format!("{V1}  tags:\n    columns:\n      id: {{ type: uuid, primary_key: true }}\n"),
    );
    assert_eq!(run(&["emit"], main.path()).0, Some(0));
    // The merge brings b's 0002 next to a's 0002 (git merges the files; the
    // lock and the sum file conflict and one side is kept).
    for entry in std::fs::read_dir(branch.path().join("migrations/app"))
        .expect("dir")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("0002_") {
            std::fs::copy(entry.path(), main.path().join("migrations/app").join(&name))
                .expect("copy");
        }
    }
    let (code, out) = run(&["check"], main.path());
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("version 0002 is used by more than one migration"),
        "{out}"
    );
    assert!(out.contains("rebase"), "{out}");
    assert!(out.contains("M102"), "{out}");
    assert!(!out.contains("no problems found"), "{out}");
    // The same finding in the machine formats, located at the migration file.
    let (code, json) = run(&["check", "--format", "json"], main.path());
    assert_eq!(code, Some(1), "{json}");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(
        json["summary"]["errors"].as_u64().unwrap_or(0) >= 1,
        "{json}"
    );
    let dup = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "M102")
        .expect("an M102 diagnostic");
    let file = dup["location"]["file"].as_str().unwrap_or_default();
    assert!(file.contains("migrations/app/0002_"), "{dup}");
    assert_eq!(dup["location"]["line"], 1);
    let (code, sarif) = run(&["check", "--format", "sarif"], main.path());
    assert_eq!(code, Some(1), "{sarif}");
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "M102")
        .expect("an M102 result");
    let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap_or_default();
    assert!(uri.contains("migrations/app/0002_"), "{r}");
    let (code, out) = run(&["emit"], main.path());
    assert_eq!(code, Some(1), "{out}");
}

#[test]
fn a_missing_migration_is_detected() {
    let tmp = project(V1);
    run(&["emit"], tmp.path());
    set(tmp.path(), V2);
    run(&["emit"], tmp.path());
    std::fs::remove_file(tmp.path().join("migrations/app/0001_init.up.sql")).expect("rm");
    std::fs::remove_file(tmp.path().join("migrations/app/0001_init.down.sql")).expect("rm");
    let (code, out) = run(&["check"], tmp.path());
    assert_eq!(code, Some(1));
    assert!(
        out.contains("0001_init.up.sql is recorded in schemac.sum but missing"),
        "{out}"
    );
    assert!(out.contains("version 0001 is missing"), "{out}");
}

#[test]
fn data_loss_needs_an_explicit_allowance() {
    let tmp = project(V2);
    run(&["emit"], tmp.path());
    set(tmp.path(), V1);
    let (code, out) = run(&["emit"], tmp.path());
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("H102"), "{out}");
    assert!(
        !tmp.path()
            .join("migrations/app/0002_drop_items_name.up.sql")
            .exists()
    );
    emit(tmp.path(), &["--allow-hazard", "H102"]);
    let up = std::fs::read_to_string(
        tmp.path()
            .join("migrations/app/0002_drop_items_name.up.sql"),
    )
    .expect("written");
    assert!(up.contains("-- hazard H102 (drop-column)"), "{up}");
    assert!(up.contains("DROP COLUMN \"name\""), "{up}");
}

#[test]
fn plan_json_describes_files_changes_locks_and_hazards() {
    let tmp = project(V1);
    run(&["emit"], tmp.path());
    set(
        tmp.path(),
        "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true }\n    indexes:\n      - [id]\n",
    );
    let out = schemac()
        .args(["plan", "--format", "json"])
        .arg(tmp.path())
        .output()
        .expect("plan");
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let file = &json["tiers"][0]["files"][0];
    assert_eq!(
        file["transactional"], false,
        "a concurrent index build runs outside a transaction"
    );
    let change = &file["changes"][0];
    assert_eq!(change["kind"], "create_index");
    assert_eq!(change["lock"], "SHARE UPDATE EXCLUSIVE");
    assert!(
        file["up"]
            .as_str()
            .unwrap_or_default()
            .contains("CREATE INDEX CONCURRENTLY")
    );
    assert!(
        file["down"]
            .as_str()
            .unwrap_or_default()
            .contains("DROP INDEX CONCURRENTLY")
    );
    let (code, _) = run(&["plan"], project(V1).path());
    assert_eq!(code, Some(2), "a fresh project has changes to emit");
}
