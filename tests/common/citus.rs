//! A Citus cluster for tests: a coordinator and two workers, three throwaway
//! clusters on loopback ports started with `shared_preload_libraries=citus`
//! (as `postgres` when running as root), one per test binary. Each test gets
//! a fresh database on all three nodes with the extension created and the
//! workers added. Citus must be installed for the server binaries
//! (`scripts/citus.sh` builds it); a missing `citus.so` fails loudly.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use postgres::{Client, NoTls};

use super::{Cluster, pg_bin};

pub struct CitusCluster {
    pub coordinator: Cluster,
    pub workers: [Cluster; 2],
}

static CITUS: OnceLock<CitusCluster> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(0);
/// Adding nodes to two databases at once can fail a node connection: one
/// database is set up at a time.
static SETUP: Mutex<()> = Mutex::new(());

/// Server binaries with Citus: $SCHEMAC_CITUS_PG_BIN, else the Debian ones.
fn citus_bin() -> PathBuf {
    let bin = std::env::var("SCHEMAC_CITUS_PG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| pg_bin());
    let pkglibdir = Command::new(bin.join("pg_config"))
        .arg("--pkglibdir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .unwrap_or_else(|| bin.join("../lib"));
    assert!(
        pkglibdir.join("citus.so").exists(),
        "Citus is not installed for the server in {} (no citus.so in {}): run scripts/citus.sh \
         (scripts/test.sh does), or set SCHEMAC_CITUS_PG_BIN to server binaries that have it",
        bin.display(),
        pkglibdir.display()
    );
    bin
}

/// Options every node starts with: Citus loaded; connections enough for a
/// coordinator talking to each worker over several connections per test;
/// a background worker per database (Citus runs a maintenance daemon in
/// each one, for deadlock detection and two-phase-commit recovery).
const NODE_OPTIONS: &str = "-c shared_preload_libraries=citus -c max_connections=300 \
     -c max_prepared_transactions=200 -c max_worker_processes=64";

impl CitusCluster {
    /// The cluster of this test binary, started on first use.
    pub fn get() -> &'static CitusCluster {
        CITUS.get_or_init(CitusCluster::start)
    }

    fn start() -> CitusCluster {
        let bin = citus_bin();
        let nodes: Vec<Cluster> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..3)
                .map(|_| s.spawn(|| Cluster::start_with(&bin, NODE_OPTIONS)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("start a Citus node"))
                .collect()
        });
        let mut nodes = nodes.into_iter();
        let (Some(coordinator), Some(w1), Some(w2)) = (nodes.next(), nodes.next(), nodes.next())
        else {
            panic!("three nodes");
        };
        CitusCluster {
            coordinator,
            workers: [w1, w2],
        }
    }

    fn nodes(&self) -> [&Cluster; 3] {
        [&self.coordinator, &self.workers[0], &self.workers[1]]
    }

    /// A fresh database on every node, the extension created on each and
    /// the workers added to the coordinator's metadata.
    pub fn database(&self, hint: &str) -> String {
        let n = NEXT_DB.fetch_add(1, Ordering::SeqCst);
        let clean: String = hint
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(30)
            .collect::<String>()
            .to_lowercase();
        let name = format!("c{n}_{clean}");
        let _one_at_a_time = SETUP.lock().unwrap_or_else(|e| e.into_inner());
        std::thread::scope(|s| {
            for node in self.nodes() {
                let name = &name;
                s.spawn(move || {
                    let mut admin = node.connect("postgres");
                    admin
                        .batch_execute(&format!("CREATE DATABASE \"{name}\""))
                        .unwrap_or_else(|e| panic!("create database {name}: {e}"));
                    node.connect(name)
                        .batch_execute("CREATE EXTENSION citus")
                        .unwrap_or_else(|e| panic!("create extension citus in {name}: {e}"));
                });
            }
        });
        let mut c = self.coordinator.connect(&name);
        c.execute(
            "SELECT citus_set_coordinator_host('127.0.0.1', $1)",
            &[&i32::from(self.coordinator.port)],
        )
        .expect("citus_set_coordinator_host");
        for w in &self.workers {
            c.execute(
                "SELECT citus_add_node('127.0.0.1', $1)",
                &[&i32::from(w.port)],
            )
            .expect("citus_add_node");
        }
        name
    }

    /// URL of `db` on the coordinator.
    pub fn url(&self, db: &str) -> String {
        self.coordinator.url(db)
    }

    pub fn connect(&self, db: &str) -> Client {
        self.coordinator.connect(db)
    }

    /// A session on the coordinator as `role`.
    pub fn connect_as(&self, db: &str, role: &str) -> Client {
        Client::connect(
            &format!(
                "host=127.0.0.1 port={} user={role} dbname={db}",
                self.coordinator.port
            ),
            NoTls,
        )
        .unwrap_or_else(|e| panic!("connect to {db} as {role}: {e}"))
    }

    /// Create a login role on every node (roles are per node; Citus
    /// propagates later grants to it).
    pub fn role(&self, role: &str) {
        for node in self.nodes() {
            node.connect("postgres")
                .batch_execute(&format!(
                    "DO $$ BEGIN CREATE ROLE \"{role}\" LOGIN NOSUPERUSER NOBYPASSRLS; \
                     EXCEPTION WHEN duplicate_object THEN NULL; END $$"
                ))
                .expect("create role");
        }
    }

    /// The ports of the workers, as `citus_shards.nodeport` reports them.
    pub fn worker_ports(&self) -> Vec<i32> {
        self.workers.iter().map(|w| i32::from(w.port)).collect()
    }

    pub fn dir(&self) -> &Path {
        &self.coordinator.dir
    }
}
