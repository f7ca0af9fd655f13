//! Tenant isolation, proven on PostgreSQL for every example: after the
//! emitted migrations run, a non-superuser role that is not the owner — and
//! the owner itself, because RLS is forced — sees only the current tenant's
//! rows in every tenant-scoped table and in every partition queried directly,
//! cannot insert or move a row into another tenant, and sees nothing without
//! the tenant setting.
//!
//! Rows are loaded as superuser with `session_replication_role = replica`
//! (foreign keys off) after dropping CHECK constraints in the scratch
//! database: isolation is a property of the policies, not of the data rules.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::sync::Once;

use common::{Cluster, apply_ups, emit, examples, outcome, run_file, succeed};
use postgres::{Client, NoTls};
use schemac::model::{ColumnType, KeyExpr, PartitionStrategy, Project, Table, Tenancy, TypeKind};

const USER: &str = "schemac_rls_user";
const OWNER: &str = "schemac_rls_owner";

fn roles(cluster: &Cluster) {
    static ROLES: Once = Once::new();
    ROLES.call_once(|| {
        let mut c = cluster.connect("postgres");
        for r in [USER, OWNER] {
            c.batch_execute(&format!("CREATE ROLE {r} LOGIN NOSUPERUSER NOBYPASSRLS"))
                .expect("role");
        }
    });
}

fn connect_as(cluster: &Cluster, db: &str, role: &str) -> Client {
    Client::connect(
        &format!(
            "host=127.0.0.1 port={} user={role} dbname={db}",
            cluster.port
        ),
        NoTls,
    )
    .expect("connect as role")
}

/// The tenant id of tenant `which` as the session setting holds it.
fn tenant_raw(t: &Tenancy, which: u8) -> String {
    if t.key_type.base == "uuid" {
        format!("00000000-0000-0000-0000-00000000000{which}")
    } else {
        which.to_string()
    }
}

fn tenant_literal(t: &Tenancy, which: u8) -> String {
    format!("'{}'::{}", tenant_raw(t, which), t.key_type)
}

/// A value of `ty` for tenant `which` (1 or 2); distinct per tenant so
/// unique keys hold.
fn value(ty: &ColumnType, which: u8, schema: &str, project_enum: Option<&str>) -> Option<String> {
    if ty.array_dims > 0 {
        return Some("'{}'".into());
    }
    if ty.kind == TypeKind::Enum {
        return project_enum.map(|v| format!("'{v}'::\"{schema}\".\"{}\"", ty.base));
    }
    let b = ty.base.as_str();
    Some(match b {
        "uuid" => format!("'00000000-0000-0000-0000-0000000000{which}{which}'"),
        "boolean" => "true".into(),
        "json" | "jsonb" => "'{}'".into(),
        "date" => "'2025-01-15'".into(),
        "bytea" => "'\\x00'".into(),
        "inet" | "cidr" => "'127.0.0.1'".into(),
        "interval" => "'1 day'".into(),
        "tsvector" => "''".into(),
        _ if b.starts_with("timestamp") => "'2025-01-15 12:00:00+00'".into(),
        _ if b.starts_with("time") => "'12:00'".into(),
        _ if b.starts_with("character(") => format!("'{}'", (b'a' + which) as char),
        _ if b.starts_with("character") || b == "text" || b == "citext" => format!("'v{which}'"),
        "integer" | "bigint" | "smallint" | "real" | "double precision" => format!("{which}"),
        _ if b.starts_with("numeric") => format!("0.{which}"),
        _ if b.ends_with("range") => "'empty'".into(),
        _ => return None,
    })
}

/// The value a partition key column must take to land in a declared child.
fn partition_value(t: &Table, column: &str) -> Option<String> {
    let mut specs = Vec::new();
    if let Some(p) = &t.partitioning {
        specs.push(p.clone());
        if let Some(s) = &p.sub {
            specs.push((**s).clone());
        }
    }
    for p in specs {
        if !matches!(p.key.first(), Some(KeyExpr::Column(c)) if c == column) {
            continue;
        }
        if let Some(w) = &p.window {
            return Some(format!("'{} 12:00:00+00'", w.from));
        }
        if let Some(g) = p.groups.first() {
            return Some(format!("'{}'", g.values[0].replace('\'', "''")));
        }
        if p.strategy == PartitionStrategy::Hash {
            return None;
        }
    }
    None
}

