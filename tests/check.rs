//! `schemac check` as users run it: examples are clean, every broken project
//! reports exactly its expected diagnostics at their positions, nothing
//! panics, and the JSON Schema is in sync with the language and the examples.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{examples, schemac, succeed};

fn check_json(dir: &Path) -> (Option<i32>, serde_json::Value) {
    let out = schemac()
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("run schemac");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check {} printed no JSON ({e}):\n{}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), json)
}

#[test]
fn examples_check_clean() {
    for dir in examples() {
        let (code, json) = check_json(&dir);
        let diags = json["diagnostics"].as_array().expect("diagnostics");
        let problems: Vec<&serde_json::Value> =
            diags.iter().filter(|d| d["severity"] != "info").collect();
        assert!(
            problems.is_empty(),
            "{} is not clean: {problems:#?}",
            dir.display()
        );
        assert_eq!(code, Some(0), "{}", dir.display());
    }
}

fn broken_projects() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/broken");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("schemas/broken")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn broken_projects_report_exactly_their_diagnostics() {
    let dirs = broken_projects();
    assert!(
        dirs.len() >= 12,
        "expected at least 12 broken projects, found {}",
        dirs.len()
    );
    for dir in dirs {
        let expected: Vec<String> = std::fs::read_to_string(dir.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{} lacks expected.txt", dir.display()))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        let (code, json) = check_json(&dir);
        assert!(
            matches!(code, Some(0 | 1)),
            "{}: exit {code:?} (a panic is 101)",
            dir.display()
        );
        let prefix = format!("{}/", dir.display());
        let found: Vec<String> = json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                let loc = &d["location"];
                if loc.is_null() {
                    d["code"].as_str().unwrap_or_default().to_string()
                } else {
                    let file = loc["file"].as_str().unwrap_or_default();
                    format!(
                        "{} {}:{}:{}",
                        d["code"].as_str().unwrap_or_default(),
                        file.strip_prefix(&prefix).unwrap_or(file),
                        loc["line"],
                        loc["column"]
                    )
                }
            })
            .collect();
        assert_eq!(found, expected, "{}", dir.display());
        let errors = json["summary"]["errors"].as_u64().unwrap_or(0);
        assert_eq!(
            code,
            Some(if errors > 0 { 1 } else { 0 }),
            "{}",
            dir.display()
        );
    }
}

#[test]
fn text_output_points_at_the_yaml() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/broken/y003_unknown_key");
    let out = schemac()
        .args(["check", "--color", "never"])
        .arg(&dir)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("error[Y003]"), "{text}");
    assert!(text.contains("help: did you mean"), "{text}");
    assert!(text.contains('^'), "a caret under the key: {text}");
    assert!(!text.contains('\u{1b}'), "no colors when asked: {text}");
}

#[test]
fn sarif_is_2_1_0_with_rules_and_locations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/broken/r101_unknown_table");
    let out = schemac()
        .args(["check", "--format", "sarif"])
        .arg(&dir)
        .output()
        .expect("run");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif json");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "schemac");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let result = &run["results"][0];
    let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[index]["id"], result["ruleId"]);
    assert!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .is_some()
    );
}

#[test]
fn json_schema_matches_the_committed_file() {
    let out = schemac().arg("schema").output().expect("run");
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/schemac.schema.json"),
    )
    .expect("committed schema");
    assert!(
        String::from_utf8_lossy(&out.stdout) == committed,
        "schemas/schemac.schema.json is stale: run `cargo run -- schema > schemas/schemac.schema.json`"
    );
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
}

#[test]
fn every_example_file_validates_against_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemac.schema.json")).expect("schema"),
    )
    .expect("json");
    let validator = jsonschema::draft7::new(&schema).expect("a valid draft-07 schema");
    let mut files = Vec::new();
    for dir in examples() {
        yaml_files(&dir, &mut files);
    }
    assert!(files.len() > 10, "found only {} example files", files.len());
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("# yaml-language-server: $schema="),
            "{} lacks the $schema comment",
            f.display()
        );
        let value: serde_json::Value =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} does not validate: {errors:#?}",
            f.display()
        );
    }
}

