//! Test support: one throwaway PostgreSQL cluster per test binary (initdb +
//! pg_ctl on a free loopback port, in a temp dir, as the `postgres` user when
//! running as root), one fresh database per test. A watchdog process stops the
//! cluster and removes its directory when the test binary exits, even on a
//! panic. Missing server binaries fail loudly; tests never skip.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use postgres::{Client, NoTls};

pub mod citus;

pub struct Cluster {
    pub port: u16,
    pub dir: PathBuf,
    pub bin: PathBuf,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(0);

/// Where PostgreSQL's server binaries are: $SCHEMAC_PG_BIN, else the newest
/// /usr/lib/postgresql/<major>/bin, else `initdb` on PATH.
pub fn pg_bin() -> PathBuf {
    if let Ok(p) = std::env::var("SCHEMAC_PG_BIN") {
        return PathBuf::from(p);
    }
    let mut majors: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    majors.sort();
    if let Some((_, bin)) = majors.pop() {
        return bin;
    }
    if let Ok(out) = Command::new("sh")
        .args(["-c", "command -v initdb"])
        .output()
        && out.status.success()
    {
        let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if let Some(dir) = path.parent() {
            return dir.to_path_buf();
        }
    }
    panic!(
        "PostgreSQL server binaries not found (no initdb under /usr/lib/postgresql/*/bin or on PATH). \
         Install Debian's `postgresql` package (`.ci/run` does this), or set SCHEMAC_PG_BIN."
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Run a server binary, as `postgres` when we are root (the server refuses root).
fn run(bin: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()))
}

/// A CA and a server certificate for 127.0.0.1/localhost, so every test
/// connection from the CLI (sslmode prefer) goes through TLS.
fn write_certificates(base: &Path) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().expect("ca key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("ca params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "schemac test CA");
    let ca_cert = ca.self_signed(&ca_key).expect("ca cert");
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().expect("server key");
    let server = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .expect("server params")
        .signed_by(&key, &issuer)
        .expect("server cert");
    std::fs::write(base.join("ca.crt"), ca_cert.pem()).expect("write ca");
    std::fs::write(base.join("server.crt"), server.pem()).expect("write cert");
    std::fs::write(base.join("server.key"), key.serialize_pem()).expect("write key");
    if is_root() {
        let ok = Command::new("chown")
            .args(["postgres:postgres"])
            .arg(base.join("server.key"))
            .arg(base.join("server.crt"))
            .status();
        assert!(
            ok.map(|s| s.success()).unwrap_or(false),
            "chown certificates"
        );
    }
    let ok = Command::new("chmod")
        .args(["0600"])
        .arg(base.join("server.key"))
        .status();
    assert!(ok.map(|s| s.success()).unwrap_or(false), "chmod key");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Cluster {
    /// The cluster of this test binary, started on first use.
    pub fn get() -> &'static Cluster {
        CLUSTER.get_or_init(Cluster::start)
    }

    fn start() -> Cluster {
        Cluster::start_with(&pg_bin(), "")
    }

    /// A new cluster of the server binaries in `bin`, started with the extra
    /// server options `extra` (`-c name=value …`).
    pub fn start_with(bin: &Path, extra: &str) -> Cluster {
        let bin = bin.to_path_buf();
        let base =
            std::env::temp_dir().join(format!("schemac-pg-{}-{}", std::process::id(), free_port()));
        std::fs::create_dir_all(&base).expect("temp dir");
        if is_root() {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&base)
                .status();
            assert!(
                ok.map(|s| s.success()).unwrap_or(false),
                "cannot chown {} to postgres",
                base.display()
            );
        }
        let data = base.join("data");
        write_certificates(&base);
        let out = run(
            &bin.join("initdb"),
            &[
                "-D",
                data.to_str().unwrap_or_default(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut port = 0;
        for _attempt in 0..5 {
            port = free_port();
            let opts = format!(
                "-p {port} -k {b} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB -c ssl=on -c ssl_cert_file={b}/server.crt -c ssl_key_file={b}/server.key {extra}",
                b = base.display()
            );
            let out = run(
                &bin.join("pg_ctl"),
                &[
                    "-D",
                    data.to_str().unwrap_or_default(),
                    "-w",
                    "-l",
                    base.join("log").to_str().unwrap_or_default(),
                    "-o",
                    &opts,
                    "start",
                ],
            );
            if out.status.success() {
                break;
            }
            port = 0;
        }
        assert!(
            port != 0,
            "pg_ctl start failed: {}",
            std::fs::read_to_string(base.join("log")).unwrap_or_default()
        );
        // Stop the server and remove its files when this process is gone.
        let stop = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {runas}{pg_ctl} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {base}",
            pid = std::process::id(),
            runas = if is_root() {
                "runuser -u postgres -- "
            } else {
                ""
            },
            pg_ctl = bin.join("pg_ctl").display(),
            data = data.display(),
            base = base.display(),
        );
        // The watchdog must outlive this process, so nobody waits for it.
        #[allow(clippy::zombie_processes)]
        Command::new("setsid")
            .args(["sh", "-c", &stop])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .or_else(|_| Command::new("sh").args(["-c", &stop]).spawn())
            .expect("watchdog");
        Cluster {
            port,
            dir: base,
            bin,
        }
    }

    /// The CA that signed the server's TLS certificate (for verify-full).
    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.crt")
    }

    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    pub fn connect(&self, db: &str) -> Client {
        Client::connect(
            &format!(
                "host=127.0.0.1 port={} user=postgres dbname={db}",
                self.port
            ),
            NoTls,
        )
        .unwrap_or_else(|e| panic!("connect to {db}: {e}"))
    }

