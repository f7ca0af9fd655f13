//! Scale-out on a real Citus cluster (a coordinator and two workers, see
//! `common::citus`): the example tiers switched to `citus:` emit, apply to the
//! coordinator and re-plan to zero; tenant tables are sharded on both workers
//! in one colocation group and the tenant root is a reference table; rows of
//! two tenants written as a non-owner application role stay isolated on the
//! distributed tables (read, update, delete, insert across tenants, and no
//! tenant set); joins between a tenant's tables run colocated; an evolution
//! applies and rolls back to the same catalog and Citus metadata with rows
//! kept. Every Citus rule guards a refusal the cluster really makes.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::citus::CitusCluster;
use common::{catalog, copy_dir, migration_files, outcome, run_file, succeed};
use postgres::Client;
use schemac::model::{Project, Table, Tenancy, TypeKind};

const APP: &str = "schemac_citus_app";

fn example(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(name)
}

/// A copy of an example project with `tier` on Citus (4 shards per table,
/// enough to place shards on both workers and cheap to create).
fn on_citus(name: &str, tier: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(&example(name), tmp.path());
    let path = tmp.path().join("schemac.yaml");
    let text = std::fs::read_to_string(&path).expect("schemac.yaml");
    let header = format!("  {tier}:\n");
    assert!(text.contains(&header), "no tier {tier} in {name}");
    let text = text.replacen(
        &header,
        &format!("{header}    citus: {{ shard_count: 4 }}\n"),
        1,
    );
    std::fs::write(&path, text).expect("write schemac.yaml");
    tmp
}

/// Replace `from` by `to` in a project file, which must contain it.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

fn load(dir: &Path) -> Project {
    let loaded = schemac::load::project(dir).expect("load");
    assert!(
        !loaded.diags.has_errors(),
        "{} does not check",
        dir.display()
    );
    loaded.project
}

/// `schemac <command> DIR --db TIER=URL --tier TIER ARGS…`, which must
/// succeed; its output.
fn run(command: &str, dir: &Path, tier: &str, url: &str, args: &[&str]) -> String {
    let db = format!("{tier}={url}");
    let mut all = vec!["--db", &db, "--tier", tier];
    all.extend_from_slice(args);
    succeed(command, dir, &all)
}

/// `plan --db` exits 0: the cluster holds exactly what the YAML says.
fn plans_to_zero(dir: &Path, tier: &str, url: &str, what: &str) {
    let db = format!("{tier}={url}");
    let (code, out) = outcome("plan", dir, &["--db", &db, "--tier", tier]);
    assert_eq!(code, Some(0), "{what}: plan --db found changes:\n{out}");
}

/// The server's message of a failed statement.
fn message(e: &postgres::Error) -> String {
    e.as_db_error()
        .map(|d| d.message().to_string())
        .unwrap_or_else(|| e.to_string())
}

fn count(c: &mut impl postgres::GenericClient, sql: &str) -> i64 {
    c.query_one(sql, &[])
        .unwrap_or_else(|e| panic!("{sql}: {}", message(&e)))
        .get(0)
}

/// Citus metadata of the public schema, one line per table.
fn metadata(c: &mut Client) -> Vec<String> {
    c.query(
        "SELECT format('%s %s %s %s', logicalrelid::regclass, partmethod, \
                coalesce(column_to_column_name(logicalrelid, partkey), '-'), \
                dense_rank() OVER (ORDER BY colocationid)) \
           FROM pg_dist_partition ORDER BY 1",
        &[],
    )
    .expect("pg_dist_partition")
    .iter()
    .map(|r| r.get(0))
    .collect()
}

/// Rows of every table of the public schema (as the superuser, who is not
/// subject to row-level security).
fn rows(c: &mut Client) -> Vec<(String, i64)> {
    let tables: Vec<String> = c
        .query(
            "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace \
              AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> 'schemac_history' ORDER BY 1",
            &[],
        )
        .expect("tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let n = count(c, &format!("SELECT count(*) FROM public.\"{t}\""));
            (t, n)
        })
        .collect()
}

fn tenant_id(t: &Tenancy, which: u8) -> String {
    if t.key_type.base == "uuid" {
        format!("00000000-0000-0000-0000-00000000000{which}")
    } else {
        which.to_string()
    }
}

/// A value satisfying a column's own `x in ('a', …)` check, if it has one.
fn allowed_value(t: &Table, column: &str) -> Option<String> {
    t.constraints.iter().find_map(|k| match &k.kind {
        schemac::model::ConstraintKind::Check { expr, .. } => {
            let e = expr.to_ascii_lowercase();
            let at = e.find(&format!("{column} in ("))?;
            let rest = &expr[at..];
            let start = rest.find('\'')?;
            let end = rest[start + 1..].find('\'')?;
            Some(format!("'{}'", &rest[start + 1..start + 1 + end]))
        }
        _ => None,
    })
}

/// `INSERT` of the row of tenant `which` in `t`: every uuid of a tenant is
/// the same value, so composite foreign keys between its rows hold; `key`
/// (the tenant key) takes `tenant` (another tenant's id to try a cross
/// write).
/// Column values a project's own checks need: (table, column, value with
/// `{w}` for the tenant's number).
type Values<'a> = &'a [(&'a str, &'a str, &'a str)];

fn insert(project: &Project, t: &Table, which: u8, tenant: u8, values: Values) -> String {
    let tenancy = project.tenancy.as_ref().expect("tenancy");
    // The tenant root holds the tenant id in its primary key.
    let key = if t.is_scoped() {
        tenancy.key.clone()
    } else {
        t.primary_key().expect("root pk").kind.columns()[0].clone()
    };
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for c in &t.columns {
        let window = t
            .partitioning
            .as_ref()
            .filter(|p| matches!(p.key.first(), Some(schemac::model::KeyExpr::Column(k)) if *k == c.name))
            .and_then(|p| p.window.as_ref());
        let fixed = values
            .iter()
            .find(|(tb, col, _)| *tb == t.name.as_str() && *col == c.name.as_str())
            .map(|(_, _, v)| v.replace("{w}", &which.to_string()));
        let v = if let Some(v) = fixed {
            v
        } else if let Some(w) = window {
            format!("'{} 12:00:00+00'", w.from)
        } else if c.name == key {
            format!("'{}'", tenant_id(tenancy, tenant))
        } else if c.ty.base == "uuid" && !c.nullable {
            format!("'00000000-0000-0000-0000-0000000000{which}{which}'")
        } else if c.default.is_some() || c.identity.is_some() || c.nullable {
            continue;
        } else if let Some(v) = allowed_value(t, c.name.as_str()) {
            v
        } else if c.ty.kind == TypeKind::Enum {
            continue;
        } else {
            let b = c.ty.base.as_str();
            match b {
                "uuid" => format!("'00000000-0000-0000-0000-0000000000{which}{which}'"),
                "boolean" => "true".into(),
                "jsonb" | "json" => "'{}'".into(),
                "date" => "'2025-01-15'".into(),
                _ if b.starts_with("timestamp") => "'2025-01-15 12:00:00+00'".into(),
                _ if (b == "text" || b == "citext") && c.name.as_str().contains("email") => {
                    format!("'{}{which}@example.com'", &c.name.as_str()[..1])
                }
                _ if b == "text" || b == "citext" || b.starts_with("character") => {
                    format!("'{}{which}'", &c.name.as_str()[..1])
                }
                _ if b.starts_with("numeric") => format!("0.{which}"),
                "smallint" | "integer" | "bigint" => format!("{which}"),
                other => panic!("no test value for {}.{} ({other})", t.name, c.name),
            }
        };
        cols.push(format!("\"{}\"", c.name));
        vals.push(v);
    }
    let overriding = if t.column(key.as_str()).and_then(|c| c.identity)
        == Some(schemac::model::Identity::Always)
    {
        " OVERRIDING SYSTEM VALUE"
    } else {
        ""
    };
    format!(
        "INSERT INTO public.\"{}\" ({}){overriding} VALUES ({})",
        t.name,
        cols.join(", "),
        vals.join(", ")
    )
}

/// Tenant tables in foreign-key order (referenced tables first).
fn in_fk_order(tables: &[&Table]) -> Vec<Table> {
    let mut left: Vec<&Table> = tables.to_vec();
    let mut out: Vec<Table> = Vec::new();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|t| {
            let ready = t.constraints.iter().all(|k| match &k.kind {
                schemac::model::ConstraintKind::ForeignKey { references, .. } => {
                    references.name == t.name
                        || out.iter().any(|o| o.name == references.name)
                        || !tables.iter().any(|x| x.name == references.name)
                }
                _ => true,
            });
            if ready {
                out.push((*t).clone());
            }
            !ready
        });
        assert!(left.len() < before, "foreign keys in a cycle");
    }
    out
}

