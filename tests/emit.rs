//! Emitted migrations run on a real PostgreSQL: every example (and a fresh
//! `schemac init`) emits, applies, rolls back to an empty database, and
//! applies again; a second emit writes nothing.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{
    Cluster, apply_files, emit, examples, migration_files, succeed, tier_dirs, user_objects,
};

/// Emit, then per tier: up → objects exist; down → nothing left; up again.
fn roundtrip(project: &Path) {
    let cluster = Cluster::get();
    let tmp = common::emitted_copy(project);
    let tiers = tier_dirs(tmp.path());
    assert!(
        !tiers.is_empty(),
        "no tier migrations for {}",
        project.display()
    );
    for tier in tiers {
        let label = format!(
            "{}/{}",
            project.display(),
            tier.file_name().unwrap_or_default().to_string_lossy()
        );
        let db = cluster.database(&tier.file_name().unwrap_or_default().to_string_lossy());
        let mut client = cluster.connect(&db);
        let ups = migration_files(&tier, ".up.sql");
        let mut downs = migration_files(&tier, ".down.sql");
        downs.reverse();
        assert!(!ups.is_empty(), "{label}: no up migration");
        assert_eq!(ups.len(), downs.len(), "{label}: up/down files pair up");
        apply_files(&mut client, &ups, &label);
        assert!(
            !user_objects(&mut client).is_empty(),
            "{label}: up created nothing"
        );
        apply_files(&mut client, &downs, &label);
        let left = user_objects(&mut client);
        assert!(
            left.is_empty(),
            "{label}: down left objects behind: {left:?}"
        );
        apply_files(&mut client, &ups, &label);
    }
    let again = emit(tmp.path(), &[]);
    assert!(
        again.contains("nothing to emit"),
        "second emit of {} wrote files:\n{again}",
        project.display()
    );
    let (code, out) = common::outcome("plan", tmp.path(), &[]);
    assert_eq!(code, Some(0), "plan after emit: {out}");
}

#[test]
fn init_scaffold_roundtrips() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("shop");
    succeed("init", &dir, &[]);
    roundtrip(&dir);
}

#[test]
fn every_example_roundtrips() {
    let all = examples();
    assert!(
        all.len() >= 3,
        "expected at least three example projects in schemas/, found {all:?}"
    );
    for example in all {
        roundtrip(&example);
    }
}

/// `on_delete_columns`: deleting the referenced row clears only the listed
/// columns of a composite key, so the tenant key stays.
#[test]
fn set_null_clears_only_the_listed_columns() {
    let tmp = common::one_tier(
        "project: p\ntiers:\n  app: { database: p }\n",
        r#"
tables:
  owners:
    columns:
      tenant_id: uuid
      id: uuid
    primary_key: [tenant_id, id]
  pets:
    columns:
      tenant_id: uuid
      id: uuid
      owner_id: uuid?
    primary_key: [tenant_id, id]
    foreign_keys:
      - columns: [tenant_id, owner_id]
        references: { table: owners, column: [tenant_id, id], on_delete: set_null, on_delete_columns: [owner_id] }
"#,
    );
    emit(tmp.path(), &[]);
    let cluster = Cluster::get();
    let db = cluster.database("set_null_columns");
    let mut c = cluster.connect(&db);
    common::apply_ups(&mut c, &tmp.path().join("migrations/app"));
    c.batch_execute(
        "INSERT INTO owners VALUES ('00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-000000000001');
         INSERT INTO pets VALUES ('00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001');
         DELETE FROM owners;",
    )
    .expect("deleting the owner keeps the pet");
    let row = c
        .query_one("SELECT tenant_id::text, owner_id::text FROM pets", &[])
        .expect("pet");
    assert_eq!(
        (row.get::<_, String>(0), row.get::<_, Option<String>>(1)),
        ("00000000-0000-0000-0000-00000000000a".to_string(), None)
    );
}

