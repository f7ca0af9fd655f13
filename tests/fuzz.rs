//! Mutation fuzzing of the example projects, with a fixed seed and a time
//! budget: each mutant changes one thing the way people (and attackers)
//! get YAML wrong — a value replaced by a YAML spelling or an SQL fragment,
//! a type swapped, an expression truncated or a word doubled, a line
//! duplicated, dropped, re-indented or tab-indented, a BOM or a bad byte.
//! Loading, checking and rendering every mutant's diagnostics (text, JSON,
//! SARIF) must not panic or hang; a mutant that checks clean is emitted and
//! its migrations applied (up, then down) on a real server, and any
//! rejection fails the test. `scripts/fuzz.sh` runs the same for longer.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stderr)]

mod common;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Cluster, migration_files, outcome, run_file};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values a mutation may put where a scalar was.
const VALUES: &[&str] = &[
    ".nan",
    "-.inf",
    ".inf",
    "1_000_000",
    "now()",
    "0",
    "-1",
    "true",
    "null",
    "~",
    "\"'{a'\"",
    "\"'a,b'\"",
    "\"'{}'\"",
    "\"'x'\"",
    "\"''\"",
    "queued",
    "\"now() -- later\"",
    "\"(select 1)\"",
    "\"1; drop table x\"",
    "\"a) or (b\"",
    "\"\\u00e9t\\u00e9\"",
    "[a, b]",
    "{ x: 1 }",
    "&anchor x",
    "*nowhere",
    "\"status in ('a'\"",
    "'it''s'",
    "\"$$x$$\"",
    "2025-13",
    "\"\\t\"",
];

/// Types a mutation may put where a type was.
const TYPES: &[&str] = &[
    "smallint",
    "integer",
    "bigint",
    "boolean",
    "uuid",
    "text",
    "char(3)",
    "\"numeric(5,2)\"",
    "jsonb",
    "\"text[]\"",
    "timestamptz",
    "date",
    "bytea",
    "inet",
    "varchar(2)",
    "nosuchtype",
];

/// Table keys a mutation may add, valid or not.
const TABLE_KEYS: &[&str] = &[
    "rls: enabled",
    "rls: false",
    "rls: true",
    "rls: { enabled: true, forced: false }",
    "rls: { enabled: false, forced: true }",
    "unlogged: true",
    "replica_identity: full",
    "replica_identity: nothing",
    "replica_identity: no_such_index",
    "inherits: [users]",
    "inherits: [nowhere]",
    "with: { fillfactor: 70 }",
    "with: { fillfactor: 5 }",
    "with: { autovacuum_enabled: false }",
    "partitions: { p_extra: { values: [x] } }",
    "partitions: { p_default: { default: true } }",
    "comment: \"it's\"",
];

/// Column keys a mutation may add inside `{ type: … }`, valid or not.
const COLUMN_KEYS: &[&str] = &[
    "sequence: true",
    "sequence: { start: 0, increment: 0 }",
    "identity: always",
    "identity: { kind: by_default, start: 10, increment: -1 }",
    "identity: { kind: always, min: 5, max: 1 }",
    "generated: \"1 + 1\"",
    "collation: C",
    "comment: \"$$\"",
    "deferrable: true",
    "not_valid: true",
];

