//! The evolution suite: named scenarios, each a sequence of schema versions.
//! After the first version, the application role (not the owner, not a
//! superuser) writes rows for two tenants. For every later step the emitted
//! migrations are linted by squawk, applied by the owner with `schemac apply`
//! (the owner is not a superuser either, so forced RLS binds it as it binds a
//! deploy role), and the result is compared — through catalog queries, never
//! through schemac's own introspection, partition children's index and
//! constraint names included — with a fresh database built from that
//! version's full DDL. Rows must survive as the application sees them, tenant
//! by tenant (unless a data-loss hazard was explicitly allowed); `plan` and
//! `plan --db` find nothing left to do. Finally `schemac rollback` runs the
//! down migrations back to exactly the first version, rows included.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Once;

use common::{Cluster, apply_files, catalog, migration_files, schemac};
use postgres::{Client, NoTls};

const PROJECT: &str = "project: evolve\ntenancy:\n  root: app.tenants\n  setting: app.current_tenant_id\ntiers:\n  app: { database: evolve }\n";
const TENANTS: &str = "tables:\n  tenants:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n";
/// The two tenants every scenario holds rows for.
const TENANT_IDS: [&str; 2] = [
    "00000000-0000-0000-0000-000000000001",
    "00000000-0000-0000-0000-000000000002",
];
/// Owns the database and applies every migration: not a superuser, so forced
/// RLS applies to it as it does to a deploy role.
const OWNER: &str = "evolve_owner";
/// The application: neither owner nor superuser; inserts and reads the rows.
const APP: &str = "evolve_app";

struct Scenario {
    name: &'static str,
    /// Tier file `app/t.yaml` of each version, oldest first.
    versions: &'static [&'static str],
    /// Hazard codes allowed when emitting.
    allow: &'static [&'static str],
    /// SQL run after the first version as the application role, once per
    /// tenant with the tenant set: `{t}` is the tenant's id, `{n}` its number
    /// (1 or 2).
    seed: &'static str,
    /// (query before, query after) the last step, each returning one value
    /// (counts, aggregated values), run as the application role for each
    /// tenant: the results must be equal.
    survive: &'static [(&'static str, &'static str)],
    /// Catalog lines of the first version (by prefix) that a rollback may
    /// not restore exactly, because the hazard of the step says so (a NOT
    /// NULL column dropped comes back nullable).
    rollback_differs: &'static [&'static str],
    /// Text the up migrations of the last step must contain, and text they
    /// must not (a rename that must not become a drop and a create).
    up_has: &'static [&'static str],
    up_lacks: &'static [&'static str],
    /// SQL run as the application role for each tenant (as `seed`) after
    /// the step of that index (1 is the second version): a backfill.
    after: &'static [(usize, &'static str)],
}

impl Scenario {
    const DEFAULT: Scenario = Scenario {
        name: "",
        versions: &[],
        allow: &[],
        seed: "SELECT 1;",
        survive: &[],
        rollback_differs: &[],
        up_has: &[],
        up_lacks: &[],
        after: &[],
    };
}

fn write_version(dir: &Path, tier_file: &str) {
    common::write_project(
        dir,
        PROJECT,
        &[("app/tenants.yaml", TENANTS), ("app/t.yaml", tier_file)],
    );
}

fn emit(dir: &Path, allow: &[&str]) {
    let args: Vec<&str> = allow.iter().flat_map(|a| ["--allow-hazard", a]).collect();
    common::emit(dir, &args);
}

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    migration_files(&dir.join("migrations/app"), suffix)
}

fn roles(cluster: &Cluster) {
    static ROLES: Once = Once::new();
    ROLES.call_once(|| {
        let mut c = cluster.connect("postgres");
        for r in [OWNER, APP] {
            c.batch_execute(&format!("CREATE ROLE {r} LOGIN NOSUPERUSER NOBYPASSRLS"))
                .expect("role");
        }
    });
}

/// A fresh database owned by [`OWNER`], whose tables the application may use.
fn owned_database(cluster: &Cluster, label: &str) -> String {
    roles(cluster);
    let db = cluster.database(label);
    let mut admin = cluster.connect("postgres");
    admin
        .batch_execute(&format!("ALTER DATABASE \"{db}\" OWNER TO {OWNER}"))
        .expect("database owner");
    let mut c = cluster.connect(&db);
    c.batch_execute(&format!(
        "ALTER SCHEMA public OWNER TO {OWNER}; GRANT USAGE ON SCHEMA public TO {APP};"
    ))
    .expect("schema owner");
    db
}

fn connect_as(cluster: &Cluster, db: &str, role: &str) -> Client {
    Client::connect(
        &format!(
            "host=127.0.0.1 port={} user={role} dbname={db}",
            cluster.port
        ),
        NoTls,
    )
    .unwrap_or_else(|e| panic!("connect to {db} as {role}: {e}"))
}

/// Let the application use the tables that exist now (new ones get no
/// grants by themselves; those of existing tables must survive every step).
fn grant(owner: &mut Client) {
    owner
        .batch_execute(&format!(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP};
             GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {APP}"
        ))
        .expect("grant");
}

/// A database built from one version's full DDL.
fn fresh(version: &str, label: &str) -> Vec<String> {
    let cluster = Cluster::get();
    let tmp = tempfile::tempdir().expect("tempdir");
    write_version(tmp.path(), version);
    emit(tmp.path(), &[]);
    let db = owned_database(cluster, label);
    let mut c = connect_as(cluster, &db, OWNER);
    apply_files(
        &mut c,
        &files(tmp.path(), ".up.sql"),
        &format!("{label} (fresh)"),
    );
    schema_facts(&mut c)
}

