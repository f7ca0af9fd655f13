//! Repairing drift from a reviewed plan: `plan --db --out` writes what would
//! make the database match the YAML, `apply --plan` runs exactly that and is
//! recorded as a repair; afterwards `plan --db` finds nothing and the
//! migrations keep working. A plan is refused on a database that changed
//! since it was made, and a repair that loses data waits for its hazard.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{Cluster, apply_ups, tier_dirs};

fn penguinmails() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/penguinmails")
}

/// `project` emitted, one fresh database per tier; with `history`, applied
/// through `schemac apply`, else file by file as psql would. Returns the
/// `--db tier=URL` arguments and the oltp database's name.
fn deployed(project: &Path, history: bool) -> (tempfile::TempDir, Vec<String>, String) {
    let cluster = Cluster::get();
    let tmp = common::emitted_copy(project);
    let mut args = Vec::new();
    let mut oltp = String::new();
    for dir in tier_dirs(tmp.path()) {
        let tier = dir.file_name().unwrap().to_string_lossy().to_string();
        let db = cluster.database(&tier);
        if !history {
            apply_ups(&mut cluster.connect(&db), &dir);
        }
        if tier == "oltp" {
            oltp = db.clone();
        }
        args.push("--db".to_string());
        args.push(format!("{tier}={}", cluster.url(&db)));
    }
    if history {
        run(tmp.path(), "apply", &args, &[], Some(0));
    }
    (tmp, args, oltp)
}

/// `schemac <command> DIR <db> <extra>`, expecting exit `code` (None: any).
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

/// Every kind of hand-made change the live tests detect.
const HAND_CHANGES: &str = "DROP INDEX leads_tenant_id_status_created_idx;
ALTER TABLE leads ALTER COLUMN status SET DEFAULT 'contacted';
ALTER TABLE campaigns DISABLE ROW LEVEL SECURITY;
CREATE POLICY sneaky ON companies USING (true);
ALTER TABLE campaigns DROP CONSTRAINT campaigns_tenant_id_company_id_fkey;
COMMENT ON TABLE leads IS 'edited by hand';
COMMENT ON COLUMN campaigns.timezone IS NULL;
DROP TRIGGER campaign_steps_touch_updated ON campaign_steps;";

fn catalog(db: &str) -> Vec<String> {
    common::catalog(&mut Cluster::get().connect(db))
}

fn repairs(db: &str) -> Vec<(i32, String, String)> {
    Cluster::get()
        .connect(db)
        .query(
            "SELECT version, name, schemac_version FROM schemac_history WHERE tier = 'oltp' AND version < 1 ORDER BY version DESC",
            &[],
        )
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
        .unwrap_or_default()
}