/// A transaction of the application role for `tenant`, the way the session
/// contract says: `SET LOCAL` inside the transaction.
fn as_tenant<'a>(c: &'a mut Client, tenancy: &Tenancy, tenant: u8) -> postgres::Transaction<'a> {
    let mut tx = c.transaction().expect("begin");
    // The CRM's own policies read the user's role: a dealership owner.
    tx.batch_execute(&format!(
        "SET LOCAL {} = '{}'; SET LOCAL app.current_user_role = 'owner'",
        tenancy.setting,
        tenant_id(tenancy, tenant)
    ))
    .expect("set tenant");
    tx
}

/// Grant the application role what it needs, one GRANT per table: one
/// statement naming a distributed and a reference table fails on Citus.
fn grant(c: &mut Client, role: &str) {
    c.batch_execute(&format!("GRANT USAGE ON SCHEMA public TO {role}"))
        .expect("grant usage");
    let tables: Vec<String> = c
        .query(
            "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace \
              AND relkind IN ('r', 'p') AND relname <> 'schemac_history' ORDER BY 1",
            &[],
        )
        .expect("tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    for t in tables {
        c.batch_execute(&format!(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON public.\"{t}\" TO {role}"
        ))
        .unwrap_or_else(|e| panic!("grant on {t}: {e}"));
    }
}

/// Write the rows of two tenants as the application role and prove that
/// each tenant sees and changes only its own rows in every tenant table.
fn prove_isolation(
    cluster: &CitusCluster,
    db: &str,
    project: &Project,
    tier: &str,
    values: Values,
) {
    let tenancy = project.tenancy.as_ref().expect("tenancy");
    let schema = &project.tier(tier).expect("tier").schema;
    let scoped: Vec<&Table> = schema.tables.iter().filter(|t| t.is_scoped()).collect();
    let scoped = in_fk_order(&scoped);
    let mut app = cluster.connect_as(db, APP);
    let root = schema.table(tenancy.root_table.as_str());
    if let Some(root) = root {
        // The root's policy lets a tenant's session write its own row only.
        for which in [1, 2] {
            let sql = insert(project, root, which, which, values);
            let mut tx = as_tenant(&mut app, tenancy, which);
            tx.batch_execute(&sql)
                .unwrap_or_else(|e| panic!("root row: {}\n{sql}", message(&e)));
            tx.commit().expect("commit root row");
        }
    }
    for which in [1, 2] {
        let mut tx = as_tenant(&mut app, tenancy, which);
        for t in &scoped {
            let sql = insert(project, t, which, which, values);
            tx.batch_execute(&sql).unwrap_or_else(|e| {
                panic!("tenant {which} row in {}: {}\n{sql}", t.name, message(&e))
            });
        }
        tx.commit().expect("commit rows");
    }
    assert_isolated(cluster, db, project, tier, values);
}

/// Each tenant sees and changes only its own rows in every tenant table,
/// as the application role.
fn assert_isolated(
    cluster: &CitusCluster,
    db: &str,
    project: &Project,
    tier: &str,
    values: Values,
) {
    let tenancy = project.tenancy.as_ref().expect("tenancy");
    let schema = &project.tier(tier).expect("tier").schema;
    let scoped: Vec<&Table> = schema.tables.iter().filter(|t| t.is_scoped()).collect();
    let mut app = cluster.connect_as(db, APP);
    let mut admin = cluster.connect(db);
    let key = &tenancy.key;
    let other = tenant_id(tenancy, 2);
    for t in &scoped {
        let table = format!("public.\"{}\"", t.name);
        // Without the tenant set (or set for the session only, which Citus
        // does not send to the workers), nothing is visible.
        let mut tx = app.transaction().expect("begin");
        assert_eq!(
            count(&mut tx, &format!("SELECT count(*) FROM {table}")),
            0,
            "{}: rows visible without a tenant",
            t.name
        );
        tx.commit().expect("commit");
        app.batch_execute(&format!(
            "SET {} = '{}'",
            tenancy.setting,
            tenant_id(tenancy, 1)
        ))
        .expect("session set");
        assert_eq!(
            count(&mut app, &format!("SELECT count(*) FROM {table}")),
            0,
            "{}: a session-level SET reached the workers",
            t.name
        );
        app.batch_execute(&format!("RESET {}", tenancy.setting))
            .expect("reset");

        let own = count(
            &mut admin,
            &format!(
                "SELECT count(*) FROM {table} WHERE \"{key}\" = '{}'",
                tenant_id(tenancy, 1)
            ),
        );
        let mut tx = as_tenant(&mut app, tenancy, 1);
        let visible = count(&mut tx, &format!("SELECT count(*) FROM {table}"));
        assert_eq!(
            visible, own,
            "{}: tenant 1 sees {visible} of its {own} rows",
            t.name
        );
        assert_eq!(
            count(
                &mut tx,
                &format!("SELECT count(*) FROM {table} WHERE \"{key}\" = '{other}'")
            ),
            0,
            "{}: tenant 1 reads tenant 2's rows",
            t.name
        );
        let column = t
            .columns
            .iter()
            .find(|c| c.name != *key && c.identity.is_none() && c.generated.is_none())
            .map(|c| c.name.clone())
            .expect("a column besides the tenant key");
        let updated = tx
            .execute(
                &format!(
                    "UPDATE {table} SET \"{column}\" = \"{column}\" WHERE \"{key}\" = '{other}'"
                ),
                &[],
            )
            .expect("update");
        assert_eq!(updated, 0, "{}: tenant 1 updated tenant 2's rows", t.name);
        let deleted = tx
            .execute(
                &format!("DELETE FROM {table} WHERE \"{key}\" = '{other}'"),
                &[],
            )
            .expect("delete");
        assert_eq!(deleted, 0, "{}: tenant 1 deleted tenant 2's rows", t.name);
        tx.commit().expect("commit");
        // Writing a row of tenant 2 while tenant 1 is set is refused.
        let mut tx = as_tenant(&mut app, tenancy, 1);
        let sql = insert(project, t, 1, 2, values);
        let err = tx
            .batch_execute(&sql)
            .expect_err(&format!("{}: cross-tenant insert accepted", t.name));
        assert!(
            message(&err).contains("violates row-level security policy"),
            "{}: cross-tenant insert failed otherwise: {}",
            t.name,
            message(&err)
        );
        drop(tx);
    }
}

/// Distributed tables have shards on both workers and share one colocation
/// group; global tables are reference tables with a copy on every node.
fn assert_placement(cluster: &CitusCluster, db: &str, project: &Project, tier: &str) {
    let mut c = cluster.connect(db);
    let schema = &project.tier(tier).expect("tier").schema;
    let mut groups = std::collections::BTreeSet::new();
    for t in &schema.tables {
        let name = format!("public.\"{}\"", t.name);
        let row = c
            .query_one(
                "SELECT partmethod::text, repmodel::text, colocationid::int4 FROM pg_dist_partition WHERE logicalrelid = $1::text::regclass",
                &[&name],
            )
            .unwrap_or_else(|e| panic!("{} is not a Citus table: {e}", t.name));
        let method: String = row.get(0);
        let ports: std::collections::BTreeSet<i32> = c
            .query(
                "SELECT DISTINCT nodeport FROM citus_shards WHERE table_name = $1::text::regclass",
                &[&name],
            )
            .expect("citus_shards")
            .iter()
            .map(|r| r.get(0))
            .collect();
        if t.is_scoped() {
            assert_eq!(method, "h", "{} is not hash-distributed", t.name);
            groups.insert(row.get::<_, i32>(2));
            for w in cluster.worker_ports() {
                assert!(ports.contains(&w), "{}: no shard on worker {w}", t.name);
            }
        } else {
            assert_eq!(
                (method.as_str(), row.get::<_, String>(1).as_str()),
                ("n", "t"),
                "{} is not a reference table",
                t.name
            );
            assert_eq!(
                ports.len(),
                3,
                "{}: a copy on {} nodes",
                t.name,
                ports.len()
            );
        }
    }
    assert_eq!(
        groups.len(),
        1,
        "tenant tables in {} colocation groups",
        groups.len()
    );
}