/// The catalog facts compared between databases: the shared catalog query
/// and the names PostgreSQL gave partitions' indexes and constraints.
fn schema_facts(c: &mut Client) -> Vec<String> {
    let mut facts = catalog(c);
    facts.extend(common::child_names(c));
    facts.sort();
    facts
}

/// One value, as text.
fn value(c: &mut Client, sql: &str) -> String {
    c.query_one(&format!("SELECT ({sql})::text"), &[])
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .get::<_, Option<String>>(0)
        .unwrap_or_default()
}

/// Each query's value for each tenant, as the application sees it.
fn as_tenants(app: &mut Client, queries: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for t in TENANT_IDS {
        app.batch_execute(&format!("SET app.current_tenant_id = '{t}'"))
            .expect("set tenant");
        for (i, q) in queries.iter().enumerate() {
            out.push(format!("tenant {t}, query {}: {}", i + 1, value(app, q)));
        }
    }
    app.batch_execute("RESET app.current_tenant_id")
        .expect("reset tenant");
    out
}

/// Run `sql` as the application for each tenant in turn (`{t}` is its id,
/// `{n}` its number).
fn for_tenants(app: &mut Client, sql: &str, what: &str) {
    for (n, t) in TENANT_IDS.iter().enumerate() {
        app.batch_execute(&format!("SET app.current_tenant_id = '{t}'"))
            .expect("set tenant");
        let text = sql.replace("{t}", t).replace("{n}", &(n + 1).to_string());
        app.batch_execute(&text).unwrap_or_else(|e| {
            let detail = e
                .as_db_error()
                .map(|d| d.message().to_string())
                .unwrap_or_else(|| e.to_string());
            panic!("{what}: SQL for tenant {t}: {detail}\n{text}")
        });
    }
    app.batch_execute("RESET app.current_tenant_id")
        .expect("reset tenant");
}

/// Rows per table (all tenants), read as superuser.
fn row_counts(c: &mut Client) -> Vec<(String, i64)> {
    let tables: Vec<String> = c
        .query(
            "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace \
             AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> 'schemac_history' ORDER BY 1",
            &[],
        )
        .expect("tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let n: i64 = c
                .query_one(&format!("SELECT count(*) FROM public.\"{t}\""), &[])
                .expect("count")
                .get(0);
            (t, n)
        })
        .collect()
}

fn diff(a: &[String], b: &[String]) -> String {
    let only_a: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
    let only_b: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
    format!(
        "only in migrated database:\n  {}\nonly in fresh database:\n  {}",
        only_a
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
        only_b
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    )
}

