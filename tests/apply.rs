//! `schemac apply` on a real server: pending files run once, in order, each
//! recorded with its checksum; a failure leaves schema and history as they
//! were; an edited applied file is refused; two applies never run a file
//! twice; a failed concurrent index build is reported and a retry works; a
//! baseline records an adopted database only when it matches the YAML.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::Cluster;

const PROJECT: &str = "project: a\ntiers:\n  app: { database: a }\n";
const V1: &str = "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n";
const V2: &str = "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n      price: numeric?\n";

fn project(tier_file: &str) -> tempfile::TempDir {
    common::one_tier(PROJECT, tier_file)
}

fn emit(dir: &Path, tier_file: &str) {
    std::fs::write(dir.join("app/t.yaml"), tier_file).expect("write");
    common::emit(dir, &[]);
}

/// A fresh database and a project with V1 emitted (not applied).
fn emitted(db_hint: &str) -> (&'static Cluster, String, String, tempfile::TempDir) {
    let cluster = Cluster::get();
    let db = cluster.database(db_hint);
    let url = cluster.url(&db);
    let tmp = project(V1);
    emit(tmp.path(), V1);
    (cluster, db, url, tmp)
}

fn apply(dir: &Path, url: &str, extra: &[&str]) -> (Option<i32>, String) {
    let args: Vec<&str> = ["--db", url]
        .into_iter()
        .chain(extra.iter().copied())
        .collect();
    common::outcome("apply", dir, &args)
}

fn history(db: &str) -> Vec<(i32, String)> {
    let mut c = Cluster::get().connect(db);
    c.query(
        "SELECT version, name FROM schemac_history WHERE tier = 'app' ORDER BY version",
        &[],
    )
    .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    .unwrap_or_default()
}

fn columns(db: &str, table: &str) -> Vec<String> {
    let mut c = Cluster::get().connect(db);
    c.query(
        "SELECT attname::text FROM pg_attribute WHERE attrelid = $1::text::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        &[&table],
    )
    .expect("columns")
    .iter()
    .map(|r| r.get(0))
    .collect()
}

#[test]
fn applies_once_records_history_and_leaves_no_drift() {
    let (_, db, url, tmp) = emitted("apply");
    let (code, out) = apply(tmp.path(), &url, &["--dry-run"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("would apply 0001_init.up.sql"), "{out}");
    assert!(history(&db).is_empty(), "a dry run changes nothing");
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("applied 0001_init.up.sql"), "{out}");
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("up to date"), "{out}");
    assert_eq!(history(&db), vec![(1, "init".to_string())]);
    let (code, out) = common::outcome("plan", tmp.path(), &["--db", &url, "--check"]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn a_migration_failing_halfway_leaves_schema_and_history_unchanged() {
    let (cluster, db, url, tmp) = emitted("halfway");
    assert_eq!(apply(tmp.path(), &url, &[]).0, Some(0));
    cluster
        .connect(&db)
        .batch_execute("INSERT INTO items (name) VALUES ('not a number')")
        .expect("row");
    // One file: add a column (works), then retype `name` (fails on the row).
    emit(
        tmp.path(),
        "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: integer\n      note: text?\n",
    );
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("0002_"), "the failing file is named: {out}");
    assert!(
        out.contains("invalid input syntax for type integer"),
        "{out}"
    );
    assert!(out.contains("as they were before this file"), "{out}");
    assert_eq!(history(&db), vec![(1, "init".to_string())]);
    assert_eq!(
        columns(&db, "items"),
        vec!["id", "name"],
        "the column added before the failure is gone"
    );
}

#[test]
fn an_edited_applied_migration_is_refused_with_its_name() {
    let (_, _, url, tmp) = emitted("edited");
    assert_eq!(apply(tmp.path(), &url, &[]).0, Some(0));
    let dir = tmp.path().join("migrations/app");
    let up = dir.join("0001_init.up.sql");
    let text =
        std::fs::read_to_string(&up).expect("read") + "\nCOMMENT ON TABLE items IS 'edited';\n";
    std::fs::write(&up, text).expect("edit");
    // Even with the checksum file redone to hide it, the history catches it.
    std::fs::write(
        dir.join("schemac.sum"),
        schemac::emit::recompute_sum(&dir).expect("sum"),
    )
    .expect("sum");
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("0001_init.up.sql was applied with checksum"),
        "{out}"
    );
    assert!(out.contains("edited after it was applied"), "{out}");
}

