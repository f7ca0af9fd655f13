//! `--prove`: a plan runs first on a scratch copy of the database on the same
//! server, seeded with rows; the report says whether it converged, which rows
//! were kept, how long it took and which locks each statement took. A proof
//! that fails stops `apply` before the target is touched, and the scratch
//! database is gone afterwards either way.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{Cluster, tier_dirs};

fn penguinmails() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/penguinmails")
}

/// penguinmails emitted and applied, one database per tier; the `--db`
/// arguments and the oltp database.
fn deployed() -> (tempfile::TempDir, Vec<String>, String) {
    let cluster = Cluster::get();
    let tmp = common::emitted_copy(&penguinmails());
    let mut args = Vec::new();
    let mut oltp = String::new();
    for dir in tier_dirs(tmp.path()) {
        let tier = dir.file_name().unwrap().to_string_lossy().to_string();
        let db = cluster.database(&tier);
        if tier == "oltp" {
            oltp = db.clone();
        }
        args.push("--db".to_string());
        args.push(format!("{tier}={}", cluster.url(&db)));
    }
    run(tmp.path(), "apply", &args, &[], Some(0));
    (tmp, args, oltp)
}

fn run(dir: &Path, command: &str, db: &[String], extra: &[&str], code: Option<i32>) -> String {
    let args: Vec<&str> = db
        .iter()
        .map(String::as_str)
        .chain(extra.iter().copied())
        .collect();
    let (got, out) = common::outcome(command, dir, &args);
    if code.is_some() {
        assert_eq!(got, code, "schemac {command} {args:?}:\n{out}");
    }
    out
}

/// The tests of this file one at a time: each checks that no scratch
/// database is left, which another test's proof in progress would break.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn scratch_databases() -> Vec<String> {
    Cluster::get()
        .connect("postgres")
        .query(
            "SELECT datname::text FROM pg_database WHERE datname LIKE 'schemac\\_prove\\_%'",
            &[],
        )
        .expect("databases")
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn catalog(db: &str) -> Vec<String> {
    common::catalog(&mut Cluster::get().connect(db))
}

fn history(db: &str) -> i64 {
    Cluster::get()
        .connect(db)
        .query_one("SELECT count(*) FROM schemac_history", &[])
        .expect("history")
        .get(0)
}

#[test]
fn a_live_plan_is_proven_on_a_seeded_copy_with_its_locks() {
    let _serial = serial();
    let (tmp, db, oltp) = deployed();
    let dir = tmp.path();
    Cluster::get()
        .connect(&oltp)
        .batch_execute(
            "DROP INDEX leads_tenant_id_status_created_idx;
             ALTER TABLE leads ALTER COLUMN status SET DEFAULT 'contacted';
             CREATE POLICY sneaky ON companies USING (true);",
        )
        .expect("drift");
    let before = catalog(&oltp);
    let out = run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--prove", "--color", "never"],
        Some(2),
    );
    assert!(out.contains("proof of tier oltp on a copy"), "{out}");
    assert!(out.contains("converged: yes"), "{out}");
    assert!(out.contains("proof passed"), "{out}");
    assert!(
        out.contains("DROP POLICY \"sneaky\"")
            && out.contains("locks ACCESS EXCLUSIVE on companies"),
        "{out}"
    );
    assert!(out.contains("locks ACCESS EXCLUSIVE on leads"), "{out}");
    assert!(
        out.contains("outside a transaction: locks end with the statement"),
        "{out}"
    );
    assert_eq!(catalog(&oltp), before, "the target is untouched");
    assert!(scratch_databases().is_empty(), "{:?}", scratch_databases());

    let json = common::schemac()
        .arg("plan")
        .arg(dir)
        .args(&db)
        .args(["--tier", "oltp", "--prove", "--format", "json"])
        .output()
        .expect("plan");
    let plan: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let proof = &plan["tiers"][0]["proof"];
    assert_eq!(proof["ok"], true, "{proof}");
    assert_eq!(proof["converged"], true);
    let seeded = proof["seeded"].as_u64().unwrap();
    let tables = proof["rows"].as_array().unwrap();
    assert!(
        seeded >= 3 * tables.len() as u64 - 3,
        "a few rows per table: {proof}"
    );
    assert_eq!(proof["rows_lost"], 0);
    assert_eq!(proof["rows_kept"].as_u64().unwrap(), seeded);
    for t in tables {
        assert_eq!(t["before"], t["after"], "{t}");
    }
    assert!(proof["timings"]["total"].as_u64().unwrap() > 0);
    let statements = proof["statements"].as_array().unwrap();
    let policy = statements
        .iter()
        .find(|s| s["sql"].as_str().unwrap().starts_with("DROP POLICY"))
        .expect("the policy statement");
    assert!(
        policy["locks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "ACCESS EXCLUSIVE on companies"),
        "{policy}"
    );
}

