//! Partition layout on PostgreSQL: windows are laid out from `from` for
//! `count` windows (never from today), children fit in 63 bytes, and every
//! child and sub-child exists with the right bounds after the migration.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{Cluster, emit, run_file, schemac, succeed};

const PROJECT: &str = "project: p\ntiers:\n  app: { database: p }\n";

fn emit_and_apply(tier_file: &str) -> (tempfile::TempDir, String) {
    let tmp = common::one_tier(PROJECT, tier_file);
    emit(tmp.path(), &[]);
    let cluster = Cluster::get();
    let db = cluster.database("partitions");
    let mut c = cluster.connect(&db);
    let up =
        std::fs::read_to_string(tmp.path().join("migrations/app/0001_init.up.sql")).expect("up");
    run_file(&mut c, &up).unwrap_or_else(|e| panic!("{e}\n{up}"));
    (tmp, db)
}

fn children(db: &str, parent: &str) -> Vec<(String, String)> {
    let mut c = Cluster::get().connect(db);
    c.batch_execute("SET TimeZone = 'UTC'").expect("tz");
    c.query(
        "SELECT c.relname::text, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = $1::text::regclass ORDER BY c.relname",
        &[&parent],
    )
    .expect("children")
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect()
}

#[test]
fn thirty_six_months_plus_default_with_names_that_fit() {
    let table = "email_delivery_attempts_with_a_deliberately_long_name_x";
    let yaml = format!(
        "tables:\n  {table}:\n    columns:\n      id: uuid\n      created: timestamptz\n    primary_key: [id, created]\n    partition: {{ by: range(created), interval: month, from: 2025-01, count: 36, default: true }}\n"
    );
    let (_tmp, db) = emit_and_apply(&yaml);
    let kids = children(&db, &format!("public.{table}"));
    assert_eq!(kids.len(), 37, "36 months and a default: {kids:?}");
    assert!(kids.iter().all(|(name, _)| name.len() <= 63), "{kids:?}");
    let defaults: Vec<_> = kids.iter().filter(|(_, b)| b == "DEFAULT").collect();
    assert_eq!(defaults.len(), 1);
    let bounds: Vec<&String> = kids.iter().map(|(_, b)| b).collect();
    assert!(
        bounds.contains(
            &&"FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00')"
                .to_string()
        ),
        "{bounds:?}"
    );
    assert!(
        bounds.contains(
            &&"FOR VALUES FROM ('2027-12-01 00:00:00+00') TO ('2028-01-01 00:00:00+00')"
                .to_string()
        ),
        "{bounds:?}"
    );
    let mut names: Vec<&String> = kids.iter().map(|(n, _)| n).collect();
    names.dedup();
    assert_eq!(names.len(), 37, "names are distinct after fitting");
}

#[test]
fn list_hash_and_sub_partitions_exist_with_their_bounds() {
    let yaml = "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      created: date\n    primary_key: [id, created, queue]\n    partition:\n      by: range(created)\n      interval: week\n      from: 2025-01-06\n      count: 2\n      then: { by: list(queue), values: { email: [send, bounce], bulk: bulk }, default: true }\n  shards:\n    columns:\n      id: uuid\n    primary_key: [id]\n    partition: { by: hash(id), modulus: 4 }\n";
    let (_tmp, db) = emit_and_apply(yaml);
    let weeks = children(&db, "public.jobs");
    assert_eq!(
        weeks,
        vec![
            (
                "jobs_2025_01_06".to_string(),
                "FOR VALUES FROM ('2025-01-06') TO ('2025-01-13')".to_string()
            ),
            (
                "jobs_2025_01_13".to_string(),
                "FOR VALUES FROM ('2025-01-13') TO ('2025-01-20')".to_string()
            ),
        ]
    );
    let lists = children(&db, "public.jobs_2025_01_06");
    assert_eq!(
        lists,
        vec![
            (
                "jobs_2025_01_06_bulk".to_string(),
                "FOR VALUES IN ('bulk')".to_string()
            ),
            ("jobs_2025_01_06_default".to_string(), "DEFAULT".to_string()),
            (
                "jobs_2025_01_06_email".to_string(),
                "FOR VALUES IN ('send', 'bounce')".to_string()
            ),
        ]
    );
    let shards = children(&db, "public.shards");
    assert_eq!(shards.len(), 4);
    assert_eq!(shards[3].1, "FOR VALUES WITH (modulus 4, remainder 3)");
}

