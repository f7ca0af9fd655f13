//! The command line itself: help with examples on every command, shell
//! completions and man pages generated from it, colors only when asked for.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::schemac;

fn commands() -> Vec<String> {
    let out = schemac().arg("--help").output().expect("run");
    let text = String::from_utf8(out.stdout).expect("utf8");
    text.split("Commands:")
        .nth(1)
        .expect("a command list")
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_command_has_help_with_examples() {
    let commands = commands();
    assert!(commands.len() >= 11, "commands: {commands:?}");
    for c in &commands {
        let out = schemac().args([c, "--help"]).output().expect("run");
        assert!(out.status.success(), "{c} --help failed");
        let text = String::from_utf8_lossy(&out.stdout);
        let examples = text
            .split("Examples:")
            .nth(1)
            .unwrap_or_else(|| panic!("`schemac {c} --help` has no examples:\n{text}"));
        assert!(
            examples.contains(&format!("schemac {c}")),
            "the examples of {c} do not run {c}:\n{text}"
        );
    }
}

#[test]
fn version_names_the_crate_version() {
    let out = schemac().arg("--version").output().expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("schemac {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bash_completion_parses_and_knows_every_command() {
    let out = schemac()
        .args(["completions", "bash"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).expect("utf8");
    for c in commands() {
        assert!(
            script.contains(&format!("schemac__subcmd__{}", c.replace('-', "__"))),
            "no completion for {c}"
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("schemac.bash");
    std::fs::write(&path, &script).expect("write");
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .expect("bash");
    assert!(
        syntax.status.success(),
        "bash rejects the completion script: {}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = schemac()
            .args(["completions", shell])
            .output()
            .expect("run");
        assert!(out.status.success() && out.stdout.len() > 500, "{shell}");
    }
}

#[test]
fn man_pages_for_every_command_render() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = schemac()
        .args(["man", "--out"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut expected = vec!["schemac.1".to_string()];
    expected.extend(commands().iter().map(|c| format!("schemac-{c}.1")));
    expected.sort();
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    written.sort();
    assert_eq!(written, expected);
    let plan = std::fs::read_to_string(dir.path().join("schemac-plan.1")).expect("read");
    assert!(
        plan.starts_with(".ie") || plan.contains(".TH schemac-plan 1"),
        "{plan}"
    );
    assert!(
        plan.contains("\\-\\-check"),
        "the plan page lists its options"
    );
    assert!(
        plan.contains("schemac plan \\-\\-db"),
        "the plan page has its examples"
    );
}

#[test]
fn colors_only_on_request() {
    let broken = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/broken/y003_unknown_key"
    );
    let piped = schemac().args(["check", broken]).output().expect("run");
    assert_eq!(piped.status.code(), Some(1));
    let text = [piped.stdout.as_slice(), piped.stderr.as_slice()].concat();
    assert!(text.contains(&b'Y'), "findings printed");
    assert!(!text.contains(&0x1b), "escape codes written to a pipe");

    let forced = schemac()
        .args(["check", broken, "--color", "always"])
        .output()
        .expect("run");
    let text = [forced.stdout.as_slice(), forced.stderr.as_slice()].concat();
    assert!(text.contains(&0x1b), "--color always gives colors");

    let no_color = schemac()
        .args(["check", broken, "--color", "auto"])
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run");
    let text = [no_color.stdout.as_slice(), no_color.stderr.as_slice()].concat();
    assert!(!text.contains(&0x1b), "NO_COLOR is honoured");
}

#[test]
fn bytes_that_are_not_utf8_are_a_located_diagnostic_in_every_format() {
    let tmp = common::one_tier(
        "project: u\ntiers:\n  app: { database: u }\n",
        "tables:\n  t:\n    columns:\n      id: uuid\n",
    );
    std::fs::write(
        tmp.path().join("app/t.yaml"),
        b"tables:\n  t:\n    columns:\n      caf\xe9: text\n",
    )
    .expect("write");
    let (code, text) = common::outcome("check", tmp.path(), &["--color", "never"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("error[Y008]") && text.contains("app/t.yaml:4:10"),
        "{text}"
    );
    let (code, json) = common::outcome("check", tmp.path(), &["--format", "json"]);
    assert_eq!(code, Some(1), "{json}");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json on stdout");
    let d = &json["diagnostics"][0];
    assert_eq!(
        (
            d["code"].as_str(),
            d["location"]["line"].as_u64(),
            d["location"]["column"].as_u64()
        ),
        (Some("Y008"), Some(4), Some(10)),
        "{json}"
    );
    let (code, sarif) = common::outcome("check", tmp.path(), &["--format", "sarif"]);
    assert_eq!(code, Some(1), "{sarif}");
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("sarif on stdout");
    let r = &sarif["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "Y008", "{sarif}");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
}

#[test]
fn a_broken_table_is_dropped_alone_and_errors_that_follow_from_it_say_so() {
    let tmp = common::one_tier(
        "project: u\ntiers:\n  app: { database: u }\n",
        "tables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\n\t  name: text\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true }\n      body: { type: text, nulable: true }\n",
    );
    common::write_project(
        tmp.path(),
        "project: u\ntiers:\n  app: { database: u }\n",
        &[(
            "app/calls.yaml",
            "tables:\n  calls:\n    columns:\n      id: { type: uuid, primary_key: true }\n      lead_id: { type: uuid, references: leads }\n",
        )],
    );
    let (code, text) = common::outcome("check", tmp.path(), &["--color", "never"]);
    assert_eq!(code, Some(1), "{text}");
    // The tab first, on its own line, with its own hint.
    let first = text.find("error[").map(|i| &text[i..]).unwrap_or_default();
    assert!(
        first.starts_with("error[Y001]: a tab is used to indent this line"),
        "{text}"
    );
    assert!(
        text.contains("app/t.yaml:5:1") && text.contains("replace the tab with spaces"),
        "{text}"
    );
    // The rest of the file is still read: the typo in `notes` is found.
    assert!(text.contains("unknown key `nulable`"), "{text}");
    // The reference to the dropped table says why it is unknown.
    assert!(text.contains("because `leads` could not be read"), "{text}");
}

/// `SCHEMAC_TIMINGS=1` adds the phase table on stderr and leaves stdout as
/// it is; without it there is no table.
#[test]
fn timings_go_to_stderr_on_request() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/restoration");
    let plan = |timings: bool| {
        let mut cmd = schemac();
        cmd.args(["--color", "never", "plan"]).arg(&example);
        if timings {
            cmd.env("SCHEMAC_TIMINGS", "1");
        } else {
            cmd.env_remove("SCHEMAC_TIMINGS");
        }
        cmd.output().expect("schemac plan")
    };
    let (on, off) = (plan(true), plan(false));
    let err = String::from_utf8_lossy(&on.stderr);
    assert!(err.contains("timings:"), "{err}");
    assert!(err.contains("load and check the YAML"), "{err}");
    assert!(!String::from_utf8_lossy(&off.stderr).contains("timings:"));
    assert_eq!(on.stdout, off.stdout);
}