/// Run every down file of `dir` from the newest down to version `above`+1.
fn roll_back(c: &mut Client, dir: &Path, above: u32) {
    let mut downs = migration_files(dir, ".down.sql");
    downs.reverse();
    for f in downs {
        let version: u32 = f
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.get(..4))
            .and_then(|v| v.parse().ok())
            .expect("version");
        if version <= above {
            continue;
        }
        let sql = std::fs::read_to_string(&f).expect("read down");
        run_file(c, &sql).unwrap_or_else(|e| panic!("{}: {}\n{sql}", f.display(), message(&e)));
    }
}

#[test]
fn penguinmails_oltp_runs_on_a_three_node_cluster() {
    let cluster = CitusCluster::get();
    let db = cluster.database("pm_oltp");
    let url = cluster.url(&db);
    let tmp = on_citus("penguinmails", "oltp");
    let dir = tmp.path();
    // The one thing of the tier Citus refuses, found before any database
    // is touched: ON DELETE SET NULL on a key that carries tenant_id.
    let (code, out) = outcome("check", dir, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error[C106]"), "{out}");
    assert_eq!(out.matches("error[").count(), 1, "{out}");
    edit(
        dir,
        "oltp/campaigns.yaml",
        "on_delete: set_null, on_delete_columns: [last_email_account_id]",
        "on_delete: restrict",
    );
    let project = load(dir);
    succeed("emit", dir, &[]);
    let up = std::fs::read_to_string(dir.join("migrations/oltp/0001_init.up.sql")).expect("up");
    assert!(
        up.contains("SELECT create_reference_table('\"public\".\"tenants\"');"),
        "{up}"
    );
    assert!(
        up.contains("SELECT create_distributed_table('\"public\".\"companies\"', 'tenant_id', colocate_with => 'none', shard_count => 4);"),
        "{up}"
    );
    assert!(
        up.contains("SELECT create_distributed_table('\"public\".\"leads\"', 'tenant_id', colocate_with => '\"public\".\"companies\"');"),
        "{up}"
    );
    // Tables are handed to Citus after they are created and before their
    // foreign keys, referenced tables first.
    let at = |s: &str| up.find(s).unwrap_or_else(|| panic!("no {s}"));
    assert!(
        at("CREATE TABLE \"public\".\"users\"")
            < at("create_reference_table('\"public\".\"tenants\"')")
    );
    assert!(
        at("create_reference_table('\"public\".\"tenants\"')")
            < at("create_distributed_table('\"public\".\"companies\"'")
    );
    assert!(
        at("create_distributed_table('\"public\".\"companies\"'")
            < at("create_distributed_table('\"public\".\"campaigns\"'")
    );
    assert!(
        at("create_distributed_table('\"public\".\"leads\"'")
            < at("ADD CONSTRAINT \"leads_tenant_id_company_id_fkey\"")
    );

    run("apply", dir, "oltp", &url, &[]);
    plans_to_zero(dir, "oltp", &url, "after the first migration");
    assert_placement(cluster, &db, &project, "oltp");

    cluster.role(APP);
    let mut admin = cluster.connect(&db);
    grant(&mut admin, APP);
    // A GRANT naming a distributed and a reference table together is what
    // Citus refuses in one transaction.
    let mut tx = admin.transaction().expect("begin");
    let err = tx
        .batch_execute(&format!(
            "GRANT SELECT ON public.leads, public.tenants TO {APP}"
        ))
        .expect_err("a multi-table GRANT over distributed and reference tables");
    assert!(
        message(&err).contains("parallel DDL access"),
        "{}",
        message(&err)
    );
    drop(tx);
    prove_isolation(cluster, &db, &project, "oltp", &[]);

    // Joins between one tenant's tables run colocated: one task on one node
    // for a tenant, pushed down to every shard group without one.
    let mut app = cluster.connect_as(&db, APP);
    let tenancy = project.tenancy.as_ref().expect("tenancy");
    let join = "SELECT count(*) FROM public.leads l JOIN public.companies c ON c.tenant_id = l.tenant_id AND c.id = l.company_id \
                JOIN public.campaign_leads cl ON cl.tenant_id = l.tenant_id AND cl.lead_id = l.id";
    let mut tx = as_tenant(&mut app, tenancy, 1);
    assert_eq!(count(&mut tx, join), 1);
    let plan: Vec<String> = tx
        .query(
            &format!(
                "EXPLAIN {join} WHERE l.tenant_id = '{}'",
                tenant_id(tenancy, 1)
            ),
            &[],
        )
        .expect("explain")
        .iter()
        .map(|r| r.get(0))
        .collect();
    let plan = plan.join("\n");
    assert!(plan.contains("Task Count: 1"), "{plan}");
    tx.commit().expect("commit");
    let plan: Vec<String> = admin
        .query(&format!("EXPLAIN {join}"), &[])
        .expect("explain")
        .iter()
        .map(|r| r.get(0))
        .collect();
    let plan = plan.join("\n");
    assert!(
        plan.contains("Task Count: 4") && !plan.to_lowercase().contains("repartition"),
        "{plan}"
    );

    // Evolution: a column, an index, a policy, a new distributed table
    // partitioned by month, then a new month.
    let before_catalog = catalog(&mut admin);
    let before_meta = metadata(&mut admin);
    let before_rows = rows(&mut admin);
    edit(
        dir,
        "oltp/leads.yaml",
        "      deleted: timestamptz?\n",
        "      deleted: timestamptz?\n      score: { type: integer, default: 0 }\n",
    );
    edit(
        dir,
        "oltp/leads.yaml",
        "      - { columns: [tags], using: gin }\n",
        "      - { columns: [tags], using: gin }\n      - [tenant_id, score desc]\n    policies:\n      leads_live:\n        command: select\n        using: \"tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid and deleted is null\"\n",
    );
    std::fs::write(
        dir.join("oltp/lead_events.yaml"),
        "tables:\n  lead_events:\n    comment: What happened to a lead, by month.\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      lead_id: uuid\n      kind: { type: text, check: \"kind in ('opened', 'clicked', 'replied')\" }\n      created: { type: timestamptz, default: now() }\n    primary_key: [tenant_id, id, created]\n    foreign_keys:\n      - columns: [tenant_id, lead_id]\n        references: { table: leads, on_delete: cascade }\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, premake: 2 }\n",
    )
    .expect("lead_events.yaml");
    succeed("emit", dir, &[]);
    run("apply", dir, "oltp", &url, &[]);
    plans_to_zero(dir, "oltp", &url, "after the evolution");
    let meta = metadata(&mut admin);
    assert!(
        meta.iter()
            .any(|m| m.starts_with("lead_events h tenant_id ")),
        "{meta:?}"
    );
    let group = |m: &[String], t: &str| -> String {
        m.iter()
            .find(|l| l.starts_with(&format!("{t} ")))
            .and_then(|l| l.rsplit(' ').next())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(group(&meta, "lead_events"), group(&meta, "leads"));
    assert_eq!(group(&meta, "lead_events_2025_01"), group(&meta, "leads"));
    // The next month: one more window in the YAML.
    edit(dir, "oltp/lead_events.yaml", "count: 2", "count: 3");
    succeed("emit", dir, &[]);
    run("apply", dir, "oltp", &url, &[]);
    plans_to_zero(dir, "oltp", &url, "after the new month");
    let meta = metadata(&mut admin);
    assert_eq!(
        group(&meta, "lead_events_2025_03"),
        group(&meta, "leads"),
        "{meta:?}"
    );
    // Rows of the evolved tables, isolated as before.
    grant(&mut admin, APP);
    let evolved = load(dir);
    assert_isolated(cluster, &db, &evolved, "oltp", &[]);
    let events = evolved
        .tier("oltp")
        .and_then(|t| t.schema.table("lead_events"))
        .expect("lead_events")
        .clone();
    for which in [1, 2] {
        let mut tx = as_tenant(&mut app, tenancy, which);
        tx.batch_execute(&format!(
            "INSERT INTO public.lead_events (tenant_id, lead_id, kind, created) VALUES ('{}', '00000000-0000-0000-0000-0000000000{which}{which}', 'opened', '2025-03-02')",
            tenant_id(tenancy, which)
        ))
        .expect("event row");
        tx.commit().expect("commit");
    }
    let mut tx = as_tenant(&mut app, tenancy, 1);
    assert_eq!(count(&mut tx, "SELECT count(*) FROM public.lead_events"), 1);
    assert_eq!(
        count(&mut tx, "SELECT count(*) FROM public.lead_events_2025_03"),
        1
    );
    assert_eq!(
        count(
            &mut tx,
            "SELECT count(*) FROM public.lead_events e JOIN public.leads l ON l.tenant_id = e.tenant_id AND l.id = e.lead_id"
        ),
        1
    );
    tx.commit().expect("commit");
    assert!(events.is_scoped());
    admin
        .batch_execute("DELETE FROM public.lead_events")
        .expect("clear events");

    // Back to before the evolution: the same catalog and Citus metadata,
    // and every row kept.
    roll_back(&mut admin, &dir.join("migrations/oltp"), 1);
    assert_eq!(
        catalog(&mut admin),
        before_catalog,
        "catalog after rollback"
    );
    assert_eq!(
        metadata(&mut admin),
        before_meta,
        "Citus metadata after rollback"
    );
    assert_eq!(rows(&mut admin), before_rows, "rows after rollback");
}

/// A Citus project for a rule's example: tenancy rooted at `app.tenants`,
/// `tier_file` as `app/t.yaml`, with `off` rules turned off.
fn rule_project(tier_file: &str, off: Option<&str>) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rules = off
        .map(|c| format!("rules:\n  {c}: \"off\"\n"))
        .unwrap_or_default();
    common::write_project(
        tmp.path(),
        &format!(
            "project: t\ntenancy:\n  root: app.tenants\n  setting: app.tenant\n{rules}tiers:\n  app: {{ database: app, citus: {{ shard_count: 2 }} }}\n"
        ),
        &[
            (
                "app/tenants.yaml",
                "tables:\n  tenants:\n    tenancy: global\n    columns:\n      id: { type: uuid, primary_key: true }\n",
            ),
            ("app/t.yaml", tier_file),
        ],
    );
    tmp
}

/// A rule's bad example, with the rule turned off so `emit` writes it, is
/// refused by the cluster with `refusal`; its good example applies and
/// re-plans to zero. Both check clean but for the rule itself.
fn guards(meta: &schemac::diag::RuleMeta, refusal: &str) {
    let cluster = CitusCluster::get();
    let db = cluster.database(meta.code);
    let url = cluster.url(&db);
    let bad = rule_project(meta.bad, None);
    let (code, out) = outcome("check", bad.path(), &[]);
    assert_eq!(code, Some(1), "{}: {out}", meta.code);
    assert!(
        out.contains(&format!("error[{}]", meta.code)),
        "{}: {out}",
        meta.code
    );
    let bad = rule_project(meta.bad, Some(meta.code));
    let (code, out) = outcome("check", bad.path(), &[]);
    assert_eq!(
        code,
        Some(0),
        "{}: other findings in the bad example: {out}",
        meta.code
    );
    succeed("emit", bad.path(), &[]);
    let (code, out) = outcome("apply", bad.path(), &["--db", &format!("app={url}")]);
    assert_ne!(
        code,
        Some(0),
        "{}: the cluster accepted the bad example",
        meta.code
    );
    assert!(
        out.contains(refusal),
        "{}: refused otherwise:\n{out}",
        meta.code
    );
    let mut c = cluster.connect(&db);
    assert_eq!(
        count(&mut c, "SELECT count(*) FROM pg_dist_partition"),
        0,
        "{}: the failed migration left tables in the cluster",
        meta.code
    );
    let good = rule_project(meta.good, None);
    succeed("emit", good.path(), &[]);
    run("apply", good.path(), "app", &url, &[]);
    plans_to_zero(good.path(), "app", &url, meta.code);
}

#[test]
fn c102_guards_a_refusal() {
    guards(
        &schemac::check::rules::citus_unique_without_distribution_column::META,
        "Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not include the partition column",
    );
}

#[test]
fn c103_guards_a_refusal() {
    guards(
        &schemac::check::rules::citus_foreign_key_not_colocated::META,
        "Foreign keys are supported in two cases",
    );
}

#[test]
fn c104_guards_a_refusal() {
    guards(
        &schemac::check::rules::citus_foreign_key_to_distributed::META,
        "foreign keys from reference tables and local tables to distributed tables are not supported",
    );
}

#[test]
fn c105_guards_a_refusal() {
    guards(
        &schemac::check::rules::citus_foreign_key_to_local::META,
        "must be a distributed table or a reference table",
    );
}

#[test]
fn c106_guards_a_refusal() {
    guards(
        &schemac::check::rules::citus_foreign_key_action::META,
        "SET NULL or SET DEFAULT is not supported in ON DELETE operation when distribution key is included in the foreign key constraint",
    );
}

#[test]
fn c107_guards_a_refusal() {
    guards(
        &schemac::check::rules::citus_partitioning_unsupported::META,
        "distributing multi-level partitioned tables is not supported",
    );
}

#[test]
fn c108_guards_a_refusal() {
    guards(
        &schemac::check::rules::citus_policy_subquery::META,
        "unexpected non-SELECT command in SubLink",
    );
}

/// C109: the cluster accepts the table, but a row written on a worker (as
/// Citus routes inserts issued there) cannot take a value of an integer
/// sequence; a bigint one works everywhere.
#[test]
fn c109_guards_a_refusal() {
    let meta = &schemac::check::rules::citus_sequence_not_bigint::META;
    let cluster = CitusCluster::get();
    for (example, off, works) in [(meta.bad, Some(meta.code), false), (meta.good, None, true)] {
        let db = cluster.database(meta.code);
        let url = cluster.url(&db);
        let p = rule_project(example, off);
        succeed("emit", p.path(), &[]);
        run("apply", p.path(), "app", &url, &[]);
        let mut coordinator = cluster.connect(&db);
        coordinator
            .batch_execute("INSERT INTO public.countries (name) VALUES ('on the coordinator')")
            .expect("insert on the coordinator");
        let mut worker = cluster.workers[0].connect(&db);
        let on_worker =
            worker.batch_execute("INSERT INTO public.countries (name) VALUES ('on a worker')");
        match (works, on_worker) {
            (true, Ok(())) => {}
            (false, Err(e)) => assert!(
                message(&e).contains("nextval") || message(&e).contains("reached maximum value"),
                "{}",
                message(&e)
            ),
            (true, Err(e)) => panic!("bigint identity on a worker: {}", message(&e)),
            (false, Ok(())) => panic!("an integer identity took a value on a worker"),
        }
    }
}

const SHOP: &str = "project: shop\ntenancy:\n  root: app.tenants\n  setting: app.current_tenant\ntiers:\n  app: { database: shop }\n";

const SHOP_TABLES: &str = r#"tables:
  tenants:
    tenancy: global
    comment: The shops.
    columns:
      id: { type: uuid, primary_key: true }
      name: text
  countries:
    tenancy: global
    columns:
      code: { type: text, primary_key: true }
      name: text
  notes:
    tenancy: global
    columns:
      id: { type: uuid, primary_key: true }
      body: text
  orders:
    comment: What a shop sold.
    columns:
      id: uuid
      country_code: { type: text, references: countries }
      total: { type: "numeric(10,2)", comment: "In the shop's currency." }
    primary_key: [tenant_id, id]
  order_lines:
    columns:
      id: uuid
      order_id: uuid
      sku: text
    primary_key: [tenant_id, id]
    foreign_keys:
      - columns: [tenant_id, order_id]
        references: { table: orders, on_delete: cascade }
  events:
    columns:
      id: uuid
      kind: text
    primary_key: [tenant_id, id]
"#;

fn shop() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    common::write_project(tmp.path(), SHOP, &[("app/tables.yaml", SHOP_TABLES)]);
    tmp
}

