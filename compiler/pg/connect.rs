//! Connecting: a libpq-style URL (or `key=value` string) in, a client out.
//! tokio-postgres knows only `sslmode` disable/prefer/require, so the
//! verifying modes (`verify-ca`, `verify-full`, with `sslrootcert`) are read
//! here and turned into a rustls configuration. `prefer` and `require`
//! encrypt without verifying, as libpq does.

use std::sync::Arc;

use postgres::{Client, Config, NoTls};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime, pem::PemObject};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::PgError;

/// What the user asked of TLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// A connection target: the parsed config plus the TLS wishes.
#[derive(Clone, Debug)]
pub struct Target {
    pub config: Config,
    pub ssl: SslMode,
    pub root_cert: Option<String>,
    /// The URL with any password removed, for messages.
    pub shown: String,
}

impl Target {
    pub fn database(&self) -> Option<&str> {
        self.config.get_dbname()
    }

    /// The same server, another database.
    pub fn with_database(&self, db: &str) -> Target {
        let mut t = self.clone();
        t.config.dbname(db);
        t.shown = format!(
            "{} (database {db})",
            self.shown.split(" (database ").next().unwrap_or_default()
        );
        t
    }

    /// A pooler in transaction mode hands each transaction to another server
    /// session, so a session-level advisory lock does not hold across them.
    pub fn looks_like_pooler(&self) -> bool {
        let ports = self.config.get_ports();
        let hosts = format!("{:?}", self.config.get_hosts()).to_ascii_lowercase();
        ports.contains(&6432)
            || hosts.contains("pgbouncer")
            || hosts.contains("pooler")
            || self.shown.contains("pgbouncer=true")
    }
}

/// Parse a URL or key=value string; `sslmode`/`sslrootcert` are taken out
/// and handled here.
pub fn parse(url: &str) -> Result<Target, PgError> {
    let mut ssl = SslMode::Prefer;
    let mut root_cert = None;
    let mut rest = Vec::new();
    let (base, query) = match url.split_once('?') {
        Some((b, q)) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            (b.to_string(), Some(q))
        }
        _ => (url.to_string(), None),
    };
    let mut kv_text = String::new();
    let mut take = |key: &str, value: &str| -> Result<bool, PgError> {
        match key {
            "sslmode" => {
                ssl = match value {
                    "disable" => SslMode::Disable,
                    "allow" | "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    other => return Err(PgError::Url(format!("unknown sslmode `{other}`"))),
                };
                Ok(true)
            }
            "sslrootcert" => {
                root_cert = Some(value.to_string());
                Ok(true)
            }
            _ => Ok(false),
        }
    };
    if let Some(q) = query {
        for pair in q.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if !take(k, v)? {
                rest.push(pair.to_string());
            }
        }
    } else if !url.contains("://") {
        for pair in url.split_whitespace() {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if !take(k, v.trim_matches('\''))? {
                kv_text.push_str(pair);
                kv_text.push(' ');
            }
        }
    }
    let cleaned = if url.contains("://") {
        if rest.is_empty() {
            base
        } else {
            format!("{base}?{}", rest.join("&"))
        }
    } else {
        kv_text
    };
    let mut config: Config = cleaned
        .parse()
        .map_err(|e: postgres::Error| PgError::Url(e.to_string()))?;
    if config.get_application_name().is_none() {
        config.application_name("schemac");
    }
    config.ssl_mode(match ssl {
        SslMode::Disable => postgres::config::SslMode::Disable,
        SslMode::Prefer => postgres::config::SslMode::Prefer,
        _ => postgres::config::SslMode::Require,
    });
    let shown = match config.get_password() {
        Some(_) => redact(url),
        None => url.to_string(),
    };
    Ok(Target {
        config,
        ssl,
        root_cert,
        shown,
    })
}

fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((auth, host)) = rest.split_once('@')
        && let Some((user, _)) = auth.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.split_whitespace()
        .map(|p| {
            if p.starts_with("password=") {
                "password=***"
            } else {
                p
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Open a connection.
pub fn connect(target: &Target) -> Result<Client, PgError> {
    let fail = |e: postgres::Error| {
        let mut message = super::describe(&e);
        // invalid_catalog_name: the server is there, the database is not.
        if e.code().map(|c| c.code()) == Some("3D000") {
            let db = target.database().unwrap_or("the database");
            message.push_str(&format!(
                "; hint: create it first (`createdb {db}`, or CREATE DATABASE {}), then run the command again",
                crate::model::quote_ident(db)
            ));
        }
        PgError::Connect {
            target: target.shown.clone(),
            message,
        }
    };
    if target.ssl == SslMode::Disable {
        return target.config.connect(NoTls).map_err(fail);
    }
    let tls = tokio_postgres_rustls::MakeRustlsConnect::new(tls_config(target)?);
    target.config.connect(tls).map_err(fail)
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_config(target: &Target) -> Result<rustls::ClientConfig, PgError> {
    let builder = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| PgError::Tls(e.to_string()))?;
    let config = match target.ssl {
        SslMode::Disable | SslMode::Prefer | SslMode::Require => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Unverified))
            .with_no_client_auth(),
        SslMode::VerifyCa | SslMode::VerifyFull => {
            let roots = roots(target.root_cert.as_deref())?;
            let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
                Arc::new(roots),
                provider(),
            )
            .build()
            .map_err(|e| PgError::Tls(e.to_string()))?;
            let verifier = Verified {
                inner: webpki,
                check_name: target.ssl == SslMode::VerifyFull,
            };
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth()
        }
    };
    Ok(config)
}

/// Trust anchors: `sslrootcert` if given (as libpq, `system` means the
/// system store), else the system's certificates.
fn roots(path: Option<&str>) -> Result<RootCertStore, PgError> {
    let mut store = RootCertStore::empty();
    match path {
        Some(p) if p != "system" => {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(p)
                .map_err(|e| PgError::Tls(format!("cannot read sslrootcert {p}: {e}")))?
                .collect::<Result<_, _>>()
                .map_err(|e| PgError::Tls(format!("cannot read sslrootcert {p}: {e}")))?;
            for c in certs {
                store
                    .add(c)
                    .map_err(|e| PgError::Tls(format!("sslrootcert {p}: {e}")))?;
            }
        }
        _ => {
            for c in rustls_native_certs::load_native_certs().certs {
                let _ = store.add(c);
            }
        }
    }
    if store.is_empty() {
        return Err(PgError::Tls(
            "no trusted root certificates: pass sslrootcert=<file>".into(),
        ));
    }
    Ok(store)
}

fn schemes() -> Vec<SignatureScheme> {
    provider()
        .signature_verification_algorithms
        .supported_schemes()
}

/// `sslmode=require`: encrypted, not verified.
#[derive(Debug)]
struct Unverified;

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        schemes()
    }
}

/// `verify-ca` (chain only) and `verify-full` (chain and host name).
#[derive(Debug)]
struct Verified {
    inner: Arc<rustls::client::WebPkiServerVerifier>,
    check_name: bool,
}

impl ServerCertVerifier for Verified {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName))
            | Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForNameContext { .. },
            )) if !self.check_name => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifying_modes_are_understood() {
        let t = parse("postgres://u:secret@db.example:5432/app?sslmode=verify-full&sslrootcert=/ca.pem&connect_timeout=5").expect("parse");
        assert_eq!(t.ssl, SslMode::VerifyFull);
        assert_eq!(t.root_cert.as_deref(), Some("/ca.pem"));
        assert_eq!(t.database(), Some("app"));
        assert!(!t.shown.contains("secret"));
        let kv = parse("host=localhost dbname=app sslmode=disable").expect("parse");
        assert_eq!(kv.ssl, SslMode::Disable);
        assert!(parse("postgres://h/db?sslmode=bogus").is_err());
    }

    #[test]
    fn poolers_are_recognised() {
        assert!(
            parse("postgres://u@h:6432/db")
                .expect("parse")
                .looks_like_pooler()
        );
        assert!(
            !parse("postgres://u@h:5432/db")
                .expect("parse")
                .looks_like_pooler()
        );
    }
}
