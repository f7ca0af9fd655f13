//! Default privileges against the server: a tier's `default_privileges:`
//! become `ALTER DEFAULT PRIVILEGES` set before the objects of the same
//! migration are created, the objects the YAML leaves without `grants:`
//! hold what the defaults give them (existing ones included), `plan --db`
//! reads the result back as zero changes, and the down migration restores
//! `pg_default_acl` and every access list exactly.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::Cluster;
use postgres::Client;

const PROJECT: &str = "project: dp\nroles: { dp_app: {}, dp_rep: {}, dp_own: {} }\ntiers:\n  app:\n    database: dp\n    schema: app\n";

const V1: &str = "tables:\n  items:\n    columns:\n      id: { type: bigint, primary_key: true }\nfunctions:\n  one:\n    returns: integer\n    body: select 1\n";

/// The defaults: PUBLIC's EXECUTE revoked database-wide, tables and
/// functions of the tier's schema granted, sequences of another creator.
const DEFAULTS: &str = "    default_privileges:\n      - database_wide: true\n        functions: { public: none }\n      - tables: { dp_app: [select, insert], dp_rep: { privileges: select, grant_option: true } }\n        functions: { dp_app: execute }\n      - for_role: dp_own\n        sequences: { dp_app: usage }\n";

const V2_TABLES: &str = "  notes:\n    columns:\n      id: { type: bigint, primary_key: true }\n  secrets:\n    columns:\n      id: { type: bigint, primary_key: true }\n    grants: { dp_rep: select }\n";

fn v2() -> String {
    V1.replace("functions:\n", &format!("{V2_TABLES}functions:\n"))
        + "  two:\n    returns: integer\n    body: select 2\n"
}