/// A reviewed plan edited by hand: its statement fails on the copy, so
/// apply refuses before anything reaches the target.
#[test]
fn a_failing_proof_blocks_apply_and_leaves_the_target_untouched() {
    let _serial = serial();
    let (tmp, db, oltp) = deployed();
    let dir = tmp.path();
    Cluster::get()
        .connect(&oltp)
        .batch_execute("ALTER TABLE leads ALTER COLUMN status SET DEFAULT 'contacted'")
        .expect("drift");
    let plan = dir.join("plan.json");
    run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", plan.to_str().unwrap()],
        Some(2),
    );
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let up = file["tiers"][0]["files"][0]["up"]
        .as_str()
        .unwrap()
        .to_string();
    file["tiers"][0]["files"][0]["up"] =
        format!("{up}\nALTER TABLE \"public\".\"no_such_table\" ADD COLUMN x integer;\n").into();
    std::fs::write(&plan, serde_json::to_string_pretty(&file).unwrap()).unwrap();

    let before = catalog(&oltp);
    let rows = history(&oltp);
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap(), "--prove"],
        Some(1),
    );
    assert!(out.contains("proof FAILED: a statement failed"), "{out}");
    assert!(out.contains("no_such_table"), "{out}");
    assert!(out.contains("nothing was applied"), "{out}");
    assert_eq!(catalog(&oltp), before, "the target is untouched");
    assert_eq!(history(&oltp), rows, "no repair was recorded");
    assert!(scratch_databases().is_empty(), "{:?}", scratch_databases());

    // A plan that runs but does not reach its target fails too.
    file["tiers"][0]["files"][0]["up"] = "-- schemac:transaction on\nSELECT 1;\n".into();
    std::fs::write(&plan, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap(), "--prove"],
        Some(1),
    );
    assert!(
        out.contains("converged: no") && out.contains("does not converge"),
        "{out}"
    );
    assert!(
        out.contains("still differs: ~ default of leads.status"),
        "{out}"
    );
    assert_eq!(catalog(&oltp), before);

    // Rows lost where the plan declares no such hazard.
    file["tiers"][0]["files"][0]["up"] =
        format!("{up}\nDELETE FROM \"public\".\"leads\";\n").into();
    std::fs::write(&plan, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap(), "--prove"],
        Some(1),
    );
    assert!(out.contains("row(s) were lost"), "{out}");
    assert_eq!(catalog(&oltp), before);

    // The plan as written proves and applies.
    file["tiers"][0]["files"][0]["up"] = up.into();
    std::fs::write(&plan, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap(), "--prove"],
        Some(0),
    );
    assert!(
        out.contains("proof passed") && out.contains("matches the plan's target"),
        "{out}"
    );
    run(dir, "plan", &db, &["--check", "--tier", "oltp"], Some(0));
}