/// The squawk binary the test command installs (`npm install squawk-cli`).
fn squawk() -> PathBuf {
    if let Ok(p) = std::env::var("SQUAWK") {
        return PathBuf::from(p);
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/squawk");
    if local.exists() {
        return local;
    }
    if let Ok(out) = Command::new("sh")
        .args(["-c", "command -v squawk"])
        .output()
        && out.status.success()
    {
        return PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    }
    panic!(
        "squawk not found: run scripts/test.sh (it installs squawk-cli with npm), or set SQUAWK=/path/to/squawk"
    );
}

/// A squawk finding schemac accounts for: either the statement carries a
/// hazard schemac reported (the reviewer sees it in `plan`), or it is one of
/// the cases the book lists under "squawk findings schemac accepts":
/// `ON ONLY` builds no index (PostgreSQL refuses CONCURRENTLY on a
/// partitioned table; the partitions are built concurrently), and a
/// binary-compatible type change rewrites nothing.
/// squawk rules a migration may still trigger when the statement is one of
/// the safe forms explained in `book/src/squawk.md` (tested to list them all).
const ACCEPTED: &[&str] = &[
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "ban-char-field",
    "prefer-timestamptz",
    "ban-drop-not-null",
    "require-concurrent-index-creation",
    "require-concurrent-index-deletion",
    "changing-column-type",
    "prefer-text-field",
    "constraint-missing-not-valid",
    "require-concurrent-partition-detach",
    "adding-field-with-default",
    "ban-drop-table",
    "disallowed-unique-constraint",
    "ban-create-domain-with-constraint",
    "ban-alter-domain-with-add-constraint",
];

#[test]
fn every_accepted_squawk_finding_is_explained_in_the_book() {
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src/squawk.md"))
            .expect("squawk.md");
    let safe = page
        .split("## Findings that are safe as emitted")
        .nth(1)
        .expect("section")
        .split("\n## ")
        .next()
        .unwrap_or_default();
    for rule in ACCEPTED {
        assert!(
            safe.contains(&format!("`{rule}`")),
            "squawk rule {rule} is accepted by the tests but not explained in book/src/squawk.md"
        );
    }
    for code in [
        "H101", "H102", "H103", "H104", "H105", "H106", "H107", "H108", "H109", "H110", "H111",
    ] {
        for rule in schemac::plan::hazards::squawk_rules(code) {
            assert!(
                page.contains(&format!("`{rule}`")),
                "{code} maps to squawk's {rule}, which squawk.md does not list"
            );
        }
    }
}

fn accounted(rule: &str, lines: &[&str], line: usize) -> bool {
    if !ACCEPTED.contains(&rule) && !lines.iter().any(|l| l.starts_with("-- hazard ")) {
        return false;
    }
    let hazards: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("-- hazard "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    if hazards
        .iter()
        .any(|h| schemac::plan::hazards::squawk_rules(h).contains(&rule))
    {
        return true;
    }
    let statement = lines.get(line).copied().unwrap_or_default();
    let before = lines[..line.min(lines.len())]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .copied()
        .unwrap_or_default();
    match rule {
        // Types are the schema author's choice, stated in the YAML.
        "prefer-bigint-over-int"
        | "prefer-bigint-over-smallint"
        | "prefer-identity"
        | "ban-char-field"
        | "prefer-timestamptz" => true,
        // Relaxing NOT NULL takes a brief lock and loses nothing; `plan` shows it.
        "ban-drop-not-null" => true,
        // A new domain reads no rows; a check on an existing one is added
        // NOT VALID and validated by a statement of its own.
        "ban-create-domain-with-constraint" => statement.starts_with("CREATE DOMAIN "),
        "ban-alter-domain-with-add-constraint" => {
            statement.starts_with("ALTER DOMAIN ") && statement.ends_with(" NOT VALID;")
        }
        "require-concurrent-index-creation" => {
            statement.contains(" ON ONLY ") || enum_rebuild(lines)
        }
        // A key on a partitioned table whose partitions adopted their own
        // concurrently built index as that key just before: PostgreSQL
        // attaches those instead of building anything.
        "disallowed-unique-constraint" | "constraint-missing-not-valid"
            if statement.contains(" UNIQUE (") || statement.contains(" PRIMARY KEY (") =>
        {
            lines.iter().any(|l| l.contains(" USING INDEX "))
        }
        // Re-created after an enum rebuild, on the table it rewrote.
        "constraint-missing-not-valid" => enum_rebuild(lines),
        // Dropped with the column it reads, under the lock DROP COLUMN takes anyway.
        "require-concurrent-index-deletion" => lines.iter().any(|l| {
            l.contains(" DROP COLUMN ") || (l.contains(" ALTER COLUMN ") && l.contains(" TYPE "))
        }),
        "changing-column-type" | "prefer-text-field" => before.starts_with("-- no rewrite:"),
        // A partition whose rows were just moved into the default partition.
        "ban-drop-table" => statement
            .strip_prefix("DROP TABLE ")
            .map(|t| t.trim_end_matches(';'))
            .is_some_and(|t| {
                lines
                    .iter()
                    .any(|l| l.trim_end().ends_with(&format!(" FROM {t};")))
                    && lines
                        .iter()
                        .any(|l| l.contains(" ATTACH PARTITION ") && l.ends_with(" DEFAULT;"))
            }),
        // A stable default (the transaction's date or time) is evaluated
        // once and stored in the catalog, like a constant.
        "adding-field-with-default" => {
            let lower = statement.to_ascii_lowercase();
            lower.contains(" add column ")
                && STABLE_DEFAULTS
                    .iter()
                    .any(|d| lower.contains(&format!(" default {d}")))
        }
        // A default partition is detached to take or give rows and attached
        // again in the same transaction; PostgreSQL refuses CONCURRENTLY there.
        "require-concurrent-partition-detach" => statement
            .split(" DETACH PARTITION ")
            .nth(1)
            .map(|p| p.trim_end_matches(';'))
            .is_some_and(|p| {
                lines
                    .iter()
                    .any(|l| l.contains(&format!("ATTACH PARTITION {p} DEFAULT;")))
            }),
        _ => false,
    }
}

/// Defaults PostgreSQL evaluates once per statement (stable), which ADD
/// COLUMN stores without rewriting the table; squawk knows `now()` only.
const STABLE_DEFAULTS: &[&str] = &[
    "current_date",
    "current_timestamp",
    "current_time",
    "localtimestamp",
    "localtime",
    "statement_timestamp()",
    "transaction_timestamp()",
];

/// An enum rebuild in this file: its tables are rewritten under ACCESS
/// EXCLUSIVE, and the checks and indexes it re-creates are built under it.
fn enum_rebuild(lines: &[&str]) -> bool {
    lines.iter().any(|l| l.starts_with("CREATE TYPE "))
        && lines
            .iter()
            .any(|l| l.contains(" ALTER COLUMN ") && l.contains(" TYPE ") && l.contains("::text"))
}

fn lint(paths: &[PathBuf], what: &str) {
    let bin = squawk();
    for p in paths {
        let sql = std::fs::read_to_string(p).expect("read");
        let lines: Vec<&str> = sql.lines().collect();
        let mut cmd = Command::new(&bin);
        cmd.args(["--reporter", "json", "--pg-version", "15"]);
        if !sql.contains("-- schemac:transaction off") {
            cmd.arg("--assume-in-transaction");
        }
        let out = cmd.arg(p).output().expect("run squawk");
        let text = String::from_utf8_lossy(&out.stdout);
        let violations: Vec<serde_json::Value> =
            serde_json::from_str(text.trim()).unwrap_or_else(|e| {
                panic!(
                    "squawk printed no JSON ({e}): {text}{}",
                    String::from_utf8_lossy(&out.stderr)
                )
            });
        let left: Vec<String> = violations
            .iter()
            .filter(|v| {
                !accounted(
                    v["rule_name"].as_str().unwrap_or_default(),
                    &lines,
                    v["line"].as_u64().unwrap_or(0) as usize,
                )
            })
            .map(|v| {
                format!(
                    "{} line {}: {}",
                    v["rule_name"].as_str().unwrap_or_default(),
                    v["line"],
                    v["message"].as_str().unwrap_or_default()
                )
            })
            .collect();
        assert!(
            left.is_empty(),
            "{what}: squawk on {}:\n{}\n{sql}",
            p.display(),
            left.join("\n")
        );
    }
}

/// `schemac apply` of the pending migrations; on failure, the SQL of each
/// file it had to run.
fn deploy(dir: &Path, url: &str, label: &str) {
    let (code, out) = common::outcome("apply", dir, &["--db", url]);
    if code != Some(0) {
        let sql: Vec<String> = files(dir, ".up.sql")
            .iter()
            .map(|f| {
                format!(
                    "-- {}\n{}",
                    f.display(),
                    std::fs::read_to_string(f).unwrap_or_default()
                )
            })
            .collect();
        panic!("{label}: apply failed:\n{out}\n{}", sql.join("\n"));
    }
}

/// `schemac rollback` of every migration after the first version's, newest
/// first.
fn roll_back(dir: &Path, url: &str, v1_files: usize, name: &str) {
    let keep = v1_files.to_string();
    let mut args = vec!["--db", url, "--to", keep.as_str()];
    for code in ["H101", "H102", "H105", "H106", "H108", "H114"] {
        args.extend(["--allow-hazard", code]);
    }
    let (code, out) = common::outcome("rollback", dir, &args);
    assert_eq!(code, Some(0), "{name} rollback:\n{out}");
}

/// The whole proof for one scenario, on one database that holds rows of two
/// tenants written by the application role: each step's migrations are
/// linted, applied by the (non-superuser) owner, leave the rows in place as
/// the application sees them, match a fresh build of that version, plan to
/// nothing (offline and against the database); then the downs restore the
/// first version's catalog and rows.
fn run(s: &Scenario) {
    let cluster = Cluster::get();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    write_version(dir, s.versions[0]);
    emit(dir, &[]);
    let db = owned_database(cluster, s.name);
    let mut owner = connect_as(cluster, &db, OWNER);
    let url = format!("postgres://{OWNER}@127.0.0.1:{}/{db}", cluster.port);
    deploy(dir, &url, s.name);
    grant(&mut owner);
    let first = schema_facts(&mut owner);
    let mut admin = cluster.connect(&db);
    admin
        .batch_execute(&format!(
            "INSERT INTO tenants (id, name) VALUES ('{}', 'one'), ('{}', 'two');",
            TENANT_IDS[0], TENANT_IDS[1]
        ))
        .expect("tenant rows");
    let mut app = connect_as(cluster, &db, APP);
    for_tenants(&mut app, s.seed, s.name);
    let seeded = row_counts(&mut admin);
    let v1_files = files(dir, ".up.sql").len();
    let befores: Vec<&str> = s.survive.iter().map(|(b, _)| *b).collect();
    let afters: Vec<&str> = s.survive.iter().map(|(_, a)| *a).collect();
    let mut before = Vec::new();
    for (i, version) in s.versions.iter().enumerate().skip(1) {
        let label = format!("{} v{}", s.name, i + 1);
        let applied = files(dir, ".up.sql");
        let last = i == s.versions.len() - 1;
        if last {
            before = as_tenants(&mut app, &befores);
        }
        let counts = row_counts(&mut admin);
        write_version(dir, version);
        emit(dir, s.allow);
        let new: Vec<PathBuf> = files(dir, ".up.sql")
            .into_iter()
            .filter(|p| !applied.contains(p))
            .collect();
        assert!(!new.is_empty(), "{label}: nothing emitted");
        if last {
            let sql: String = new
                .iter()
                .map(|p| std::fs::read_to_string(p).expect("read"))
                .collect();
            for text in s.up_has {
                assert!(
                    sql.contains(text),
                    "{label}: the migration lacks `{text}`:\n{sql}"
                );
            }
            for text in s.up_lacks {
                assert!(
                    !sql.contains(text),
                    "{label}: the migration has `{text}`:\n{sql}"
                );
            }
        }
        lint(&new, &label);
        deploy(dir, &url, &label);
        let got = schema_facts(&mut owner);
        let want = fresh(version, &label);
        assert!(
            got == want,
            "{label}: the migrated database differs from a fresh one\n{}",
            diff(&got, &want)
        );
        let losing = s.allow.iter().any(|h| ["H101", "H106"].contains(h));
        for (table, n) in row_counts(&mut admin) {
            if let Some((_, m)) = counts.iter().find(|(t, _)| *t == table) {
                assert!(
                    losing || *m == n,
                    "{label}: `{table}` held {m} rows before the step and {n} after"
                );
            }
        }
        let replan = schemac().arg("plan").arg(dir).output().expect("plan");
        assert_eq!(
            replan.status.code(),
            Some(0),
            "{label}: plan after emit is not empty:\n{}",
            String::from_utf8_lossy(&replan.stdout)
        );
        let drift = schemac()
            .arg("plan")
            .arg(dir)
            .args(["--db", &cluster.url(&db)])
            .output()
            .expect("plan --db");
        assert_eq!(
            drift.status.code(),
            Some(0),
            "{label}: plan --db finds drift on the migrated database:\n{}{}",
            String::from_utf8_lossy(&drift.stdout),
            String::from_utf8_lossy(&drift.stderr)
        );
        grant(&mut owner);
        for (_, sql) in s.after.iter().filter(|(step, _)| *step == i) {
            for_tenants(&mut app, sql, &label);
        }
    }
    let after = as_tenants(&mut app, &afters);
    assert_eq!(
        before, after,
        "{}: rows did not survive the migration as the application sees them",
        s.name
    );
    let before_rollback = row_counts(&mut admin);
    roll_back(dir, &url, v1_files, s.name);
    let differs = |line: &String| s.rollback_differs.iter().any(|p| line.starts_with(p));
    let back: Vec<String> = schema_facts(&mut owner)
        .into_iter()
        .filter(|l| !differs(l))
        .collect();
    let first: Vec<String> = first.into_iter().filter(|l| !differs(l)).collect();
    assert!(
        back == first,
        "{}: rollback did not restore the first version\n{}",
        s.name,
        diff(&back, &first)
    );
    let losing = s.allow.iter().any(|h| ["H101", "H106"].contains(h));
    if !losing {
        let back = row_counts(&mut admin);
        for (table, n) in &back {
            if let Some((_, m)) = before_rollback.iter().find(|(t, _)| t == table) {
                assert_eq!(
                    m, n,
                    "{}: rollback did not keep the rows of `{table}`",
                    s.name
                );
            }
        }
        if s.after.is_empty() {
            assert_eq!(back, seeded, "{}: rollback did not keep the rows", s.name);
        }
    }
}

const LEADS: &str = "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n";

macro_rules! scenario {
    ($test:ident, $s:expr) => {
        #[test]
        fn $test() {
            run(&$s);
        }
    };
}

#[path = "evolve/columns.rs"]
mod columns;
#[path = "evolve/domains.rs"]
mod domains;
#[path = "evolve/functions.rs"]
mod functions;
#[path = "evolve/partitions.rs"]
mod partitions;
#[path = "evolve/renames.rs"]
mod renames;
#[path = "evolve/repartition.rs"]
mod repartition;
#[path = "evolve/triggers.rs"]
mod triggers;
#[path = "evolve/types.rs"]
mod types;

const SEED_LEADS: &str = "INSERT INTO leads (tenant_id, email, score) SELECT '{t}', 'a' || g || '@x.io', g FROM generate_series(1, 50) g;";
const LEADS_COUNT: (&str, &str) = ("SELECT count(*) FROM leads", "SELECT count(*) FROM leads");

scenario!(
    add_table_with_composite_fk,
    Scenario {
        name: "add_table",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n  calls:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      lead_id: uuid\n      at: timestamptz\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, lead_id], references: { table: leads, column: [tenant_id, id], on_delete: cascade } }\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    drop_table_when_allowed,
    Scenario {
        name: "drop_table",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n  notes:\n    columns:\n      id: uuid\n      body: text\n    primary_key: [tenant_id, id]\n",
            LEADS
        ],
        allow: &["H101"],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    rename_table_keeps_rows_and_renames_its_objects,
    Scenario {
        name: "rename_table",
        versions: &[
            "tables:\n  contacts:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n    unique:\n      - [tenant_id, email]\n    indexes:\n      - [tenant_id, email desc]\n",
            "tables:\n  people:\n    was: contacts\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n    unique:\n      - [tenant_id, email]\n    indexes:\n      - [tenant_id, email desc]\n",
        ],
        allow: &[],
        seed: "INSERT INTO contacts (tenant_id, email) SELECT '{t}', 'c' || g FROM generate_series(1, 20) g;",
        survive: &[(
            "SELECT count(*) FROM contacts",
            "SELECT count(*) FROM people"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    add_nullable_column,
    Scenario {
        name: "add_nullable_column",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      phone: text?\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    add_not_null_column_with_constant_default,
    Scenario {
        name: "add_column_default",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      visits: { type: integer, default: 0 }\n      tags: { type: \"text[]\", default: \"'{}'\" }\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[
            LEADS_COUNT,
            (
                "SELECT 0::bigint",
                "SELECT count(*) FROM leads WHERE visits <> 0"
            )
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    add_column_with_volatile_default,
    Scenario {
        name: "add_column_volatile",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      imported: { type: timestamptz, default: now() }\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    drop_column_when_allowed,
    Scenario {
        name: "drop_column",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &["H102"],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    drop_indexed_column_with_its_indexes_and_checks,
    Scenario {
        name: "drop_indexed_column",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: { type: integer, nullable: true, check: score >= 0 }\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, score]\n      - { columns: [tenant_id, email], where: score is not null }\n      - { columns: [tenant_id], include: [score] }\n      - [lower(email)]\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n    indexes:\n      - [lower(email)]\n",
        ],
        allow: &["H102"],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    rename_column_keeps_values,
    Scenario {
        name: "rename_column",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email_address: { type: text, was: email }\n      score: integer?\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[(
            "SELECT count(*) FROM leads WHERE email LIKE 'a%'",
            "SELECT count(*) FROM leads WHERE email_address LIKE 'a%'"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    integer_to_bigint,
    Scenario {
        name: "int_to_bigint",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: bigint?\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[(
            "SELECT sum(score)::bigint FROM leads",
            "SELECT sum(score)::bigint FROM leads"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    widen_varchar_without_rewrite,
    Scenario {
        name: "widen_varchar",
        versions: &[
            "tables:\n  tags:\n    columns:\n      id: uuid\n      label: varchar(20)\n    primary_key: [tenant_id, id]\n",
            "tables:\n  tags:\n    columns:\n      id: uuid\n      label: varchar(200)\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &[],
        seed: "INSERT INTO tags VALUES (gen_random_uuid(), '{t}', 'x');",
        survive: &[("SELECT count(*) FROM tags", "SELECT count(*) FROM tags")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    change_and_drop_defaults,
    Scenario {
        name: "defaults",
        versions: &[
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: text, default: \"'new'\" }\n      tries: { type: integer, default: 0 }\n    primary_key: [tenant_id, id]\n",
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: text, default: \"'queued'\" }\n      tries: integer\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &[],
        seed: "INSERT INTO jobs (id, tenant_id) VALUES (gen_random_uuid(), '{t}');",
        survive: &[(
            "SELECT count(*) FROM jobs WHERE state = 'new'",
            "SELECT count(*) FROM jobs WHERE state = 'new'"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    set_not_null_through_a_validated_check,
    Scenario {
        name: "set_not_null",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    drop_not_null,
    Scenario {
        name: "drop_not_null",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text?\n      score: integer?\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    add_check_not_valid_then_validate,
    Scenario {
        name: "add_check",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: { type: integer?, check: score >= 0 }\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    add_foreign_key_not_valid_then_validate,
    Scenario {
        name: "add_fk",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n  calls:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      lead_id: uuid\n    primary_key: [tenant_id, id]\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n  calls:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      lead_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, lead_id], references: { table: leads, column: [tenant_id, id] } }\n",
        ],
        allow: &[],
        seed: "INSERT INTO leads (id, tenant_id, email) VALUES ('00000000-0000-0000-0000-0000000000aa', '{t}', 'a'); INSERT INTO calls (tenant_id, lead_id) VALUES ('{t}', '00000000-0000-0000-0000-0000000000aa');",
        survive: &[("SELECT count(*) FROM calls", "SELECT count(*) FROM calls")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    add_unique_constraint,
    Scenario {
        name: "add_unique",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n    unique:\n      - [tenant_id, email]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    unique_becomes_deferrable,
    Scenario {
        name: "unique_deferrable",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n    unique:\n      - [tenant_id, email]\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n    unique:\n      - { columns: [tenant_id, email], deferrable: initially_deferred }\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    add_index_concurrently,
    Scenario {
        name: "add_index",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, score desc nulls last]\n      - { columns: [lower(email)], where: score > 10 }\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    drop_index_concurrently,
    Scenario {
        name: "drop_index",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, score]\n",
            LEADS
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    change_index_predicate,
    Scenario {
        name: "change_index",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n    indexes:\n      - { name: leads_hot_idx, columns: [tenant_id, score], where: score > 10 }\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n    indexes:\n      - { name: leads_hot_idx, columns: [tenant_id, score], where: score > 40 }\n",
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

const EVENTS_V1: &str = "tables:\n  events:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n";
const SEED_EVENTS: &str = "INSERT INTO events (tenant_id, kind, created) SELECT '{t}', 'k' || g, timestamptz '2025-01-01' + g * interval '1 day' FROM generate_series(1, 40) g;";

scenario!(
    index_on_partitioned_table_is_built_per_partition,
    Scenario {
        name: "partitioned_index",
        versions: &[
            EVENTS_V1,
            "tables:\n  events:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n    indexes:\n      - [tenant_id, kind]\n"
        ],
        allow: &[],
        seed: SEED_EVENTS,
        survive: &[("SELECT count(*) FROM events", "SELECT count(*) FROM events")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    partition_window_moves_forward,
    Scenario {
        name: "partition_window",
        versions: &[
            EVENTS_V1,
            "tables:\n  events:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 4, default: true }\n"
        ],
        allow: &[],
        seed: "INSERT INTO events (tenant_id, kind, created) SELECT '{t}', 'k' || g, timestamptz '2025-01-01' + g * interval '1 day' FROM generate_series(1, 40) g;",
        survive: &[("SELECT count(*) FROM events", "SELECT count(*) FROM events")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    list_partition_group_added,
    Scenario {
        name: "list_partition",
        versions: &[
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n    primary_key: [tenant_id, id, queue]\n    partition: { by: list(queue), values: { email: [email-sending] }, default: true }\n",
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n    primary_key: [tenant_id, id, queue]\n    partition: { by: list(queue), values: { email: [email-sending], analytics: [analytics-refresh] }, default: true }\n",
        ],
        allow: &[],
        seed: "INSERT INTO jobs VALUES (gen_random_uuid(), '{t}', 'email-sending');",
        survive: &[("SELECT count(*) FROM jobs", "SELECT count(*) FROM jobs")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    enum_value_added_and_used,
    Scenario {
        name: "enum_add_value",
        versions: &[
            "enums:\n  job_state: [queued, done]\ntables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: job_state, default: \"'queued'\" }\n    primary_key: [tenant_id, id]\n",
            "enums:\n  job_state: [queued, running, done]\ntables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: job_state, default: \"'running'\" }\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &[],
        seed: "INSERT INTO jobs (id, tenant_id) VALUES (gen_random_uuid(), '{t}');",
        survive: &[("SELECT count(*) FROM jobs", "SELECT count(*) FROM jobs")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    custom_policy_changed,
    Scenario {
        name: "policy_change",
        versions: &[
            "tables:\n  notes:\n    columns:\n      id: uuid\n      owner: text\n    primary_key: [tenant_id, id]\n    policies:\n      own_notes: { as: restrictive, command: select, using: \"owner = current_user\" }\n",
            "tables:\n  notes:\n    columns:\n      id: uuid\n      owner: text\n    primary_key: [tenant_id, id]\n    policies:\n      own_notes: { as: restrictive, command: select, using: \"owner = current_user or owner = 'shared'\" }\n",
        ],
        allow: &[],
        seed: "INSERT INTO notes VALUES (gen_random_uuid(), '{t}', 'x');",
        survive: &[("SELECT count(*) FROM notes", "SELECT count(*) FROM notes")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    rls_and_policy_on_a_global_table,
    Scenario {
        name: "global_policy",
        versions: &[
            "tables:\n  announcements:\n    tenancy: global\n    columns:\n      id: uuid\n      published: boolean\n    primary_key: [id]\n",
            "tables:\n  announcements:\n    tenancy: global\n    columns:\n      id: uuid\n      published: boolean\n    primary_key: [id]\n    policies:\n      published_only: { command: select, using: published }\n",
        ],
        allow: &[],
        seed: "INSERT INTO announcements VALUES (gen_random_uuid(), true);",
        survive: &[(
            "SELECT count(*) FROM announcements",
            "SELECT count(*) FROM announcements"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    view_over_a_retyped_column_is_rebuilt,
    Scenario {
        name: "view_rebuilt",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\nviews:\n  hot_leads:\n    sql: select tenant_id, id, score from leads where score > 10\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: bigint?\n    primary_key: [tenant_id, id]\nviews:\n  hot_leads:\n    sql: select tenant_id, id, score from leads where score > 10\n",
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[(
            "SELECT count(*) FROM hot_leads",
            "SELECT count(*) FROM hot_leads"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    view_body_changed,
    Scenario {
        name: "view_body",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\nviews:\n  hot_leads:\n    sql: select tenant_id, id from leads where score > 10\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\nviews:\n  hot_leads:\n    sql: select tenant_id, id, email from leads where score > 20\n    comment: Leads worth a call.\n",
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    materialized_view_gets_a_unique_index,
    Scenario {
        name: "matview_index",
        versions: &[
            "tables:\n  sends:\n    tenancy: global\n    columns:\n      id: uuid\n      campaign: text\n    primary_key: [id]\nviews:\n  totals:\n    materialized: true\n    sql: select campaign, count(*) as n from sends group by campaign\n",
            "tables:\n  sends:\n    tenancy: global\n    columns:\n      id: uuid\n      campaign: text\n    primary_key: [id]\nviews:\n  totals:\n    materialized: true\n    refresh: concurrently\n    sql: select campaign, count(*) as n from sends group by campaign\n    indexes:\n      - { columns: [campaign], unique: true }\n",
        ],
        allow: &[],
        seed: "INSERT INTO sends VALUES (gen_random_uuid(), 'a'), (gen_random_uuid(), 'b');",
        survive: &[("SELECT count(*) FROM sends", "SELECT count(*) FROM sends")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    comments_change,
    Scenario {
        name: "comments",
        versions: &[
            "tables:\n  leads:\n    comment: People who might buy.\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: { type: text, comment: Work address. }\n      score: integer?\n    primary_key: [tenant_id, id]\n",
            "tables:\n  leads:\n    comment: People who might buy, with their score.\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: { type: integer?, comment: 0 to 100. }\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    identity_column_added,
    Scenario {
        name: "identity",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      number: { type: bigint, identity: by_default }\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    extension_type_added,
    Scenario {
        name: "extension",
        versions: &[
            LEADS,
            "extensions: [citext]\ntables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      handle: citext?\n    primary_key: [tenant_id, id]\n"
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    touch_trigger_added,
    Scenario {
        name: "touch_trigger",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      updated: { type: timestamptz, default: now() }\n    primary_key: [tenant_id, id]\n",
            "tables:\n  leads:\n    touch_updated: true\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      updated: { type: timestamptz, default: now() }\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &[],
        seed: "INSERT INTO leads (tenant_id, email) VALUES ('{t}', 'a');",
        survive: &[("SELECT count(*) FROM leads", "SELECT count(*) FROM leads")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    three_step_history,
    Scenario {
        name: "history",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      source: text?\n    primary_key: [tenant_id, id]\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      channel: { type: text?, was: source }\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, channel]\n",
        ],
        allow: &[],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    table_becomes_tenant_scoped_when_empty,
    Scenario {
        name: "becomes_scoped",
        versions: &[
            "tables:\n  settings:\n    tenancy: global\n    columns:\n      key: text\n      value: text\n    primary_key: [key]\n",
            "tables:\n  settings:\n    columns:\n      key: text\n      value: text\n    primary_key: [tenant_id, key]\n",
        ],
        allow: &[],
        seed: "SELECT 1;",
        survive: &[],
        ..Scenario::DEFAULT
    }
);

scenario!(
    enum_value_removed_by_rebuild,
    Scenario {
        name: "enum_rebuild",
        versions: &[
            "enums:\n  job_state: [queued, running, done]\ntables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: job_state, default: \"'queued'\" }\n      history: { type: \"job_state[]\", default: \"'{}'\" }\n    primary_key: [tenant_id, id]\nviews:\n  open_jobs:\n    sql: select tenant_id, id, state from jobs where state <> 'done'\n",
            "enums:\n  job_state: [done, queued]\ntables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: job_state, default: \"'queued'\" }\n      history: { type: \"job_state[]\", default: \"'{}'\" }\n    primary_key: [tenant_id, id]\nviews:\n  open_jobs:\n    sql: select tenant_id, id, state from jobs where state <> 'done'\n",
        ],
        allow: &["H105"],
        seed: "INSERT INTO jobs (id, tenant_id, history) VALUES (gen_random_uuid(), '{t}', '{queued,done}');",
        survive: &[(
            "SELECT count(*) FROM jobs WHERE state = 'queued'",
            "SELECT count(*) FROM jobs WHERE state = 'queued'"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    enum_rebuild_keeps_checks_indexes_and_policies,
    Scenario {
        name: "enum_rebuild_dependents",
        versions: &[
            "enums:\n  job_state: [queued, running, done]\ntables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: job_state, default: \"'queued'\" }\n      started: timestamptz?\n    primary_key: [tenant_id, id]\n    checks:\n      - \"state = 'queued' or started is not null\"\n    indexes:\n      - { columns: [tenant_id, id], where: \"state = 'queued'\" }\n      - { columns: [\"(state = 'done')\"] }\n    policies:\n      hide_done:\n        as: restrictive\n        using: \"state <> 'done' or current_setting('app.all', true) = 'on'\"\n",
            "enums:\n  job_state: [done, queued, running]\ntables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: job_state, default: \"'queued'\" }\n      started: timestamptz?\n    primary_key: [tenant_id, id]\n    checks:\n      - \"state = 'queued' or started is not null\"\n    indexes:\n      - { columns: [tenant_id, id], where: \"state = 'queued'\" }\n      - { columns: [\"(state = 'done')\"] }\n    policies:\n      hide_done:\n        as: restrictive\n        using: \"state <> 'done' or current_setting('app.all', true) = 'on'\"\n",
        ],
        allow: &["H105"],
        seed: "INSERT INTO jobs (id, tenant_id) VALUES (gen_random_uuid(), '{t}');",
        survive: &[(
            "SELECT count(*) FROM jobs WHERE state = 'queued'",
            "SELECT count(*) FROM jobs WHERE state = 'queued'"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    enum_value_added_then_rolled_back_with_dependents,
    Scenario {
        name: "enum_add_value_dependents",
        versions: &[
            "enums:\n  job_state: [queued, done]\ntables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: job_state, default: \"'queued'\" }\n      started: timestamptz?\n    primary_key: [tenant_id, id]\n    checks:\n      - \"state = 'queued' or started is not null\"\n    indexes:\n      - { columns: [tenant_id, id], where: \"state = 'queued'\" }\n      - { columns: [\"(state = 'done')\"] }\n    policies:\n      hide_done:\n        as: restrictive\n        using: \"state <> 'done' or current_setting('app.all', true) = 'on'\"\n",
            "enums:\n  job_state: [queued, running, done]\ntables:\n  jobs:\n    columns:\n      id: uuid\n      state: { type: job_state, default: \"'queued'\" }\n      started: timestamptz?\n    primary_key: [tenant_id, id]\n    checks:\n      - \"state = 'queued' or started is not null\"\n    indexes:\n      - { columns: [tenant_id, id], where: \"state = 'queued'\" }\n      - { columns: [\"(state = 'done')\"] }\n    policies:\n      hide_done:\n        as: restrictive\n        using: \"state <> 'done' or current_setting('app.all', true) = 'on'\"\n",
        ],
        allow: &[],
        seed: "INSERT INTO jobs (id, tenant_id) VALUES (gen_random_uuid(), '{t}');",
        survive: &[("SELECT count(*) FROM jobs", "SELECT count(*) FROM jobs")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    rename_partitioned_table_renames_its_partitions,
    Scenario {
        name: "rename_partitioned",
        versions: &[
            EVENTS_V1,
            "tables:\n  activity:\n    was: events\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n",
        ],
        allow: &[],
        seed: SEED_EVENTS,
        survive: &[(
            "SELECT count(*) FROM events",
            "SELECT count(*) FROM activity"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    view_over_other_columns_survives_a_retype,
    Scenario {
        name: "view_kept",
        versions: &[
            "tables:\n  items:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      code: varchar(100)\n      created: timestamptz\n    primary_key: [tenant_id, id]\nviews:\n  recent_items:\n    sql: select tenant_id, id, created from items\n",
            "tables:\n  items:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      code: varchar(200)\n      created: timestamptz\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, code]\nviews:\n  recent_items:\n    sql: select tenant_id, id, created from items\n",
        ],
        allow: &[],
        seed: "INSERT INTO items (tenant_id, code, created) VALUES ('{t}', 'a', now());",
        survive: &[(
            "SELECT count(*) FROM recent_items",
            "SELECT count(*) FROM recent_items"
        )],
        ..Scenario::DEFAULT
    }
);

#[test]
fn a_view_that_does_not_read_a_retyped_column_is_left_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_version(
        tmp.path(),
        "tables:\n  items:\n    columns:\n      id: uuid\n      code: varchar(100)\n      created: timestamptz\n    primary_key: [tenant_id, id]\nviews:\n  recent_items:\n    sql: select tenant_id, id, created from items\n  coded:\n    sql: select id, code from items\n",
    );
    emit(tmp.path(), &[]);
    write_version(
        tmp.path(),
        "tables:\n  items:\n    columns:\n      id: uuid\n      code: varchar(200)\n      created: timestamptz\n    primary_key: [tenant_id, id]\nviews:\n  recent_items:\n    sql: select tenant_id, id, created from items\n  coded:\n    sql: select id, code from items\n",
    );
    let out = schemac()
        .arg("plan")
        .arg(tmp.path())
        .output()
        .expect("plan");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("view recent_items"), "{text}");
    assert!(
        text.contains("view coded"),
        "the view reading `code` is rebuilt: {text}"
    );
}
