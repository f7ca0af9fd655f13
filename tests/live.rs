//! Live databases: after the emitted migrations ran, planning against the
//! database finds nothing to do — the introspected catalog and the YAML (sent
//! through the same server) agree on every example.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{Cluster, apply_ups, examples, schemac, tier_dirs};

#[test]
fn introspection_of_every_emitted_example_matches_its_yaml() {
    let cluster = Cluster::get();
    for example in examples() {
        let tmp = common::emitted_copy(&example);
        let mut loaded = schemac::load::project(tmp.path()).expect("load");
        schemac::check::run(&mut loaded);
        let renderer = schemac::render::Renderer::new(None);
        for tier in &loaded.project.tiers {
            let db = cluster.database(tier.name.as_str());
            let mut c = cluster.connect(&db);
            apply_ups(
                &mut c,
                &tmp.path().join("migrations").join(tier.name.as_str()),
            );
            let live = schemac::pg::introspect::schema(
                &mut c,
                tier.schema.name.as_str(),
                "schemac_history",
            )
            .expect("introspect");
            let desired = schemac::pg::canonical::desired(&mut c, &tier.schema, &renderer)
                .expect("canonical");
            let changes = schemac::diff::between(&live, &desired);
            assert!(
                changes.is_empty(),
                "{}/{}: live differs from YAML:\n{:#?}",
                example.display(),
                tier.name,
                changes.iter().map(|c| c.subject()).collect::<Vec<_>>()
            );
        }
    }
}

/// Emit `project` and apply it, one fresh database per tier; returns the
/// `--db tier=URL` arguments.
fn deployed(project: &std::path::Path) -> (tempfile::TempDir, Vec<String>) {
    let cluster = Cluster::get();
    let tmp = common::emitted_copy(project);
    let mut args = Vec::new();
    for dir in tier_dirs(tmp.path()) {
        let tier = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let db = cluster.database(&tier);
        let mut c = cluster.connect(&db);
        apply_ups(&mut c, &dir);
        args.push("--db".to_string());
        args.push(format!("{tier}={}", cluster.url(&db)));
    }
    (tmp, args)
}

fn plan_db(dir: &std::path::Path, db: &[String], extra: &[&str]) -> (Option<i32>, String) {
    plan_db_with(dir, db, extra, &[])
}