#[test]
fn every_drift_kind_is_repaired_and_the_migrations_keep_working() {
    let (tmp, db, oltp) = deployed(&penguinmails(), true);
    let dir = tmp.path();
    let clean = catalog(&oltp);
    Cluster::get()
        .connect(&oltp)
        .batch_execute(HAND_CHANGES)
        .expect("hand changes");
    let plan = dir.join("plan.json");
    let out = run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", plan.to_str().unwrap()],
        Some(2),
    );
    assert!(out.contains("policy sneaky on companies"), "{out}");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).expect("plan file")).expect("json");
    assert_eq!(file["kind"], "schemac plan");
    let tier = &file["tiers"][0];
    assert_eq!(tier["tier"], "oltp");
    assert!(tier["fingerprint"].as_str().unwrap().starts_with("sha256:"));
    assert!(
        tier["files"].as_array().unwrap().len() >= 2,
        "the index is rebuilt outside a transaction"
    );

    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap(), "--dry-run"],
        Some(0),
    );
    assert!(out.contains("would run 0001_drift_1.up.sql"), "{out}");
    assert_ne!(catalog(&oltp), clean, "a dry run changes nothing");

    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap()],
        Some(0),
    );
    assert!(out.contains("repaired with 0001_drift_1.up.sql"), "{out}");
    assert!(out.contains("matches the plan's target"), "{out}");
    assert_eq!(
        catalog(&oltp),
        clean,
        "the repaired database is the deployed one"
    );
    let out = run(dir, "plan", &db, &["--check"], Some(0));
    assert!(!out.contains("drifted"), "{out}");
    let recorded = repairs(&oltp);
    assert!(recorded.len() >= 2, "{recorded:?}");
    assert!(
        recorded
            .iter()
            .all(|(v, name, by)| *v < 1 && name.starts_with("repair_") && by.ends_with("(repair)")),
        "{recorded:?}"
    );

    // The same plan again: the database is no longer the one it was made for.
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap()],
        Some(1),
    );
    assert!(out.contains("changed since the plan was made"), "{out}");

    // The migrations: nothing pending, and the next one applies on top.
    let out = run(dir, "apply", &db, &[], Some(0));
    assert!(
        out.contains("tier oltp") && out.contains("up to date"),
        "{out}"
    );
    let leads = dir.join("oltp/leads.yaml");
    let yaml = std::fs::read_to_string(&leads).expect("leads.yaml");
    std::fs::write(
        &leads,
        yaml.replacen("    columns:\n", "    columns:\n      nickname: text?\n", 1),
    )
    .expect("write");
    common::emit(dir, &[]);
    let out = run(dir, "apply", &db, &[], Some(0));
    assert!(out.contains("applied 0002_add_leads_nickname"), "{out}");
    run(dir, "plan", &db, &["--check"], Some(0));
}

/// A database built from the files without `apply` has no history; once
/// the repair made it what the migrations build, they are recorded as applied.
#[test]
fn a_repaired_database_without_history_gets_its_migrations_recorded() {
    let (tmp, db, oltp) = deployed(&penguinmails(), false);
    let dir = tmp.path();
    Cluster::get()
        .connect(&oltp)
        .batch_execute(HAND_CHANGES)
        .expect("hand changes");
    let plan = dir.join("plan.json");
    run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", plan.to_str().unwrap()],
        Some(2),
    );
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap(), "--tier", "oltp"],
        Some(0),
    );
    assert!(
        out.contains("recorded 0001_init.up.sql as applied"),
        "{out}"
    );
    let out = run(dir, "apply", &db, &["--tier", "oltp"], Some(0));
    assert!(out.contains("up to date"), "{out}");
    run(dir, "plan", &db, &["--check", "--tier", "oltp"], Some(0));
}

#[test]
fn a_plan_is_refused_on_a_database_that_changed_since_and_nothing_runs() {
    let (tmp, db, oltp) = deployed(&penguinmails(), true);
    let dir = tmp.path();
    let mut c = Cluster::get().connect(&oltp);
    c.batch_execute("DROP INDEX leads_tenant_id_status_created_idx")
        .expect("drift");
    let plan = dir.join("plan.json");
    run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", plan.to_str().unwrap()],
        Some(2),
    );
    // Someone else changes the database after the review.
    c.batch_execute("ALTER TABLE leads ALTER COLUMN status SET DEFAULT 'contacted'")
        .expect("more drift");
    let before = catalog(&oltp);
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap()],
        Some(1),
    );
    assert!(
        out.contains("changed since the plan was made") && out.contains("fingerprint"),
        "{out}"
    );
    assert_eq!(catalog(&oltp), before, "nothing ran");
    assert!(repairs(&oltp).is_empty());

    // A migration applied since the plan was made is refused as well.
    let fresh = dir.join("fresh.json");
    run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", fresh.to_str().unwrap()],
        Some(2),
    );
    let leads = dir.join("oltp/leads.yaml");
    let yaml = std::fs::read_to_string(&leads).expect("leads.yaml");
    std::fs::write(
        &leads,
        yaml.replacen("    columns:\n", "    columns:\n      nickname: text?\n", 1),
    )
    .expect("write");
    common::emit(dir, &[]);
    run(dir, "apply", &db, &["--tier", "oltp"], Some(0));
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", fresh.to_str().unwrap()],
        Some(1),
    );
    assert!(
        out.contains("migrations ran since the plan was made"),
        "{out}"
    );
}

