//! The cost of a plan on a live database: on tables holding real rows,
//! `plan --db` shows for every statement that rewrites, scans or builds the
//! table's size and row estimate from the catalog, the lock it holds and an
//! estimated duration, in text and in JSON.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::Cluster;

const PROJECT: &str = "project: c\ntiers:\n  app: { database: c }\n";
const V1: &str = "tables:\n  customers:\n    columns:\n      id: { type: bigint, primary_key: true }\n      name: text\n  orders:\n    columns:\n      id: { type: bigint, primary_key: true }\n      customer_id: bigint\n      amount: integer\n      note: text\n      created: timestamptz\n  drafts:\n    columns:\n      id: { type: bigint, primary_key: true }\n      body: text\n  events:\n    columns:\n      id: bigint\n      n: integer\n      created: date\n    primary_key: [id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n";
/// A rewrite (integer → bigint), an index build, a check and a foreign key
/// to validate on `orders`; an index on the never-analyzed `drafts`.
const V2: &str = "tables:\n  customers:\n    columns:\n      id: { type: bigint, primary_key: true }\n      name: text\n  orders:\n    columns:\n      id: { type: bigint, primary_key: true }\n      customer_id: { type: bigint, references: customers }\n      amount: { type: bigint, check: \"amount >= 0\" }\n      note: text\n      created: timestamptz\n    indexes:\n      - [created]\n  drafts:\n    columns:\n      id: { type: bigint, primary_key: true }\n      body: text\n    indexes:\n      - [body]\n  events:\n    columns:\n      id: bigint\n      n: bigint\n      created: date\n    primary_key: [id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n";

const ROWS: i64 = 200_000;