/// `INSERT` of one row of `t` for tenant `which`; `id_column` (the root's
/// key) takes the tenant id.
fn insert(project: &Project, schema: &str, t: &Table, which: u8) -> String {
    insert_with(project, schema, t, which, None)
}

fn insert_with(
    project: &Project,
    schema: &str,
    t: &Table,
    which: u8,
    id_column: Option<&str>,
) -> String {
    let tenancy = project.tenancy.as_ref().expect("tenancy");
    let tier = project
        .tiers
        .iter()
        .find(|x| x.schema.table(t.name.as_str()).is_some())
        .expect("tier");
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for c in &t.columns {
        if c.generated.is_some() || c.identity == Some(schemac::model::Identity::Always) {
            continue;
        }
        let key = (c.name == tenancy.key && t.is_scoped()) || Some(c.name.as_str()) == id_column;
        let part = partition_value(t, c.name.as_str());
        let v = if key {
            Some(tenant_literal(tenancy, which))
        } else if let Some(p) = part {
            Some(p)
        } else if c.default.is_some() || c.identity.is_some() || c.nullable {
            None
        } else {
            let first = tier
                .schema
                .enums
                .iter()
                .find(|e| e.name == c.ty.base.as_str())
                .and_then(|e| e.values.first())
                .map(String::as_str);
            Some(value(&c.ty, which, schema, first).unwrap_or_else(|| {
                panic!("no test value for {}.{} of type {}", t.name, c.name, c.ty)
            }))
        };
        if let Some(v) = v {
            cols.push(format!("\"{}\"", c.name));
            vals.push(v);
        }
    }
    format!(
        "INSERT INTO \"{schema}\".\"{}\" ({}) VALUES ({})",
        t.name,
        cols.join(", "),
        vals.join(", ")
    )
}

fn count(c: &mut Client, sql: &str) -> i64 {
    c.query_one(sql, &[])
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .get(0)
}

fn expect_rls_refusal(c: &mut Client, sql: &str, what: &str) {
    let mut tx = c.transaction().expect("tx");
    match tx.batch_execute(sql) {
        Ok(()) => panic!("{what} succeeded but must be refused: {sql}"),
        Err(e) => {
            let code = e.code().map(|s| s.code().to_string()).unwrap_or_default();
            assert_eq!(
                code, "42501",
                "{what}: expected an RLS refusal (42501), got {e}: {sql}"
            );
        }
    }
}