fn plan_db_with(
    dir: &std::path::Path,
    db: &[String],
    extra: &[&str],
    env: &[(&str, &str)],
) -> (Option<i32>, String) {
    let out = schemac()
        .arg("plan")
        .arg(dir)
        .args(db)
        .args(extra)
        .envs(env.iter().copied())
        .output()
        .expect("plan");
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// `schemac apply DIR DB… --plan PLAN`, which must succeed.
fn apply_plan(dir: &std::path::Path, db: &[String], plan: &std::path::Path) {
    let applied = schemac()
        .args(["--color", "never", "apply"])
        .arg(dir)
        .args(db)
        .arg("--plan")
        .arg(plan)
        .output()
        .expect("apply");
    assert!(
        applied.status.success(),
        "{}{}",
        String::from_utf8_lossy(&applied.stdout),
        String::from_utf8_lossy(&applied.stderr)
    );
}

/// penguinmails deployed; also returns the name of its `oltp` database.
fn deployed_penguinmails() -> (tempfile::TempDir, Vec<String>, String) {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/penguinmails");
    let (tmp, db) = deployed(&example);
    let oltp = db
        .iter()
        .find(|a| a.starts_with("oltp="))
        .expect("oltp url");
    let dbname = oltp.rsplit('/').next().unwrap_or_default().to_string();
    (tmp, db, dbname)
}

#[test]
fn plan_against_a_freshly_deployed_database_is_empty() {
    for example in examples() {
        let (tmp, db) = deployed(&example);
        let (code, out) = plan_db(tmp.path(), &db, &["--check"]);
        assert_eq!(code, Some(0), "{}: {out}", example.display());
        assert!(out.contains("in sync"), "{out}");
    }
}

/// A tier too large for one transaction's locks is compared in batches;
/// a tiny budget makes every example take that path.
#[test]
fn plan_in_lock_sized_batches_is_empty_too() {
    for example in examples() {
        let (tmp, db) = deployed(&example);
        let (code, text) = plan_db_with(
            tmp.path(),
            &db,
            &["--check"],
            &[("SCHEMAC_LOCKS_PER_TRANSACTION", "40")],
        );
        assert_eq!(code, Some(0), "{}: {text}", example.display());
    }
}

/// Covers both kinds of desired state: expressions created in the scratch
/// schema (defaults, policies) and what is taken from the YAML as declared
/// (plain indexes, foreign keys, triggers, comments, RLS flags).
#[test]
fn hand_made_changes_show_as_drift() {
    let (tmp, db, dbname) = deployed_penguinmails();
    let mut c = Cluster::get().connect(&dbname);
    c.batch_execute(
        "DROP INDEX leads_tenant_id_status_created_idx;
         ALTER TABLE leads ALTER COLUMN status SET DEFAULT 'contacted';
         ALTER TABLE campaigns DISABLE ROW LEVEL SECURITY;
         CREATE POLICY sneaky ON companies USING (true);
         ALTER TABLE campaigns DROP CONSTRAINT campaigns_tenant_id_company_id_fkey;
         COMMENT ON TABLE leads IS 'edited by hand';
         COMMENT ON COLUMN campaigns.timezone IS NULL;
         DROP TRIGGER campaign_steps_touch_updated ON campaign_steps;",
    )
    .expect("hand changes");
    let (code, out) = plan_db(tmp.path(), &db, &["--check", "--tier", "oltp"]);
    assert_eq!(code, Some(2), "{out}");
    for expected in [
        "index leads_tenant_id_status_created_idx on leads",
        "default of leads.status",
        "row level security on campaigns",
        "policy sneaky on companies",
        "foreign key campaigns_tenant_id_company_id_fkey on campaigns",
        "trigger campaign_steps_touch_updated on campaign_steps",
        "comment on campaigns.timezone",
        "comment on leads",
    ] {
        assert!(
            out.contains(expected),
            "drift should mention `{expected}`:\n{out}"
        );
    }
    let (code, out) = plan_db(tmp.path(), &db, &["--tier", "oltp"]);
    assert_eq!(code, Some(2));
    assert!(out.contains("ENABLE ROW LEVEL SECURITY"), "{out}");
    assert!(out.contains("DROP POLICY \"sneaky\""), "{out}");
}

/// The live schema is read on a second connection while the first builds the
/// desired one; a role allowed a single connection still gets its plan.
#[test]
fn a_role_limited_to_one_connection_still_plans() {
    let (tmp, _, dbname) = deployed_penguinmails();
    let cluster = Cluster::get();
    cluster
        .connect(&dbname)
        .batch_execute(&format!(
            "CREATE ROLE schemac_single LOGIN CONNECTION LIMIT 1;
             GRANT CREATE ON DATABASE \"{dbname}\" TO schemac_single;"
        ))
        .expect("role");
    let url = format!(
        "oltp=postgres://schemac_single@127.0.0.1:{}/{dbname}",
        cluster.port
    );
    let (code, out) = plan_db(
        tmp.path(),
        &["--db".to_string(), url],
        &["--check", "--tier", "oltp"],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("in sync"), "{out}");
}

/// A policy may read another table; when a large tier is normalised in
/// batches, that table may belong to another batch, and on a database the
/// YAML is planned against for the first time it does not exist yet.
#[test]
fn a_policy_reading_a_table_of_another_batch_is_normalised() {
    let cluster = Cluster::get();
    let db = cluster.database("policy_batches");
    let tmp = common::one_tier(
        "project: p\ntiers:\n  app: { database: p }\n",
        r#"
tables:
  deals:
    columns:
      id: { type: uuid, primary_key: true }
      owner: text
  stakeholders:
    columns:
      id: { type: uuid, primary_key: true }
      deal_id: { type: uuid, references: deals }
    policies:
      own_deals:
        using: "exists (select 1 from deals where deals.id = stakeholders.deal_id and deals.owner = current_user)"
"#,
    );
    let (code, text) = plan_db_with(
        tmp.path(),
        &["--db".to_string(), format!("app={}", cluster.url(&db))],
        &["--check"],
        &[("SCHEMAC_LOCKS_PER_TRANSACTION", "1")],
    );
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("policy own_deals on stakeholders"), "{text}");
}

