//! The book: rule and hazard pages are generated from the rules themselves,
//! the command-line page from the clap definitions, and all must be
//! committed up to date (`SCHEMAC_BLESS=1 cargo test --test book`
//! rewrites them); every rule has a page and every page a rule; the language
//! page lists exactly the keys of the JSON Schema; and the book builds with
//! mdBook without a broken link.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("book")
}

#[test]
fn generated_pages_are_up_to_date() {
    let template = std::fs::read_to_string(book().join("summary.template.md")).expect("template");
    let bless = std::env::var("SCHEMAC_BLESS").is_ok();
    let mut stale = Vec::new();
    let mut pages = schemac::render::docs::book_pages(&template);
    pages.push((
        PathBuf::from("cli.md"),
        schemac::cli::completions::reference(),
    ));
    for (rel, text) in pages {
        let path = book().join("src").join(&rel);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if bless {
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, text).expect("write");
            } else {
                stale.push(rel.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale book pages (run `SCHEMAC_BLESS=1 cargo test --test book`): {stale:?}"
    );
}

#[test]
fn every_rule_has_a_page_and_every_page_a_rule() {
    for (dir, rules) in [
        ("rules", schemac::check::rules::ALL),
        ("hazards", schemac::plan::hazards::ALL),
    ] {
        let codes: BTreeSet<String> = rules.iter().map(|r| r.code.to_string()).collect();
        let pages: BTreeSet<String> = std::fs::read_dir(book().join("src").join(dir))
            .expect("dir")
            .flatten()
            .filter_map(|e| {
                e.path()
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
            })
            .filter(|s| s != "index")
            .collect();
        assert_eq!(
            codes, pages,
            "{dir}: codes without a page, or pages without a rule"
        );
    }
}

#[test]
fn the_language_page_lists_exactly_the_schema_keys() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/schemac.schema.json"),
        )
        .expect("schema"),
    )
    .expect("json");
    let page = std::fs::read_to_string(book().join("src/language.md")).expect("language.md");
    let mut documented: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in page.lines() {
        if let Some(name) = line
            .strip_prefix("<!-- keys: ")
            .and_then(|r| r.strip_suffix(" -->"))
        {
            current = Some(name.to_string());
            documented.entry(name.to_string()).or_default();
        } else if line.trim().is_empty()
            && current.is_some()
            && documented
                .get(current.as_deref().unwrap_or_default())
                .is_some_and(|k| !k.is_empty())
        {
            current = None;
        } else if let (Some(def), Some(key)) = (
            &current,
            line.strip_prefix("| `")
                .and_then(|r| r.split_once('`'))
                .map(|(k, _)| k),
        ) {
            documented
                .entry(def.clone())
                .or_default()
                .insert(key.to_string());
        }
    }
    for (name, def) in schema["definitions"].as_object().expect("definitions") {
        let Some(props) = def["properties"].as_object() else {
            continue;
        };
        let keys: BTreeSet<String> = props.keys().cloned().collect();
        assert_eq!(
            documented.get(name),
            Some(&keys),
            "language.md section `{name}` does not match the JSON Schema"
        );
    }
}

/// mdbook, installed by the test command (`cargo install mdbook`).
fn mdbook() -> PathBuf {
    if let Ok(p) = std::env::var("MDBOOK") {
        return PathBuf::from(p);
    }
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    let local = home.join("bin/mdbook");
    if local.exists() {
        return local;
    }
    if Command::new("mdbook")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return PathBuf::from("mdbook");
    }
    panic!(
        "mdbook not found: run scripts/test.sh (it installs it with `cargo install mdbook`), or set MDBOOK=/path/to/mdbook"
    );
}

#[test]
fn the_book_builds_without_broken_links() {
    let out = tempfile::tempdir().expect("tempdir");
    let status = Command::new(mdbook())
        .arg("build")
        .arg(book())
        .arg("--dest-dir")
        .arg(out.path())
        .output()
        .expect("mdbook");
    assert!(
        status.status.success(),
        "mdbook build failed:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(
        !stderr.contains("WARN") && !stderr.contains("ERROR"),
        "mdbook warned:\n{stderr}"
    );
    let mut pages = Vec::new();
    collect(out.path(), &mut pages);
    let mut broken = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("read");
        for href in html
            .split("href=\"")
            .skip(1)
            .filter_map(|h| h.split('"').next())
        {
            if href.starts_with("http")
                || href.starts_with("mailto:")
                || href.starts_with("//")
                || href.is_empty()
            {
                continue;
            }
            let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                page.parent().expect("dir").join(file)
            };
            if !target.exists() {
                broken.push(format!(
                    "{} → {href}",
                    page.strip_prefix(out.path()).unwrap_or(page).display()
                ));
                continue;
            }
            if !anchor.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&target).expect("read");
                if !text.contains(&format!("id=\"{anchor}\"")) {
                    broken.push(format!(
                        "{} → {href} (no such anchor)",
                        page.strip_prefix(out.path()).unwrap_or(page).display()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(pages.len() > 60, "the book has {} pages", pages.len());
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}