fn prove(project: &Project, tier_name: &str, db: &str, cluster: &Cluster) {
    let tenancy = project.tenancy.as_ref().expect("tenancy");
    let tier = project.tier(tier_name).expect("tier");
    let schema = tier.schema.name.to_string();
    let scoped: Vec<&Table> = tier
        .schema
        .tables
        .iter()
        .filter(|t| t.is_scoped())
        .collect();
    if scoped.is_empty() {
        return;
    }
    let mut admin = cluster.connect(db);
    // Scratch database: CHECK constraints off so generated rows load.
    let drops: Vec<String> = admin
        .query(
            "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0 AND coninhcount = 0 AND connamespace = $1::text::regnamespace",
            &[&schema],
        )
        .expect("checks")
        .iter()
        .map(|r| r.get(0))
        .collect();
    for d in drops {
        admin.batch_execute(&d).expect("drop check");
    }
    let mut load = format!(
        "SET session_replication_role = replica;\nGRANT USAGE ON SCHEMA \"{schema}\" TO {USER}, {OWNER};\n"
    );
    load.push_str(&format!(
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"{schema}\" TO {USER};\n"
    ));
    if tier.name == tenancy.root_tier {
        let root = tier
            .schema
            .table(tenancy.root_table.as_str())
            .expect("root");
        let pk = root.primary_key().expect("root pk").kind.columns()[0].to_string();
        for which in [1, 2] {
            load.push_str(&insert_with(project, &schema, root, which, Some(&pk)));
            load.push_str(";\n");
        }
    }
    for t in &scoped {
        for which in [1, 2] {
            load.push_str(&insert(project, &schema, t, which));
            load.push_str(";\n");
        }
    }
    let owned: Vec<String> = admin
        .query("SELECT c.oid::regclass::text FROM pg_class c WHERE c.relnamespace = $1::text::regnamespace AND c.relkind IN ('r', 'p')", &[&schema])
        .expect("tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    for t in owned {
        load.push_str(&format!("ALTER TABLE {t} OWNER TO {OWNER};\n"));
    }
    admin
        .batch_execute(&load)
        .unwrap_or_else(|e| panic!("loading rows into {db}: {e}\n{load}"));

    let a = tenant_literal(tenancy, 1);
    let key = &tenancy.key;
    for role in [USER, OWNER] {
        let mut c = connect_as(cluster, db, role);
        c.batch_execute(&format!("SET search_path TO \"{schema}\", public"))
            .expect("path");
        // No tenant set: nothing visible, nothing writable.
        for t in &scoped {
            let n = count(
                &mut c,
                &format!("SELECT count(*) FROM \"{schema}\".\"{}\"", t.name),
            );
            assert_eq!(
                n, 0,
                "{role} sees {n} rows of {tier_name}.{} without a tenant",
                t.name
            );
            expect_rls_refusal(
                &mut c,
                &insert(project, &schema, t, 1),
                &format!("{role}: insert into {} without a tenant", t.name),
            );
        }
        c.batch_execute(&format!(
            "SET {} = '{}'",
            tenancy.setting,
            tenant_raw(tenancy, 1)
        ))
        .expect("set tenant");
        for t in &scoped {
            let table = format!("\"{schema}\".\"{}\"", t.name);
            let visible = count(&mut c, &format!("SELECT count(*) FROM {table}"));
            let foreign = count(
                &mut c,
                &format!("SELECT count(*) FROM {table} WHERE \"{key}\" <> {a}"),
            );
            // Restrictive policies of the project's own (owner-based access)
            // may hide the row further; another tenant's row is never shown.
            let restricted = t.policies.iter().any(|p| !p.permissive);
            assert_eq!(
                foreign, 0,
                "{role} on {tier_name}.{}: sees {foreign} rows of another tenant",
                t.name
            );
            assert!(
                visible == 1 || (restricted && visible == 0),
                "{role} on {tier_name}.{}: sees {visible} rows of its own tenant",
                t.name
            );
            let mut leaf_rows = 0;
            for p in t.all_partitions() {
                let part = format!("\"{schema}\".\"{}\"", p.name);
                let n = count(&mut c, &format!("SELECT count(*) FROM {part}"));
                let other = count(
                    &mut c,
                    &format!("SELECT count(*) FROM {part} WHERE \"{key}\" <> {a}"),
                );
                assert_eq!(
                    other, 0,
                    "{role} sees another tenant's rows in partition {}",
                    p.name
                );
                if p.partitions.is_empty() {
                    leaf_rows += n;
                }
            }
            if !t.partitions.is_empty() {
                assert_eq!(
                    leaf_rows, visible,
                    "{role}: leaf partitions of {} show {leaf_rows} rows",
                    t.name
                );
            }
            expect_rls_refusal(
                &mut c,
                &insert(project, &schema, t, 2),
                &format!("{role}: insert into another tenant in {}", t.name),
            );
            if visible == 1 {
                expect_rls_refusal(
                    &mut c,
                    &format!(
                        "UPDATE {table} SET \"{key}\" = {} WHERE \"{key}\" = {a}",
                        tenant_literal(tenancy, 2)
                    ),
                    &format!("{role}: move a row of {} to another tenant", t.name),
                );
            }
            let b = tenant_literal(tenancy, 2);
            let touched = c
                .execute(
                    &format!("UPDATE {table} SET \"{key}\" = \"{key}\" WHERE \"{key}\" = {b}"),
                    &[],
                )
                .expect("update");
            assert_eq!(
                touched, 0,
                "{role} updated another tenant's rows in {}",
                t.name
            );
            let deleted = c
                .execute(&format!("DELETE FROM {table} WHERE \"{key}\" = {b}"), &[])
                .expect("delete");
            assert_eq!(
                deleted, 0,
                "{role} deleted another tenant's rows in {}",
                t.name
            );
        }
    }
}

#[test]
fn every_tenant_table_isolates_tenants() {
    let cluster = Cluster::get();
    roles(cluster);
    let mut proven = 0;
    for example in examples() {
        let tmp = common::emitted_copy(&example);
        let mut loaded = schemac::load::project(tmp.path()).expect("load");
        schemac::check::run(&mut loaded);
        let project = loaded.project;
        if project.tenancy.is_none() {
            continue;
        }
        for tier in &project.tiers {
            let db = cluster.database(tier.name.as_str());
            let mut client = cluster.connect(&db);
            apply_ups(
                &mut client,
                &tmp.path().join("migrations").join(tier.name.as_str()),
            );
            prove(&project, tier.name.as_str(), &db, cluster);
            proven += tier.schema.tables.iter().filter(|t| t.is_scoped()).count();
            // The same database, proven by `schemac verify` as the application role.
            let (code, out) = outcome(
                "verify",
                tmp.path(),
                &[
                    "--db",
                    &format!("{}={}", tier.name, cluster.url(&db)),
                    "--tier",
                    tier.name.as_str(),
                    "--role",
                    USER,
                ],
            );
            assert_eq!(code, Some(0), "verify {}: {out}", tier.name);
            assert!(out.contains(", 0 leak(s)"), "{out}");
        }
    }
    assert!(proven >= 20, "only {proven} tenant tables were proven");
}