/// One mutation of one file's text.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let at = rng.below(lines.len());
    let line = lines[at];
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match rng.below(14) {
        // A scalar value replaced.
        0..=2 => {
            if let Some(i) = line.rfind(": ") {
                out[at] = format!("{}: {}", &line[..i], rng.pick(VALUES));
            }
        }
        // A type replaced.
        3 => {
            if let Some(i) = line.find("type: ") {
                let rest = &line[i + 6..];
                let end = rest.find([',', '}']).unwrap_or(rest.len());
                out[at] = format!("{}type: {}{}", &line[..i], rng.pick(TYPES), &rest[end..]);
            } else if let Some(i) = line.rfind(": ") {
                out[at] = format!("{}: {}", &line[..i], rng.pick(TYPES));
            }
        }
        // An expression truncated at a random character, or a word doubled.
        4 => {
            let quoted: Vec<usize> = line.match_indices('"').map(|(i, _)| i).collect();
            if quoted.len() >= 2 {
                let (a, b) = (quoted[0], quoted[quoted.len() - 1]);
                let inner = &line[a + 1..b];
                let chars: Vec<char> = inner.chars().collect();
                let mutated: String = if rng.below(2) == 0 && !chars.is_empty() {
                    chars[..rng.below(chars.len())].iter().collect()
                } else {
                    let words: Vec<&str> = inner.split(' ').collect();
                    let w = rng.below(words.len());
                    let mut v = words.clone();
                    v.insert(w, words[w]);
                    v.join(" ")
                };
                out[at] = format!("{}\"{}\"{}", &line[..a], mutated, &line[b + 1..]);
            }
        }
        // A line duplicated or dropped.
        5 => out.insert(at, line.to_string()),
        6 => {
            out.remove(at);
        }
        // Indentation broken.
        7 => out[at] = format!("  {line}"),
        8 => out[at] = line.trim_start().to_string(),
        9 => out[at] = format!("\t{}", line.trim_start()),
        // Invisible or multibyte characters.
        10 => {
            let indent = line.len() - line.trim_start().len();
            let marks = ["\u{feff}", "\u{e9}", "\u{200b}", "\u{1f427}"];
            out[at] = format!("{}{}{}", &line[..indent], rng.pick(&marks), &line[indent..]);
        }
        // A table key placed beside `columns:` (RLS modes, storage,
        // inheritance, replication, explicit partitions).
        12 => {
            let tables: Vec<usize> = (0..out.len())
                .filter(|&i| out[i].trim() == "columns:")
                .collect();
            if !tables.is_empty() {
                let c = *rng.pick(&tables);
                let indent = &out[c][..out[c].len() - out[c].trim_start().len()];
                let key = rng.pick(TABLE_KEYS);
                out.insert(c, format!("{indent}{key}"));
            }
        }
        // A column key inside a flow mapping (sequences, identities,
        // constraint flags).
        13 => {
            let flows: Vec<usize> = (0..out.len())
                .filter(|&i| out[i].contains("{ type: "))
                .collect();
            if !flows.is_empty() {
                let c = *rng.pick(&flows);
                if let Some(end) = out[c].rfind('}') {
                    let key = rng.pick(COLUMN_KEYS);
                    out[c] = format!("{}, {key} {}", out[c][..end].trim_end(), &out[c][end..]);
                }
            }
        }
        // A key renamed to a near miss.
        _ => {
            if let Some(i) = line.find(':') {
                let key = line[..i].trim_start();
                let indent = &line[..line.len() - line.trim_start().len()];
                let near = [
                    "nulable",
                    "tyep",
                    "refrences",
                    "defualt",
                    "checks",
                    "uniq",
                    "partition",
                ];
                if !key.is_empty() {
                    out[at] = format!("{indent}{}{}", rng.pick(&near), &line[i..]);
                }
            }
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// Every YAML file of a project: (path relative to it, text).
fn yaml_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                let rel = p.strip_prefix(root).expect("prefix").to_path_buf();
                out.push((rel, std::fs::read_to_string(&p).expect("read")));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Load, check and render a mutant in-process: a panic or a hang is a failure.
/// Whether it checked clean.
/// `root` is the project the files come from: `body_file:` is read there.
fn check_mutant(root: &Path, files: Vec<(PathBuf, String)>, what: &str) -> bool {
    let started = Instant::now();
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut loaded = schemac::load::from_files(root, files);
        schemac::check::run(&mut loaded);
        let diags = loaded.diags.as_slice();
        let _ = schemac::diag::render::text(diags, &loaded.sources, false);
        let _ = schemac::diag::render::json(diags, &loaded.sources);
        let _ = schemac::diag::render::sarif(diags, &loaded.sources, schemac::check::rules::ALL);
        !loaded.diags.has_errors()
    }));
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "{what}: check took {took:?}"
    );
    match result {
        Ok(clean) => clean,
        Err(_) => panic!("{what}: load/check/render panicked"),
    }
}

/// Emit a clean mutant and run its migrations up then down on fresh
/// databases; the server must accept every file.
fn apply_mutant(example: &Path, mutated: &(PathBuf, String), what: &str, cluster: &Cluster) {
    let tmp = tempfile::tempdir().expect("tempdir");
    common::copy_dir(example, tmp.path());
    let _ = std::fs::remove_dir_all(tmp.path().join("migrations"));
    std::fs::write(tmp.path().join(&mutated.0), &mutated.1).expect("write mutant");
    let (code, out) = outcome("emit", tmp.path(), &[]);
    assert_eq!(
        code,
        Some(0),
        "{what}: checked clean but emit failed:\n{out}\n{}",
        mutated.1
    );
    for tier in common::tier_dirs(tmp.path()) {
        let db = cluster.database("fuzz");
        let mut c = cluster.connect(&db);
        for (suffix, files) in [
            (".up.sql", migration_files(&tier, ".up.sql")),
            (".down.sql", {
                let mut d = migration_files(&tier, ".down.sql");
                d.reverse();
                d
            }),
        ] {
            for f in files {
                let sql = std::fs::read_to_string(&f).expect("read");
                if let Err(e) = run_file(&mut c, &sql) {
                    let detail = e
                        .as_db_error()
                        .map(|d| format!("{} ({})", d.message(), d.code().code()))
                        .unwrap_or_else(|| e.to_string());
                    panic!(
                        "{what}: checked clean, but PostgreSQL rejected {} ({suffix}): {detail}\nmutated {}:\n{}",
                        f.display(),
                        mutated.0.display(),
                        mutated.1
                    );
                }
            }
        }
    }
}

