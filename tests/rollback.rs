//! `schemac rollback` on a real server: the downs of the newest applied
//! migrations run newest first, each with the removal of its history row, and
//! the catalog is exactly what it was before those migrations; rows of the
//! tables that stay are kept. A down that loses data waits for its hazard to
//! be allowed; an edited or missing down, and a concurrent apply, are refused
//! before anything changes.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Cluster, catalog};

const PROJECT: &str = "project: rb\ntenancy:\n  root: app.tenants\n  setting: app.current_tenant_id\ntiers:\n  app: { database: rb }\n";
const TENANTS: &str = "tables:\n  tenants:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n";
const EVENTS_V1: &str = "tables:\n  events:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: { type: text, check: \"kind in ('open', 'click')\" }\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3, default: true }\n    policies:\n      no_clicks_for_guests:\n        as: restrictive\n        command: select\n        roles: [public]\n        using: \"kind <> 'click' or current_setting('app.role', true) <> 'guest'\"\n";
/// v2: a column and an index on the partitioned table (two files: the index
/// is built partition by partition, outside a transaction).
const EVENTS_V2: &str = "tables:\n  events:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: { type: text, check: \"kind in ('open', 'click')\" }\n      created: timestamptz\n      note: text?\n    primary_key: [tenant_id, id, created]\n    indexes:\n      - [tenant_id, kind]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3, default: true }\n    policies:\n      no_clicks_for_guests:\n        as: restrictive\n        command: select\n        roles: [public]\n        using: \"kind <> 'click' or current_setting('app.role', true) <> 'guest'\"\n";
const NOTES: &str = "tables:\n  notes:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      body: text\n    primary_key: [tenant_id, id]\n";
const SEED: &str = "INSERT INTO tenants (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'a');
INSERT INTO events (tenant_id, kind, created) SELECT '00000000-0000-0000-0000-000000000001', CASE WHEN g % 2 = 0 THEN 'open' ELSE 'click' END, '2025-01-01'::timestamptz + g * interval '1 day' FROM generate_series(1, 120) g;";

fn write(dir: &Path, events: &str, notes: bool) {
    write_with(dir, PROJECT, events, notes);
}

fn write_with(dir: &Path, project: &str, events: &str, notes: bool) {
    let mut files = vec![("app/tenants.yaml", TENANTS), ("app/events.yaml", events)];
    if notes {
        files.push(("app/notes.yaml", NOTES));
    }
    common::write_project(dir, project, &files);
    if !notes {
        let _ = std::fs::remove_file(dir.join("app/notes.yaml"));
    }
}

fn run(command: &str, dir: &Path, url: &str, extra: &[&str]) -> (Option<i32>, String) {
    let args: Vec<&str> = ["--db", url]
        .into_iter()
        .chain(extra.iter().copied())
        .collect();
    common::outcome(command, dir, &args)
}