#[test]
fn a_repair_that_loses_data_waits_for_its_hazard_and_the_yaml_must_be_emitted() {
    let (tmp, db, oltp) = deployed(&penguinmails(), true);
    let dir = tmp.path();
    Cluster::get()
        .connect(&oltp)
        .batch_execute("ALTER TABLE leads ADD COLUMN scratch text; CREATE TABLE handmade (id int PRIMARY KEY);")
        .expect("drift");
    let plan = dir.join("plan.json");
    run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", plan.to_str().unwrap()],
        Some(2),
    );
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap()],
        Some(1),
    );
    assert!(
        out.contains("H101") && out.contains("H102") && out.contains("--allow-hazard"),
        "{out}"
    );
    assert!(repairs(&oltp).is_empty());
    let out = run(
        dir,
        "apply",
        &db,
        &[
            "--plan",
            plan.to_str().unwrap(),
            "--allow-hazard",
            "H101",
            "--allow-hazard",
            "H102",
        ],
        Some(0),
    );
    assert!(out.contains("matches the plan's target"), "{out}");
    run(dir, "plan", &db, &["--check"], Some(0));

    // YAML changed but not emitted: a repair would run ahead of the migrations.
    let leads = dir.join("oltp/leads.yaml");
    let yaml = std::fs::read_to_string(&leads).expect("leads.yaml");
    std::fs::write(
        &leads,
        yaml.replacen("    columns:\n", "    columns:\n      nickname: text?\n", 1),
    )
    .expect("write");
    let out = run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", plan.to_str().unwrap()],
        Some(1),
    );
    assert!(
        out.contains("not emitted yet") && out.contains("schemac emit"),
        "{out}"
    );
}

/// A project without migrations plans and repairs declaratively, partitions
/// with their windows included; a file that is not a plan is refused.
#[test]
fn a_project_without_migrations_is_repaired_declaratively() {
    let cluster = Cluster::get();
    let db = cluster.database("repair_declarative");
    let url = cluster.url(&db);
    let tmp = common::one_tier(
        "project: p\ntiers:\n  app: { database: p }\n",
        "tables:\n  events:\n    columns:\n      id: uuid\n      kind: text\n      created: timestamptz\n    primary_key: [id, created]\n    indexes:\n      - [kind]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3, default: true }\n",
    );
    let dir = tmp.path();
    let dbs = vec!["--db".to_string(), url.clone()];
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
    run(dir, "plan", &dbs, &["--check"], Some(0));
    cluster
        .connect(&db)
        .batch_execute("INSERT INTO events VALUES (gen_random_uuid(), 'a', '2025-02-03'); DROP INDEX events_kind_idx;")
        .expect("drift");
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
    run(dir, "plan", &dbs, &["--check"], Some(0));
    let rows: i64 = cluster
        .connect(&db)
        .query_one("SELECT count(*) FROM events", &[])
        .expect("count")
        .get(0);
    assert_eq!(rows, 1);

    std::fs::write(
        &plan,
        "{\"kind\": \"something else\", \"schemac\": \"0\", \"changes\": 0, \"tiers\": []}",
    )
    .expect("write");
    let out = run(
        dir,
        "apply",
        &dbs,
        &["--plan", plan.to_str().unwrap()],
        Some(1),
    );
    assert!(out.contains("not a plan written by"), "{out}");
}