/// Run mutants for `budget`; at most `max_applied` clean ones go to the server.
pub fn fuzz(seed: u64, budget: Duration, max_applied: usize) -> (usize, usize) {
    let cluster = Cluster::get();
    let examples = common::examples();
    let sources: Vec<(PathBuf, Vec<(PathBuf, String)>)> = examples
        .iter()
        .map(|e| (e.clone(), yaml_files(e)))
        .collect();
    let mut rng = Rng(seed);
    let started = Instant::now();
    let (mut runs, mut applied) = (0, 0);
    while started.elapsed() < budget {
        let (example, files) = rng.pick(&sources);
        let mut files = files.clone();
        let i = rng.below(files.len());
        let times = 1 + rng.below(2);
        for _ in 0..times {
            files[i].1 = mutate(&files[i].1, &mut rng);
        }
        runs += 1;
        let what = format!("mutant {runs} (seed {seed})");
        let mutated = files[i].clone();
        if check_mutant(example, files, &what) && applied < max_applied {
            applied += 1;
            apply_mutant(example, &mutated, &what, cluster);
        }
    }
    (runs, applied)
}

#[test]
fn mutated_examples_never_crash_and_what_checks_clean_applies() {
    let budget = std::env::var("SCHEMAC_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let seed = std::env::var("SCHEMAC_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_cafe);
    let max_applied = std::env::var("SCHEMAC_FUZZ_APPLIED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    let (runs, applied) = fuzz(seed, Duration::from_secs(budget), max_applied);
    eprintln!("fuzz: {runs} mutants, {applied} applied");
    assert!(runs >= 10, "only {runs} mutants ran");
}

#[test]
fn the_reported_crashes_stay_fixed() {
    let base = yaml_files(&common::examples()[2]);
    let users = base
        .iter()
        .position(|(p, _)| p.ends_with("users.yaml"))
        .expect("users.yaml");
    let cases = [
        (
            "      name: text\n",
            "      \u{feff}body: text\n      name: text\n",
        ),
        (
            "      name: text\n",
            "      body:\n        \u{e9}type: text\n      name: text\n",
        ),
    ];
    for (from, to) in cases {
        let mut files = base.clone();
        files[users].1 = files[users].1.replacen(from, to, 1);
        assert!(files[users].1.contains(to));
        assert!(
            !check_mutant(Path::new("p"), files, to),
            "{to:?} must be an error"
        );
    }
    let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..8 {
        laughs.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    let mut files = base.clone();
    files.push((PathBuf::from("app/laughs.yaml"), laughs));
    assert!(!check_mutant(Path::new("p"), files, "billion laughs"));
}

/// Mutants the fuzz once found PostgreSQL rejecting: each checks clean and
/// its migrations run up and down.
#[test]
fn what_the_fuzz_found_applies() {
    let cluster = Cluster::get();
    let example = common::examples()
        .into_iter()
        .find(|e| e.ends_with("penguinmails"))
        .expect("penguinmails");
    let files = yaml_files(&example);
    let campaigns = files
        .iter()
        .position(|(p, _)| p.ends_with("campaigns.yaml"))
        .expect("campaigns.yaml");
    // A table with a touch trigger and a replica identity: the down
    // migration dropped the trigger function before the table.
    let anchor = "    comment: An outreach campaign run by one company of a tenant.\n";
    let mut mutated = files[campaigns].clone();
    assert!(mutated.1.contains(anchor));
    mutated.1 = mutated.1.replacen(
        anchor,
        &format!("{anchor}    replica_identity: nothing\n"),
        1,
    );
    let mut all = files.clone();
    all[campaigns] = mutated.clone();
    assert!(
        check_mutant(&example, all, "replica identity"),
        "must check clean"
    );
    apply_mutant(&example, &mutated, "replica identity", cluster);
}