    /// A fresh, empty database for one test.
    pub fn database(&self, hint: &str) -> String {
        let n = NEXT_DB.fetch_add(1, Ordering::SeqCst);
        let clean: String = hint
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(30)
            .collect::<String>()
            .to_lowercase();
        let name = format!("t{n}_{clean}");
        let mut admin = self.connect("postgres");
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .unwrap_or_else(|e| panic!("create database {name}: {e}"));
        name
    }

    /// Server major version.
    pub fn major(&self) -> u32 {
        let mut c = self.connect("postgres");
        let v: String = c
            .query_one("SHOW server_version_num", &[])
            .expect("version")
            .get(0);
        v.parse::<u32>().unwrap_or(0) / 10000
    }
}

/// Run a migration file the way `apply` does: in a transaction unless its
/// header says `-- schemac:transaction off`.
pub fn run_file(client: &mut Client, sql: &str) -> Result<(), postgres::Error> {
    if !schemac::pg::script::transactional(sql) {
        for statement in schemac::pg::script::statements(sql) {
            client.batch_execute(&statement)?;
        }
        Ok(())
    } else {
        let mut tx = client.transaction()?;
        schemac::pg::script::execute(&mut tx, sql)?;
        tx.commit()
    }
}

/// Every object in the database that is not PostgreSQL's own: schemas,
/// relations, types, functions, extensions (beyond plpgsql), policies.
pub fn user_objects(client: &mut Client) -> Vec<String> {
    let q = r#"
        SELECT 'schema ' || nspname FROM pg_namespace
         WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\_%'
        UNION ALL
        SELECT 'relation ' || n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast')
        UNION ALL
        SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast') AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0
        UNION ALL
        SELECT 'function ' || n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname NOT IN ('information_schema', 'pg_catalog')
        UNION ALL
        SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
        UNION ALL
        SELECT 'policy ' || schemaname || '.' || tablename || '.' || policyname FROM pg_policies
        ORDER BY 1"#;
    client
        .query(q, &[])
        .expect("catalog query")
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect()
}

/// Copy a directory tree (an example project) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The example projects in `schemas/` (not the broken ones).
pub fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("schemas/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("schemac.yaml").exists())
        .collect();
    out.sort();
    out
}

/// The schemac binary built for these tests.
/// Write `schemac.yaml` and the given files (paths relative to `dir`).
pub fn write_project(dir: &Path, project: &str, files: &[(&str, &str)]) {
    std::fs::write(dir.join("schemac.yaml"), project).expect("write schemac.yaml");
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, text).expect("write tier file");
    }
}

/// A temporary copy of `project` with its migrations emitted.
pub fn emitted_copy(project: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(project, tmp.path());
    emit(tmp.path(), &[]);
    tmp
}

/// A temporary project with one tier `app` holding `app/t.yaml`.
pub fn one_tier(project: &str, tier_file: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_project(tmp.path(), project, &[("app/t.yaml", tier_file)]);
    tmp
}

pub fn schemac() -> Command {
    Command::new(env!("CARGO_BIN_EXE_schemac"))
}