fn roles() {
    let mut c = Cluster::get().connect("postgres");
    for r in ["dp_app", "dp_rep", "dp_own", "dp_other"] {
        c.batch_execute(&format!(
            "DO $$ BEGIN CREATE ROLE {r}; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        ))
        .expect("create role");
    }
}

fn write(dir: &std::path::Path, project: &str, tier: &str) {
    common::write_project(dir, project, &[("app/t.yaml", tier)]);
}

fn yes(c: &mut Client, sql: &str) -> bool {
    c.query_one(sql, &[]).expect(sql).get(0)
}

fn default_acl(c: &mut Client) -> Vec<String> {
    c.query(
        "SELECT CASE WHEN defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN 'me' ELSE pg_get_userbyid(defaclrole)::text END || ' ' || coalesce(n.nspname::text, '-') || ' ' || defaclobjtype::text || ' ' || defaclacl::text
           FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace ORDER BY 1",
        &[],
    )
    .expect("pg_default_acl")
    .iter()
    .map(|r| r.get::<_, String>(0).replace(&current_user(c), "me"))
    .collect()
}

fn replan_is_zero(dir: &std::path::Path, url: &str) {
    let (code, out) = common::outcome("plan", dir, &["--db", url]);
    assert_eq!(code, Some(0), "re-plan is not empty:\n{out}");
}

#[test]
fn defaults_are_set_before_creation_replan_to_zero_and_roll_back() {
    roles();
    let cluster = Cluster::get();
    let db = cluster.database("defacl");
    let url = cluster.url(&db);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    write(dir, PROJECT, V1);
    common::emit(dir, &[]);
    common::succeed("apply", dir, &["--db", &url]);
    let before = common::dump(&db);
    let mut c = cluster.connect(&db);
    assert!(default_acl(&mut c).is_empty());

    write(dir, &format!("{PROJECT}{DEFAULTS}"), &v2());
    common::emit(dir, &[]);
    let tier = dir.join("migrations/app");
    let up = std::fs::read_to_string(common::migration_files(&tier, ".up.sql")[1].clone()).unwrap();
    let set = up
        .find("ALTER DEFAULT PRIVILEGES")
        .expect("defaults in the up");
    assert!(
        set < up.find("CREATE TABLE").unwrap()
            && set < up.find("CREATE OR REPLACE FUNCTION").unwrap(),
        "defaults come before what they shape:\n{up}"
    );
    assert!(
        up.contains("ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;"),
        "{up}"
    );
    assert!(
        up.contains("ALTER DEFAULT PRIVILEGES FOR ROLE \"dp_own\" IN SCHEMA \"app\" GRANT USAGE ON SEQUENCES TO \"dp_app\";"),
        "{up}"
    );
    common::succeed("apply", dir, &["--db", &url]);
    replan_is_zero(dir, &url);

    assert_eq!(
        default_acl(&mut c),
        [
            "dp_own app S {dp_app=U/dp_own}",
            "me - f {me=X/me}",
            "me app f {dp_app=X/me}",
            "me app r {dp_app=ar/me,dp_rep=r*/me}",
        ]
    );
    // Created after the defaults: what they give, or exactly what is declared.
    assert!(yes(
        &mut c,
        "SELECT has_table_privilege('dp_app', 'app.notes', 'INSERT')"
    ));
    assert!(yes(
        &mut c,
        "SELECT has_table_privilege('dp_rep', 'app.notes', 'SELECT WITH GRANT OPTION')"
    ));
    assert!(!yes(
        &mut c,
        "SELECT has_table_privilege('dp_app', 'app.secrets', 'SELECT')"
    ));
    assert!(yes(
        &mut c,
        "SELECT has_table_privilege('dp_rep', 'app.secrets', 'SELECT')"
    ));
    assert!(!yes(
        &mut c,
        "SELECT has_table_privilege('dp_rep', 'app.secrets', 'SELECT WITH GRANT OPTION')"
    ));
    assert!(!yes(
        &mut c,
        "SELECT has_function_privilege('dp_other', 'app.two()', 'EXECUTE')"
    ));
    assert!(yes(
        &mut c,
        "SELECT has_function_privilege('dp_app', 'app.two()', 'EXECUTE')"
    ));
    // Existing objects without `grants:` follow the defaults too.
    assert!(yes(
        &mut c,
        "SELECT has_table_privilege('dp_app', 'app.items', 'SELECT')"
    ));
    assert!(!yes(
        &mut c,
        "SELECT has_function_privilege('dp_other', 'app.one()', 'EXECUTE')"
    ));
    // A table created later by the migration role gets them from PostgreSQL.
    c.batch_execute("CREATE TABLE app.later (id int); CREATE FUNCTION app.later() RETURNS int LANGUAGE sql AS 'select 3'")
        .unwrap();
    assert!(yes(
        &mut c,
        "SELECT has_table_privilege('dp_app', 'app.later', 'INSERT')"
    ));
    assert!(!yes(
        &mut c,
        "SELECT has_function_privilege('dp_other', 'app.later()', 'EXECUTE')"
    ));
    c.batch_execute("DROP TABLE app.later; DROP FUNCTION app.later()")
        .unwrap();

    common::succeed(
        "rollback",
        dir,
        &["--db", &url, "--steps", "1", "--allow-hazard", "H101"],
    );
    assert!(default_acl(&mut c).is_empty(), "{:?}", default_acl(&mut c));
    let after = common::dump(&db);
    assert_eq!(before, after, "{}", common::dump_diff(&before, &after));
}

fn current_user(c: &mut Client) -> String {
    c.query_one("SELECT current_user::text", &[])
        .unwrap()
        .get(0)
}

#[test]
fn removing_the_defaults_revokes_them_and_what_they_gave() {
    roles();
    let cluster = Cluster::get();
    let db = cluster.database("defaclrm");
    let url = cluster.url(&db);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, &format!("{PROJECT}{DEFAULTS}"), &v2());
    common::emit(dir, &[]);
    common::succeed("apply", dir, &["--db", &url]);
    replan_is_zero(dir, &url);
    write(dir, PROJECT, &v2());
    common::emit(dir, &[]);
    common::succeed("apply", dir, &["--db", &url]);
    replan_is_zero(dir, &url);
    let mut c = cluster.connect(&db);
    assert!(default_acl(&mut c).is_empty(), "{:?}", default_acl(&mut c));
    assert!(!yes(
        &mut c,
        "SELECT has_table_privilege('dp_app', 'app.notes', 'SELECT')"
    ));
    assert!(yes(
        &mut c,
        "SELECT has_function_privilege('dp_other', 'app.two()', 'EXECUTE')"
    ));
    assert!(yes(
        &mut c,
        "SELECT has_table_privilege('dp_rep', 'app.secrets', 'SELECT')"
    ));
}

#[test]
fn a_server_without_the_creating_role_is_refused() {
    let cluster = Cluster::get();
    let db = cluster.database("defaclrole");
    let url = cluster.url(&db);
    let tmp = tempfile::tempdir().unwrap();
    let project = "project: dp\nroles: { dp_missing_owner: {} }\ntiers:\n  app:\n    database: dp\n    schema: app\n    default_privileges:\n      - for_role: dp_missing_owner\n        tables: { public: select }\n";
    write(tmp.path(), project, V1);
    common::emit(tmp.path(), &[]);
    let (code, out) = common::outcome("apply", tmp.path(), &["--db", &url]);
    assert_ne!(code, Some(0), "{out}");
    assert!(
        out.contains("`dp_missing_owner`") && out.contains("schemac.yaml:8:"),
        "{out}"
    );
}

#[test]
fn a_dropped_object_comes_back_under_the_defaults_with_its_own_grants() {
    roles();
    let cluster = Cluster::get();
    let db = cluster.database("defacldrop");
    let url = cluster.url(&db);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, &format!("{PROJECT}{DEFAULTS}"), &v2());
    common::emit(dir, &[]);
    common::succeed("apply", dir, &["--db", &url]);
    let before = common::dump(&db);
    // `secrets` (narrower than the defaults) and `two` are dropped, and the
    // table defaults change in the same migration.
    let v3 = v2()
        .replace(
            V2_TABLES,
            "  notes:\n    columns:\n      id: { type: bigint, primary_key: true }\n",
        )
        .replace("  two:\n    returns: integer\n    body: select 2\n", "");
    let defaults = DEFAULTS.replace(
        "dp_rep: { privileges: select, grant_option: true }",
        "dp_rep: select",
    );
    write(dir, &format!("{PROJECT}{defaults}"), &v3);
    common::emit(dir, &["--allow-hazard", "H101", "--allow-hazard", "H113"]);
    common::succeed("apply", dir, &["--db", &url]);
    replan_is_zero(dir, &url);
    common::succeed(
        "rollback",
        dir,
        &["--db", &url, "--steps", "1", "--allow-hazard", "H101"],
    );
    let after = common::dump(&db);
    assert_eq!(before, after, "{}", common::dump_diff(&before, &after));
}
