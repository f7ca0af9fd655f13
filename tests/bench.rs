//! The benchmark generator (`bench/gen.py`) writes projects that check clean
//! and plan from one variant to the next, so `bench/run.sh` and
//! `bench/live.sh` measure real work rather than stop on a diagnostic.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;

fn generate(out: &Path, variant: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(out)
        .args(["--tables", "300", "--variant", variant])
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to run {}: {e}", script.display()));
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn generated_projects_check_clean_and_plan() {
    let tmp = tempfile::tempdir().expect("tempdir");
    generate(tmp.path(), "1");
    let (code, out) = common::outcome("check", tmp.path(), &["--format", "json"]);
    assert_eq!(code, Some(0), "{out}");
    common::emit(tmp.path(), &[]);
    generate(tmp.path(), "2");
    let (code, out) = common::outcome("plan", tmp.path(), &[]);
    assert_eq!(code, Some(2), "variant 2 has changes to plan: {out}");
}