/// A deferrable unique key is checked at commit: two rows may swap values
/// within one transaction, and a duplicate still fails at commit.
#[test]
fn a_deferrable_unique_key_is_checked_at_commit() {
    let tmp = common::one_tier(
        "project: p\ntiers:\n  app: { database: p }\n",
        r#"
tables:
  steps:
    columns:
      id: { type: integer, primary_key: true }
      position: integer
    unique:
      - { columns: [position], deferrable: initially_deferred }
"#,
    );
    emit(tmp.path(), &[]);
    let cluster = Cluster::get();
    let db = cluster.database("deferrable_unique");
    let mut c = cluster.connect(&db);
    common::apply_ups(&mut c, &tmp.path().join("migrations/app"));
    c.batch_execute(
        "INSERT INTO steps VALUES (1, 1), (2, 2);
         BEGIN;
         UPDATE steps SET position = 2 WHERE id = 1;
         UPDATE steps SET position = 1 WHERE id = 2;
         COMMIT;",
    )
    .expect("a swap within one transaction commits");
    let err = c
        .batch_execute("BEGIN; UPDATE steps SET position = 1; COMMIT;")
        .expect_err("a duplicate fails at commit");
    assert_eq!(
        err.code(),
        Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
        "{err}"
    );
}

/// The up migrations of tier `app`, in order.
fn ups(dir: &Path) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("migrations/app"))
        .expect("migrations/app")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".up.sql"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("up"))
        .collect()
}

/// A type change from `v1(used)` to `v2(v1)`: with a column using the type,
/// `emit` refuses it (H115, naming `user`), and rightly: written anyway, the
/// migration fails on PostgreSQL with `refusal`. With no column using it,
/// the same change is emitted and applies.
fn refused_while_in_use(
    db: &str,
    v1: impl Fn(bool) -> String,
    v2: impl Fn(&str) -> String,
    user: &str,
    refusal: &str,
) {
    let cluster = Cluster::get();
    let project = "project: p\ntiers:\n  app: { database: p }\n";
    for used in [true, false] {
        let first = v1(used);
        let tmp = common::one_tier(project, &first);
        let dir = tmp.path();
        emit(dir, &[]);
        std::fs::write(dir.join("app/t.yaml"), v2(&first)).expect("v2");
        let (code, out) = common::outcome("emit", dir, &[]);
        let mut c = cluster.connect(&cluster.database(&format!("{db}_{used}")));
        if !used {
            assert_eq!(code, Some(0), "{out}");
            for up in ups(dir) {
                c.batch_execute(&up).expect("the change applies");
            }
            continue;
        }
        assert_ne!(code, Some(0), "{out}");
        assert!(out.contains("H115") && out.contains(user), "{out}");
        emit(dir, &["--allow-hazard", "H115"]);
        let ups = ups(dir);
        c.batch_execute(&ups[0]).expect("v1 applies");
        let err = c
            .batch_execute(&ups[1])
            .expect_err("PostgreSQL refuses the change");
        assert!(format!("{err:?}").contains(refusal), "{err:?}");
    }
}

/// Retyping an attribute of a composite that a column stores (here inside
/// another composite).
#[test]
fn a_composite_a_column_stores_is_not_retyped() {
    let types = "types:\n  amount_t:\n    attributes: { cents: integer, currency: text }\n  priced:\n    attributes: { amount: amount_t, note: text }\n";
    refused_while_in_use(
        "composite",
        |stored| {
            let column = if stored { "priced" } else { "integer" };
            format!(
                "{types}tables:\n  invoices:\n    columns:\n      id: {{ type: integer, primary_key: true }}\n      total: {column}\n"
            )
        },
        |v1| v1.replace("cents: integer", "cents: bigint"),
        "invoices.total",
        "uses it",
    );
}

/// A range has no `ALTER` for its definition: schemac drops and creates it,
/// which PostgreSQL refuses while a column uses the range.
#[test]
fn a_range_a_column_uses_is_not_redefined() {
    refused_while_in_use(
        "range",
        |used| {
            let column = if used { "shelf_span" } else { "text" };
            format!(
                "types:\n  shelf_span:\n    range: {{ subtype: text, collation: \"C\" }}\ntables:\n  shelves:\n    columns:\n      id: {{ type: integer, primary_key: true }}\n      span: {column}\n"
            )
        },
        |v1| v1.replace("collation: \"C\"", "collation: \"POSIX\""),
        "shelves.span",
        "depend",
    );
}