/// Pending migrations proven before they run: a required column without a
/// default fails on the copy's rows as it would on the target's.
#[test]
fn apply_prove_runs_pending_migrations_on_a_copy_first() {
    let _serial = serial();
    let cluster = Cluster::get();
    let db = cluster.database("prove_apply");
    let url = cluster.url(&db);
    let project = "project: p\ntenancy:\n  root: app.tenants\n  setting: app.current_tenant_id\ntiers:\n  app: { database: p }\n";
    let tenants = "tables:\n  tenants:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n";
    let events = "tables:\n  events:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: { type: text, check: \"kind in ('open', 'click')\" }\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3 }\n";
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    common::write_project(
        dir,
        project,
        &[("app/tenants.yaml", tenants), ("app/events.yaml", events)],
    );
    common::emit(dir, &[]);
    let dbs = vec!["--db".to_string(), url.clone()];
    let out = run(dir, "apply", &dbs, &["--prove"], Some(0));
    assert!(
        out.contains("proof passed") && out.contains("applied 0001_init.up.sql"),
        "{out}"
    );

    // A column and an index on the partitioned table: proven, then applied.
    let v2 = events
        .replace(
            "      created: timestamptz\n",
            "      created: timestamptz\n      note: text?\n",
        )
        .replace(
            "    partition:",
            "    indexes:\n      - [tenant_id, kind]\n    partition:",
        );
    std::fs::write(dir.join("app/events.yaml"), &v2).unwrap();
    common::emit(dir, &[]);
    let out = run(dir, "apply", &dbs, &["--prove"], Some(0));
    assert!(out.contains("proof passed"), "{out}");
    assert!(out.contains("rows kept: "), "{out}");
    assert!(
        !out.contains("rows kept: 0 of 0"),
        "the copy holds rows: {out}"
    );
    assert!(
        out.contains("applied 0002_") && out.contains("applied 0003_"),
        "{out}"
    );

    let before = catalog(&db);
    let v3 = v2.replace(
        "      note: text?\n",
        "      note: text?\n      source: text\n",
    );
    std::fs::write(dir.join("app/events.yaml"), v3).unwrap();
    common::emit(dir, &[]);
    let out = run(dir, "apply", &dbs, &["--prove"], Some(1));
    assert!(
        out.contains("proof FAILED") && out.contains("contains null values"),
        "{out}"
    );
    assert!(out.contains("nothing was applied"), "{out}");
    assert_eq!(catalog(&db), before);
    assert!(scratch_databases().is_empty());
}

#[test]
fn a_role_that_may_not_create_databases_is_told_so() {
    let _serial = serial();
    let (tmp, db, oltp) = deployed();
    let cluster = Cluster::get();
    cluster
        .connect(&oltp)
        .batch_execute(&format!(
            "CREATE ROLE prove_nocreate LOGIN; GRANT CREATE ON DATABASE \"{oltp}\" TO prove_nocreate;
             COMMENT ON TABLE leads IS 'drift';"
        ))
        .expect("role");
    let url = format!(
        "oltp=postgres://prove_nocreate@127.0.0.1:{}/{oltp}",
        cluster.port
    );
    let out = run(
        tmp.path(),
        "plan",
        &["--db".to_string(), url],
        &["--tier", "oltp", "--prove"],
        Some(1),
    );
    assert!(
        out.contains("may not create databases") && out.contains("CREATEDB"),
        "{out}"
    );
    drop(db);
}

/// A database with types and functions the project does not manage: the
/// copy makes them from their definitions, so a table of a domain type with
/// a default that calls a hand-made function is built, seeded and proven.
#[test]
fn the_copy_has_the_unmanaged_types_and_functions_the_tables_use() {
    let _serial = serial();
    let cluster = Cluster::get();
    let db = cluster.database("prove_unmanaged");
    cluster
        .connect(&db)
        .batch_execute(
            "CREATE DOMAIN email_address AS text CHECK (length(VALUE) < 200);
             CREATE TYPE money_amount AS (currency text, cents bigint);
             CREATE FUNCTION default_label() RETURNS text LANGUAGE sql AS $$ SELECT 'none' $$;
             CREATE FUNCTION audit_note() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NEW; END $f$;",
        )
        .expect("hand-made types and functions");
    let tmp = common::one_tier(
        "project: p\ntiers:\n  app: { database: p }\n",
        "types: { email_address: external, money_amount: external }\nexternal:\n  functions: [\"default_label()\", \"audit_note()\"]\ntables:\n  contacts:\n    columns:\n      id: bigint\n      email: email_address\n      balance: money_amount?\n      label: { type: text, default: default_label() }\n    primary_key: [id]\n    indexes:\n      - [email]\n",
    );
    let dir = tmp.path();
    let dbs = vec!["--db".to_string(), cluster.url(&db)];
    let plan = dir.join("plan.json");
    run(
        dir,
        "plan",
        &dbs,
        &["--out", plan.to_str().unwrap()],
        Some(2),
    );
    run(
        dir,
        "apply",
        &dbs,
        &["--plan", plan.to_str().unwrap()],
        Some(0),
    );
    cluster
        .connect(&db)
        .batch_execute("DROP INDEX contacts_email_idx; CREATE RULE audit AS ON UPDATE TO contacts DO ALSO NOTIFY contacts_changed;")
        .expect("drift");
    let out = run(dir, "plan", &dbs, &["--prove"], Some(2));
    assert!(out.contains("proof passed"), "{out}");
    assert!(out.contains("rows kept: 3 of 3"), "{out}");
    assert!(
        out.contains("not in the copy: 1 rule (not in the project"),
        "the types and functions are made, only the rule is not:\n{out}"
    );
    assert!(scratch_databases().is_empty());
}

