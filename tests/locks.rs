//! The lock level `plan` shows for each change is the lock PostgreSQL takes.
//! A database at v1 is migrated to v2 one change at a time, each in its own
//! transaction, and the strongest lock the session then holds on a relation
//! that existed before is compared with what the plan declared.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{Cluster, apply_ups, emit, schemac};

const PROJECT: &str = "project: locks\ntenancy:\n  root: app.tenants\n  setting: app.current_tenant_id\ntiers:\n  app: { database: locks }\n";
const TENANTS: &str = "tables:\n  tenants:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: text\n";

const V1: &str = r#"
enums:
  lead_status: [new, won]
tables:
  leads:
    columns:
      id: { type: uuid, default: gen_random_uuid() }
      email: text
      score: integer?
      note: varchar(50)?
      legacy: text?
      created: { type: timestamptz, default: now() }
    primary_key: [tenant_id, id]
    indexes:
      - [tenant_id, legacy]
      - [tenant_id, note]
  calls:
    columns:
      id: { type: uuid, default: gen_random_uuid() }
      lead_id: uuid
      at: timestamptz
    primary_key: [tenant_id, id]
  events:
    columns:
      id: uuid
      at: timestamptz
    primary_key: [tenant_id, id, at]
    partition: { by: range(at), interval: month, from: 2025-01, count: 2 }
views:
  lead_emails: "select tenant_id, email from leads"
"#;

const V2: &str = r#"
enums:
  lead_status: [new, open, won]
tables:
  leads:
    comment: People who may buy.
    columns:
      id: { type: uuid, default: gen_random_uuid() }
      email: { type: text, check: "email like '%@%'" }
      score: { type: integer, default: 0 }
      note: varchar(200)?
      status: { type: lead_status, default: "'new'" }
      created: { type: timestamptz, default: now() }
    primary_key: [tenant_id, id]
    unique:
      - [tenant_id, email]
    indexes:
      - [tenant_id, created]
      - { columns: [tenant_id, note], name: leads_note_idx }
    policies:
      won_leads_stay:
        command: delete
        as: restrictive
        using: "status <> 'won'"
  calls:
    columns:
      id: { type: uuid, default: gen_random_uuid() }
      lead_id: uuid
      started: { type: timestamptz, was: at }
      seconds: integer?
    primary_key: [tenant_id, id]
    foreign_keys:
      - { columns: [tenant_id, lead_id], references: { table: leads, column: [tenant_id, id] } }
  events:
    columns:
      id: uuid
      at: timestamptz
      kind: text?
    primary_key: [tenant_id, id, at]
    partition: { by: range(at), interval: month, from: 2025-01, count: 3 }
    indexes:
      - [tenant_id, kind]
  notes:
    columns:
      id: { type: uuid, default: gen_random_uuid() }
      lead_id: uuid
      body: text
    primary_key: [tenant_id, id]
    foreign_keys:
      - { columns: [tenant_id, lead_id], references: { table: leads, column: [tenant_id, id] } }
views:
  lead_emails: "select tenant_id, email, status from leads"
"#;

fn write(dir: &Path, tier: &str) {
    common::write_project(
        dir,
        PROJECT,
        &[("app/tenants.yaml", TENANTS), ("app/t.yaml", tier)],
    );
}

const MODES: [&str; 8] = [
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
];

/// `SHARE UPDATE EXCLUSIVE` → `ShareUpdateExclusiveLock`.
fn mode_name(declared: &str) -> String {
    let words: String = declared
        .split_whitespace()
        .map(|w| w[..1].to_string() + &w[1..].to_lowercase())
        .collect();
    format!("{words}Lock")
}

#[test]
fn declared_lock_levels_are_the_locks_postgres_takes() {
    let cluster = Cluster::get();
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), V1);
    emit(tmp.path(), &[]);
    let db = cluster.database("locks");
    let mut c = cluster.connect(&db);
    apply_ups(&mut c, &tmp.path().join("migrations/app"));
    let existing: Vec<u32> = c
        .query(
            "SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace",
            &[],
        )
        .expect("oids")
        .iter()
        .map(|r| r.get(0))
        .collect();

    write(tmp.path(), V2);
    let out = schemac()
        .arg("plan")
        .arg(tmp.path())
        .args(["--format", "json"])
        .output()
        .expect("plan");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");

    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in plan["tiers"][0]["files"].as_array().expect("files") {
        for change in file["changes"].as_array().expect("changes") {
            let sql = change["sql"].as_str().expect("sql");
            let subject = change["subject"].as_str().unwrap_or_default();
            if !change["transactional"].as_bool().unwrap_or(true) {
                // Outside a transaction the session's locks are gone before
                // they can be read; these are the CONCURRENTLY forms.
                assert_eq!(change["lock"], "SHARE UPDATE EXCLUSIVE", "{subject}");
                for statement in schemac::pg::script::statements(sql) {
                    c.batch_execute(&statement)
                        .unwrap_or_else(|e| panic!("{subject}: {e}\n{statement}"));
                }
                continue;
            }
            let mut tx = c.transaction().expect("begin");
            tx.batch_execute(sql)
                .unwrap_or_else(|e| panic!("{subject}: {e}\n{sql}"));
            let held: Vec<String> = tx
                .query(
                    "SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND relation = ANY($1)",
                    &[&existing],
                )
                .expect("locks")
                .iter()
                .map(|r| r.get(0))
                .collect();
            tx.commit().expect("commit");
            let strongest = held
                .iter()
                .filter_map(|m| MODES.iter().position(|x| x == m))
                .max();
            let declared = change["lock"].as_str().map(mode_name);
            let expected = declared
                .as_ref()
                .and_then(|d| MODES.iter().position(|x| x == d));
            match (expected, strongest) {
                (Some(e), Some(s)) if e == s => checked += 1,
                // No lock declared: the change only touches what it creates,
                // reading existing relations at most.
                (None, None) => {}
                (None, Some(s)) if s <= 1 => {}
                _ => wrong.push(format!(
                    "{subject}: plan says {:?}, PostgreSQL took {:?}",
                    change["lock"].as_str(),
                    strongest.map(|s| MODES[s])
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "lock levels differ:\n{}",
        wrong.join("\n")
    );
    assert!(checked >= 15, "only {checked} locks checked");
}
