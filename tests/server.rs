//! The server the database tests ran on, and TLS to it: `sslmode=require`
//! encrypts, `verify-full` checks the certificate against `sslrootcert`, and
//! a certificate nobody trusts is refused.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{Cluster, emit, schemac, succeed};

#[test]
fn the_suite_runs_on_the_requested_major_version() {
    let major = Cluster::get().major();
    assert!(
        major >= 15,
        "PostgreSQL {major} is older than schemac supports"
    );
    if let Ok(want) = std::env::var("SCHEMAC_PG_MAJOR") {
        assert_eq!(major.to_string(), want, "SCHEMAC_PG_MAJOR asked for {want}");
    }
}

fn ssl_in_use(url: &str) -> bool {
    let target = schemac::pg::parse(url).expect("url");
    let mut c = schemac::pg::connect(&target).expect("connect");
    c.query_one(
        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        &[],
    )
    .expect("pg_stat_ssl")
    .get(0)
}

#[test]
fn tls_modes_encrypt_verify_and_refuse() {
    let cluster = Cluster::get();
    let db = cluster.database("tls");
    let base = cluster.url(&db);
    assert!(ssl_in_use(&format!("{base}?sslmode=require")));
    assert!(!ssl_in_use(&format!("{base}?sslmode=disable")));
    let ca = cluster.ca();
    let verified = format!("{base}?sslmode=verify-full&sslrootcert={}", ca.display());
    assert!(ssl_in_use(&verified));
    let localhost = format!(
        "postgres://postgres@localhost:{}/{db}?sslmode=verify-full&sslrootcert={}",
        cluster.port,
        ca.display()
    );
    assert!(ssl_in_use(&localhost));

    let untrusted = schemac::pg::parse(&format!("{base}?sslmode=verify-ca")).expect("url");
    let err = schemac::pg::connect(&untrusted)
        .map(|_| ())
        .expect_err("no trusted root for the test CA");
    let text = err.to_string();
    assert!(
        text.contains("cannot connect") && (text.contains("certificate") || text.contains("root")),
        "{text}"
    );

    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("shop");
    succeed("init", &dir, &[]);
    emit(&dir, &[]);
    let out = schemac()
        .arg("apply")
        .arg(&dir)
        .args(["--db", &verified])
        .output()
        .expect("apply");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
