//! Roles against the server: `apply`, `plan --db` and `verify` look up every
//! role the project names (declared, owning, granted, in a policy) before
//! they change or compare anything, and refuse a server that lacks one with
//! one message naming each missing role and where it is written.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::Cluster;

/// A project naming `reader` (declared and granted on a function) and
/// `writer` (declared and granted on a table).
fn project(reader: &str, writer: &str) -> tempfile::TempDir {
    let schemac = format!(
        "project: r\nroles:\n  {reader}: {{}}\n  {writer}: {{}}\ntiers:\n  app: {{ database: r }}\n"
    );
    let tier = format!(
        "tables:\n  notes:\n    columns:\n      id: {{ type: bigint, primary_key: true }}\n      body: text\n    grants:\n      {writer}: [select, insert]\nfunctions:\n  note_count:\n    returns: bigint\n    body: select count(*) from notes\n    grants:\n      public: none\n      {reader}: execute\n"
    );
    common::one_tier(&schemac, &tier)
}

/// The line of `out` saying where `role` is named.
fn named_at(out: &str, role: &str) -> String {
    let head = format!("  {role}: named at ");
    out.lines()
        .find(|l| l.starts_with(&head))
        .unwrap_or_default()
        .to_string()
}

fn create_role(role: &str) {
    Cluster::get()
        .connect("postgres")
        .batch_execute(&format!(
            "DO $$ BEGIN CREATE ROLE {role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        ))
        .expect("create role");
}

/// Whether the project's table exists.
fn applied(db: &str) -> bool {
    Cluster::get()
        .connect(db)
        .query_one("SELECT to_regclass('public.notes') IS NOT NULL", &[])
        .expect("lookup")
        .get(0)
}

#[test]
fn apply_refuses_a_server_without_a_named_role_and_changes_nothing() {
    let (reader, writer) = ("roles_apply_reader", "roles_apply_writer");
    create_role(writer);
    let cluster = Cluster::get();
    let db = cluster.database("rolesapply");
    let url = cluster.url(&db);
    let tmp = project(reader, writer);
    common::emit(tmp.path(), &[]);
    let (code, out) = common::outcome("apply", tmp.path(), &["--db", &url]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!("the server has no role `{reader}`")),
        "{out}"
    );
    assert!(
        !out.contains(&format!("`{writer}`")),
        "{writer} exists: {out}"
    );
    // Declared in schemac.yaml (line 3) and granted in app/t.yaml (line 14).
    let line = named_at(&out, reader);
    assert!(
        line.contains("schemac.yaml:3:3, ") && line.ends_with("app/t.yaml:14:7"),
        "{out}"
    );
    assert!(!applied(&db), "nothing was applied");

    create_role(reader);
    let (code, out) = common::outcome("apply", tmp.path(), &["--db", &url]);
    assert_eq!(code, Some(0), "{out}");
    assert!(applied(&db));
    let (code, out) = common::outcome("plan", tmp.path(), &["--db", &url, "--check"]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn plan_against_a_database_lists_every_missing_role() {
    let (reader, writer) = ("roles_plan_reader", "roles_plan_writer");
    let cluster = Cluster::get();
    let db = cluster.database("rolesplan");
    let url = cluster.url(&db);
    let tmp = project(reader, writer);
    let (code, out) = common::outcome("plan", tmp.path(), &["--db", &url]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!(
            "the server has no role `{reader}`, `{writer}`; nothing was changed"
        )),
        "{out}"
    );
    let line = named_at(&out, writer);
    assert!(
        line.contains("schemac.yaml:4:3, ") && line.ends_with("app/t.yaml:7:7"),
        "{out}"
    );
}

#[test]
fn verify_refuses_before_testing_isolation() {
    let cluster = Cluster::get();
    let db = cluster.database("rolesverify");
    let url = cluster.url(&db);
    create_role("roles_verify_app");
    let schemac = "project: v\nroles:\n  roles_verify_app: {}\n  roles_verify_gone: {}\ntenancy:\n  root: app.tenants\n  setting: app.tenant_id\ntiers:\n  app: { database: v }\n";
    let tier = "tables:\n  tenants:\n    columns:\n      id: { type: uuid, primary_key: true }\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true }\n    grants:\n      roles_verify_app: select\n";
    let tmp = common::one_tier(schemac, tier);
    let (code, out) = common::outcome(
        "verify",
        tmp.path(),
        &["--db", &url, "--role", "roles_verify_app"],
    );
    assert_ne!(code, Some(0), "{out}");
    assert!(
        out.contains("the server has no role `roles_verify_gone`")
            && named_at(&out, "roles_verify_gone").ends_with("schemac.yaml:4:3"),
        "{out}"
    );
}

#[test]
fn a_tenant_table_granted_to_a_role_rls_does_not_hold_is_refused() {
    let cluster = Cluster::get();
    let db = cluster.database("rolesbypass");
    let url = cluster.url(&db);
    cluster
        .connect("postgres")
        .batch_execute(
            "DO $$ BEGIN CREATE ROLE roles_s110_ops BYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        )
        .expect("create role");
    let schemac = |bypass: &str| {
        format!(
            "project: b\nroles:\n  roles_s110_ops: {{}}\ntenancy:\n  root: app.tenants\n  setting: app.tenant_id\n{bypass}tiers:\n  app: {{ database: b }}\n"
        )
    };
    let tier = "tables:\n  tenants:\n    tenancy: global\n    columns:\n      id: { type: uuid, primary_key: true }\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true }\n    grants:\n      roles_s110_ops: select\n";
    let tmp = common::one_tier(&schemac(""), tier);
    let (code, out) = common::outcome("plan", tmp.path(), &["--db", &url]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("S110") && out.contains("roles_s110_ops on notes: BYPASSRLS"),
        "{out}"
    );

    let tmp = common::one_tier(&schemac("  bypass_roles: [roles_s110_ops]\n"), tier);
    let (code, out) = common::outcome("plan", tmp.path(), &["--db", &url]);
    assert_eq!(code, Some(2), "a declared bypass role is planned: {out}");
}