fn shop_rows(c: &mut Client) {
    c.batch_execute(
        "INSERT INTO tenants VALUES ('00000000-0000-0000-0000-000000000001', 'a'), ('00000000-0000-0000-0000-000000000002', 'b');
         INSERT INTO countries VALUES ('fr', 'France'), ('jp', 'Japan');
         INSERT INTO notes VALUES ('00000000-0000-0000-0000-0000000000aa', 'hello');
         INSERT INTO orders VALUES ('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-000000000001', 'fr', 10),
                                   ('00000000-0000-0000-0000-000000000022', '00000000-0000-0000-0000-000000000002', 'jp', 20);
         INSERT INTO order_lines VALUES ('00000000-0000-0000-0000-000000000111', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000011', 'x');
         INSERT INTO events VALUES ('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-000000000001', 'sold');",
    )
    .expect("shop rows");
}

/// The database's own setting of `citus.propagate_set_commands`, if any.
fn propagation(c: &mut Client) -> Vec<String> {
    c.query(
        "SELECT unnest(s.setconfig) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase \
          WHERE d.datname = current_database() AND s.setrole = 0",
        &[],
    )
    .expect("pg_db_role_setting")
    .iter()
    .map(|r| r.get::<_, String>(0))
    .filter(|s| s.starts_with("citus."))
    .collect()
}

/// A tier already holding rows on the coordinator moves onto the cluster:
/// its tables are distributed with their rows (in a file of their own, in
/// parallel mode), foreign keys dropped and re-added around the move; the
/// down migrations undistribute them and reset the session setting, back to
/// the same catalog with the rows kept.
#[test]
fn a_tier_with_rows_moves_onto_the_cluster_and_back() {
    let cluster = CitusCluster::get();
    let db = cluster.database("shop_moves");
    let url = cluster.url(&db);
    let tmp = shop();
    let dir = tmp.path();
    succeed("emit", dir, &[]);
    run("apply", dir, "app", &url, &[]);
    plans_to_zero(dir, "app", &url, "a plain tier on a coordinator");
    let mut admin = cluster.connect(&db);
    shop_rows(&mut admin);
    let before_catalog = catalog(&mut admin);
    let before_rows = rows(&mut admin);
    assert!(metadata(&mut admin).is_empty());

    edit(
        dir,
        "schemac.yaml",
        "app: { database: shop }",
        "app: { database: shop, citus: { shard_count: 2 } }",
    );
    succeed("emit", dir, &[]);
    let files = migration_files(&dir.join("migrations/app"), ".up.sql");
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    let copying: Vec<&String> = texts
        .iter()
        .filter(|t| t.contains("SET LOCAL citus.multi_shard_modify_mode TO 'parallel'"))
        .collect();
    assert_eq!(copying.len(), 1, "one file copies rows into shards");
    assert!(copying[0].contains("SELECT create_distributed_table('\"public\".\"orders\"'"));
    assert!(!copying[0].contains("FOREIGN KEY"), "{}", copying[0]);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("citus.propagate_set_commands"))
    );
    run("apply", dir, "app", &url, &[]);
    plans_to_zero(dir, "app", &url, "after the move");
    assert_eq!(rows(&mut admin), before_rows, "rows after the move");
    assert_eq!(
        propagation(&mut admin),
        ["citus.propagate_set_commands=local"]
    );
    let meta = metadata(&mut admin);
    for t in ["order_lines", "orders", "events"] {
        assert!(
            meta.iter()
                .any(|m| m.starts_with(&format!("{t} h tenant_id "))),
            "{meta:?}"
        );
    }
    for t in ["tenants", "countries", "notes"] {
        assert!(
            meta.iter().any(|m| m.starts_with(&format!("{t} n - "))),
            "{meta:?}"
        );
    }
    // The comments survive the move both ways.
    let comment = |c: &mut Client| -> Option<String> {
        c.query_one("SELECT col_description('public.orders'::regclass, 4)", &[])
            .expect("comment")
            .get(0)
    };
    assert_eq!(
        comment(&mut admin).as_deref(),
        Some("In the shop's currency.")
    );

    roll_back(&mut admin, &dir.join("migrations/app"), 1);
    assert!(
        metadata(&mut admin).is_empty(),
        "{:?}",
        metadata(&mut admin)
    );
    assert_eq!(
        catalog(&mut admin),
        before_catalog,
        "catalog after moving back"
    );
    assert_eq!(rows(&mut admin), before_rows, "rows after moving back");
    assert!(propagation(&mut admin).is_empty());
}