/// A domain the project manages is built from the model, not also from the
/// catalog, when the schema holds unmanaged objects besides (an aggregate).
#[test]
fn a_managed_domain_is_made_once_in_the_copy() {
    let _serial = serial();
    let cluster = Cluster::get();
    let db = cluster.database("prove_managed_domain");
    cluster
        .connect(&db)
        .batch_execute(
            "CREATE FUNCTION longest_state(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN length($2) > length(coalesce($1, '')) THEN $2 ELSE $1 END $$;
             CREATE AGGREGATE longest(text) (SFUNC = longest_state, STYPE = text);",
        )
        .expect("an aggregate the project does not manage");
    let tmp = common::one_tier(
        "project: p\ntiers:\n  app: { database: p }\n",
        "external:\n  functions: [\"longest_state(text, text)\"]\ndomains:\n  email_address: { type: text, checks: { email_address_shape: \"VALUE ~ '@'\" } }\ntables:\n  contacts:\n    columns:\n      id: bigint\n      email: email_address\n    primary_key: [id]\n    indexes:\n      - [email]\n",
    );
    let dir = tmp.path();
    let dbs = vec!["--db".to_string(), cluster.url(&db)];
    let plan = dir.join("plan.json");
    run(
        dir,
        "plan",
        &dbs,
        &["--out", plan.to_str().unwrap()],
        Some(2),
    );
    run(
        dir,
        "apply",
        &dbs,
        &["--plan", plan.to_str().unwrap()],
        Some(0),
    );
    cluster
        .connect(&db)
        .batch_execute("INSERT INTO contacts VALUES (1, 'a@example.com'), (2, 'b@example.com'); DROP INDEX contacts_email_idx;")
        .expect("rows and drift");
    let out = run(dir, "plan", &dbs, &["--prove"], Some(2));
    assert!(out.contains("proof passed"), "{out}");
    assert!(out.contains("not in the copy: 1 aggregate"), "{out}");
    assert!(scratch_databases().is_empty());
}

/// A tier whose tables use an enum of a further schema: the live side prints
/// it unqualified (`'ok'::mood`), and the copy is built under the tier's
/// search path, where that resolves.
#[test]
fn a_tier_using_a_further_schema_enum_is_proven() {
    let _serial = serial();
    let cluster = Cluster::get();
    let db = cluster.database("prove_further");
    let project = "project: p\ntiers:\n  app:\n    database: p\n    schema: app\n    schemas: { app_private: {} }\n";
    let v1 = "enums:\n  app_private.mood: [ok, sad]\ntables:\n  people:\n    columns:\n      id: { type: uuid, primary_key: true }\n      mood: { type: app_private.mood, default: \"'ok'\" }\n";
    let tmp = common::one_tier(project, v1);
    common::emit(tmp.path(), &[]);
    let args = vec!["--db".to_string(), cluster.url(&db)];
    run(tmp.path(), "apply", &args, &[], Some(0));
    std::fs::write(
        tmp.path().join("app/t.yaml"),
        format!("{v1}      note: text?\n"),
    )
    .expect("v2");
    let out = run(
        tmp.path(),
        "plan",
        &args,
        &["--prove", "--color", "never"],
        Some(2),
    );
    assert!(out.contains("converged: yes"), "{out}");
    assert!(out.contains("proof passed"), "{out}");
    assert!(scratch_databases().is_empty(), "{:?}", scratch_databases());
}