/// What the project does not manage in `db`: hand-made functions, rules
/// and grants, as `plan --db --format json` lists them.
fn unmanaged(dir: &Path, db: &[String]) -> Vec<String> {
    let out = common::schemac()
        .arg("plan")
        .arg(dir)
        .args(db)
        .args(["--tier", "oltp", "--format", "json"])
        .output()
        .expect("run schemac");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("plan json");
    let tiers = json["tiers"].as_array().expect("tiers");
    tiers[0]["unmanaged"]
        .as_array()
        .expect("unmanaged")
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// Hand-made objects schemac does not model: a rule and a grant, on a table
/// the YAML declares, and a function the project lists as external.
const HAND_MADE: &str = "DO $$ BEGIN CREATE ROLE repair_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE FUNCTION audit_touch() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NEW; END $f$;
CREATE RULE audit_leads AS ON UPDATE TO leads DO ALSO NOTIFY leads_changed;
GRANT SELECT ON leads TO repair_reader;";

#[test]
fn a_repair_keeps_every_unmanaged_object_or_does_not_run() {
    let (tmp, db, oltp) = deployed(&penguinmails(), true);
    let dir = tmp.path();
    let cluster = Cluster::get();
    cluster
        .connect(&oltp)
        .batch_execute(HAND_MADE)
        .expect("hand-made objects");
    // The function is the platform's: declared external, so the project
    // never drops it.
    std::fs::write(
        dir.join("oltp/_platform.yaml"),
        "external:\n  functions: [\"audit_touch()\"]\n",
    )
    .expect("external function");
    let objects = unmanaged(dir, &db);
    assert!(
        objects.iter().any(|x| x == "rule public.leads.audit_leads"),
        "{objects:?}"
    );

    // Drift on the same table: the repair fixes it and leaves the rest.
    cluster
        .connect(&oltp)
        .batch_execute(HAND_CHANGES)
        .expect("hand changes");
    let plan = dir.join("plan.json");
    let out = run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", plan.to_str().unwrap()],
        Some(2),
    );
    assert!(out.contains("unmanaged: 1 rule"), "{out}");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).expect("plan file")).expect("json");
    assert_eq!(
        file["tiers"][0]["unmanaged"].as_array().unwrap().len(),
        objects.len(),
        "the plan lists them for review"
    );
    let sql: String = file["tiers"][0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["up"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !sql.contains("audit_") && !sql.contains("repair_reader"),
        "{sql}"
    );

    // An unmanaged object added after the review changes the fingerprint.
    cluster
        .connect(&oltp)
        .batch_execute("CREATE FUNCTION added_later() RETURNS int LANGUAGE sql AS 'SELECT 1'")
        .expect("added later");
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap()],
        Some(1),
    );
    assert!(out.contains("changed since the plan was made"), "{out}");
    cluster
        .connect(&oltp)
        .batch_execute("DROP FUNCTION added_later()")
        .expect("drop added_later");

    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap(), "--prove"],
        Some(0),
    );
    assert!(
        out.contains("not in the copy: 1 rule") && out.contains("proof passed"),
        "{out}"
    );
    assert!(out.contains("matches the plan's target"), "{out}");
    assert_eq!(unmanaged(dir, &db), objects, "every one is still there");
    run(dir, "plan", &db, &["--check", "--tier", "oltp"], Some(0));

    // A table made by hand, with a rule and a grant of its own: dropping it
    // would take them along, so the repair is rolled back. (A trigger on it
    // is the table's own, dropped with it like its indexes.)
    cluster
        .connect(&oltp)
        .batch_execute(
            "CREATE TABLE handmade (id int PRIMARY KEY);
             CREATE RULE audit_handmade AS ON UPDATE TO handmade DO ALSO NOTIFY handmade_changed;
             GRANT SELECT ON handmade TO repair_reader;",
        )
        .expect("hand-made table");
    let out = run(
        dir,
        "plan",
        &db,
        &["--tier", "oltp", "--out", plan.to_str().unwrap()],
        Some(2),
    );
    assert!(
        out.contains("drops relations that 1 object(s) the project does not manage are on")
            && out.contains("  rule public.handmade.audit_handmade"),
        "the review is told: {out}"
    );
    let before = catalog(&oltp);
    let recorded = repairs(&oltp);
    let out = run(
        dir,
        "apply",
        &db,
        &["--plan", plan.to_str().unwrap(), "--allow-hazard", "H101"],
        Some(1),
    );
    assert!(
        out.contains("would drop 1 object(s) the project does not manage")
            && out.contains("rolled back")
            && out.contains("rule public.handmade.audit_handmade"),
        "{out}"
    );
    assert_eq!(catalog(&oltp), before, "nothing of the repair stays");
    assert_eq!(repairs(&oltp), recorded, "no repair recorded");
}