#[test]
fn a_file_with_a_bad_key_fails_the_schema_too() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemac.schema.json")).expect("schema"),
    )
    .expect("json");
    let validator = jsonschema::draft7::new(&schema).expect("valid schema");
    let bad: serde_json::Value = serde_saphyr::from_str(
        "tables:\n  users:\n    columns:\n      id: { type: uuid, nulable: true }\n",
    )
    .expect("yaml");
    assert!(!validator.is_valid(&bad));
    let good: serde_json::Value = serde_saphyr::from_str("tables:\n  users:\n    columns:\n      id: { type: uuid, nullable: true }\n      name: text?\n    indexes:\n      - [name]\n").expect("yaml");
    assert!(
        validator.is_valid(&good),
        "{:?}",
        validator
            .iter_errors(&good)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
}

#[test]
fn init_then_check_is_clean() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("acme");
    succeed("init", &dir, &[]);
    let (code, json) = check_json(&dir);
    assert_eq!(code, Some(0));
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "{json:#}"
    );
    let again = schemac()
        .arg("init")
        .arg(&dir)
        .output()
        .expect("init again");
    assert!(!again.status.success(), "init refuses to overwrite");
}

/// Each trigger form `check` refuses (S104), PostgreSQL refuses too, and
/// each it accepts, PostgreSQL creates: the YAML beside the SQL it means.
#[test]
fn trigger_checks_agree_with_the_server() {
    const CASES: &[(&str, &str, bool)] = &[
        (
            "{ timing: instead_of, events: [insert], function: f }",
            "INSTEAD OF INSERT ON orders FOR EACH ROW",
            false,
        ),
        (
            "{ timing: after, events: [truncate], function: f }",
            "AFTER TRUNCATE ON orders FOR EACH ROW",
            false,
        ),
        (
            "{ timing: before, events: [insert], constraint: true, function: f }",
            "BEFORE INSERT ON orders FOR EACH ROW",
            false,
        ),
        (
            "{ timing: after, events: [insert], constraint: true, for_each: statement, function: f }",
            "AFTER INSERT ON orders FOR EACH STATEMENT",
            false,
        ),
        (
            "{ timing: after, events: [insert], deferrable: true, function: f }",
            "AFTER INSERT ON orders DEFERRABLE FOR EACH ROW",
            false,
        ),
        (
            "{ timing: after, events: [update of state], function: f }",
            "AFTER UPDATE OF state ON orders FOR EACH ROW",
            false,
        ),
        (
            "{ timing: before, events: [update], referencing: { old_table: gone }, function: f }",
            "BEFORE UPDATE ON orders REFERENCING OLD TABLE AS gone FOR EACH ROW",
            false,
        ),
        (
            "{ timing: after, events: [insert, delete], referencing: { new_table: added }, function: f }",
            "AFTER INSERT OR DELETE ON orders REFERENCING NEW TABLE AS added FOR EACH STATEMENT",
            false,
        ),
        (
            "{ timing: after, events: [update of status], referencing: { new_table: added }, function: f }",
            "AFTER UPDATE OF status ON orders REFERENCING NEW TABLE AS added FOR EACH STATEMENT",
            false,
        ),
        (
            "{ timing: after, events: [insert], referencing: { old_table: gone }, function: f }",
            "AFTER INSERT ON orders REFERENCING OLD TABLE AS gone FOR EACH STATEMENT",
            false,
        ),
        (
            "{ timing: after, events: [update], referencing: { old_table: t, new_table: t }, function: f }",
            "AFTER UPDATE ON orders REFERENCING OLD TABLE AS t NEW TABLE AS t FOR EACH ROW",
            false,
        ),
        (
            "{ timing: after, events: [insert], constraint: true, referencing: { new_table: added }, function: f }",
            "AFTER INSERT ON orders REFERENCING NEW TABLE AS added FOR EACH ROW",
            false,
        ),
        (
            "{ timing: after, events: [update], for_each: statement, when: \"new.status <> 'x'\", function: f }",
            "AFTER UPDATE ON orders FOR EACH STATEMENT WHEN (new.status <> 'x')",
            false,
        ),
        (
            "{ timing: after, events: [insert], when: \"old.status is null\", function: f }",
            "AFTER INSERT ON orders FOR EACH ROW WHEN (old.status IS NULL)",
            false,
        ),
        (
            "{ timing: after, events: [delete], when: \"new.status is null\", function: f }",
            "AFTER DELETE ON orders FOR EACH ROW WHEN (new.status IS NULL)",
            false,
        ),
        (
            "{ timing: after, events: [update], when: \"exists (select 1 from orders)\", function: f }",
            "AFTER UPDATE ON orders FOR EACH ROW WHEN (EXISTS (SELECT 1 FROM orders))",
            false,
        ),
        (
            "{ timing: after, events: [truncate], for_each: statement, function: f }",
            "AFTER TRUNCATE ON orders FOR EACH STATEMENT",
            true,
        ),
        (
            "{ timing: before, events: [\"update of status\"], when: \"old.status is distinct from new.status\", function: f }",
            "BEFORE UPDATE OF status ON orders FOR EACH ROW WHEN (old.status IS DISTINCT FROM new.status)",
            true,
        ),
        (
            "{ timing: after, events: [update], for_each: statement, referencing: { old_table: gone, new_table: added }, function: f }",
            "AFTER UPDATE ON orders REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT",
            true,
        ),
        (
            "{ timing: after, events: [delete], referencing: { old_table: gone }, function: f }",
            "AFTER DELETE ON orders REFERENCING OLD TABLE AS gone FOR EACH ROW",
            true,
        ),
        (
            "{ timing: after, events: [insert, \"update of status\"], constraint: true, deferrable: initially_deferred, function: f }",
            "AFTER INSERT OR UPDATE OF status ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW",
            true,
        ),
        (
            "{ timing: after, events: [insert], for_each: statement, when: \"current_user <> 'loader'\", function: f }",
            "AFTER INSERT ON orders FOR EACH STATEMENT WHEN (CURRENT_USER <> 'loader')",
            true,
        ),
        (
            "{ timing: before, events: [insert, update, delete], function: f, args: [a, \"b c\"] }",
            "BEFORE INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW",
            true,
        ),
    ];
    let cluster = common::Cluster::get();
    let db = cluster.database("trigger_forms");
    let mut client = cluster.connect(&db);
    client
        .batch_execute(
            "CREATE TABLE orders (id uuid PRIMARY KEY, status text);
             CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;",
        )
        .expect("setup");
    for (yaml, sql, accepted) in CASES {
        let tier = format!(
            "functions:\n  f:\n    returns: trigger\n    language: plpgsql\n    body: \"BEGIN RETURN NULL; END\"\ntables:\n  orders:\n    columns:\n      id: {{ type: uuid, primary_key: true }}\n      status: text?\n    triggers:\n      t: {yaml}\n"
        );
        let dir = common::one_tier("project: t\ntiers:\n  app: { database: app }\n", &tier);
        let (_, json) = check_json(dir.path());
        let codes: Vec<&str> = json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert_eq!(codes.is_empty(), *accepted, "check of {yaml}: {codes:?}");
        let constraint = if yaml.contains("constraint: true") {
            "CONSTRAINT "
        } else {
            ""
        };
        let create = format!(
            "CREATE {constraint}TRIGGER t {sql} EXECUTE FUNCTION f(); DROP TRIGGER t ON orders;"
        );
        let server = client.batch_execute(&create);
        assert_eq!(
            server.is_ok(),
            *accepted,
            "the server on {create}: {server:?}"
        );
    }
}