/// The peer workload of `bench/peer_gen.py` at its smallest size: side B,
/// inspected into YAML, planned against side A (with a lock budget small
/// enough for many scratch batches, shared out over two connections), the
/// plan applied to A, and A then in sync with B's YAML.
#[test]
fn peer_workload_plan_from_a_to_b_applies_and_converges() {
    let cluster = Cluster::get();
    let tmp = tempfile::tempdir().expect("tempdir");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/peer_gen.py");
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(tmp.path())
        .args(["--tables", "200"])
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to run {}: {e}", script.display()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |f: &str| std::fs::read_to_string(tmp.path().join(f)).expect("sql");
    let (a, b) = (cluster.database("peer_a"), cluster.database("peer_b"));
    common::run_file(&mut cluster.connect(&a), &read("a.sql")).expect("side A");
    let mut cb = cluster.connect(&b);
    common::run_file(&mut cb, &read("a.sql")).expect("side A into B");
    common::run_file(&mut cb, &read("a-to-b.sql")).expect("A to B");
    let project = tmp.path().join("b");
    let inspected = schemac()
        .args([
            "--color",
            "never",
            "inspect",
            "--db",
            &cluster.url(&b),
            "--out",
        ])
        .arg(&project)
        .output()
        .expect("inspect");
    assert!(
        inspected.status.success(),
        "{}",
        String::from_utf8_lossy(&inspected.stderr)
    );
    let plan = tmp.path().join("plan.json");
    let planned = schemac()
        .env("SCHEMAC_LOCKS_PER_TRANSACTION", "150")
        .args(["--color", "never", "plan"])
        .arg(&project)
        .arg(format!("--db={}", cluster.url(&a)))
        .arg("--out")
        .arg(&plan)
        .output()
        .expect("plan");
    let text = String::from_utf8_lossy(&planned.stdout);
    assert_eq!(
        planned.status.code(),
        Some(2),
        "{text}{}",
        String::from_utf8_lossy(&planned.stderr)
    );
    // Every kind of edit B makes is in the plan.
    for needle in [
        "ADD COLUMN",
        "character varying(200)",
        "CREATE POLICY",
        "PARTITION OF",
        "CREATE TABLE",
        "DROP INDEX",
    ] {
        assert!(text.contains(needle), "no {needle} in the plan:\n{text}");
    }
    apply_plan(&project, &[format!("--db={}", cluster.url(&a))], &plan);
    let check = schemac()
        .args(["--color", "never", "plan"])
        .arg(&project)
        .arg(format!("--db={}", cluster.url(&a)))
        .arg("--check")
        .output()
        .expect("check");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

/// `plan --db` with its canonical-form cache in `cache`: exit code, standard
/// output (the plan) and the tallies of `SCHEMAC_TIMINGS` (tables created in
/// the scratch schema, tables reused).
fn plan_cached(
    dir: &std::path::Path,
    db: &[String],
    cache: &std::path::Path,
    env: &[(&str, &str)],
) -> (Option<i32>, String, usize, usize) {
    let out = schemac()
        .arg("plan")
        .arg(dir)
        .args(db)
        .env("SCHEMAC_CACHE_DIR", cache)
        .env("SCHEMAC_TIMINGS", "1")
        .envs(env.iter().copied())
        .output()
        .expect("plan");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let tally = |name: &str| -> usize {
        stderr
            .lines()
            .filter(|l| l.trim_start().starts_with(name))
            .map(|l| {
                l.split_whitespace()
                    .last()
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or_else(|| panic!("no count in `{l}`"))
            })
            .sum()
    };
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        tally("scratch: tables created"),
        tally("scratch: tables reused from the cache"),
    )
}

/// Every example, deployed and planned twice with a cache: the second plan
/// builds nothing in the scratch schema and is still in sync, so what the
/// cache holds is what the server would have said.
#[test]
fn every_example_is_in_sync_again_from_the_cache() {
    for example in examples() {
        let (tmp, db) = deployed(&example);
        let cache = tempfile::tempdir().expect("cache dir");
        let plan = || {
            plan_cached(
                tmp.path(),
                &db,
                cache.path(),
                &[("SCHEMAC_LOCKS_PER_TRANSACTION", "40")],
            )
        };
        let (code, first, created, reused) = plan();
        assert_eq!(code, Some(0), "{}: {first}", example.display());
        assert!(
            created > 0 && reused == 0,
            "{created} created, {reused} reused"
        );
        let (code, second, created_again, reused) = plan();
        assert_eq!(code, Some(0), "{}: {second}", example.display());
        assert_eq!(second, first);
        assert_eq!(
            (created_again, reused),
            (0, created),
            "{}",
            example.display()
        );
    }
}