#[test]
fn a_held_lock_fails_cleanly_or_is_waited_for() {
    let (cluster, db, url, tmp) = emitted("locked");
    let key = schemac::pg::apply::lock_key("app");
    // The same tier applied to another database on the server holds a lock
    // with the same key; it neither blocks this apply nor is named as holder
    // (its session is the older one, so it would come first if it were seen).
    let elsewhere = cluster.database("locked_elsewhere");
    let mut other = cluster.connect(&elsewhere);
    other
        .batch_execute("SET application_name = 'other-database'")
        .expect("name");
    std::thread::sleep(Duration::from_millis(20));
    let mut holder = cluster.connect(&db);
    holder
        .batch_execute("SET application_name = 'release-42'")
        .expect("name");
    other
        .query_one("SELECT pg_advisory_lock($1)", &[&key])
        .expect("lock elsewhere");
    holder
        .query_one("SELECT pg_advisory_lock($1)", &[&key])
        .expect("lock");
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("holds the lock") && out.contains("release-42"),
        "{out}"
    );
    assert!(!out.contains("other-database"), "{out}");
    assert!(history(&db).is_empty());
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(800));
        holder
            .query_one("SELECT pg_advisory_unlock($1)", &[&key])
            .expect("unlock");
    });
    let (code, out) = apply(tmp.path(), &url, &["--wait", "20"]);
    release.join().expect("release");
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(history(&db).len(), 1);
}

#[test]
fn two_concurrent_applies_never_run_a_file_twice() {
    let (_, db, url, tmp) = emitted("twice");
    emit(
        tmp.path(),
        "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n    indexes:\n      - [name]\n",
    );
    let dir = tmp.path().to_path_buf();
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let (dir, url) = (dir.clone(), url.clone());
            std::thread::spawn(move || apply(&dir, &url, &["--wait", "30"]))
        })
        .collect();
    let results: Vec<(Option<i32>, String)> = runs
        .into_iter()
        .map(|r| r.join().expect("thread"))
        .collect();
    for (code, out) in &results {
        assert_eq!(*code, Some(0), "{out}");
    }
    let applied = results
        .iter()
        .map(|(_, out)| out.matches("applied 000").count())
        .sum::<usize>();
    let files = history(&db);
    assert_eq!(
        applied,
        files.len(),
        "each file applied by exactly one run: {results:?}"
    );
    assert_eq!(
        files.iter().map(|(v, _)| *v).collect::<Vec<_>>(),
        vec![1, 2]
    );
}

#[test]
fn a_failed_concurrent_index_build_is_reported_and_a_retry_works() {
    let (cluster, db, url, tmp) = emitted("retry");
    assert_eq!(apply(tmp.path(), &url, &[]).0, Some(0));
    cluster
        .connect(&db)
        .batch_execute("INSERT INTO items (name) VALUES ('dup'), ('dup')")
        .expect("rows");
    emit(
        tmp.path(),
        "tables:\n  items:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n    indexes:\n      - { columns: [name], unique: true, name: items_name_key }\n",
    );
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("could not create unique index"), "{out}");
    assert!(out.contains("outside a transaction"), "{out}");
    assert_eq!(history(&db).len(), 1);
    let mut c = cluster.connect(&db);
    let invalid: bool = c
        .query_one(
            "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = 'items_name_key'::regclass",
            &[],
        )
        .expect("index")
        .get(0);
    assert!(invalid, "the failed build left an invalid index");
    c.batch_execute(
        "DELETE FROM items WHERE ctid = (SELECT max(ctid) FROM items WHERE name = 'dup')",
    )
    .expect("fix data");
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(0), "{out}");
    let valid: bool = c
        .query_one(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_name_key'::regclass",
            &[],
        )
        .expect("index")
        .get(0);
    assert!(valid, "the retry rebuilt the index");
    assert_eq!(history(&db).len(), 2);
}