#[test]
fn windows_do_not_depend_on_today() {
    let yaml = "tables:\n  events:\n    columns:\n      created: timestamptz\n    partition: { by: range(created), interval: year, from: 2001-01, premake: 2 }\n";
    let (tmp, _db) = emit_and_apply(yaml);
    let up =
        std::fs::read_to_string(tmp.path().join("migrations/app/0001_init.up.sql")).expect("up");
    // count defaults to premake + 1 windows from `from`, whatever today is.
    for year in ["2001", "2002", "2003"] {
        assert!(up.contains(&format!("\"events_{year}\"")), "{up}");
    }
    assert!(!up.contains("events_2004"), "{up}");
}

#[test]
fn upkeep_with_a_fixed_clock_creates_detaches_and_then_rests() {
    let cluster = Cluster::get();
    let tmp = tempfile::tempdir().expect("tempdir");
    common::write_project(
        tmp.path(),
        "project: p\ntenancy: { root: app.tenants, setting: app.tenant }\ntiers:\n  app: { database: p }\n",
        &[
            (
                "app/tenants.yaml",
                "tables:\n  tenants:\n    columns:\n      id: { type: uuid, primary_key: true }\n",
            ),
            (
                "app/t.yaml",
                "tables:\n  events:\n    columns:\n      id: uuid\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, premake: 2, retention: 3 months }\n",
            ),
        ],
    );
    emit(tmp.path(), &[]);
    let db = cluster.database("upkeep");
    let url = cluster.url(&db);
    succeed("apply", tmp.path(), &["--db", &url]);
    let upkeep = |extra: &[&str]| {
        let mut args = vec!["--db", url.as_str(), "--today", "2025-06-15"];
        args.extend_from_slice(extra);
        succeed("partitions", tmp.path(), &args)
    };
    let dry = upkeep(&["--dry-run"]);
    assert!(dry.contains("would create events_2025_04"), "{dry}");
    assert!(
        dry.contains("SET LOCAL search_path TO \"public\";"),
        "{dry}"
    );
    assert!(!dry.contains("\"public\", \"public\""), "{dry}");
    assert_eq!(
        children(&db, "public.events").len(),
        2,
        "a dry run changes nothing"
    );
    let first = upkeep(&[]);
    // June, with 3 months kept and 2 ahead: April to August exist; January and February retired.
    let mut names: Vec<String> = children(&db, "public.events")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "events_2025_04",
            "events_2025_05",
            "events_2025_06",
            "events_2025_07",
            "events_2025_08"
        ],
        "{first}"
    );
    assert!(
        first.contains("detached events_2025_01") && first.contains("detached events_2025_02"),
        "{first}"
    );
    let mut c = cluster.connect(&db);
    let rls: (bool, bool, i64) = {
        let r = c
            .query_one(
                "SELECT relrowsecurity, relforcerowsecurity, (SELECT count(*) FROM pg_policy WHERE polrelid = c.oid) FROM pg_class c WHERE relname = 'events_2025_07'",
                &[],
            )
            .expect("new window");
        (r.get(0), r.get(1), r.get(2))
    };
    assert_eq!(
        rls,
        (true, true, 1),
        "a new window carries RLS and the tenant policy"
    );
    let second = upkeep(&[]);
    assert!(
        second.contains("partitions are current"),
        "a second run does nothing: {second}"
    );
    let plan = schemac()
        .arg("plan")
        .arg(tmp.path())
        .args(["--db", &url, "--check"])
        .env("SCHEMAC_TODAY", "2025-06-15")
        .output()
        .expect("plan");
    assert_eq!(
        plan.status.code(),
        Some(0),
        "upkeep is not drift: {}",
        String::from_utf8_lossy(&plan.stdout)
    );
    let dropped = upkeep(&["--drop"]);
    assert!(dropped.contains("dropped events_2025_01"), "{dropped}");
    let left: i64 = c
        .query_one(
            "SELECT count(*) FROM pg_class WHERE relname IN ('events_2025_01', 'events_2025_02')",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(left, 0);
}