/// What the cache keys on: an edited table is created again and the others
/// are reused; a change on the server starts over; a damaged cache file is
/// a miss; `SCHEMAC_CACHE=off` writes nothing.
#[test]
fn the_cache_reuses_only_what_is_unchanged() {
    let cluster = Cluster::get();
    let db = cluster.database("cache_keys");
    let project = "project: p\ntiers:\n  app: { database: p }\n";
    let tier = |status_check: &str| {
        format!(
            r#"
enums:
  stage: [new, won, lost]
tables:
  accounts:
    columns:
      id: {{ type: uuid, primary_key: true, default: "gen_random_uuid()" }}
      name: {{ type: text, check: "length(name) between 1 and 200" }}
  deals:
    columns:
      id: {{ type: uuid, primary_key: true, default: "gen_random_uuid()" }}
      account_id: {{ type: uuid, references: accounts }}
      stage: {{ type: stage, default: "'new'" }}
      status: {{ type: text, default: "'open'", check: "{status_check}" }}
  notes:
    columns:
      id: {{ type: uuid, primary_key: true, default: "gen_random_uuid()" }}
      deal_id: {{ type: uuid, references: deals }}
      body: {{ type: text, default: "''" }}
"#
        )
    };
    let tmp = common::one_tier(project, &tier("status in ('open', 'closed')"));
    let urls = ["--db".to_string(), format!("app={}", cluster.url(&db))];
    let cache = tempfile::tempdir().expect("cache dir");
    let (code, cold, created, reused) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!(code, Some(2), "{cold}");
    assert_eq!((created, reused), (3, 0));
    let (_, warm, created, reused) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!((created, reused), (0, 3));
    assert_eq!(warm, cold);

    // One table edited: it alone goes through the server, in its words.
    common::write_project(
        tmp.path(),
        project,
        &[("app/t.yaml", &tier("status in ('open', 'closed', 'lost')"))],
    );
    let (_, edited, created, reused) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!((created, reused), (1, 2));
    assert!(
        edited.contains("ANY (ARRAY['open'::text, 'closed'::text, 'lost'::text])"),
        "{edited}"
    );

    // Anything created on the server may change its words: a cold run.
    cluster
        .connect(&db)
        .batch_execute(
            "CREATE SCHEMA probe; CREATE FUNCTION probe.cache_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        )
        .expect("function");
    let (_, after, created, reused) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!((created, reused), (3, 0));
    assert_eq!(after, edited);
    // So does a column of a relation the tier does not manage changing type.
    let mut c = cluster.connect(&db);
    c.batch_execute("CREATE TABLE probe.ext (id integer)")
        .expect("table");
    let (_, _, created, _) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!(created, 3);
    c.batch_execute("ALTER TABLE probe.ext ALTER COLUMN id TYPE bigint")
        .expect("retype");
    let (_, _, created, _) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!(created, 3);
    let (_, _, created, _) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!(created, 0);

    // A damaged file reads as empty.
    for f in std::fs::read_dir(cache.path().join("canonical")).expect("cache files") {
        std::fs::write(f.expect("entry").path(), "{ not json").expect("damage");
    }
    let (code, damaged, created, _) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!(code, Some(2));
    assert_eq!(created, 3);
    assert_eq!(damaged, edited);

    // Template overrides change what is rendered, so they are keyed on too.
    let tpl = tmp.path().join("tpl");
    std::fs::create_dir_all(&tpl).expect("templates dir");
    std::fs::write(
        tpl.join("header.sql"),
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/sql/header.sql"),
        )
        .expect("built-in header")
            + "-- reviewed by the platform team\n",
    )
    .expect("override");
    std::fs::write(
        tmp.path().join("schemac.yaml"),
        format!("{project}templates: tpl\n"),
    )
    .expect("project with templates");
    let (_, _, created, reused) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!((created, reused), (3, 0));
    let (_, _, created, reused) = plan_cached(tmp.path(), &urls, cache.path(), &[]);
    assert_eq!((created, reused), (0, 3));

    let off = tempfile::tempdir().expect("cache dir");
    let (_, _, created, reused) =
        plan_cached(tmp.path(), &urls, off.path(), &[("SCHEMAC_CACHE", "off")]);
    assert_eq!((created, reused), (3, 0));
    assert!(std::fs::read_dir(off.path()).expect("dir").next().is_none());
}

/// A domain renamed with `was:` is renamed on the server too: the desired
/// side read back from the scratch schema keeps the YAML's `was:`. The plan
/// applies and leaves nothing to do.
#[test]
fn plan_db_renames_a_domain_declared_with_was() {
    let project = "project: p\ntiers:\n  app: { database: p }\n";
    let v1 = "domains:\n  score_value:\n    type: integer\n    checks: { score_nonnegative: \"value >= 0\" }\ntables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      score: score_value?\n";
    let src = common::one_tier(project, v1);
    let (tmp, db) = deployed(src.path());
    let v2 = v1
        .replace("  score_value:\n", "  lead_score:\n    was: score_value\n")
        .replace("score: score_value?", "score: lead_score?");
    std::fs::write(tmp.path().join("app/t.yaml"), v2).expect("v2");
    // Planned as a project adopted from the database: no migrations of its own.
    std::fs::remove_dir_all(tmp.path().join("migrations")).expect("no migrations");
    let plan = tmp.path().join("plan.json");
    let (code, out) = plan_db(
        tmp.path(),
        &db,
        &["--out", plan.to_str().expect("utf-8 path")],
    );
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("domain score_value renamed to lead_score"),
        "{out}"
    );
    assert!(!out.contains("DROP DOMAIN"), "{out}");
    apply_plan(tmp.path(), &db, &plan);
    let (code, out) = plan_db(tmp.path(), &db, &["--check"]);
    assert_eq!(code, Some(0), "{out}");
}

