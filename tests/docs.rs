//! `schemac docs`: the pages exist, link to each other, are deterministic,
//! split large tiers, and their Mermaid diagrams render in a real browser
//! (Debian's chromium with the mermaid npm package, both installed by the
//! test command) to one box per table and one line per reference.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::schemac;

fn penguinmails() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/penguinmails")
}

fn docs(project: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("tempdir");
    let run = schemac()
        .arg("docs")
        .arg(project)
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("run");
    assert!(
        run.status.success(),
        "schemac docs failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

fn read(dir: &Path, page: &str) -> String {
    std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// GitHub's (and mdBook's) heading anchor.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn pages_cover_every_tier_and_table_and_every_link_resolves() {
    let loaded = schemac::load::project(&penguinmails()).expect("load");
    let out = docs(&penguinmails());
    let mut pages: Vec<String> = std::fs::read_dir(out.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    pages.sort();
    let mut expected: Vec<String> = loaded
        .project
        .tiers
        .iter()
        .map(|t| format!("{}.md", t.name))
        .collect();
    expected.extend(["index.md", "tenancy.md", "references.md"].map(String::from));
    expected.sort();
    assert_eq!(pages, expected);

    let index = read(out.path(), "index.md");
    let matrix = read(out.path(), "tenancy.md");
    for tier in &loaded.project.tiers {
        assert!(
            index.contains(&format!("[{0}]({0}.md)", tier.name)),
            "index links tier {}",
            tier.name
        );
        let page = read(out.path(), &format!("{}.md", tier.name));
        assert!(
            page.contains("```mermaid\nerDiagram\n"),
            "tier {} has a diagram",
            tier.name
        );
        for table in &tier.schema.tables {
            assert!(
                page.contains(&format!("\n## {}\n", table.name)),
                "{}.{} has a section",
                tier.name,
                table.name
            );
            assert!(
                matrix.contains(&format!("[`{0}.{1}`]({0}.md#{1})", tier.name, table.name)),
                "the tenancy matrix lists {}.{}",
                tier.name,
                table.name
            );
        }
    }

    let mut broken = Vec::new();
    let mut links = 0;
    for page in &pages {
        let text = read(out.path(), page);
        for target in text.split("](").skip(1).filter_map(|s| s.split(')').next()) {
            if target.starts_with("http") {
                continue;
            }
            links += 1;
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() { page.as_str() } else { file };
            let Ok(linked) = std::fs::read_to_string(out.path().join(file)) else {
                broken.push(format!("{page} → {target}"));
                continue;
            };
            let anchors: BTreeSet<String> = linked
                .lines()
                .filter_map(|l| l.strip_prefix('#'))
                .map(|h| slug(h.trim_start_matches('#')))
                .collect();
            if !anchor.is_empty() && !anchors.contains(anchor) {
                broken.push(format!("{page} → {target} (no such heading)"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(links > 50, "only {links} links");

    let references = read(out.path(), "references.md");
    assert!(
        references.contains("NOT EXISTS"),
        "the reference map carries the orphan-check queries"
    );
}

#[test]
fn constraints_are_described_with_their_options() {
    let out = docs(&penguinmails());
    let oltp = read(out.path(), "oltp.md");
    for line in [
        "unique (tenant_id, campaign_id, step_number), deferrable, initially deferred",
        "→ `email_accounts`(tenant_id, id), on delete set null (last_email_account_id)",
        "→ `campaigns`(tenant_id, id), on delete cascade",
    ] {
        assert!(oltp.contains(line), "oltp.md lacks `{line}`");
    }
}

#[test]
fn output_is_deterministic() {
    let a = docs(&penguinmails());
    let b = docs(&penguinmails());
    for e in std::fs::read_dir(a.path()).expect("dir").flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        assert_eq!(
            read(a.path(), &name),
            read(b.path(), &name),
            "{name} differs between two runs"
        );
    }
}

/// A tier of 100 tables over three files.
fn large_project(dir: &Path) {
    std::fs::write(
        dir.join("schemac.yaml"),
        "project: big\ntiers:\n  app: {}\n",
    )
    .expect("write");
    std::fs::create_dir_all(dir.join("app")).expect("mkdir");
    for (file, n) in [("billing", 50), ("catalog", 30), ("people", 20)] {
        let mut s = String::from("tables:\n");
        for i in 0..n {
            s.push_str(&format!("  {file}_items_{i}s:\n    columns:\n      id: {{ type: bigint, primary_key: true }}\n"));
            if i > 0 {
                s.push_str(&format!(
                    "      parent_id: {{ type: bigint, references: {file}_items_{}s }}\n",
                    i - 1
                ));
            }
        }
        std::fs::write(dir.join("app").join(format!("{file}.yaml")), s).expect("write");
    }
}

fn diagrams(page: &str) -> Vec<String> {
    page.split("```mermaid\n")
        .skip(1)
        .filter_map(|s| s.split("```").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn large_tiers_are_split_into_legible_diagrams() {
    let project = tempfile::tempdir().expect("tempdir");
    large_project(project.path());
    let out = docs(project.path());
    let page = read(out.path(), "app.md");
    let sizes: Vec<usize> = diagrams(&page)
        .iter()
        .map(|d| d.lines().filter(|l| l.ends_with(" {")).count())
        .collect();
    assert_eq!(
        sizes.iter().sum::<usize>(),
        100,
        "every table drawn once: {sizes:?}"
    );
    assert!(
        sizes.len() >= 3 && sizes.iter().all(|n| *n <= 40),
        "diagram sizes {sizes:?}"
    );
}

/// The mermaid bundle, installed by the test command (`npm install mermaid`).
fn mermaid_js() -> PathBuf {
    let path = std::env::var("SCHEMAC_MERMAID")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/mermaid/dist/mermaid.min.js")
        });
    assert!(
        path.exists(),
        "{} is missing: run scripts/test.sh (it installs the mermaid npm package) or set SCHEMAC_MERMAID",
        path.display()
    );
    path
}

fn chromium() -> String {
    let bin = std::env::var("SCHEMAC_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let ok = Command::new(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "`{bin}` not found: run scripts/test.sh (it installs Debian's chromium) or set SCHEMAC_CHROMIUM"
    );
    bin
}

/// Render every diagram of `page` in headless chromium; the DOM afterwards.
fn render(page: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocks: String = diagrams(page)
        .iter()
        .map(|d| {
            format!(
                "<pre class=\"mermaid\">{}</pre>\n",
                d.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        })
        .collect();
    let html = format!(
        "<!doctype html><html><body>{blocks}<script src=\"file://{}\"></script><script>\n\
         mermaid.initialize({{ startOnLoad: false }});\n\
         mermaid.run({{ querySelector: '.mermaid' }})\n\
           .then(() => document.body.setAttribute('data-done', '1'))\n\
           .catch(e => document.body.setAttribute('data-error', String(e)));\n\
         </script></body></html>",
        mermaid_js().display()
    );
    let file = dir.path().join("page.html");
    std::fs::write(&file, html).expect("write");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
        ])
        .args([
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--virtual-time-budget=30000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg("--dump-dom")
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        dom.contains("data-done=\"1\""),
        "mermaid did not finish rendering:\n{}\n{}",
        &dom[..dom.len().min(3000)],
        String::from_utf8_lossy(&out.stderr)
    );
    dom
}

fn svgs(dom: &str) -> Vec<&str> {
    dom.split("<svg ").skip(1).collect()
}

#[test]
fn diagrams_render_one_box_per_table_in_a_browser() {
    let loaded = schemac::load::project(&penguinmails()).expect("load");
    let out = docs(&penguinmails());
    let tier = loaded.project.tier("content").expect("content tier");
    let dom = render(&read(out.path(), "content.md"));
    let svgs = svgs(&dom);
    assert_eq!(svgs.len(), 1, "one diagram");
    let svg = svgs[0];
    assert!(svg.contains("class=\"erDiagram\""));

    let tables = tier.schema.tables.len();
    let soft: Vec<_> = tier
        .schema
        .tables
        .iter()
        .flat_map(|t| &t.soft_references)
        .collect();
    let external: BTreeSet<String> = soft
        .iter()
        .filter(|r| r.tier != tier.name)
        .map(|r| format!("{}.{}", r.tier, r.table))
        .collect();
    let boxes = svg.matches("class=\"node default\"").count();
    assert_eq!(
        boxes,
        tables + external.len(),
        "one box per table of the tier and per table referenced in another tier"
    );
    for t in &tier.schema.tables {
        assert!(
            svg.contains(&format!("-entity-{}-", t.name)),
            "no box for {}",
            t.name
        );
    }
    let dashed = svg.matches("edge-pattern-dashed relationshipLine").count();
    assert_eq!(dashed, soft.len(), "soft references are drawn dotted");
    let solid = svg.matches("edge-pattern-solid relationshipLine").count();
    assert!(solid > 0, "foreign keys are drawn solid");
}

#[test]
fn split_diagrams_all_render() {
    let project = tempfile::tempdir().expect("tempdir");
    large_project(project.path());
    let out = docs(project.path());
    let page = read(out.path(), "app.md");
    let expected: Vec<usize> = diagrams(&page)
        .iter()
        .map(|d| d.lines().filter(|l| l.ends_with(" {")).count())
        .collect();
    let dom = render(&page);
    let boxes: Vec<usize> = svgs(&dom)
        .iter()
        .map(|s| s.matches("class=\"node default\"").count())
        .collect();
    assert_eq!(boxes, expected);
}