fn ok(command: &str, dir: &Path, url: &str, extra: &[&str]) -> String {
    let (code, out) = run(command, dir, url, extra);
    assert_eq!(code, Some(0), "schemac {command} {extra:?}:\n{out}");
    out
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

fn count(db: &str, sql: &str) -> i64 {
    Cluster::get()
        .connect(db)
        .query_one(sql, &[])
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .get(0)
}

/// A project at v3 (four migrations) applied version by version to a fresh
/// database holding rows; returns the catalog after each version.
struct Deployed {
    tmp: tempfile::TempDir,
    db: String,
    url: String,
    /// Catalog before anything, after v1, after v2, after v3.
    catalogs: Vec<Vec<String>>,
}

fn deployed(hint: &str) -> Deployed {
    let cluster = Cluster::get();
    let db = cluster.database(hint);
    let url = cluster.url(&db);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let mut catalogs = vec![catalog(&mut cluster.connect(&db))];
    write(dir, EVENTS_V1, false);
    common::emit(dir, &[]);
    ok("apply", dir, &url, &[]);
    cluster.connect(&db).batch_execute(SEED).expect("seed");
    catalogs.push(catalog(&mut cluster.connect(&db)));
    write(dir, EVENTS_V2, false);
    common::emit(dir, &[]);
    ok("apply", dir, &url, &[]);
    catalogs.push(catalog(&mut cluster.connect(&db)));
    write(dir, EVENTS_V2, true);
    common::emit(dir, &[]);
    ok("apply", dir, &url, &[]);
    cluster
        .connect(&db)
        .batch_execute("INSERT INTO notes (tenant_id, body) VALUES ('00000000-0000-0000-0000-000000000001', 'hello')")
        .expect("note");
    catalogs.push(catalog(&mut cluster.connect(&db)));
    Deployed {
        tmp,
        db,
        url,
        catalogs,
    }
}

fn assert_catalog(db: &str, want: &[String], what: &str) {
    let got = catalog(&mut Cluster::get().connect(db));
    let only_got: Vec<&String> = got.iter().filter(|l| !want.contains(l)).collect();
    let only_want: Vec<&String> = want.iter().filter(|l| !got.contains(l)).collect();
    assert!(
        got == want,
        "{what}: catalog differs\nonly in the database: {only_got:#?}\nonly expected: {only_want:#?}"
    );
}

#[test]
fn one_several_and_all_migrations_roll_back_to_the_exact_catalog_with_rows_kept() {
    let d = deployed("rollback");
    let dir = d.tmp.path();
    let versions: Vec<i32> = history(&d.db).iter().map(|(v, _)| *v).collect();
    assert_eq!(versions, vec![1, 2, 3, 4], "{:?}", history(&d.db));

    // One: the newest migration created `notes`; its down drops it (H101).
    let (code, out) = run("rollback", dir, &d.url, &["--steps", "1"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("H101") && out.contains("0004_"), "{out}");
    assert!(out.contains("--allow-hazard"), "{out}");
    assert_eq!(
        history(&d.db).len(),
        4,
        "a refused rollback changes nothing"
    );
    assert_catalog(&d.db, &d.catalogs[3], "after a refused rollback");

    let out = ok("rollback", dir, &d.url, &["--steps", "1", "--dry-run"]);
    assert!(out.contains("would roll back 0004_"), "{out}");
    assert_eq!(history(&d.db).len(), 4, "a dry run changes nothing");

    let out = ok(
        "rollback",
        dir,
        &d.url,
        &["--steps", "1", "--allow-hazard", "H101"],
    );
    assert!(out.contains("rolled back 0004_"), "{out}");
    assert_catalog(&d.db, &d.catalogs[2], "after rolling back one");
    assert_eq!(history(&d.db).len(), 3);

    // Several: the index (a down outside a transaction) and the column (H102).
    let out = ok(
        "rollback",
        dir,
        &d.url,
        &["--to", "1", "--allow-hazard", "H102"],
    );
    let three = out.find("rolled back 0003_").expect("0003 rolled back");
    let two = out.find("rolled back 0002_").expect("0002 rolled back");
    assert!(three < two, "newest first:\n{out}");
    assert!(out.contains("outside a transaction"), "{out}");
    assert_catalog(&d.db, &d.catalogs[1], "after rolling back to version 1");
    assert_eq!(history(&d.db), vec![(1, "init".to_string())]);
    assert_eq!(count(&d.db, "SELECT count(*) FROM events"), 120);
    assert_eq!(
        count(&d.db, "SELECT count(*) FROM events_default"),
        31,
        "rows stay in their partitions (April and May are past the three windows)"
    );

    // The files stay: apply runs them again, and the database matches the YAML.
    let out = ok("apply", dir, &d.url, &[]);
    assert!(
        out.contains("applied 0002_") && out.contains("applied 0004_"),
        "{out}"
    );
    ok("plan", dir, &d.url, &["--check"]);

    // All: back to an empty database (only the history table remains).
    let out = ok(
        "rollback",
        dir,
        &d.url,
        &[
            "--to",
            "0",
            "--allow-hazard",
            "H101",
            "--allow-hazard",
            "H102",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let files: Vec<&str> = json[0]["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["file"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(files.len(), 4, "{out}");
    assert!(
        files[0].starts_with("0004_") && files[3] == "0001_init.down.sql",
        "{files:?}"
    );
    assert_catalog(&d.db, &d.catalogs[0], "after rolling back everything");
    assert!(history(&d.db).is_empty());
    assert_eq!(
        common::user_objects(&mut Cluster::get().connect(&d.db)),
        vec![
            "relation public.schemac_history".to_string(),
            "relation public.schemac_history_pkey".to_string()
        ]
    );
    let out = ok("rollback", dir, &d.url, &["--steps", "1"]);
    assert!(out.contains("nothing to roll back"), "{out}");
}

#[test]
fn an_edited_or_missing_down_is_refused_by_name_and_changes_nothing() {
    let d = deployed("rollback_edited");
    let dir = d.tmp.path().join("migrations/app");
    let down = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.to_string_lossy().ends_with(".down.sql") && p.to_string_lossy().contains("0004_")
        })
        .expect("0004 down");
    let name = down.file_name().unwrap().to_string_lossy().to_string();
    let original = std::fs::read_to_string(&down).expect("read");
    std::fs::write(
        &down,
        original.replace("DROP TABLE", "DROP TABLE IF EXISTS"),
    )
    .expect("edit");
    let (code, out) = run(
        "rollback",
        d.tmp.path(),
        &d.url,
        &["--steps", "1", "--allow-hazard", "H101"],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains(&name) && out.contains("edited"), "{out}");
    assert_eq!(history(&d.db).len(), 4);
    assert_catalog(&d.db, &d.catalogs[3], "after a refused rollback");

    std::fs::remove_file(&down).expect("remove");
    let (code, out) = run(
        "rollback",
        d.tmp.path(),
        &d.url,
        &["--steps", "1", "--allow-hazard", "H101"],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains(&name), "the missing file is named: {out}");
    assert_eq!(history(&d.db).len(), 4);
    assert_catalog(&d.db, &d.catalogs[3], "after a refused rollback");
}

#[test]
fn an_up_file_edited_after_it_ran_is_refused() {
    let d = deployed("rollback_up_edited");
    let dir = d.tmp.path().join("migrations/app");
    let up = dir.join("0001_init.up.sql");
    let text = std::fs::read_to_string(&up).expect("read");
    std::fs::write(&up, format!("{text}\n-- edited\n")).expect("edit");
    // Bring schemac.sum in line, so only the history can tell.
    std::fs::write(
        dir.join("schemac.sum"),
        schemac::emit::recompute_sum(&dir).expect("sum"),
    )
    .expect("sum");
    let (code, out) = run(
        "rollback",
        d.tmp.path(),
        &d.url,
        &[
            "--to",
            "0",
            "--allow-hazard",
            "H101",
            "--allow-hazard",
            "H102",
        ],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("0001_init.up.sql") && out.contains("edited after it was applied"),
        "{out}"
    );
    assert_eq!(history(&d.db).len(), 4);
}

/// An apply blocked on a table lock holds the tier's advisory lock: a
/// rollback started meanwhile is refused, naming it, or waits for it.
#[test]
fn a_rollback_during_an_apply_is_refused_or_waits() {
    let cluster = Cluster::get();
    let db = cluster.database("rollback_concurrent");
    let url = cluster.url(&db);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    // The apply waits for the table lock longer than this test takes.
    let project = format!("{PROJECT}migrations: {{ lock_timeout: 60s }}\n");
    write_with(dir, &project, EVENTS_V1, false);
    common::emit(dir, &[]);
    ok("apply", dir, &url, &[]);
    write_with(dir, &project, EVENTS_V1, true);
    common::emit(dir, &[]);

    // Hold a lock the next migration needs, so the apply waits inside it.
    let mut blocker = cluster.connect(&db);
    blocker
        .batch_execute("BEGIN; LOCK TABLE tenants IN ACCESS EXCLUSIVE MODE;")
        .expect("lock");
    let apply = common::schemac()
        .args(["apply"])
        .arg(dir)
        .args(["--db", &url])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn apply");
    let mut watcher = cluster.connect(&db);
    let started = std::time::Instant::now();
    loop {
        let waiting: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'schemac apply (app)' AND wait_event_type = 'Lock'",
                &[],
            )
            .expect("activity")
            .get(0);
        if waiting > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the apply never waited on the lock"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let (code, out) = run(
        "rollback",
        dir,
        &url,
        &["--steps", "1", "--allow-hazard", "H101"],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("holds the lock") && out.contains("schemac apply (app)"),
        "{out}"
    );
    assert_eq!(history(&db).len(), 1, "the rollback changed nothing");

    // Waiting: the rollback runs once the apply committed, and undoes it.
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        blocker.batch_execute("COMMIT").expect("commit");
    });
    let out = ok(
        "rollback",
        dir,
        &url,
        &["--steps", "1", "--allow-hazard", "H101", "--wait", "30"],
    );
    release.join().expect("release");
    let applied = apply.wait_with_output().expect("apply");
    assert!(
        applied.status.success(),
        "{}{}",
        String::from_utf8_lossy(&applied.stdout),
        String::from_utf8_lossy(&applied.stderr)
    );
    assert!(
        out.contains("rolled back 0002_create_notes.down.sql"),
        "{out}"
    );
    assert_eq!(history(&db), vec![(1, "init".to_string())]);
    assert_eq!(
        count(&db, "SELECT count(*) FROM pg_class WHERE relname = 'notes'"),
        0
    );
}