/// The SQL of every migration file `plan --db` prints.
fn printed_files(plan: &str, tier: &str) -> Vec<String> {
    let marker = format!("-- {tier}/");
    let mut out: Vec<String> = Vec::new();
    for line in plan.lines() {
        // The summary that closes the output is not SQL.
        if line == "summary" {
            break;
        }
        if line.starts_with(&marker) {
            out.push(String::new());
        } else if let Some(f) = out.last_mut() {
            f.push_str(line);
            f.push('\n');
        }
    }
    out
}

/// Drift in the cluster's metadata shows in `plan --db` — a reference table
/// brought back to the coordinator, a distributed table moved out of the
/// tier's colocation group — and the printed plan repairs it; `inspect`
/// writes the distribution back as YAML that checks clean.
#[test]
fn plan_db_and_inspect_read_the_cluster() {
    let cluster = CitusCluster::get();
    let db = cluster.database("shop_drift");
    let url = cluster.url(&db);
    let tmp = shop();
    let dir = tmp.path();
    edit(
        dir,
        "schemac.yaml",
        "app: { database: shop }",
        "app: { database: shop, citus: { shard_count: 2 } }",
    );
    succeed("emit", dir, &[]);
    run("apply", dir, "app", &url, &[]);
    let mut admin = cluster.connect(&db);
    shop_rows(&mut admin);
    let expected = metadata(&mut admin);
    admin
        .batch_execute(
            "SELECT undistribute_table('public.notes');
             SELECT update_distributed_table_colocation('public.events', colocate_with => 'none');",
        )
        .expect("drift");
    let db_arg = format!("app={url}");
    let plan = common::schemac()
        .arg("plan")
        .arg(dir)
        .args(["--db", &db_arg, "--tier", "app"])
        .output()
        .expect("plan --db");
    let out = String::from_utf8_lossy(&plan.stdout).to_string();
    assert_eq!(plan.status.code(), Some(2), "{out}");
    assert!(out.contains("table notes as reference table"), "{out}");
    assert!(out.contains("table events as distributed table"), "{out}");
    assert!(out.contains("table events back to local"), "{out}");
    assert!(!out.contains("unmanaged"), "{out}");
    for sql in printed_files(&out, "app") {
        run_file(&mut admin, &sql).unwrap_or_else(|e| panic!("{}\n{sql}", message(&e)));
    }
    plans_to_zero(dir, "app", &url, "after the repair");
    let repaired = metadata(&mut admin);
    assert_eq!(repaired, expected, "metadata after the repair");

    let out = tempfile::tempdir().expect("tempdir");
    let inspect = common::schemac()
        .args(["inspect", "--db", &url, "--out"])
        .arg(out.path())
        .output()
        .expect("inspect");
    assert!(
        inspect.status.success(),
        "{}",
        String::from_utf8_lossy(&inspect.stderr)
    );
    // What Citus makes for itself (shards, its truncate triggers, its
    // functions) is not an object of the schema left unmanaged.
    let notes = String::from_utf8_lossy(&inspect.stderr);
    assert!(!notes.contains("unmanaged"), "{notes}");
    let project = std::fs::read_to_string(out.path().join("schemac.yaml")).expect("schemac.yaml");
    assert!(project.contains("citus: true"), "{project}");
    let tier = std::fs::read_dir(out.path())
        .expect("out")
        .flatten()
        .find(|e| e.path().is_dir())
        .expect("tier folder")
        .path();
    let orders = std::fs::read_to_string(tier.join("orders.yaml")).expect("orders.yaml");
    assert!(
        orders.contains("distribution:") && orders.contains("by: tenant_id"),
        "{orders}"
    );
    let notes = std::fs::read_to_string(tier.join("notes.yaml")).expect("notes.yaml");
    assert!(!notes.contains("distribution"), "{notes}");
    let (code, text) = outcome("check", out.path(), &[]);
    assert_eq!(code, Some(0), "{text}");
    // The inspected project rebuilds the same cluster layout elsewhere.
    let copy = cluster.database("shop_adopted");
    let copy_url = cluster.url(&copy);
    succeed("emit", out.path(), &[]);
    let tier_name = tier
        .file_name()
        .and_then(|n| n.to_str())
        .expect("tier name")
        .to_string();
    run("apply", out.path(), &tier_name, &copy_url, &[]);
    plans_to_zero(out.path(), &tier_name, &copy_url, "the adopted copy");
    let mut adopted = cluster.connect(&copy);
    assert_eq!(
        metadata(&mut adopted),
        expected,
        "Citus metadata of the adopted copy"
    );
    assert_eq!(
        catalog(&mut adopted),
        catalog(&mut admin),
        "catalog of the adopted copy"
    );
}