/// `schemac <command> DIR ARGS…`, which must succeed; its standard output.
/// `schemac <command> <dir> <args>`: its exit code and its output (stdout,
/// then stderr).
pub fn outcome(command: &str, dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = output(command, dir, args);
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn output(command: &str, dir: &Path, args: &[&str]) -> std::process::Output {
    schemac()
        .arg(command)
        .arg(dir)
        .args(args)
        .output()
        .expect("run schemac")
}

pub fn succeed(command: &str, dir: &Path, args: &[&str]) -> String {
    let out = output(command, dir, args);
    assert!(
        out.status.success(),
        "schemac {command} {} failed:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// `schemac emit DIR ARGS…`, which must succeed; its standard output.
pub fn emit(dir: &Path, args: &[&str]) -> String {
    succeed("emit", dir, args)
}

/// The tier folders of a project's emitted migrations, by name.
pub fn tier_dirs(project: &Path) -> Vec<PathBuf> {
    let mut tiers: Vec<PathBuf> = std::fs::read_dir(project.join("migrations"))
        .expect("migrations/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    tiers.sort();
    tiers
}

/// The migration files of one tier folder ending in `suffix` (`.up.sql`,
/// `.down.sql`), in version order.
pub fn migration_files(tier_dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(tier_dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Run migration files in order the way `apply` does; a failure panics with
/// `what`, the file, the server's message and the SQL.
pub fn apply_files(client: &mut Client, files: &[PathBuf], what: &str) {
    for f in files {
        let sql = std::fs::read_to_string(f).expect("read migration");
        if let Err(e) = run_file(client, &sql) {
            let detail = e
                .as_db_error()
                .map(|d| format!("{} ({})", d.message(), d.code().code()))
                .unwrap_or_else(|| e.to_string());
            panic!("{what}: {} failed: {detail}\n{sql}", f.display());
        }
    }
}

/// Every up file of one tier folder, applied in order.
pub fn apply_ups(client: &mut Client, tier_dir: &Path) {
    apply_files(
        client,
        &migration_files(tier_dir, ".up.sql"),
        &tier_dir.display().to_string(),
    );
}

/// Catalog facts that define the schema, one line each, sorted. Partition
/// children's cloned constraints, indexes and triggers are left out (they
/// follow the parent); columns compare by name (PostgreSQL cannot reorder).
pub const CATALOG: &str = r#"
WITH rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, c.reloptions, c.relispartition
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
    AND c.relname <> 'schemac_history')
SELECT line FROM (
  SELECT format('column %s.%s %s notnull=%s default=%s identity=%s generated=%s comment=%s', r.relname, a.attname,
         format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
         col_description(r.oid, a.attnum)) AS line
    FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum
  UNION ALL
  SELECT format('constraint %s.%s %s valid=%s', r.relname, k.conname, pg_get_constraintdef(k.oid), k.convalidated)
    FROM rel r JOIN pg_constraint k ON k.conrelid = r.oid WHERE k.conislocal AND k.conparentid = 0
  UNION ALL
  SELECT format('index %s valid=%s parts=%s', pg_get_indexdef(i.indexrelid), i.indisvalid,
         (SELECT count(*) FROM pg_inherits h WHERE h.inhparent = i.indexrelid))
    FROM rel r JOIN pg_index i ON i.indrelid = r.oid
   WHERE NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
  UNION ALL
  SELECT format('rls %s %s %s', relname, relrowsecurity, relforcerowsecurity) FROM rel WHERE relkind IN ('r', 'p')
  UNION ALL
  SELECT format('policy %s.%s %s %s %s using=%s check=%s', tablename, policyname, permissive, roles, cmd, qual, with_check)
    FROM pg_policies WHERE schemaname = 'public'
  UNION ALL
  SELECT format('partition %s of %s %s', r.relname, p.relname, pg_get_expr(c.relpartbound, c.oid))
    FROM rel r JOIN pg_class c ON c.oid = r.oid JOIN pg_inherits h ON h.inhrelid = r.oid JOIN pg_class p ON p.oid = h.inhparent
  UNION ALL
  SELECT format('partitioned %s %s', r.relname, pg_get_partkeydef(r.oid)) FROM rel r WHERE r.relkind = 'p'
  UNION ALL
  SELECT format('view %s %s options=%s def=%s comment=%s', relname, relkind, reloptions, pg_get_viewdef(oid), obj_description(oid, 'pg_class'))
    FROM rel WHERE relkind IN ('v', 'm')
  UNION ALL
  SELECT format('comment %s %s', relname, obj_description(oid, 'pg_class')) FROM rel WHERE relkind IN ('r', 'p')
  UNION ALL
  SELECT format('enum %s %s', t.typname, (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
    FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'e'
  UNION ALL
  SELECT format('domain %s %s default=%s not_null=%s collation=%s checks=%s comment=%s', t.typname,
         format_type(t.typbasetype, t.typtypmod), t.typdefault, t.typnotnull, t.typcollation,
         (SELECT string_agg(k.conname || ' ' || pg_get_constraintdef(k.oid) || ' ' || k.convalidated, '; ' ORDER BY k.conname)
            FROM pg_constraint k WHERE k.contypid = t.oid),
         obj_description(t.oid, 'pg_type'))
    FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'd'
  UNION ALL
  SELECT format('composite %s (%s) comment=%s', t.typname,
         (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attcollation, ', ' ORDER BY a.attnum)
            FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped),
         obj_description(t.oid, 'pg_type'))
    FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid
   WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'c' AND c.relkind = 'c'
  UNION ALL
  SELECT format('trigger %s enabled=%s comment=%s', pg_get_triggerdef(t.oid), t.tgenabled, obj_description(t.oid, 'pg_trigger'))
    FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid
   WHERE NOT t.tgisinternal AND t.tgparentid = 0
  UNION ALL
  SELECT format('function %s %s', proname, prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prokind = 'f'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = pg_proc.oid AND d.deptype = 'e')
  UNION ALL
  SELECT format('extension %s', extname) FROM pg_extension WHERE extname <> 'plpgsql'
) facts ORDER BY line"#;

pub fn catalog(c: &mut Client) -> Vec<String> {
    c.query(CATALOG, &[])
        .expect("catalog query")
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// The names PostgreSQL gave partitions' indexes and constraints (cloned
/// from their parent's, or inherited checks), one line each: a fresh build
/// and a migrated database must agree on them too.
pub const CHILD_NAMES: &str = r#"
SELECT line FROM (
  SELECT format('child index %s on %s of %s', ci.relname, c.relname, pi.relname) AS line
    FROM pg_inherits h JOIN pg_class ci ON ci.oid = h.inhrelid JOIN pg_class pi ON pi.oid = h.inhparent
    JOIN pg_index i ON i.indexrelid = ci.oid JOIN pg_class c ON c.oid = i.indrelid
   WHERE ci.relkind IN ('i', 'I') AND c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT format('child constraint %s.%s %s', c.relname, k.conname, pg_get_constraintdef(k.oid))
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
   WHERE c.relnamespace = 'public'::regnamespace AND c.relispartition AND (k.conparentid <> 0 OR NOT k.conislocal)
) facts ORDER BY line"#;

pub fn child_names(c: &mut Client) -> Vec<String> {
    c.query(CHILD_NAMES, &[])
        .expect("child names query")
        .iter()
        .map(|r| r.get(0))
        .collect()
}
/// `pg_dump` for the cluster's server version: `$SCHEMAC_PG_DUMP`, else the
/// one beside the server binaries, else the newest Debian one.
pub fn pg_dump_bin() -> PathBuf {
    if let Ok(p) = std::env::var("SCHEMAC_PG_DUMP") {
        return PathBuf::from(p);
    }
    let beside = Cluster::get().bin.join("pg_dump");
    if beside.exists() {
        return beside;
    }
    let debian = Path::new("/usr/lib/postgresql")
        .join(Cluster::get().major().to_string())
        .join("bin/pg_dump");
    assert!(
        debian.exists(),
        "no pg_dump for PostgreSQL {} (set SCHEMAC_PG_DUMP; scripts/test.sh builds one)",
        Cluster::get().major()
    );
    debian
}

/// `pg_dump --schema-only` of `db`, normalised for comparison: no comment
/// or blank lines, no session settings, no `\restrict` keys, and without
/// schemac's history table (the one thing `apply` adds of its own).
pub fn dump(db: &str) -> String {
    let cluster = Cluster::get();
    let out = Command::new(pg_dump_bin())
        .args([
            "--schema-only",
            "--no-owner",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
        ])
        .args(["-p", &cluster.port.to_string()])
        .args(["-T", "public.schemac_history", "-d", db])
        .output()
        .expect("run pg_dump");
    assert!(
        out.status.success(),
        "pg_dump {db}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| {
            !(l.is_empty()
                || l.starts_with("--")
                || l.starts_with("SET ")
                || l.starts_with("SELECT pg_catalog.set_config")
                || l.starts_with("\\restrict")
                || l.starts_with("\\unrestrict"))
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A unified diff of two dumps, for an assertion message.
pub fn dump_diff(a: &str, b: &str) -> String {
    similar::TextDiff::from_lines(a, b)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string()
}