#[test]
fn a_baseline_records_an_adopted_database_only_when_it_matches() {
    let cluster = Cluster::get();
    let dir = project(V1);
    emit(dir.path(), V1);
    // The database already has the schema, built by hand, without history.
    let db = cluster.database("baseline");
    let url = cluster.url(&db);
    let mut c = cluster.connect(&db);
    c.batch_execute(
        "CREATE TABLE items (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL)",
    )
    .expect("ddl");
    c.batch_execute("ALTER TABLE items ALTER COLUMN name DROP NOT NULL")
        .expect("drift");

    let (code, text) = apply(dir.path(), &url, &["--baseline"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("differs from the YAML") && text.contains("items.name"),
        "{text}"
    );
    assert!(history(&db).is_empty(), "nothing recorded on drift");

    c.batch_execute("ALTER TABLE items ALTER COLUMN name SET NOT NULL")
        .expect("fix");
    std::fs::write(dir.path().join("app/t.yaml"), V2).expect("write");
    let (code, text) = apply(dir.path(), &url, &["--baseline"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("not emitted yet"), "{text}");
    std::fs::write(dir.path().join("app/t.yaml"), V1).expect("write");

    let (code, text) = apply(dir.path(), &url, &["--baseline", "--dry-run"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(history(&db).is_empty(), "a dry run records nothing");
    let (code, text) = apply(dir.path(), &url, &["--baseline"]);
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(history(&db), vec![(1, "init".to_string())]);
    assert_eq!(columns(&db, "items"), ["id", "name"], "nothing ran");

    let (code, text) = apply(dir.path(), &url, &["--baseline"]);
    assert_eq!(code, Some(1), "a second baseline is refused: {text}");
    assert!(text.contains("already applied"), "{text}");

    // From here on, apply runs what comes after the baseline.
    emit(dir.path(), V2);
    let (code, text) = apply(dir.path(), &url, &[]);
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(history(&db).len(), 2);
    assert!(
        columns(&db, "items").contains(&"price".to_string()),
        "{:?}",
        columns(&db, "items")
    );
}

/// Since PostgreSQL 15 only the database owner may create in `public`: a
/// deploy role that owns just its tier's schema is told what to do, and
/// applies once the history table has a schema of its own.
#[test]
fn a_role_that_may_not_create_in_public_keeps_history_elsewhere() {
    let cluster = Cluster::get();
    let db = cluster.database("history_schema");
    cluster
        .connect(&db)
        .batch_execute(&format!(
            "CREATE ROLE schemac_deployer LOGIN;
             GRANT CREATE ON DATABASE \"{db}\" TO schemac_deployer;"
        ))
        .expect("role");
    let url = format!(
        "postgres://schemac_deployer@127.0.0.1:{}/{db}",
        cluster.port
    );
    let tmp = common::one_tier(
        "project: a\ntiers:\n  app: { database: a, schema: app }\n",
        V1,
    );
    emit(tmp.path(), V1);
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("permission denied for schema public"), "{out}");
    assert!(
        out.contains("history_table"),
        "the hint names the setting: {out}"
    );
    std::fs::write(
        tmp.path().join("schemac.yaml"),
        "project: a\nmigrations: { history_table: schemac.history }\ntiers:\n  app: { database: a, schema: app }\n",
    )
    .expect("write");
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(0), "{out}");
    let rows: i64 = cluster
        .connect(&db)
        .query_one(
            "SELECT count(*) FROM schemac.history WHERE tier = 'app'",
            &[],
        )
        .expect("history")
        .get(0);
    assert_eq!(rows, 1);
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("): up to date"), "{out}");
    let (code, out) = common::outcome("plan", tmp.path(), &["--db", &url, "--check"]);
    assert_eq!(code, Some(0), "{out}");
    // A role that may create nothing but may write the history: an apply
    // with nothing pending only reads and locks.
    cluster
        .connect(&db)
        .batch_execute(
            "CREATE ROLE schemac_reader LOGIN;
             GRANT USAGE ON SCHEMA schemac TO schemac_reader;
             GRANT SELECT, INSERT ON schemac.history TO schemac_reader;",
        )
        .expect("reader");
    let reader = url.replace("schemac_deployer@", "schemac_reader@");
    let (code, out) = apply(tmp.path(), &reader, &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("): up to date"), "{out}");
}

const TENANT_PROJECT: &str = "project: a\ntenancy:\n  root: app.tenants\n  setting: app.tenant\ntiers:\n  app: { database: a }\n";
const TENANT_TABLES: &str = "tables:\n  tenants:\n    columns:\n      id: { type: uuid, primary_key: true }\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true }\n";

#[test]
fn connecting_as_a_superuser_is_warned_about() {
    // The test cluster's user is a superuser, as on a newcomer's local server.
    let cluster = Cluster::get();
    let db = cluster.database("superwarn");
    let url = cluster.url(&db);
    let tmp = common::one_tier(TENANT_PROJECT, TENANT_TABLES);
    common::emit(tmp.path(), &[]);
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("warning: tier app: role `postgres` is a superuser"),
        "{out}"
    );
    assert!(out.contains("schemac verify"), "{out}");
    let (_, out) = common::outcome("plan", tmp.path(), &["--db", &url]);
    assert!(out.contains("is a superuser"), "{out}");
}

#[test]
fn a_missing_database_says_to_create_it() {
    let cluster = Cluster::get();
    let (_, _, _, tmp) = emitted("nodb");
    let url = cluster.url("no_such_database_here");
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("does not exist"), "{out}");
    assert!(out.contains("createdb no_such_database_here"), "{out}");
}

#[test]
fn up_to_date_says_when_the_yaml_has_changes_not_emitted() {
    let (_, _, url, tmp) = emitted("unemitted");
    assert_eq!(apply(tmp.path(), &url, &[]).0, Some(0));
    std::fs::write(tmp.path().join("app/t.yaml"), V2).expect("write");
    let (code, out) = apply(tmp.path(), &url, &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("up to date"), "{out}");
    assert!(
        out.contains("the YAML has 1 change(s) not emitted yet") && out.contains("schemac emit"),
        "{out}"
    );
}

#[test]
fn plan_db_names_the_database_it_connected_to() {
    let (_, db, url, tmp) = emitted("plandbname");
    let (_, out) = common::outcome("plan", tmp.path(), &["--db", &url, "--check"]);
    assert!(out.contains(&format!("(database {db})")), "{out}");
    assert!(!out.contains("(database a)"), "{out}");
}