/// `schemac partitions` against the coordinator creates the next months of
/// a distributed table; Citus distributes each one with its parent.
#[test]
fn partition_upkeep_on_the_coordinator() {
    let cluster = CitusCluster::get();
    let db = cluster.database("shop_upkeep");
    let url = cluster.url(&db);
    let tmp = tempfile::tempdir().expect("tempdir");
    common::write_project(
        tmp.path(),
        "project: shop\ntenancy:\n  root: app.tenants\n  setting: app.current_tenant\ntiers:\n  app: { database: shop, citus: { shard_count: 2 } }\n",
        &[(
            "app/tables.yaml",
            "tables:\n  tenants:\n    tenancy: global\n    columns:\n      id: { type: uuid, primary_key: true }\n  visits:\n    columns:\n      id: uuid\n      at: timestamptz\n    primary_key: [tenant_id, id, at]\n    partition: { by: range(at), interval: month, from: 2025-01, count: 1, premake: 2, retention: 2 months }\n",
        )],
    );
    let dir = tmp.path();
    succeed("emit", dir, &[]);
    run("apply", dir, "app", &url, &[]);
    run(
        "partitions",
        dir,
        "app",
        &url,
        &["--today", "2025-03-10", "--drop"],
    );
    let mut admin = cluster.connect(&db);
    let meta = metadata(&mut admin);
    let group = |t: &str| -> Option<String> {
        meta.iter()
            .find(|l| l.starts_with(&format!("{t} h tenant_id ")))
            .and_then(|l| l.rsplit(' ').next())
            .map(str::to_string)
    };
    let parent = group("visits").expect("visits is distributed");
    for month in ["visits_2025_03", "visits_2025_04", "visits_2025_05"] {
        assert_eq!(
            group(month).as_deref(),
            Some(parent.as_str()),
            "{month}: {meta:?}"
        );
    }
    assert!(
        group("visits_2025_01").is_none(),
        "an expired month stays: {meta:?}"
    );
}

/// What Citus refuses to change on a table it holds is refused by `emit`
/// (H112) before any database is touched: here, bringing a table with an
/// identity column back to the coordinator.
#[test]
fn emit_refuses_what_citus_cannot_change() {
    let tmp = tempfile::tempdir().expect("tempdir");
    common::write_project(
        tmp.path(),
        "project: t\ntiers:\n  app: { database: t, citus: true }\n",
        &[(
            "app/t.yaml",
            "tables:\n  counters:\n    columns:\n      id: { type: bigint, identity: by_default, primary_key: true }\n      name: text\n",
        )],
    );
    succeed("emit", tmp.path(), &[]);
    edit(tmp.path(), "schemac.yaml", ", citus: true", "");
    let (code, out) = outcome("emit", tmp.path(), &[]);
    assert_ne!(code, Some(0), "{out}");
    assert!(out.contains("H112"), "{out}");
    assert!(out.contains("identity column"), "{out}");
    let (code, out) = outcome("emit", tmp.path(), &["--allow-hazard", "H112"]);
    assert_eq!(code, Some(0), "{out}");
}

/// Rewrite a tier file through its data (comments are not kept).
fn rewrite(path: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let text = std::fs::read_to_string(path).expect("read tier file");
    let mut doc: serde_json::Value = serde_saphyr::from_str(&text).expect("tier file");
    f(&mut doc);
    std::fs::write(path, serde_saphyr::to_string(&doc).expect("yaml")).expect("write tier file");
}

/// `list` (a column list) with `key` in front, unless it holds it.
fn keyed(list: &serde_json::Value, key: &str) -> serde_json::Value {
    let mut cols: Vec<serde_json::Value> = match list {
        serde_json::Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    if !cols.iter().any(|c| c.as_str() == Some(key)) {
        cols.insert(0, serde_json::Value::from(key));
    }
    serde_json::Value::Array(cols)
}

/// A tenant table made the way `check` asks on a Citus tier: every key and
/// reference between tenant tables carries the tenant key (C102, C103), a
/// referential action never writes it (C106: `set_null` becomes
/// `restrict`), and policies that look another table up (C108) or that are
/// restrictive (C110) are left out.
fn port_table(t: &mut serde_json::Value, key: &str, root: &str) {
    use serde_json::{Value, json};
    let mut primary: Option<Value> = t.get("primary_key").cloned();
    let mut uniques: Vec<Value> = t
        .get("unique")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut fks: Vec<Value> = t
        .get("foreign_keys")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let refusal = |r: &mut serde_json::Map<String, Value>| {
        if r.get("on_delete").and_then(Value::as_str) == Some("set_null") {
            r.insert("on_delete".into(), json!("restrict"));
            r.remove("on_delete_columns");
        }
    };
    if let Some(cols) = t.get_mut("columns").and_then(Value::as_object_mut) {
        for (name, spec) in cols.iter_mut() {
            let Value::Object(m) = spec else { continue };
            if m.remove("primary_key") == Some(json!(true)) {
                primary = Some(json!([key, name]));
            }
            if m.remove("unique") == Some(json!(true)) {
                uniques.push(json!([key, name]));
            }
            let Some(r) = m.remove("references") else {
                continue;
            };
            let mut r = match r {
                Value::String(table) => json!({ "table": table }),
                other => other,
            };
            if r["table"].as_str() == Some(root) {
                m.insert("references".into(), r);
                continue;
            }
            if let Some(o) = r.as_object_mut() {
                refusal(o);
                if let Some(c) = o.get("column").cloned() {
                    o.insert("column".into(), keyed(&c, key));
                }
            }
            fks.push(json!({ "columns": [key, name], "references": r }));
        }
    }
    for fk in &mut fks {
        fk["columns"] = keyed(&fk["columns"], key);
        if let Some(o) = fk["references"].as_object_mut() {
            refusal(o);
        }
    }
    let obj = t.as_object_mut().expect("table");
    if let Some(p) = primary {
        obj.insert("primary_key".into(), keyed(&p, key));
    }
    if !uniques.is_empty() {
        let uniques: Vec<Value> = uniques
            .iter()
            .map(|u| match u {
                Value::Object(m) => {
                    let mut m = m.clone();
                    let cols = keyed(&m["columns"], key);
                    m.insert("columns".into(), cols);
                    Value::Object(m)
                }
                other => keyed(other, key),
            })
            .collect();
        obj.insert("unique".into(), Value::Array(uniques));
    }
    if !fks.is_empty() {
        obj.insert("foreign_keys".into(), Value::Array(fks));
    }
    if let Some(indexes) = obj.get_mut("indexes").and_then(Value::as_array_mut) {
        for i in indexes.iter_mut() {
            if let Some(m) = i.as_object_mut()
                && m.get("unique") == Some(&json!(true))
            {
                let cols = keyed(&m["columns"], key);
                m.insert("columns".into(), cols);
            }
        }
    }
    if let Some(policies) = obj.get_mut("policies").and_then(Value::as_object_mut) {
        policies.retain(|_, p| {
            !p.to_string().to_lowercase().contains("select ") && p["as"] != json!("restrictive")
        });
    }
}

/// Values the CRM's checks ask for beyond one value per column type.
const CRM_VALUES: Values = &[
    (
        "activities",
        "lead_id",
        "'00000000-0000-0000-0000-0000000000{w}{w}'",
    ),
    ("meetings", "ends_at", "'2025-01-15 13:00:00+00'"),
    ("customers", "email", "'c{w}@example.com'"),
    ("vehicles", "vin", "'1HGCM82633A00435{w}'"),
    ("vehicles", "model_year", "2024"),
];

/// The CRM example on Citus: `check` refuses exactly what Citus would, the
/// ported project runs on the cluster with the same proofs as the OLTP
/// tier, and an evolution applies and rolls back.
#[test]
fn dealership_crm_runs_on_a_three_node_cluster() {
    let cluster = CitusCluster::get();
    let db = cluster.database("crm");
    let url = cluster.url(&db);
    let tmp = on_citus("dealership_crm", "crm");
    let dir = tmp.path();
    let (code, out) = outcome("check", dir, &["--format", "json"]);
    assert_eq!(code, Some(1), "{out}");
    let report: serde_json::Value = serde_json::from_str(out.lines().next().unwrap_or_default())
        .unwrap_or_else(|_| serde_json::from_str(&out).expect("json"));
    let mut refused: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect();
    refused.sort();
    refused.dedup();
    // Foreign keys between tenant tables carry the tenant key, so they are
    // colocated; one of them sets NULL on delete, which Citus refuses on a
    // key holding the distribution column (C106).
    assert_eq!(refused, ["C102", "C106", "C108", "C110"], "{refused:?}");

    let files: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("crm"))
        .expect("crm/")
        .flatten()
        .map(|e| e.path())
        .collect();
    for f in files {
        rewrite(&f, |doc| {
            if let Some(tables) = doc.get_mut("tables").and_then(|t| t.as_object_mut()) {
                for (name, t) in tables.iter_mut() {
                    if name != "dealerships" {
                        port_table(t, "dealership_id", "dealerships");
                    }
                }
            }
        });
    }
    let (code, out) = outcome("check", dir, &[]);
    assert_eq!(code, Some(0), "the ported CRM does not check:\n{out}");
    let project = load(dir);
    succeed("emit", dir, &[]);
    run("apply", dir, "crm", &url, &[]);
    plans_to_zero(dir, "crm", &url, "the CRM on the cluster");
    assert_placement(cluster, &db, &project, "crm");

    cluster.role(APP);
    let mut admin = cluster.connect(&db);
    grant(&mut admin, APP);
    prove_isolation(cluster, &db, &project, "crm", CRM_VALUES);
    let tenancy = project.tenancy.as_ref().expect("tenancy");
    let mut app = cluster.connect_as(&db, APP);
    let join = "SELECT count(*) FROM public.leads l JOIN public.customers c ON c.dealership_id = l.dealership_id AND c.id = l.customer_id";
    let mut tx = as_tenant(&mut app, tenancy, 1);
    assert_eq!(count(&mut tx, join), 1);
    let plan: Vec<String> = tx
        .query(&format!("EXPLAIN {join} WHERE l.dealership_id = 1"), &[])
        .expect("explain")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(plan.join("\n").contains("Task Count: 1"), "{plan:?}");
    tx.commit().expect("commit");

    // Evolution: a column, an index and a policy on leads, then a new
    // distributed table partitioned by month, then one more month.
    let before_catalog = catalog(&mut admin);
    let before_meta = metadata(&mut admin);
    let before_rows = rows(&mut admin);
    rewrite(&dir.join("crm/customers.yaml"), |doc| {
        let leads = &mut doc["tables"]["leads"];
        leads["columns"]["priority"] = serde_json::json!({ "type": "integer", "default": 0 });
        leads["indexes"]
            .as_array_mut()
            .expect("indexes")
            .push(serde_json::json!(["dealership_id", "priority"]));
        leads["policies"] = serde_json::json!({
            "leads_open": { "command": "select", "using": "dealership_id = nullif(current_setting('app.current_dealership_id', true), '')::bigint and status <> 'lost'" }
        });
    });
    std::fs::write(
        dir.join("crm/lead_touches.yaml"),
        "tables:\n  lead_touches:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      lead_id: uuid\n      channel: text\n      touched_at: { type: timestamptz, default: now() }\n    primary_key: [dealership_id, id, touched_at]\n    foreign_keys:\n      - columns: [dealership_id, lead_id]\n        references: { table: leads, on_delete: cascade }\n    partition: { by: range(touched_at), interval: month, from: 2025-01, count: 2 }\n",
    )
    .expect("lead_touches.yaml");
    succeed("emit", dir, &[]);
    run("apply", dir, "crm", &url, &[]);
    plans_to_zero(dir, "crm", &url, "the CRM after the evolution");
    edit(dir, "crm/lead_touches.yaml", "count: 2", "count: 3");
    succeed("emit", dir, &[]);
    run("apply", dir, "crm", &url, &[]);
    plans_to_zero(dir, "crm", &url, "the CRM after the new month");
    let meta = metadata(&mut admin);
    let group = |t: &str| -> Option<String> {
        meta.iter()
            .find(|l| l.starts_with(&format!("{t} h dealership_id ")))
            .and_then(|l| l.rsplit(' ').next())
            .map(str::to_string)
    };
    assert!(group("leads").is_some(), "{meta:?}");
    assert_eq!(group("lead_touches_2025_03"), group("leads"), "{meta:?}");
    grant(&mut admin, APP);
    let mut tx = as_tenant(&mut app, tenancy, 2);
    tx.batch_execute(
        "INSERT INTO public.lead_touches (dealership_id, lead_id, channel, touched_at) \
         VALUES (2, '00000000-0000-0000-0000-000000000022', 'sms', '2025-03-02')",
    )
    .expect("a touch of tenant 2");
    tx.commit().expect("commit");
    let mut tx = as_tenant(&mut app, tenancy, 1);
    assert_eq!(
        count(&mut tx, "SELECT count(*) FROM public.lead_touches"),
        0
    );
    tx.commit().expect("commit");
    assert_isolated(cluster, &db, &load(dir), "crm", CRM_VALUES);
    admin
        .batch_execute("DELETE FROM public.lead_touches")
        .expect("clear touches");

    roll_back(&mut admin, &dir.join("migrations/crm"), 1);
    assert_eq!(
        catalog(&mut admin),
        before_catalog,
        "catalog after rollback"
    );
    assert_eq!(
        metadata(&mut admin),
        before_meta,
        "Citus metadata after rollback"
    );
    assert_eq!(rows(&mut admin), before_rows, "rows after rollback");
}