/// A release adding a table to a further schema, with a view over it, a
/// policy calling a further-schema function and a default of a
/// further-schema enum, all written qualified: the scratch schema builds them
/// from its own copies (nothing of it exists on the server yet), the plan
/// applies, and the server then matches the YAML.
#[test]
fn plan_db_builds_a_new_further_schema_table_and_what_names_it_qualified() {
    let project = "project: p\ntiers:\n  app:\n    database: p\n    schema: app\n    schemas: { app_private: {} }\n";
    let v1 = "tables:\n  people:\n    columns:\n      id: { type: uuid, primary_key: true }\n";
    let src = common::one_tier(project, v1);
    let (tmp, db) = deployed(src.path());
    let v2 = format!(
        "{v1}  app_private.notes:\n    columns:\n      id: {{ type: uuid, primary_key: true }}\n      person_id: {{ type: uuid, references: people }}\n      mood: {{ type: app_private.mood, default: \"'ok'::app_private.mood\" }}\n    policies:\n      admins: {{ using: app_private.is_admin() }}\nenums:\n  app_private.mood: [ok, sad]\nfunctions:\n  app_private.is_admin:\n    returns: boolean\n    language: sql\n    volatility: stable\n    body: select current_setting('app.admin', true) = 'on'\nviews:\n  calm_notes:\n    sql: select n.id, n.mood from app_private.notes n where n.mood = 'ok'::app_private.mood\n    security_invoker: true\n"
    );
    std::fs::write(tmp.path().join("app/t.yaml"), v2).expect("v2");
    std::fs::remove_dir_all(tmp.path().join("migrations")).expect("no migrations");
    let plan = tmp.path().join("plan.json");
    let (code, out) = plan_db(
        tmp.path(),
        &db,
        &["--out", plan.to_str().expect("utf-8 path")],
    );
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("CREATE TYPE \"app_private\".\"mood\""),
        "{out}"
    );
    apply_plan(tmp.path(), &db, &plan);
    let (code, out) = plan_db(tmp.path(), &db, &["--check"]);
    assert_eq!(code, Some(0), "{out}");
}

/// A further schema's declared owner and grants are set by the migration,
/// the server then matches the YAML, and the down file drops the schema
/// again.
#[test]
fn a_further_schema_gets_its_owner_and_grants_and_goes_with_the_down_file() {
    let cluster = Cluster::get();
    cluster
        .connect("postgres")
        .batch_execute(
            "DO $$ BEGIN CREATE ROLE live_schema_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
             DO $$ BEGIN CREATE ROLE live_schema_user; EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
        )
        .expect("roles");
    let project = "project: p\nroles: { live_schema_owner: {}, live_schema_user: {} }\ntiers:\n  app:\n    database: p\n    schema: app\n    schemas:\n      app_private: { owner: live_schema_owner, grants: { live_schema_user: [usage] } }\n";
    let tier = "tables:\n  app_private.notes:\n    columns:\n      id: { type: uuid, primary_key: true }\n";
    let src = common::one_tier(project, tier);
    let (tmp, db) = deployed(src.path());
    let name = db[1].rsplit('/').next().expect("database").to_string();
    let mut c = cluster.connect(&name);
    let row = c
        .query_one(
            "SELECT nspowner::regrole::text, has_schema_privilege('live_schema_user', nspname, 'USAGE')
               FROM pg_namespace WHERE nspname = 'app_private'",
            &[],
        )
        .expect("schema");
    assert_eq!(row.get::<_, String>(0), "live_schema_owner");
    assert!(row.get::<_, bool>(1));
    let (code, out) = plan_db(tmp.path(), &db, &["--check"]);
    assert_eq!(code, Some(0), "{out}");
    let dir = &tier_dirs(tmp.path())[0];
    common::apply_files(&mut c, &common::migration_files(dir, ".down.sql"), "down");
    let left: i64 = c
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'app_private'",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(left, 0);
}