#[test]
fn isolation_predicate_hides_rows_from_an_empty_setting() {
    // A setting that was set and then reset reads as '' (not NULL) for the
    // rest of the session; the policy must treat it as no tenant, not fail.
    let cluster = Cluster::get();
    roles(cluster);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("shop");
    succeed("init", &dir, &[]);
    emit(&dir, &[]);
    let db = cluster.database("emptysetting");
    let mut admin = cluster.connect(&db);
    let up = std::fs::read_to_string(dir.join("migrations/app/0001_init.up.sql")).expect("up");
    run_file(&mut admin, &up).expect("apply");
    admin
        .batch_execute(&format!(
            "GRANT USAGE ON SCHEMA public TO {USER}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {USER};
             INSERT INTO tenants (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'a');
             INSERT INTO projects (tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'p');"
        ))
        .expect("rows");
    let mut c = connect_as(cluster, &db, USER);
    c.batch_execute("SET app.current_tenant_id = '00000000-0000-0000-0000-000000000001'")
        .expect("set");
    assert_eq!(count(&mut c, "SELECT count(*) FROM projects"), 1);
    c.batch_execute("RESET app.current_tenant_id")
        .expect("reset");
    assert_eq!(
        count(&mut c, "SELECT count(*) FROM projects"),
        0,
        "an empty setting must match no tenant"
    );
}

/// The `init` project applied, with a row for each of two tenants and the
/// application role granted what an application gets.
fn shop_database(cluster: &Cluster, hint: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    roles(cluster);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("shop");
    succeed("init", &dir, &[]);
    emit(&dir, &[]);
    let db = cluster.database(hint);
    let mut admin = cluster.connect(&db);
    let up = std::fs::read_to_string(dir.join("migrations/app/0001_init.up.sql")).expect("up");
    run_file(&mut admin, &up).expect("apply");
    admin
        .batch_execute(&format!(
            "GRANT USAGE ON SCHEMA public TO {USER};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {USER};
             INSERT INTO tenants (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'a'), ('00000000-0000-0000-0000-000000000002', 'b');
             INSERT INTO projects (tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'p'), ('00000000-0000-0000-0000-000000000002', 'q');"
        ))
        .expect("rows");
    (tmp, dir, db)
}

fn verify(cluster: &Cluster, dir: &std::path::Path, db: &str, role: &str) -> (Option<i32>, String) {
    outcome("verify", dir, &["--db", &cluster.url(db), "--role", role])
}

#[test]
fn verify_finds_no_leak_in_a_generated_database_and_leaves_it_unchanged() {
    let cluster = Cluster::get();
    let (_tmp, dir, db) = shop_database(cluster, "verifyclean");
    let before = common::catalog(&mut cluster.connect(&db));
    let rows = |c: &mut Client| count(c, "SELECT count(*) FROM projects");
    let n = rows(&mut cluster.connect(&db));
    let (code, out) = verify(cluster, &dir, &db, USER);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains(", 0 leak(s)") && out.contains("attempt(s)"),
        "{out}"
    );
    assert_eq!(
        common::catalog(&mut cluster.connect(&db)),
        before,
        "verify changed the schema"
    );
    assert_eq!(rows(&mut cluster.connect(&db)), n, "verify changed rows");
}

#[test]
fn verify_reports_a_table_left_without_its_policy() {
    let cluster = Cluster::get();
    let (_tmp, dir, db) = shop_database(cluster, "verifynopolicy");
    cluster
        .connect(&db)
        .batch_execute("DROP POLICY tenant_isolation ON projects; ALTER TABLE projects NO FORCE ROW LEVEL SECURITY; ALTER TABLE projects DISABLE ROW LEVEL SECURITY;")
        .expect("break it");
    let (code, out) = verify(cluster, &dir, &db, USER);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("leak: public.projects: row-level security: not enabled"),
        "{out}"
    );
    assert!(
        out.contains("leak: public.projects: read with no tenant set"),
        "{out}"
    );
    assert!(
        out.contains("leak: public.projects: read another tenant's rows"),
        "{out}"
    );
    assert!(
        out.contains("leak: public.projects: delete another tenant's rows"),
        "{out}"
    );
}