/// C110: Citus 13 creates a restrictive policy as a permissive one on the
/// shards. The bad example, emitted with the rule off, applies — and on the
/// workers the policy admits every tenant's ownerless rows.
#[test]
fn c110_guards_a_policy_citus_weakens() {
    let meta = &schemac::check::rules::citus_restrictive_policy::META;
    let cluster = CitusCluster::get();
    let db = cluster.database(meta.code);
    let url = cluster.url(&db);
    let bad = rule_project(meta.bad, None);
    let (code, out) = outcome("check", bad.path(), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error[C110]"), "{out}");
    let bad = rule_project(meta.bad, Some(meta.code));
    succeed("emit", bad.path(), &[]);
    run("apply", bad.path(), "app", &url, &[]);
    let mut coordinator = cluster.connect(&db);
    let permissive = |c: &mut Client| -> Vec<bool> {
        c.query(
            "SELECT polpermissive FROM pg_policy WHERE polname = 'deals_own'",
            &[],
        )
        .expect("pg_policy")
        .iter()
        .map(|r| r.get(0))
        .collect()
    };
    assert_eq!(permissive(&mut coordinator), [false]);
    let mut worker = cluster.workers[0].connect(&db);
    worker
        .batch_execute("SET citus.show_shards_for_app_name_prefixes = '*'")
        .expect("show shards");
    let on_worker = permissive(&mut worker);
    assert!(
        !on_worker.is_empty() && on_worker.iter().all(|p| *p),
        "{on_worker:?}"
    );
    cluster.role(APP);
    grant(&mut coordinator, APP);
    coordinator
        .batch_execute(
            "INSERT INTO tenants VALUES ('00000000-0000-0000-0000-000000000001'), ('00000000-0000-0000-0000-000000000002');
             INSERT INTO deals (id, tenant_id) VALUES ('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-000000000002');",
        )
        .expect("rows");
    let mut app = cluster.connect_as(&db, APP);
    let mut tx = app.transaction().expect("begin");
    tx.batch_execute("SET LOCAL app.tenant = '00000000-0000-0000-0000-000000000001'")
        .expect("tenant");
    assert_eq!(
        count(&mut tx, "SELECT count(*) FROM deals"),
        1,
        "tenant 1 reads tenant 2's deal through the weakened policy"
    );
}

/// Citus propagates REPLICA IDENTITY to the shards (what moving shards
/// between nodes relies on), so it is allowed.
#[test]
fn replica_identity_reaches_the_shards() {
    let cluster = CitusCluster::get();
    let db = cluster.database("replident");
    let url = cluster.url(&db);
    let p = rule_project(
        "tables:\n  events:\n    columns:\n      id: uuid\n      kind: text\n    primary_key: [tenant_id, id]\n    replica_identity: full\n",
        None,
    );
    let (code, out) = outcome("check", p.path(), &[]);
    assert_eq!(code, Some(0), "{out}");
    succeed("emit", p.path(), &[]);
    run("apply", p.path(), "app", &url, &[]);
    plans_to_zero(p.path(), "app", &url, "replica identity");
    let mut worker = cluster.workers[0].connect(&db);
    worker
        .batch_execute("SET citus.show_shards_for_app_name_prefixes = '*'")
        .expect("show shards");
    let shards: Vec<String> = worker
        .query(
            "SELECT relreplident::text FROM pg_class WHERE relname LIKE 'events\\_%' AND relkind = 'r'",
            &[],
        )
        .expect("shards")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        !shards.is_empty() && shards.iter().all(|r| r == "f"),
        "{shards:?}"
    );
}

/// C111: the cluster refuses a table that inherits from one it holds.
#[test]
fn c111_guards_a_refusal() {
    guards(
        &schemac::check::rules::citus_inheritance::META,
        "cannot inherit",
    );
}