fn changes(plan: &serde_json::Value) -> Vec<serde_json::Value> {
    plan["tiers"][0]["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["changes"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn statements_that_rewrite_scan_or_build_show_size_rows_lock_and_duration() {
    let cluster = Cluster::get();
    let db = cluster.database("cost");
    let url = cluster.url(&db);
    let tmp = common::one_tier(PROJECT, V1);
    let dir = tmp.path();
    common::emit(dir, &[]);
    let (code, out) = common::outcome("apply", dir, &["--db", &url]);
    assert_eq!(code, Some(0), "{out}");
    let mut c = cluster.connect(&db);
    c.batch_execute(&format!(
        "ALTER TABLE drafts SET (autovacuum_enabled = false);
         INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 1000) g;
         INSERT INTO orders SELECT g, 1 + g % 1000, g % 500, repeat('x', 40), now() - g * interval '1 minute' FROM generate_series(1, {ROWS}) g;
         INSERT INTO drafts SELECT g, repeat('d', 60) FROM generate_series(1, 20000) g;
         INSERT INTO events SELECT g, g, '2025-01-01'::date + g % 90 FROM generate_series(1, 9000) g;
         ANALYZE customers; ANALYZE orders; ANALYZE events;"
    ))
    .expect("rows");
    let size: i64 = c
        .query_one("SELECT pg_table_size('orders')", &[])
        .expect("size")
        .get(0);
    std::fs::write(dir.join("app/t.yaml"), V2).expect("v2");

    let (code, text) = common::outcome("plan", dir, &["--db", &url, "--color", "never"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("cost rewrites orders ("), "{text}");
    assert!(text.contains("cost builds an index on orders ("), "{text}");
    assert!(text.contains("cost scans orders ("), "{text}");
    assert!(text.contains("ACCESS EXCLUSIVE: about"), "{text}");
    assert!(text.contains("(default rates)"), "{text}");

    let json = common::schemac()
        .arg("plan")
        .arg(dir)
        .args(["--db", &url, "--format", "json"])
        .output()
        .expect("plan");
    assert_eq!(json.status.code(), Some(2));
    let out = String::from_utf8_lossy(&json.stdout).to_string();
    let plan: serde_json::Value = serde_json::from_str(&out).expect("json");
    let all = changes(&plan);
    let cost_of = |kind: &str, table: &str| -> serde_json::Value {
        all.iter()
            .find(|c| {
                c["kind"] == kind
                    && c["cost"]["tables"]
                        .as_array()
                        .is_some_and(|t| t.iter().any(|x| x == table))
            })
            .unwrap_or_else(|| panic!("no cost for {kind} on {table}: {out}"))["cost"]
            .clone()
    };
    let rewrite = cost_of("alter_column_type", "orders");
    assert_eq!(rewrite["work"], "rewrite");
    assert_eq!(rewrite["lock"], "ACCESS EXCLUSIVE");
    let rows = rewrite["rows"]
        .as_i64()
        .unwrap_or_else(|| panic!("rows: {rewrite}"));
    assert!(
        (rows - ROWS).abs() < ROWS / 20,
        "row estimate {rows} of {ROWS}"
    );
    let bytes = rewrite["bytes"].as_i64().expect("bytes");
    assert_eq!(bytes, size, "the catalog's size");
    assert!(rewrite["index_bytes"].as_i64().unwrap() > 0);
    let rewrite_ms = rewrite["estimate_ms"].as_u64().unwrap();
    assert!(rewrite_ms > 5, "{rewrite}");

    let build = cost_of("create_index", "orders");
    assert_eq!(build["work"], "index_build");
    assert_eq!(build["lock"], "SHARE UPDATE EXCLUSIVE");
    assert_eq!(build["concurrent"], true);

    let validations: Vec<&serde_json::Value> = all
        .iter()
        .filter(|c| c["kind"] == "validate_constraint")
        .collect();
    assert!(validations.len() >= 2, "{out}");
    let works: Vec<&str> = validations
        .iter()
        .map(|c| c["cost"]["work"].as_str().unwrap_or_default())
        .collect();
    assert!(
        works.contains(&"scan") && works.contains(&"foreign_key_scan"),
        "{works:?}"
    );
    // The lookups of a foreign key come on top of the scan.
    let ms = |work: &str| {
        validations
            .iter()
            .find(|c| c["cost"]["work"] == work)
            .and_then(|c| c["cost"]["estimate_ms"].as_u64())
            .unwrap()
    };
    assert!(ms("foreign_key_scan") > ms("scan"));

    // A partitioned table: its partitions summed.
    let events = cost_of("alter_column_type", "events");
    assert_eq!(events["rows"], 9000, "{events}");
    let leaves: i64 = c
        .query_one(
            "SELECT sum(pg_table_size(relid))::int8 FROM pg_partition_tree('events') WHERE isleaf",
            &[],
        )
        .expect("leaves")
        .get(0);
    assert_eq!(events["bytes"], leaves, "{events}");

    // Never analyzed: the planner's estimate from the table's size.
    let drafts = cost_of("create_index", "drafts");
    let rows = drafts["rows"].as_i64().expect("an estimate");
    assert!((10_000..=40_000).contains(&rows), "{drafts}");

    // A proof measures the server's rates; the estimates then use them.
    let proven = common::schemac()
        .arg("plan")
        .arg(dir)
        .args(["--db", &url, "--format", "json", "--prove"])
        .output()
        .expect("plan --prove");
    let proven: serde_json::Value = serde_json::from_slice(&proven.stdout).expect("json");
    let proof = &proven["tiers"][0]["proof"];
    assert_eq!(proof["ok"], true, "{proof}");
    let rates = &proof["rates"];
    assert_eq!(rates["source"], "measured", "{proof}");
    assert!(rates["scan_mb_s"].as_f64().unwrap() > 0.0);
    let measured = changes(&proven);
    let rewrite_measured = measured
        .iter()
        .find(|c| c["kind"] == "alter_column_type" && c["cost"]["tables"][0] == "orders")
        .expect("rewrite")["cost"]
        .clone();
    assert_eq!(rewrite_measured["rates"], "measured");
    assert_eq!(rewrite_measured["bytes"], rewrite["bytes"]);
    let expected = (rewrite["bytes"].as_f64().unwrap() + rewrite["index_bytes"].as_f64().unwrap())
        / 1_048_576.0
        / rates["rewrite_mb_s"].as_f64().unwrap()
        * 1000.0
        + rates["fixed_ms"].as_f64().unwrap();
    assert_eq!(
        rewrite_measured["estimate_ms"].as_u64().unwrap(),
        expected.round() as u64,
        "the documented model with the measured rates"
    );

    // Statements that only touch the catalog carry no cost.
    assert!(
        all.iter()
            .filter(|c| c["kind"] == "add_constraint")
            .all(|c| c.get("cost").is_none()),
        "{out}"
    );
}

#[test]
fn a_plan_without_such_work_has_no_cost_lines() {
    let cluster = Cluster::get();
    let db = cluster.database("cost_none");
    let url = cluster.url(&db);
    let tmp = common::one_tier(PROJECT, V1);
    let dir = tmp.path();
    common::emit(dir, &[]);
    common::outcome("apply", dir, &["--db", &url]);
    std::fs::write(
        dir.join("app/t.yaml"),
        V1.replace(
            "      note: text\n",
            "      note: text\n      extra: text?\n",
        ),
    )
    .expect("v2");
    let (code, text) = common::outcome("plan", dir, &["--db", &url]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("column orders.extra"), "{text}");
    assert!(!text.contains("cost "), "{text}");
}