#[test]
fn verify_reports_a_materialized_view_the_application_can_read() {
    let cluster = Cluster::get();
    let (_tmp, dir, db) = shop_database(cluster, "verifymatview");
    cluster
        .connect(&db)
        .batch_execute(&format!(
            "CREATE MATERIALIZED VIEW project_names AS SELECT tenant_id, name FROM projects; GRANT SELECT ON project_names TO {USER};"
        ))
        .expect("matview");
    let (code, out) = verify(cluster, &dir, &db, USER);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("leak: public.project_names: read a materialized view"),
        "{out}"
    );
}

#[test]
fn verify_reports_a_table_without_rls_even_when_it_has_no_rows() {
    let cluster = Cluster::get();
    let (_tmp, dir, db) = shop_database(cluster, "verifyempty");
    cluster
        .connect(&db)
        .batch_execute("DELETE FROM projects; ALTER TABLE projects DISABLE ROW LEVEL SECURITY;")
        .expect("break it");
    let (code, out) = verify(cluster, &dir, &db, USER);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("leak: public.projects: row-level security: not enabled"),
        "{out}"
    );
}

#[test]
fn verify_refuses_a_superuser_role() {
    let cluster = Cluster::get();
    let (_tmp, dir, db) = shop_database(cluster, "verifysuper");
    let (code, out) = verify(cluster, &dir, &db, "postgres");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("refusing to verify as `postgres`") && out.contains("superuser"),
        "{out}"
    );
}

/// The CRM's owner policies call its functions (`may_see_owned`,
/// `current_user_id`, `is_manager`): within a dealership a salesperson sees
/// the companies they own and unowned ones, a manager sees them all, and
/// the tenant policy still holds the other dealership's rows back.
#[test]
fn the_crm_owner_policies_narrow_a_dealership_by_user_through_its_functions() {
    let cluster = Cluster::get();
    roles(cluster);
    let crm = examples()
        .into_iter()
        .find(|p| p.ends_with("dealership_crm"))
        .expect("the CRM example");
    let tmp = common::emitted_copy(&crm);
    let db = cluster.database("crm_owners");
    let mut admin = cluster.connect(&db);
    apply_ups(&mut admin, &tmp.path().join("migrations/crm"));
    let (alice, bob) = (
        "00000000-0000-0000-0000-0000000000a1",
        "00000000-0000-0000-0000-0000000000b2",
    );
    admin
        .batch_execute(&format!(
            "GRANT USAGE ON SCHEMA public TO {USER};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {USER};
             SET session_replication_role = replica;
             INSERT INTO dealerships (id, name, subdomain, contact_email) OVERRIDING SYSTEM VALUE VALUES (1, 'North', 'north', 'a@north.example'), (2, 'South', 'south', 'a@south.example');
             INSERT INTO companies (dealership_id, owner_id, name) VALUES
               (1, '{alice}', 'Alice fleet'), (1, '{bob}', 'Bob rentals'), (1, NULL, 'Unassigned'),
               (2, '{alice}', 'Other dealership');
             SET session_replication_role = origin;"
        ))
        .expect("companies of two dealerships");
    let mut app = connect_as(cluster, &db, USER);
    let mut seen = |user: &str, role: &str| -> Vec<String> {
        let mut tx = app.transaction().expect("begin");
        tx.batch_execute(&format!(
            "SET LOCAL app.current_dealership_id = '1'; SET LOCAL app.current_user_id = '{user}'; SET LOCAL app.current_user_role = '{role}'"
        ))
        .expect("session");
        let names = tx
            .query("SELECT name FROM companies ORDER BY name", &[])
            .expect("companies")
            .iter()
            .map(|r| r.get(0))
            .collect();
        tx.commit().expect("commit");
        names
    };
    assert_eq!(seen(alice, "salesperson"), ["Alice fleet", "Unassigned"]);
    assert_eq!(seen(bob, "bdc_agent"), ["Bob rentals", "Unassigned"]);
    assert_eq!(
        seen(bob, "manager"),
        ["Alice fleet", "Bob rentals", "Unassigned"]
    );
}