/// What the language has beyond tables' keys also holds on the cluster: an
/// unlogged tenant table, a bigint sequence a distributed table draws from
/// (C109 leaves it alone), storage parameters.
#[test]
fn unlogged_tables_sequences_and_options_on_the_cluster() {
    let cluster = CitusCluster::get();
    let db = cluster.database("extras");
    let url = cluster.url(&db);
    let p = rule_project(
        "sequences:\n  ticket_numbers: { type: bigint }\ntables:\n  scratch:\n    unlogged: true\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n  tickets:\n    with: { fillfactor: 80, toast.autovacuum_enabled: false }\n    columns:\n      id: uuid\n      note: text?\n      number: { type: bigint, default: \"nextval('ticket_numbers')\" }\n    primary_key: [tenant_id, id]\n",
        None,
    );
    let (code, out) = outcome("check", p.path(), &[]);
    assert_eq!(code, Some(0), "{out}");
    succeed("emit", p.path(), &[]);
    run("apply", p.path(), "app", &url, &[]);
    plans_to_zero(p.path(), "app", &url, "unlogged, sequence, options");
    let mut c = cluster.connect(&db);
    c.batch_execute(
        "INSERT INTO tenants VALUES ('00000000-0000-0000-0000-000000000001');
         INSERT INTO tickets (tenant_id, id) VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000011');",
    )
    .expect("a ticket numbered by the sequence");
    let meta = metadata(&mut c);
    assert!(
        meta.iter().any(|m| m.starts_with("scratch h tenant_id")),
        "{meta:?}"
    );
    let mut worker = cluster.workers[1].connect(&db);
    worker
        .batch_execute("SET citus.show_shards_for_app_name_prefixes = '*'")
        .expect("show shards");
    let kinds: Vec<String> = worker
        .query(
            "SELECT relpersistence::text || coalesce(array_to_string(reloptions, ','), '') FROM pg_class \
              WHERE (relname LIKE 'scratch\\_%' OR relname LIKE 'tickets\\_%') AND relkind = 'r' ORDER BY relname",
            &[],
        )
        .expect("shards")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        kinds.contains(&"u".to_string()),
        "unlogged shards: {kinds:?}"
    );
    assert!(
        kinds.contains(&"pfillfactor=80".to_string()),
        "shard options: {kinds:?}"
    );
    // TOAST options live on each shard's TOAST table: Citus does not copy
    // them when it creates the shards, so they are set again after.
    let up = std::fs::read_to_string(p.path().join("migrations/app/0001_init.up.sql")).expect("up");
    let distribute = up
        .find("SELECT create_distributed_table('\"public\".\"tickets\"'")
        .expect("tickets distributed");
    let reset = up
        .find(
            "ALTER TABLE \"public\".\"tickets\" SET (\"toast\".\"autovacuum_enabled\" = 'false');",
        )
        .unwrap_or_else(|| panic!("TOAST options set again: {up}"));
    assert!(distribute < reset, "{up}");
    let toast: Vec<String> = worker
        .query(
            "SELECT coalesce(array_to_string(t.reloptions, ','), '') FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid \
              WHERE c.relname LIKE 'tickets\\_%' AND c.relkind = 'r' ORDER BY c.relname",
            &[],
        )
        .expect("shard TOAST tables")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(!toast.is_empty(), "no shards of tickets on the worker");
    assert!(
        toast.iter().all(|o| o == "autovacuum_enabled=false"),
        "shard TOAST options: {toast:?}"
    );
}

/// TOAST storage parameters of every shard of `prefix`'s tables on a
/// worker, one line per shard.
fn shard_toast(cluster: &CitusCluster, db: &str, prefix: &str) -> Vec<String> {
    let mut toast = Vec::new();
    for w in &cluster.workers {
        let mut worker = w.connect(db);
        worker
            .batch_execute("SET citus.show_shards_for_app_name_prefixes = '*'")
            .expect("show shards");
        let rows = worker
            .query(
                "SELECT c.relname::text || ' ' || coalesce(array_to_string(t.reloptions, ','), '') \
                   FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid \
                  WHERE c.relname LIKE $1 || '\\_%' AND c.relkind = 'r' ORDER BY c.relname",
                &[&prefix],
            )
            .expect("shard TOAST tables");
        toast.extend(rows.iter().map(|r| r.get::<_, String>(0)));
    }
    toast
}

/// A partition's TOAST storage parameters reach its shards, for a partition
/// distributed with its table and for one created later under a table the
/// cluster already holds; the down migration goes back to the same catalog.
#[test]
fn toast_parameters_reach_the_shards_of_partitions() {
    let cluster = CitusCluster::get();
    let db = cluster.database("toast");
    let url = cluster.url(&db);
    let p = rule_project(
        "tables:\n  notes:\n    columns:\n      id: uuid\n      body: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition:\n      by: range(created)\n      partitions:\n        notes_2025_01: { from: ['2025-01-01'], to: ['2025-02-01'], with: { toast.autovacuum_enabled: false } }\n",
        None,
    );
    let (code, out) = outcome("check", p.path(), &[]);
    assert_eq!(code, Some(0), "{out}");
    succeed("emit", p.path(), &[]);
    run("apply", p.path(), "app", &url, &[]);
    plans_to_zero(p.path(), "app", &url, "a partition with TOAST parameters");
    let first = shard_toast(cluster, &db, "notes_2025_01");
    assert_eq!(first.len(), 2, "{first:?}");
    assert!(
        first
            .iter()
            .all(|s| s.ends_with(" autovacuum_enabled=false")),
        "{first:?}"
    );
    let mut c = cluster.connect(&db);
    let before = catalog(&mut c);
    edit(
        p.path(),
        "app/t.yaml",
        "with: { toast.autovacuum_enabled: false } }\n",
        "with: { toast.autovacuum_enabled: false } }\n        notes_2025_02: { from: ['2025-02-01'], to: ['2025-03-01'], with: { toast.vacuum_truncate: false } }\n",
    );
    succeed("emit", p.path(), &[]);
    let ups = migration_files(&p.path().join("migrations/app"), ".up.sql");
    assert_eq!(ups.len(), 2, "{ups:?}");
    let up = std::fs::read_to_string(&ups[1]).expect("up");
    assert!(
        up.contains("ALTER TABLE \"public\".\"notes_2025_02\" SET (\"toast\".\"vacuum_truncate\" = 'false');"),
        "{up}"
    );
    run("apply", p.path(), "app", &url, &[]);
    plans_to_zero(
        p.path(),
        "app",
        &url,
        "a new partition with TOAST parameters",
    );
    let second = shard_toast(cluster, &db, "notes_2025_02");
    assert_eq!(second.len(), 2, "{second:?}");
    assert!(
        second.iter().all(|s| s.ends_with(" vacuum_truncate=false")),
        "{second:?}"
    );
    roll_back(&mut c, &p.path().join("migrations/app"), 1);
    assert_eq!(catalog(&mut c), before, "catalog after rollback");
}

/// A domain made outside the project (`types: { email: external }`) is used
/// by a distributed table: Citus carries it to the workers with the table,
/// `plan --db` leaves it alone, and the shards check
/// their rows against it.
#[test]
fn external_types_on_the_cluster() {
    let cluster = CitusCluster::get();
    let db = cluster.database("external");
    let url = cluster.url(&db);
    let p = rule_project(
        "types: { email: external }\ntables:\n  contacts:\n    columns:\n      id: uuid\n      address: email\n    primary_key: [tenant_id, id]\n",
        None,
    );
    let (code, out) = outcome("check", p.path(), &[]);
    assert_eq!(code, Some(0), "{out}");
    let mut c = cluster.connect(&db);
    c.batch_execute("CREATE DOMAIN public.email AS text CHECK (VALUE LIKE '%_@_%')")
        .expect("the domain, made by hand");
    succeed("emit", p.path(), &[]);
    run("apply", p.path(), "app", &url, &[]);
    let plan = run("plan", p.path(), "app", &url, &[]);
    assert!(
        plan.contains("up to date") && !plan.contains("DROP DOMAIN"),
        "the domain is left alone: {plan}"
    );
    plans_to_zero(p.path(), "app", &url, "a column of an external type");
    let meta = metadata(&mut c);
    assert!(
        meta.iter().any(|m| m.starts_with("contacts h tenant_id")),
        "{meta:?}"
    );
    c.batch_execute(
        "INSERT INTO tenants VALUES ('00000000-0000-0000-0000-000000000001');
         INSERT INTO contacts (tenant_id, id, address) VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000011', 'ada@example.org');",
    )
    .expect("a row the domain accepts");
    let err = c
        .batch_execute(
            "INSERT INTO contacts (tenant_id, id, address) VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000012', 'nobody')",
        )
        .expect_err("a row the domain refuses");
    assert!(
        message(&err).contains("violates check constraint"),
        "{}",
        message(&err)
    );
    for (i, w) in cluster.workers.iter().enumerate() {
        let mut worker = w.connect(&db);
        assert_eq!(
            count(
                &mut worker,
                "SELECT count(*) FROM pg_type WHERE typname = 'email' AND typtype = 'd'"
            ),
            1,
            "the domain on worker {i}"
        );
    }
}
