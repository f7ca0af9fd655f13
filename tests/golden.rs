//! The SQL of every example, pinned: any change to what users get shows up
//! as a snapshot diff in review. Emitting is deterministic, so the same YAML
//! always gives byte-identical files.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{examples, tier_dirs};

fn emitted(example: &std::path::Path) -> Vec<(String, String)> {
    let tmp = common::emitted_copy(example);
    let mut files = Vec::new();
    for tier in tier_dirs(tmp.path()) {
        let mut names: Vec<_> = std::fs::read_dir(&tier)
            .expect("tier")
            .flatten()
            .map(|e| e.path())
            .collect();
        names.sort();
        for f in names {
            let name = format!(
                "{}__{}",
                tier.file_name().unwrap_or_default().to_string_lossy(),
                f.file_name().unwrap_or_default().to_string_lossy()
            );
            files.push((name, std::fs::read_to_string(&f).expect("read")));
        }
    }
    files
}

#[test]
fn emitted_sql_of_every_example() {
    for example in examples() {
        let project = example
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let first = emitted(&example);
        let second = emitted(&example);
        assert_eq!(first, second, "{project}: emit is not deterministic");
        for (name, text) in first {
            if name.ends_with("schemac.sum") {
                continue;
            }
            insta::assert_snapshot!(format!("{project}__{name}"), text);
        }
    }
}
